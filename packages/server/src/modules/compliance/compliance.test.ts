import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../cli/import.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { seedDirectory } from '../offices/offices.service.ts';

const EXAMPLE = new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url);

interface Cell {
  subject: string;
  periodKey: string;
  count: number;
  status: string;
}
interface TargetView {
  text: string;
  period: string;
  ledger: string;
  level: string | null;
  attainment: string;
  subjects: string[];
  cells: Cell[];
}

describe.each(DIALECTS)('frequency compliance on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let leader: string;
  let planId: string;
  let street: string;

  const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: who },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = (r: LightMyRequestResponse, status = 200) => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    const committed = await importDocument(t.store.db, {
      bytes: readFileSync(EXAMPLE),
      fileName: 'luohu-2007-jichu.txt',
    });
    planId = committed.planId as string;
    const offices = await t.store.db.selectFrom('offices').select(['id', 'kind']).orderBy('name').execute();
    street = offices.find((o) => o.kind === 'street-office')?.id as string;
    admin = await t.cookieFor('admin');
    leader = await t.cookieFor('leader');
  });
  afterAll(async () => {
    await t.close();
  });

  const compliance = async (date: string): Promise<TargetView[]> =>
    ok(await call(leader, 'GET', `/api/plans/${planId}/compliance?date=${date}`)).targets;
  const cell = (target: TargetView | undefined, subject: string, periodKey: string) =>
    target?.cells.find((c) => c.subject === subject && c.periodKey === periodKey);

  it('needs a sign-in and a known plan', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/plans/${planId}/compliance` })).statusCode).toBe(401);
    expect((await call(leader, 'GET', '/api/plans/nope/compliance?date=2007-07-20')).statusCode).toBe(404);
    expect((await call(leader, 'GET', `/api/plans/${planId}/compliance?date=July`)).statusCode).toBe(400);
  });

  it('counts visits by linked persons per quarter', async () => {
    const link = async (person: string) =>
      ok(
        await call(admin, 'POST', '/api/ledgers/links', {
          officeId: null,
          person,
          personTitle: '区领导',
          communityOfficeId: street,
          since: '2007-01-01',
        }),
        201,
      ).id as string;
    const zhang = await link('张三');
    const li = await link('李四');
    const visit = async (linkId: string, person: string, date: string) =>
      ok(
        await call(admin, 'POST', '/api/ledgers/visits', {
          officeId: street,
          linkId,
          person,
          communityOfficeId: street,
          date,
          durationHours: 2,
          notes: '',
          problemsRaised: '',
        }),
        201,
      );
    await visit(zhang, '张三', '2007-02-10');
    await visit(zhang, '张三', '2007-05-01');
    await visit(li, '李四', '2007-03-01');

    const targets = await compliance('2007-07-20');
    const quarterly = targets.find((x) => x.text === '区级领导干部每季度到挂钩联系点不少于1次');
    expect(quarterly).toMatchObject({ ledger: 'visits', period: 'quarter', subjects: ['张三', '李四'] });
    expect(cell(quarterly, '张三', '2007-Q1')).toMatchObject({ count: 1, status: 'met' });
    expect(cell(quarterly, '张三', '2007-Q2')).toMatchObject({ count: 1, status: 'met' });
    expect(cell(quarterly, '李四', '2007-Q1')).toMatchObject({ count: 1, status: 'met' });
    expect(cell(quarterly, '李四', '2007-Q2')).toMatchObject({ count: 0, status: 'missed' });
    expect(cell(quarterly, '李四', '2007-Q3')).toMatchObject({ count: 0, status: 'open' });
    expect(cell(quarterly, '李四', '2007-Q4')).toBeUndefined();
    expect(quarterly?.attainment).toBe('missed');

    // Looked back on from the next year, the plan's year is still counted from its ledgers.
    const after = (await compliance('2008-03-01')).find((x) => x.text === quarterly?.text);
    expect(cell(after, '张三', '2007-Q2')).toMatchObject({ count: 1, status: 'met' });
    expect(cell(after, '李四', '2007-Q4')).toMatchObject({ count: 0, status: 'missed' });

    // At the end of Q2's first day nothing is closed but Q1: both met.
    const early = (await compliance('2007-04-01')).find((x) => x.text === quarterly?.text);
    expect(early?.attainment).toBe('met');
  });

  it('counts diaries per cadre per week and says which targets it cannot map', async () => {
    for (const date of ['2007-01-03', '2007-01-05', '2007-01-10']) {
      ok(
        await call(admin, 'POST', '/api/ledgers/diaries', { officeId: street, cadre: '王五', date, text: '走访' }),
        201,
      );
    }
    const targets = await compliance('2007-01-20');
    const weekly = targets.find((x) => x.text === '驻社区干部坚持每周至少记录民情日记1篇');
    expect(weekly).toMatchObject({ ledger: 'diaries', period: 'week', subjects: ['王五'] });
    expect(cell(weekly, '王五', '2007-W01')).toMatchObject({ count: 2, status: 'met' });
    expect(cell(weekly, '王五', '2007-W02')).toMatchObject({ count: 1, status: 'met' });
    expect(cell(weekly, '王五', '2007-W03')).toMatchObject({ count: 0, status: 'open' });

    const meetings = targets.filter((x) => x.ledger === 'meetings').map((x) => [x.period, x.level]);
    expect(meetings).toContainEqual(['quarter', 'district']);
    expect(meetings).toContainEqual(['month', 'street']);
    const unmapped = targets.find((x) => x.text === '街道执法队每月组织1次政治思想学习和职业道德教育');
    expect(unmapped).toMatchObject({ ledger: 'unmapped', attainment: 'no-data', cells: [] });
  });
});

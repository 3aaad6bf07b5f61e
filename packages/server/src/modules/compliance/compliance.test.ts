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
  targetId: string;
  text: string;
  subject: string;
  subjectKind: string | null;
  periods: { key: string }[];
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

  const call = async (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
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
    // Kept in Duban from the start of its year, so its 2007 ledgers are Duban's to judge.
    await t.store.db.updateTable('plans').set({ created_at: '2007-01-01T00:00:00.000Z' }).execute();
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

  const roster = async (category: string, name: string, officeId: string | null = null) =>
    ok(await call(admin, 'POST', '/api/rosters', { category, name, officeId }), 201);

  it('judges each roster category by its own rule, counting those who logged nothing as missed', async () => {
    await roster('区级领导', '张三');
    await roster('区级领导', '王六');
    await roster('区直单位负责人', '李四');
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
    // District leaders only, by the quarterly rule: 王六 logged nothing and is missed, not absent.
    expect(quarterly).toMatchObject({
      ledger: 'visits',
      period: 'quarter',
      subject: 'roster:区级领导',
      subjectKind: 'person',
      subjects: ['张三', '王六'],
    });
    expect(cell(quarterly, '张三', '2007-Q1')).toMatchObject({ count: 1, status: 'met' });
    expect(cell(quarterly, '张三', '2007-Q2')).toMatchObject({ count: 1, status: 'met' });
    expect(cell(quarterly, '王六', '2007-Q1')).toMatchObject({ count: 0, status: 'missed' });
    expect(cell(quarterly, '王六', '2007-Q3')).toMatchObject({ count: 0, status: 'open' });
    expect(cell(quarterly, '王六', '2007-Q4')).toBeUndefined();
    expect(quarterly?.attainment).toBe('missed');
    // Heads of district offices by the two-month rule; a district leader is not one of them.
    const bimonthly = targets.find((x) => x.text === '区直单位负责人每两个月到挂钩联系点不少于1次');
    expect(bimonthly).toMatchObject({ subject: 'roster:区直单位负责人', subjects: ['李四'] });
    expect(cell(bimonthly, '李四', '2007-B1')).toMatchObject({ count: 0, status: 'missed' });
    expect(cell(bimonthly, '李四', '2007-B2')).toMatchObject({ count: 1, status: 'met' });

    // Looked back on from the next year, the plan's year is still counted from its ledgers.
    const after = (await compliance('2008-03-01')).find((x) => x.text === quarterly?.text);
    expect(cell(after, '张三', '2007-Q2')).toMatchObject({ count: 1, status: 'met' });
    expect(cell(after, '王六', '2007-Q4')).toMatchObject({ count: 0, status: 'missed' });
  });

  it('counts diaries per cadre of the roster per week and says which targets it cannot map', async () => {
    await roster('驻社区干部', '王五', street);
    await roster('驻社区干部', '赵七', street);
    for (const date of ['2007-01-03', '2007-01-05', '2007-01-10']) {
      ok(
        await call(admin, 'POST', '/api/ledgers/diaries', { officeId: street, cadre: '王五', date, text: '走访' }),
        201,
      );
    }
    const targets = await compliance('2007-01-20');
    const weekly = targets.find((x) => x.text === '驻社区干部坚持每周至少记录民情日记1篇');
    expect(weekly).toMatchObject({ ledger: 'diaries', period: 'week', subjects: ['王五', '赵七'] });
    expect(cell(weekly, '王五', '2007-W01')).toMatchObject({ count: 2, status: 'met' });
    expect(cell(weekly, '王五', '2007-W02')).toMatchObject({ count: 1, status: 'met' });
    expect(cell(weekly, '王五', '2007-W03')).toMatchObject({ count: 0, status: 'open' });
    expect(cell(weekly, '赵七', '2007-W01')).toMatchObject({ count: 0, status: 'missed' });

    const meetings = targets.filter((x) => x.ledger === 'meetings').map((x) => [x.period, x.level]);
    expect(meetings).toContainEqual(['quarter', 'district']);
    expect(meetings).toContainEqual(['month', 'street']);
    const unmapped = targets.find((x) => x.text === '街道执法队每月组织1次政治思想学习和职业道德教育');
    expect(unmapped).toMatchObject({ ledger: 'unmapped', attainment: 'no-data', cells: [] });
  });

  it('judges the streets by the street meeting rule and the plan office by the district one', async () => {
    const offices = await t.store.db.selectFrom('offices').select(['id', 'name', 'kind']).execute();
    const planOffice = offices.find((o) => o.name === '区委基层办')?.id as string;
    const streets = offices.filter((o) => o.kind === 'street-office').map((o) => o.id);
    ok(
      await call(admin, 'POST', '/api/ledgers/meetings', {
        officeId: street,
        level: 'street',
        date: '2007-06-12',
        topic: '驻社区工作会议',
        attendance: 30,
      }),
      201,
    );
    const targets = await compliance('2007-07-20');
    const text = '全区每季度一次、街道每月一次召开驻(挂)社区工作会议';
    const monthly = targets.find((x) => x.text === text && x.period === 'month');
    expect(monthly?.subject).toBe('class:street');
    expect([...(monthly?.subjects ?? [])].sort()).toEqual([...streets].sort());
    expect(monthly?.subjects).not.toContain(planOffice);
    expect(cell(monthly, street, '2007-M06')).toMatchObject({ count: 1, status: 'met' });
    const quarterly = targets.find((x) => x.text === text && x.period === 'quarter');
    expect(quarterly).toMatchObject({ subject: 'district', subjects: [planOffice] });
  });

  it('counts every member of a lead group, a member who logged no training missed', async () => {
    const groups = await t.store.db
      .selectFrom('office_groups')
      .innerJoin('office_group_members', 'office_group_members.group_id', 'office_groups.id')
      .select('office_group_members.office_id')
      .where('office_groups.name', '=', '各基层党(工)委')
      .execute();
    const members = groups.map((g) => g.office_id);
    expect(members.length).toBe(12);
    const trained = members[0] as string;
    ok(
      await call(admin, 'POST', '/api/ledgers/trainings', {
        officeId: trained,
        date: '2007-05-10',
        topic: '党务干部培训',
        attendees: 40,
      }),
      201,
    );
    const targets = await compliance('2008-01-05');
    const training = targets.find((x) => x.text.startsWith('各街道、社区干部及'));
    expect(training).toMatchObject({ ledger: 'trainings', period: 'year', subject: 'leads' });
    for (const m of members) expect(training?.subjects).toContain(m);
    expect(cell(training, trained, '2007')).toMatchObject({ count: 1, status: 'met' });
    expect(cell(training, members[1] as string, '2007')).toMatchObject({ count: 0, status: 'missed' });
    expect(training?.attainment).toBe('missed');
  });

  it('counts 每天 over working days only', async () => {
    const targets = await compliance('2007-01-10');
    const daily = targets.find((x) => x.text === '每天召开班前业务分析会');
    expect(daily).toMatchObject({ ledger: 'meetings', period: 'day', subject: 'class:street' });
    // 1–3 January was the New Year holiday, 6–7 a weekend.
    expect(daily?.periods.map((p) => p.key)).toEqual([
      '2007-01-04',
      '2007-01-05',
      '2007-01-08',
      '2007-01-09',
      '2007-01-10',
    ]);
  });

  it('lets the plan office say whom a target binds, versioned', async () => {
    const plan = ok(await call(admin, 'GET', `/api/plans/${planId}`));
    const target = plan.sections
      .flatMap((s: { tasks: { targets: { id: string; text: string; subject: string | null; version: number }[] }[] }) =>
        s.tasks.flatMap((k) => k.targets),
      )
      .find((x: { text: string }) => x.text === '街道执法队每月组织1次政治思想学习和职业道德教育');
    expect(target.subject).toBe('class:street');
    const bad = await call(admin, 'PATCH', `/api/targets/${target.id}`, {
      version: target.version,
      subject: 'everyone',
    });
    expect(bad.statusCode).toBe(400);
    const edited = ok(
      await call(admin, 'PATCH', `/api/targets/${target.id}`, { version: target.version, subject: 'roster:执法人员' }),
    );
    expect(edited).toMatchObject({ subject: 'roster:执法人员', version: target.version + 1 });
    expect(
      (await call(admin, 'PATCH', `/api/targets/${target.id}`, { version: target.version, subject: 'leads' }))
        .statusCode,
    ).toBe(409);
    const after = (await compliance('2007-07-20')).find((x) => x.targetId === target.id);
    expect(after?.subject).toBe('roster:执法人员');
  });

  it('gives the status API and the dashboard the attainment the compliance table shows', async () => {
    const date = '2007-07-20';
    const targets = await compliance(date);
    const status = ok(await call(leader, 'GET', `/api/plans/${planId}/status?date=${date}`));
    const attainmentOf = new Map<string, string>(
      status.tasks.flatMap((k: { targets: { targetId: string; attainment: string }[] }) =>
        k.targets.map((x) => [x.targetId, x.attainment]),
      ),
    );
    // 王六 has not visited all year: missed on the board too, not 暂无数据.
    const leaders = targets.find((x) => x.text === '区级领导干部每季度到挂钩联系点不少于1次');
    expect(leaders?.attainment).toBe('missed');
    for (const target of targets) expect(attainmentOf.get(target.targetId), target.text).toBe(target.attainment);
    // The dashboard counts the same attainments, the leaders' target among the missed.
    const missed = [...attainmentOf.values()].filter((a) => a === 'missed').length;
    const dashboard = ok(await call(leader, 'GET', `/api/plans/${planId}/dashboard?date=${date}`));
    const counted = dashboard.targets.find((x: { attainment: string }) => x.attainment === 'missed');
    expect(counted?.count).toBe(missed);
    expect(missed).toBeGreaterThanOrEqual(1);
  });
});

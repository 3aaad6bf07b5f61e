import { readFileSync } from 'node:fs';
import { chinaDate, periodAt, periodLabel } from '@duban/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../cli/import.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { seedDirectory } from '../offices/offices.service.ts';
import { lockReason, periodOfKey } from './reports.service.ts';

const EXAMPLE = new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url);

describe('period locks', () => {
  it('reads period keys and names them', () => {
    expect(periodOfKey('2026-M10')).toEqual({ key: '2026-M10', start: '2026-10-01', end: '2026-10-31' });
    expect(periodOfKey('2007-Q2')?.end).toBe('2007-06-30');
    expect(periodOfKey('2007')?.end).toBe('2007-12-31');
    expect(periodOfKey('2007-X1')).toBeNull();
    expect(periodLabel('2026-M10')).toBe('2026年10月');
    expect(periodLabel('2007-Q3')).toBe('2007年第3季度');
    expect(periodLabel('2007-H1')).toBe('2007年上半年');
  });

  it('locks the day after the lock date unless an exception still runs', () => {
    // 2026-10: due 5 working days after 31 October (6 November), locked 10 more later (20 November).
    const facts = { periodKey: '2026-M10', dueWorkingDays: 5, lockDays: 10, exceptionsUntil: [] };
    expect(lockReason({ ...facts, today: '2026-11-20' })).toBeNull();
    expect(lockReason({ ...facts, today: '2026-11-21' })).toBe(
      '2026年10月的报送已于2026-11-21锁定;如需补报,请联系基层办开通例外',
    );
    expect(lockReason({ ...facts, today: '2026-11-25', exceptionsUntil: ['2026-11-25'] })).toBeNull();
    expect(lockReason({ ...facts, today: '2026-11-26', exceptionsUntil: ['2026-11-25'] })).not.toBeNull();
    expect(lockReason({ ...facts, periodKey: 'June', today: '2099-01-01' })).toBeNull();
  });
});

describe.each(DIALECTS)('report locks over HTTP on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let labour: string;
  let planId: string;
  let taskId: string;
  let officeId: string;
  const today = chinaDate(new Date().toISOString());
  const current = periodAt('monthly', today).key;

  const call = async (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const status = (r: LightMyRequestResponse, code: number) => {
    expect(r.statusCode, r.body).toBe(code);
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
    const task = await t.store.db
      .selectFrom('tasks')
      .select('id')
      .where('plan_id', '=', planId)
      .where('number', '=', '8')
      .executeTakeFirstOrThrow();
    taskId = task.id;
    const office = await t.store.db
      .selectFrom('offices')
      .select('id')
      .where('name', '=', '区劳动局')
      .executeTakeFirstOrThrow();
    officeId = office.id;
    admin = await t.cookieFor('admin');
    labour = await t.cookieFor('reporter', officeId);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets an office report the current period', async () => {
    status(await call(labour, 'POST', '/api/reports', { taskId, periodKey: current }), 201);
  });

  it('refuses a locked period to reporters and administrators alike', async () => {
    const refused = status(await call(labour, 'POST', '/api/reports', { taskId, periodKey: '2007-M06' }), 409);
    expect(refused.error).toMatchObject({ code: 'conflict', field: 'periodKey' });
    expect(refused.error.message).toMatch(
      /^Reports for 2007-M06 locked on 2007-07-\d\d; to report late, ask the plan office for an exception \(补报例外\)$/u,
    );
    const zh = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { cookie: labour, 'accept-language': 'zh-CN' },
      payload: { taskId, periodKey: '2007-M06' },
    });
    expect(zh.json().error.message).toMatch(/^2007年6月的报送已于2007-07-\d\d锁定;如需补报,请联系基层办开通例外$/u);
    status(await call(admin, 'POST', '/api/reports', { taskId, officeId, periodKey: '2007-M06' }), 409);
  });

  it('opens a locked period with an exception, and locks edits and submits once it expires', async () => {
    const grant = (until: string, to = officeId, periodKey = '2007-M07') =>
      call(admin, 'POST', `/api/plans/${planId}/exceptions`, { officeId: to, periodKey, until });
    // Another office's exception, or one for another period, opens nothing here.
    const education = await t.store.db
      .selectFrom('offices')
      .select('id')
      .where('name', '=', '区教育局')
      .executeTakeFirstOrThrow();
    status(await grant('9999-12-31', education.id), 201);
    status(await grant('9999-12-31', officeId, '2007-M08'), 201);
    status(await grant('2007-12-31'), 201);
    status(await call(labour, 'POST', '/api/reports', { taskId, periodKey: '2007-M07' }), 409);

    status(await grant('9999-12-31'), 201);
    const created = status(await call(labour, 'POST', '/api/reports', { taskId, periodKey: '2007-M07' }), 201);
    const edited = status(
      await call(labour, 'PATCH', `/api/reports/${created.id}`, { version: 1, narrative: '补报' }),
      200,
    );
    // The exception ends: the draft can be neither edited nor submitted.
    await t.store.db
      .updateTable('report_exceptions')
      .set({ until: '2007-12-31' })
      .where('plan_id', '=', planId)
      .execute();
    status(await call(labour, 'PATCH', `/api/reports/${created.id}`, { version: edited.version, narrative: 'x' }), 409);
    status(await call(labour, 'POST', `/api/reports/${created.id}/submit`, { version: edited.version }), 409);
    status(await call(admin, 'POST', `/api/reports/${created.id}/submit`, { version: edited.version }), 409);
  });
});

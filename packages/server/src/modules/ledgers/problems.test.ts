import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../cli/import.ts';
import { newId } from '../../db/ids.ts';
import { backfillProblemPlans } from '../../db/migrations/013-idempotency-problem-plans.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { callAs, ok, seedLedgerUsers } from './testbed.ts';

interface ProblemEvent {
  action: string;
  userName: string | null;
  comment: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
}

describe.each(DIALECTS)('the problem ledger on %s', (dialect) => {
  let t: TestApp;
  let street: string;
  let other: string;
  const cookies: Record<string, string> = {};
  const call = callAs(() => t, cookies);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ street, other } = await seedLedgerUsers(t, cookies));
  });
  afterAll(async () => {
    await t.close();
  });

  const raise = async (extra: object = {}) =>
    ok(
      await call('inspector', 'POST', '/api/problems', {
        title: '消防通道被占',
        category: 'safety-hazard',
        source: 'inspection',
        ownerOfficeId: street,
        ...extra,
      }),
      201,
    );

  it('edits, assigns and closes a problem with a note, each step in its history and the audit log', async () => {
    let p = await raise({ description: '黄贝岭村东门' });
    p = ok(await call('reporter', 'PATCH', `/api/problems/${p.id}`, { version: p.version, place: '东门' }));
    // A reporter may not hand a problem to another office.
    expect(
      (await call('reporter', 'POST', `/api/problems/${p.id}/assign`, { version: p.version, ownerOfficeId: other }))
        .statusCode,
    ).toBe(403);
    p = ok(
      await call('inspector', 'POST', `/api/problems/${p.id}/assign`, {
        version: p.version,
        ownerOfficeId: other,
        comment: '属地在翠竹街道',
      }),
    );
    expect(p.ownerOfficeId).toBe(other);
    // The first office no longer sees it; the new one closes it, saying how.
    expect((await call('reporter', 'GET', `/api/problems/${p.id}`)).statusCode).toBe(404);
    const noNote = await call('otherReporter', 'POST', `/api/problems/${p.id}/close`, {
      version: p.version,
      note: ' ',
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.field).toBe('note');
    p = ok(
      await call('otherReporter', 'POST', `/api/problems/${p.id}/close`, { version: p.version, note: '已清理通道' }),
    );
    expect(p).toMatchObject({ status: 'closed', overdue: false });
    expect(p.closedAt).not.toBeNull();
    const again = await call('otherReporter', 'POST', `/api/problems/${p.id}/close`, {
      version: p.version,
      note: 'x',
    });
    expect(again.statusCode).toBe(409);

    const history = ok(await call('leader', 'GET', `/api/problems/${p.id}/history`)).items as ProblemEvent[];
    expect(history.map((e) => e.action)).toEqual(['create', 'edit', 'assign', 'close']);
    expect(history[1]?.changes).toEqual([{ field: 'place', before: '', after: '东门' }]);
    expect(history[2]).toMatchObject({
      comment: '属地在翠竹街道',
      changes: [{ field: 'ownerOfficeId', before: street, after: other }],
    });
    expect(history[3]?.comment).toBe('已清理通道');
    expect(history.every((e) => e.userName !== null)).toBe(true);
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'problem')
      .where('entity_id', '=', p.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update']);
  });

  it('marks a problem overdue only while it is not closed and past its deadline', async () => {
    const late = await raise({ deadline: '2007-03-31' });
    const due = await raise({ deadline: '2099-12-31' });
    const none = await raise();
    expect(late.overdue).toBe(true);
    expect(due.overdue).toBe(false);
    expect(none.overdue).toBe(false);
    const closed = ok(
      await call('inspector', 'POST', `/api/problems/${late.id}/close`, { version: late.version, note: '已整改' }),
    );
    expect(closed.overdue).toBe(false);
    const listed = ok(await call('inspector', 'GET', '/api/problems')).items as { id: string; overdue: boolean }[];
    expect(listed.find((p) => p.id === late.id)?.overdue).toBe(false);
  });

  it('refuses a second order on a problem whose order is still open, in both languages', async () => {
    const p = await raise();
    const first = ok(
      await call('inspector', 'POST', '/api/orders', { problemId: p.id, leadOfficeId: street, deadline: '2099-12-31' }),
      201,
    );
    expect(ok(await call('inspector', 'GET', `/api/problems/${p.id}`)).openOrders).toBe(1);
    const second = await call('inspector', 'POST', '/api/orders', {
      problemId: p.id,
      leadOfficeId: street,
      deadline: '2099-12-31',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/open supervision order/u);
    const zh = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { cookie: cookies.inspector as string, 'accept-language': 'zh-CN' },
      payload: { problemId: p.id, leadOfficeId: street, deadline: '2099-12-31' },
    });
    expect(zh.json().error.message).toMatch(/未销号的督办单/u);
    const orders = ok(await call('inspector', 'GET', `/api/orders?problemId=${p.id}`)).items as { id: string }[];
    expect(orders.map((o) => o.id)).toEqual([first.id]);
  });

  it('refuses over-long text rather than cutting it', async () => {
    const long = await call('inspector', 'POST', '/api/problems', {
      title: '长描述',
      description: '字'.repeat(20_001),
      category: 'other',
      source: 'inspection',
      ownerOfficeId: street,
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.field).toBe('body.description');
    const title = await call('inspector', 'POST', '/api/problems', {
      title: '题'.repeat(201),
      category: 'other',
      source: 'inspection',
      ownerOfficeId: street,
    });
    expect(title.statusCode).toBe(400);
    expect(await t.store.db.selectFrom('problems').select('id').where('title', '=', '长描述').execute()).toEqual([]);
  });

  it('backfills the plan of problems recorded before plans: an order’s task, else the year’s plan', async () => {
    const db = t.store.db;
    const example = new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url);
    const first = (await importDocument(db, { bytes: readFileSync(example), fileName: 'a.txt' })).planId as string;
    const second = (await importDocument(db, { bytes: readFileSync(example), fileName: 'b.txt' })).planId as string;
    await db.updateTable('plans').set({ year: 2007 }).where('id', '=', first).execute();
    await db.updateTable('plans').set({ year: 2009 }).where('id', '=', second).execute();
    const task = await db.selectFrom('tasks').select('id').where('plan_id', '=', first).executeTakeFirstOrThrow();
    const row = (createdAt: string) => ({
      id: newId(),
      title: '旧问题',
      description: '',
      category: 'other' as const,
      place: '',
      source: 'inspection' as const,
      source_id: null,
      owner_office_id: street,
      plan_id: null,
      deadline: null,
      status: 'open' as const,
      reopened_from: null,
      closed_at: null,
      version: 1,
      created_by: null,
      created_at: createdAt,
      updated_at: createdAt,
    });
    const ofOrder = row('2009-05-01T02:00:00.000Z');
    const of2009 = row('2009-06-01T02:00:00.000Z');
    const of2007 = row('2007-06-01T02:00:00.000Z');
    const ofNone = row('2012-06-01T02:00:00.000Z');
    await db.insertInto('problems').values([ofOrder, of2009, of2007, ofNone]).execute();
    await db
      .insertInto('orders')
      .values({
        id: newId(),
        problem_id: ofOrder.id,
        task_id: task.id,
        lead_office_id: street,
        support_office_ids: '[]',
        deadline: '2009-06-30',
        state: 'drafted',
        escalation_level: 0,
        created_by: null,
        approved_by: null,
        rectified_by: null,
        verified_by: null,
        version: 1,
        created_at: ofOrder.created_at,
        updated_at: ofOrder.created_at,
      })
      .execute();
    await backfillProblemPlans(db as unknown as Kysely<unknown>);
    const planOf = async (id: string) =>
      (await db.selectFrom('problems').select('plan_id').where('id', '=', id).executeTakeFirstOrThrow()).plan_id;
    expect(await planOf(ofOrder.id)).toBe(first);
    expect(await planOf(of2009.id)).toBe(second);
    expect(await planOf(of2007.id)).toBe(first);
    expect(await planOf(ofNone.id)).toBeNull();
  });
});

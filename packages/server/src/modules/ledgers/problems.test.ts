import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});

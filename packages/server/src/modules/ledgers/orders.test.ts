import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { callAs, ok, seedLedgerUsers } from './testbed.ts';

describe.each(DIALECTS)('problems and supervision orders on %s', (dialect) => {
  let t: TestApp;
  let street: string;
  let other: string;
  let dept: string;
  const cookies: Record<string, string> = {};

  const call = callAs(() => t, cookies);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ street, other, dept } = await seedLedgerUsers(t, cookies));
    // A second inspector, to verify what the first did not report.
    const u = `inspector-2-${Date.now()}`;
    await t.addUser(u, 'inspector');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u, password: 'correct-horse-9' },
    });
    cookies.inspector2 = `duban_session=${login.cookies.find((c) => c.name === 'duban_session')?.value}`;
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs a problem from a visit through an order to closing, then reopens it', async () => {
    const visit = ok(
      await call('reporter', 'POST', '/api/ledgers/visits', {
        person: '张三',
        communityOfficeId: street,
        date: '2026-03-02',
        durationHours: 2.5,
        problemsRaised: '路灯不亮',
      }),
      201,
    );
    expect(visit.officeId).toBe(street);

    const problem = ok(
      await call('inspector', 'POST', '/api/problems', {
        title: '路灯不亮',
        category: 'safety-hazard',
        place: '东门路',
        source: 'visit',
        sourceId: visit.id,
        ownerOfficeId: street,
        deadline: '2026-04-30',
      }),
      201,
    );
    expect(problem).toMatchObject({ status: 'open', sourceId: visit.id, reopenedFrom: null });
    expect(
      (await call('inspector', 'POST', '/api/problems', { ...problem, sourceId: 'no-such-visit' })).statusCode,
    ).toBe(400);

    let order = ok(
      await call('inspector', 'POST', '/api/orders', {
        problemId: problem.id,
        leadOfficeId: street,
        supportOfficeIds: [dept, street],
        deadline: '2026-04-30',
      }),
      201,
    );
    expect(order).toMatchObject({ state: 'drafted', supportOfficeIds: [dept] });
    expect(['green', 'yellow', 'red']).toContain(order.colour);
    const neither = await call('inspector', 'POST', '/api/orders', { leadOfficeId: street, deadline: '2026-04-30' });
    expect(neither.statusCode).toBe(400);

    // Not issued before approval; the inspector cannot approve.
    const early = await call('inspector', 'POST', `/api/orders/${order.id}/issue`, { version: order.version });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('drafted');
    expect((await call('inspector', 'POST', `/api/orders/${order.id}/approve`, { version: 1 })).statusCode).toBe(403);

    order = ok(await call('leader', 'POST', `/api/orders/${order.id}/approve`, { version: order.version }));
    expect(order.state).toBe('approved');
    order = ok(await call('inspector', 'POST', `/api/orders/${order.id}/issue`, { version: order.version }));
    expect(order.state).toBe('issued');

    // Another office's reporter can neither see nor sign it.
    expect((await call('otherReporter', 'POST', `/api/orders/${order.id}/sign`, { version: 3 })).statusCode).toBe(404);
    expect(ok(await call('otherReporter', 'GET', '/api/orders')).items).toEqual([]);
    // A stale version is refused.
    expect((await call('reporter', 'POST', `/api/orders/${order.id}/sign`, { version: 1 })).statusCode).toBe(409);

    order = ok(await call('reporter', 'POST', `/api/orders/${order.id}/sign`, { version: order.version }));
    expect(order.state).toBe('signed');
    expect(ok(await call('reporter', 'GET', `/api/problems/${problem.id}`)).status).toBe('in-progress');

    // Urging an overdue order raises its recorded level, which changes its version.
    order = ok(await call('inspector', 'POST', `/api/orders/${order.id}/urge`, { comment: '请加快' }));
    order = ok(
      await call('reporter', 'POST', `/api/orders/${order.id}/feedback`, {
        version: order.version,
        comment: '已联系供电局',
        attachments: ['photo-1.jpg'],
      }),
    );
    expect(order.state).toBe('handling');
    order = ok(await call('reporter', 'POST', `/api/orders/${order.id}/rectify`, { version: order.version }));
    expect(order.state).toBe('rectified');

    // A return needs a reason, then sends it back to handling.
    expect(
      (await call('inspector', 'POST', `/api/orders/${order.id}/return`, { version: order.version })).statusCode,
    ).toBe(400);
    order = ok(
      await call('inspector', 'POST', `/api/orders/${order.id}/return`, {
        version: order.version,
        comment: '仍有两盏不亮',
      }),
    );
    expect(order.state).toBe('handling');
    order = ok(await call('reporter', 'POST', `/api/orders/${order.id}/rectify`, { version: order.version }));

    // The reporter who rectified may not verify.
    expect(
      (await call('reporter', 'POST', `/api/orders/${order.id}/verify`, { version: order.version })).statusCode,
    ).toBe(403);
    order = ok(await call('inspector', 'POST', `/api/orders/${order.id}/verify`, { version: order.version }));
    expect(order.state).toBe('verified');
    order = ok(await call('inspector', 'POST', `/api/orders/${order.id}/close`, { version: order.version }));
    expect(order).toMatchObject({ state: 'closed', colour: 'green', escalationLevel: 0 });
    expect((await call('inspector', 'POST', `/api/orders/${order.id}/urge`, {})).statusCode).toBe(409);
    expect(
      (await call('inspector', 'POST', `/api/orders/${order.id}/close`, { version: order.version })).statusCode,
    ).toBe(409);

    const detail = ok(await call('reporter', 'GET', `/api/orders/${order.id}`));
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'draft',
      'approve',
      'issue',
      'sign',
      'urge',
      'feedback',
      'rectify',
      'return',
      'rectify',
      'verify',
      'close',
    ]);
    expect(detail.events[5]).toMatchObject({ comment: '已联系供电局', attachments: ['photo-1.jpg'] });

    const closed = ok(await call('inspector', 'GET', `/api/problems/${problem.id}`));
    expect(closed.status).toBe('closed');
    expect(
      (await call('inspector', 'PATCH', `/api/problems/${problem.id}`, { version: closed.version, status: 'open' }))
        .statusCode,
    ).toBe(409);
    const reopened = ok(await call('inspector', 'POST', `/api/problems/${problem.id}/reopen`, {}), 201);
    expect(reopened).toMatchObject({ status: 'open', reopenedFrom: problem.id, title: '路灯不亮' });
    expect((await call('inspector', 'POST', `/api/problems/${reopened.id}/reopen`, {})).statusCode).toBe(409);

    const audit = await t.store.db
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .where('entity', 'in', ['order', 'problem', 'visit'])
      .execute();
    expect(audit.filter((a) => a.entity === 'order').length).toBe(11);
    expect(audit.filter((a) => a.entity === 'problem' && a.action === 'create').length).toBe(2);
    expect(audit.filter((a) => a.entity === 'visit').length).toBe(1);
  });

  it('lets an admin who rectified not verify, and keeps offices to their own problems', async () => {
    const problem = ok(
      await call('reporter', 'POST', '/api/problems', { title: '噪音扰民', category: 'dispute', source: 'hotline' }),
      201,
    );
    expect(problem.ownerOfficeId).toBe(street);
    expect(
      (
        await call('reporter', 'POST', '/api/problems', {
          title: 'x',
          category: 'other',
          source: 'report',
          ownerOfficeId: other,
        })
      ).statusCode,
    ).toBe(403);
    expect((await call('otherReporter', 'GET', `/api/problems/${problem.id}`)).statusCode).toBe(404);
    expect(ok(await call('otherReporter', 'GET', '/api/problems')).items).toEqual([]);
    expect(ok(await call('leader', 'GET', '/api/problems')).items.length).toBeGreaterThan(0);

    let order = ok(
      await call('admin', 'POST', '/api/orders', {
        problemId: problem.id,
        leadOfficeId: street,
        deadline: '2020-01-01',
      }),
      201,
    );
    expect(order).toMatchObject({ colour: 'red', escalationLevel: 3 });
    for (const step of ['approve', 'issue', 'sign', 'rectify']) {
      order = ok(await call('admin', 'POST', `/api/orders/${order.id}/${step}`, { version: order.version }));
    }
    expect((await call('admin', 'POST', `/api/orders/${order.id}/verify`, { version: order.version })).statusCode).toBe(
      403,
    );
    order = ok(await call('inspector2', 'POST', `/api/orders/${order.id}/verify`, { version: order.version }));
    expect(order.state).toBe('verified');
    expect(ok(await call('leader', 'POST', `/api/orders/${order.id}/urge`, {})).urgedLevel).toBe(3);
    expect(ok(await call('leader', 'GET', '/api/orders?colour=red')).items.map((o: { id: string }) => o.id)).toContain(
      order.id,
    );
  });
});

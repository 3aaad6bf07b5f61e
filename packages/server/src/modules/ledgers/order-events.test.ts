import { chinaToday, escalationLevel } from '@duban/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { seedDirectory } from '../offices/offices.service.ts';
import { callAs, ok } from './testbed.ts';

/** An order's timeline names who acted, and says how far an urged order had escalated. */
describe.each(DIALECTS)('supervision order events on %s', (dialect) => {
  let t: TestApp;
  let street: string;
  const cookies: Record<string, string> = {};
  const call = callAs(() => t, cookies);

  /** Sign in a user whose display name is `name`. */
  const signIn = async (name: string, role: 'admin' | 'leader' | 'inspector' | 'reporter', officeId?: string) => {
    await t.addUser(name, role, officeId ?? null);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: name, password: TEST_PASSWORD },
    });
    cookies[name] = `duban_session=${r.cookies.find((c) => c.name === 'duban_session')?.value}`;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    street = (
      await t.store.db.selectFrom('offices').select('id').where('name', '=', '黄贝街道办事处').executeTakeFirstOrThrow()
    ).id;
    await signIn('督查员甲', 'inspector');
    await signIn('区领导乙', 'leader');
    await signIn('街道经办丙', 'reporter', street);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives each event the name of who acted, the attachments, and an urge its level', async () => {
    const problem = ok(
      await call('督查员甲', 'POST', '/api/problems', {
        title: '井盖缺失',
        category: 'safety-hazard',
        source: 'inspection',
        ownerOfficeId: street,
      }),
      201,
    );
    // Long overdue: urged at the top level.
    let order = ok(
      await call('督查员甲', 'POST', '/api/orders', {
        problemId: problem.id,
        leadOfficeId: street,
        deadline: '2020-01-01',
      }),
      201,
    );
    order = ok(await call('区领导乙', 'POST', `/api/orders/${order.id}/approve`, { version: order.version }));
    order = ok(await call('督查员甲', 'POST', `/api/orders/${order.id}/issue`, { version: order.version }));
    order = ok(await call('街道经办丙', 'POST', `/api/orders/${order.id}/sign`, { version: order.version }));
    order = ok(await call('区领导乙', 'POST', `/api/orders/${order.id}/urge`, { comment: '尽快补齐' }));
    ok(
      await call('街道经办丙', 'POST', `/api/orders/${order.id}/feedback`, {
        version: order.version,
        comment: '已补齐',
        attachments: ['井盖照片.jpg'],
      }),
    );

    const events = ok(await call('街道经办丙', 'GET', `/api/orders/${order.id}`)).events as {
      id: string;
      action: string;
      userName: string | null;
      comment: string | null;
      attachments: string[];
      level: number | null;
    }[];
    expect(events.map((e) => [e.action, e.userName])).toEqual([
      ['draft', '督查员甲'],
      ['approve', '区领导乙'],
      ['issue', '督查员甲'],
      ['sign', '街道经办丙'],
      ['urge', '区领导乙'],
      ['feedback', '街道经办丙'],
    ]);
    // The server writes no words of its own into the timeline: comments are the users'.
    expect(events.map((e) => e.comment)).toEqual([null, null, null, null, '尽快补齐', '已补齐']);
    expect(events[5]?.attachments).toEqual(['井盖照片.jpg']);
    expect(events[4]?.level).toBe(escalationLevel('2020-01-01', chinaToday()));
    expect(events[4]?.level).toBe(3);
    expect(events.filter((e) => e.action !== 'urge').every((e) => e.level === null)).toBe(true);

    // An event of no user (the system) is still listed, without a name.
    const approve = events[1] as { id: string };
    await t.store.db.updateTable('order_events').set({ user_id: null }).where('id', '=', approve.id).execute();
    const after = ok(await call('督查员甲', 'GET', `/api/orders/${order.id}`)).events;
    expect(after).toHaveLength(6);
    expect(after[1]).toMatchObject({ action: 'approve', userId: null, userName: null });
  });
});

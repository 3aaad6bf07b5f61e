import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../cli/import.ts';
import { newId } from '../../db/ids.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { seedDirectory } from '../offices/offices.service.ts';
import { listWebhookTests } from './reminders.repository.ts';

const EXAMPLE = new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url);

type NotificationJson = {
  id: string;
  officeId: string | null;
  kind: string;
  subjectId: string;
  periodKey: string | null;
  message: string;
  readAt: string | null;
};

describe.each(DIALECTS)('notifications of events, mark all read, robot tests, exceptions revoked on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let planId: string;
  /** An office leading a task without targets, and another office. */
  let officeA: string;
  let officeAName: string;
  let officeB: string;
  let taskId: string;
  let taskTitle: string;
  let reporterA: string;
  let reporterB: string;

  const call = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    }) as Promise<LightMyRequestResponse>;
  const ok = async (r: Promise<LightMyRequestResponse>, status = 200) => {
    const answer = await r;
    expect(answer.statusCode, answer.body).toBe(status);
    return answer.statusCode === 204 ? null : answer.json();
  };
  const notes = async (cookie: string, query = '') =>
    (await ok(call(cookie, 'GET', `/api/notifications${query}`))) as NotificationJson[];
  const unreadCount = async (cookie: string) =>
    ((await ok(call(cookie, 'GET', '/api/notifications/unread-count'))) as { count: number }).count;
  const ofKind = (list: NotificationJson[], kind: string) => list.filter((n) => n.kind === kind);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    planId = (await importDocument(t.store.db, { bytes: readFileSync(EXAMPLE), fileName: 'luohu-2007-jichu.txt' }))
      .planId as string;
    const leads = await t.store.db
      .selectFrom('task_assignments')
      .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
      .leftJoin('targets', 'targets.task_id', 'tasks.id')
      .select(['tasks.id as task_id', 'tasks.title', 'task_assignments.office_id', 'targets.id as target_id'])
      .where('task_assignments.role', '=', 'lead')
      .where('task_assignments.office_id', 'is not', null)
      .orderBy('tasks.position')
      .execute();
    const first = leads.find((l) => l.target_id === null);
    if (!first?.office_id) throw new Error('the example has no task without targets led by one office');
    officeA = first.office_id;
    taskId = first.task_id;
    taskTitle = first.title;
    officeB = leads.find((l) => l.office_id !== officeA)?.office_id as string;
    officeAName = (await t.store.db.selectFrom('offices').select('name').where('id', '=', officeA).executeTakeFirst())
      ?.name as string;
    admin = await t.cookieFor('admin');
    reporterA = await t.cookieFor('reporter', officeA);
    reporterB = await t.cookieFor('reporter', officeB);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A report of office A for a 2007 month, handed in (2007 is long locked: an exception lets it). */
  const handedIn = async (periodKey: string) => {
    await t.store.db
      .insertInto('report_exceptions')
      .values({
        id: newId(),
        plan_id: planId,
        office_id: officeA,
        period_key: periodKey,
        until: '9999-12-31',
        granted_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const report = await ok(
      call(reporterA, 'POST', '/api/reports', {
        taskId,
        periodKey,
        progress: 'in-progress',
        narrative: '已召开专题会议部署,正在推进。',
      }),
      201,
    );
    return ok(call(reporterA, 'POST', `/api/reports/${report.id}/submit`, { version: report.version }));
  };

  it('a report returned, then accepted, tells its office (and no one else’s), in the review’s transaction', async () => {
    const report = await handedIn('2007-M06');
    const before = await notes(reporterA);
    // A stale review fails and leaves no word of it.
    expect(
      (await call(admin, 'POST', `/api/reports/${report.id}/return`, { version: 99, comment: '请补充数据' }))
        .statusCode,
    ).toBe(409);
    expect(await notes(reporterA)).toHaveLength(before.length);

    const returned = await ok(
      call(admin, 'POST', `/api/reports/${report.id}/return`, { version: report.version, comment: '请补充数据' }),
    );
    const [note] = ofKind(await notes(reporterA), 'report-returned');
    expect(note).toMatchObject({ officeId: officeA, subjectId: report.id, periodKey: '2007-M06', readAt: null });
    expect(note?.message).toContain(`【督办提醒】${officeAName}:`);
    expect(note?.message).toContain(taskTitle);
    expect(note?.message).toContain('2007年6月');
    expect(note?.message).toContain('退回原因:请补充数据');
    expect(ofKind(await notes(reporterB), 'report-returned')).toHaveLength(0);

    const again = await ok(call(reporterA, 'POST', `/api/reports/${report.id}/submit`, { version: returned.version }));
    await ok(call(admin, 'POST', `/api/reports/${report.id}/accept`, { version: again.version }));
    const accepted = ofKind(await notes(reporterA), 'report-accepted');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]?.message).toContain('已审核通过');
    // Returned twice: two notifications, not one (the daily job's once-only key is not theirs).
    const second = await handedIn('2007-M07');
    await ok(call(admin, 'POST', `/api/reports/${second.id}/return`, { version: second.version, comment: '再补充' }));
    expect(ofKind(await notes(reporterA), 'report-returned')).toHaveLength(2);
  });

  it('a community’s report returned by its street office tells the community', async () => {
    const street = (
      await t.store.db.selectFrom('offices').select('id').where('name', '=', '黄贝街道办事处').executeTakeFirstOrThrow()
    ).id;
    const community = (
      await ok(call(admin, 'POST', '/api/offices', { name: '黄贝岭社区', kind: 'community', parentId: street }), 201)
    ).id as string;
    await t.store.db
      .insertInto('task_assignments')
      .values({
        id: newId(),
        task_id: taskId,
        role: 'lead',
        position: 99,
        mention: '黄贝岭社区',
        office_id: community,
        group_id: null,
        version: 1,
      })
      .execute();
    await t.store.db
      .insertInto('report_exceptions')
      .values({
        id: newId(),
        plan_id: planId,
        office_id: community,
        period_key: '2007-M08',
        until: '9999-12-31',
        granted_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const communityReporter = await t.cookieFor('reporter', community);
    const streetReporter = await t.cookieFor('reporter', street);
    const report = await ok(
      call(communityReporter, 'POST', '/api/reports', {
        taskId,
        periodKey: '2007-M08',
        progress: 'in-progress',
        narrative: '社区正在推进。',
      }),
      201,
    );
    const submitted = await ok(
      call(communityReporter, 'POST', `/api/reports/${report.id}/submit`, { version: report.version }),
    );
    await ok(
      call(streetReporter, 'POST', `/api/reports/${report.id}/review`, {
        version: submitted.version,
        decision: 'return',
        comment: '请补充佐证材料',
      }),
    );
    const [note] = ofKind(await notes(communityReporter), 'report-returned');
    expect(note).toMatchObject({ officeId: community, subjectId: report.id });
    expect(note?.message).toContain('黄贝岭社区');
    expect(note?.message).toContain('退回原因:请补充佐证材料');
    expect(ofKind(await notes(streetReporter), 'report-returned')).toHaveLength(0);
  });

  it('an order issued tells its lead and supporting offices; urged and returned tell the lead office', async () => {
    const inspector = await t.cookieFor('inspector');
    const leader = await t.cookieFor('leader');
    let order = await ok(
      call(admin, 'POST', '/api/orders', {
        taskId,
        leadOfficeId: officeA,
        supportOfficeIds: [officeB],
        deadline: '2007-08-31',
      }),
      201,
    );
    const at = async (step: string, cookie: string, body: Record<string, unknown> = {}) => {
      order = await ok(call(cookie, 'POST', `/api/orders/${order.id}/${step}`, { version: order.version, ...body }));
    };
    await at('approve', leader);
    expect(ofKind(await notes(reporterA), 'order-issued')).toHaveLength(0);
    await at('issue', inspector);
    const [issuedA] = ofKind(await notes(reporterA), 'order-issued');
    expect(issuedA).toMatchObject({ officeId: officeA, subjectId: order.id });
    expect(issuedA?.message).toContain('牵头');
    const [issuedB] = ofKind(await notes(reporterB), 'order-issued');
    expect(issuedB?.message).toContain('协办');

    order = await ok(call(leader, 'POST', `/api/orders/${order.id}/urge`, { comment: '请本周内反馈' }));
    const [urged] = ofKind(await notes(reporterA), 'order-urged');
    expect(urged?.message).toContain('催办意见:请本周内反馈');
    expect(ofKind(await notes(reporterB), 'order-urged')).toHaveLength(0);

    await at('sign', reporterA);
    await at('rectify', reporterA);
    await at('return', inspector, { comment: '整改不到位' });
    const [back] = ofKind(await notes(reporterA), 'order-returned');
    expect(back?.message).toContain('退回原因:整改不到位');
    expect(ofKind(await notes(reporterB), 'order-returned')).toHaveLength(0);
  });

  it('an exception granted tells its office; revoking it is audited and admin-only', async () => {
    const granted = await ok(
      call(admin, 'POST', `/api/plans/${planId}/exceptions`, {
        officeId: officeB,
        periodKey: '2007-M05',
        until: '2099-01-31',
      }),
      201,
    );
    const [note] = ofKind(await notes(reporterB), 'exception-granted');
    expect(note).toMatchObject({ officeId: officeB, subjectId: planId, periodKey: '2007-M05' });
    expect(note?.message).toContain('2007年5月');
    expect(note?.message).toContain('2099-01-31');
    expect(ofKind(await notes(reporterA), 'exception-granted')).toHaveLength(0);

    const url = `/api/plans/${planId}/exceptions/${granted.id}`;
    expect((await call(reporterB, 'DELETE', url)).statusCode).toBe(403);
    expect((await call(await t.cookieFor('leader'), 'DELETE', url)).statusCode).toBe(403);
    expect((await call(admin, 'DELETE', `/api/plans/${planId}/exceptions/nope`)).statusCode).toBe(404);
    await ok(call(admin, 'DELETE', url), 204);
    const left = (await ok(call(admin, 'GET', `/api/plans/${planId}/exceptions`))) as { items: { id: string }[] };
    expect(left.items.some((e) => e.id === granted.id)).toBe(false);
    const missing = await call(admin, 'DELETE', url);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('Report exception not found');
    const audit = await t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'report_exception')
      .where('entity_id', '=', granted.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('全部标为已读 marks every notification the user sees read, and only those', async () => {
    const b = await unreadCount(reporterB);
    expect(await unreadCount(reporterA)).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const marked = await ok(call(reporterA, 'POST', '/api/notifications/read-all'));
    expect(marked.count).toBeGreaterThan(0);
    expect(await unreadCount(reporterA)).toBe(0);
    expect(await notes(reporterA, '?unread=1')).toHaveLength(0);
    expect((await notes(reporterA)).every((n) => n.readAt !== null)).toBe(true);
    // Another office's stay unread.
    expect(await unreadCount(reporterB)).toBe(b);
    expect((await ok(call(reporterA, 'POST', '/api/notifications/read-all'))).count).toBe(0);
    // The plan office's marks all.
    await ok(call(admin, 'POST', '/api/notifications/read-all'));
    expect(await unreadCount(admin)).toBe(0);
    expect(await unreadCount(reporterB)).toBe(0);
  });
});

describe.each(DIALECTS)('a group robot’s test message on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let server: Server;
  let base: string;
  const received: { path: string; body: unknown }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.statusCode = req.url?.startsWith('/fail') ? 500 : 200;
        res.end('{"errcode":0}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await createTestApp(dialect);
    admin = await t.cookieFor('admin');
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const addHook = async (payload: Record<string, unknown>) => {
    const r = await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: { cookie: admin }, payload });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string };
  };
  const test = (id: string, cookie = admin) =>
    t.app.inject({ method: 'POST', url: `/api/webhooks/${id}/test`, headers: { cookie } });

  it('posts to that robot only, paused or not, records the answer and says how it went', async () => {
    const good = await addHook({ format: 'feishu', url: `${base}/ok/feishu`, enabled: false });
    const other = await addHook({ format: 'wecom', url: `${base}/ok/other` });
    const bad = await addHook({ format: 'dingtalk', url: `${base}/fail/ding` });

    const r = await test(good.id);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ webhookId: good.id, ok: true, status: 200, error: null });
    expect(received).toHaveLength(1);
    expect(received[0]?.path).toBe('/ok/feishu');
    expect(received[0]?.body).toMatchObject({
      msg_type: 'text',
      content: { text: expect.stringContaining('测试消息') },
    });

    const failed = await test(bad.id);
    expect(failed.statusCode).toBe(200);
    expect(failed.json()).toMatchObject({ ok: false, status: 500, error: 'HTTP 500' });
    expect(received.map((x) => x.path)).toEqual(['/ok/feishu', '/fail/ding']);
    expect(received.some((x) => x.path === '/ok/other')).toBe(false);
    expect(other.id).toBeTruthy();

    expect(await listWebhookTests(t.store.db, good.id)).toMatchObject([{ status: 200, error: null }]);
    expect(await listWebhookTests(t.store.db, bad.id)).toMatchObject([{ status: 500, error: 'HTTP 500' }]);
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'webhook_test')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('says when no robot answers, and refuses others than admins and missing robots', async () => {
    const gone = await addHook({ format: 'wecom', url: 'http://127.0.0.1:9/nothing-here' });
    const r = await test(gone.id);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: false, status: null });
    expect(r.json().error).toEqual(expect.any(String));
    expect((await test(gone.id, await t.cookieFor('leader'))).statusCode).toBe(403);
    expect((await test('no-such-hook')).statusCode).toBe(404);
  });
});

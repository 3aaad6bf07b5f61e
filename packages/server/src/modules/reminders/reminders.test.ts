import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedClock } from '@duban/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../cli/import.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { createOrder } from '../ledgers/orders.service.ts';
import { seedDirectory } from '../offices/offices.service.ts';
import { listDeliveries } from './reminders.repository.ts';
import { runDailyReminders } from './reminders.service.ts';

const EXAMPLE = new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url);

interface Received {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

/** A local group-robot stand-in: /ok/* answers 200, /fail/* answers 500; it keeps every body. */
async function startReceiver(): Promise<{ server: Server; base: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.statusCode = req.url?.startsWith('/fail') ? 500 : 200;
      res.setHeader('content-type', 'application/json');
      res.end('{"errcode":0}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, received };
}

type NotificationJson = { id: string; officeId: string | null; kind: string; message: string; readAt: string | null };

describe.each(DIALECTS)('reminders on %s', (dialect) => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let admin: string;
  let planId: string;
  let officeA: string;
  let officeAName: string;
  let officeB: string;
  let taskTitle: string;
  let orderId: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    const committed = await importDocument(t.store.db, {
      bytes: readFileSync(EXAMPLE),
      fileName: 'luohu-2007-jichu.txt',
    });
    planId = committed.planId as string;
    // The plan, issued at the start of 2007, entered Duban in June 2007: May's and later reports are expected.
    await t.store.db
      .updateTable('plans')
      .set({ created_at: '2007-06-01T00:00:00.000Z', date: '2007-01-01' })
      .where('id', '=', planId)
      .execute();
    const leads = await t.store.db
      .selectFrom('task_assignments')
      .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
      .select(['tasks.id as task_id', 'tasks.title', 'task_assignments.office_id'])
      .where('task_assignments.role', '=', 'lead')
      .where('task_assignments.office_id', 'is not', null)
      .orderBy('tasks.position')
      .execute();
    const first = leads[0];
    if (!first?.office_id) throw new Error('the example has no task led by one office');
    officeA = first.office_id;
    taskTitle = first.title;
    const other = leads.find((l) => l.office_id !== officeA);
    officeB = other?.office_id as string;
    const office = await t.store.db.selectFrom('offices').select('name').where('id', '=', officeA).executeTakeFirst();
    officeAName = office?.name as string;
    const bossId = await t.addUser('reminder-boss', 'admin');
    const order = await createOrder(
      t.store.db,
      { id: bossId, role: 'admin', officeId: null },
      { taskId: first.task_id, leadOfficeId: officeA, deadline: '2007-07-01' },
    );
    orderId = order.id;
    admin = await t.cookieFor('admin');
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  const addHook = (payload: Record<string, unknown>, cookie = admin) =>
    t.app.inject({ method: 'POST', url: '/api/webhooks', headers: { cookie }, payload });
  const run = async (date: string) => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/reminders/run',
      headers: { cookie: admin },
      payload: { date },
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { created: number; dueSoon: number; late: number; delivered: number; failed: number };
  };

  it('manages webhooks: admin only, http(s) only, versioned, audited', async () => {
    expect(officeB).toBeTruthy();
    const leader = await t.cookieFor('leader');
    expect((await addHook({ format: 'wecom', url: `${receiver.base}/ok/x` }, leader)).statusCode).toBe(403);
    const ftp = await addHook({ format: 'wecom', url: 'ftp://example.com/hook' });
    expect(ftp.statusCode).toBe(400);
    expect(ftp.json().error.field).toBe('url');
    expect((await addHook({ format: 'wecom', url: `${receiver.base}/ok/x`, officeId: 'nope' })).statusCode).toBe(400);

    const made = await addHook({ format: 'wecom', url: `${receiver.base}/ok/wecom`, officeId: officeA });
    expect(made.statusCode).toBe(201);
    const hook = made.json() as { id: string; version: number; enabled: boolean };
    expect(hook).toMatchObject({ version: 1, enabled: true });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/webhooks/${hook.id}`,
      headers: { cookie: admin },
      payload: { version: 2, enabled: false },
    });
    expect(stale.statusCode).toBe(409);
    const paused = await t.app.inject({
      method: 'PATCH',
      url: `/api/webhooks/${hook.id}`,
      headers: { cookie: admin },
      payload: { version: 1, enabled: false },
    });
    expect(paused.json()).toMatchObject({ version: 2, enabled: false });
    const resumed = await t.app.inject({
      method: 'PATCH',
      url: `/api/webhooks/${hook.id}`,
      headers: { cookie: admin },
      payload: { version: 2, enabled: true },
    });
    expect(resumed.statusCode).toBe(200);
    expect(
      (await addHook({ format: 'dingtalk', url: `${receiver.base}/ok/dingtalk`, officeId: officeA })).statusCode,
    ).toBe(201);
    expect((await addHook({ format: 'feishu', url: `${receiver.base}/ok/feishu`, officeId: officeA })).statusCode).toBe(
      201,
    );
    // Another office's robot hears nothing of office A.
    expect((await addHook({ format: 'wecom', url: `${receiver.base}/ok/other`, officeId: officeB })).statusCode).toBe(
      201,
    );
    const gone = await addHook({ format: 'wecom', url: `${receiver.base}/ok/gone` });
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/webhooks/${gone.json().id}`,
      headers: { cookie: admin },
    });
    expect(del.statusCode).toBe(204);
    const list = await t.app.inject({ method: 'GET', url: '/api/webhooks', headers: { cookie: admin } });
    expect(list.json()).toHaveLength(4);
    const audit = await t.store.db.selectFrom('audit_log').select('action').where('entity', '=', 'webhook').execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'create',
      'create',
      'create',
      'create',
      'create',
      'delete',
      'update',
      'update',
    ]);
  });

  it('posts due, late and overdue reminders once, in each robot’s shape', async () => {
    const counts = await run('2007-07-04');
    expect(counts.dueSoon).toBeGreaterThan(0);
    expect(counts.late).toBeGreaterThan(0);
    expect(counts.failed).toBe(0);
    const of = (path: string) => receiver.received.filter((r) => r.path === path);
    const wecom = of('/ok/wecom');
    const dingtalk = of('/ok/dingtalk');
    const feishu = of('/ok/feishu');
    expect(wecom.length).toBeGreaterThan(0);
    expect(dingtalk).toHaveLength(wecom.length);
    expect(feishu).toHaveLength(wecom.length);
    for (const r of [...wecom, ...dingtalk]) {
      expect(r.body).toMatchObject({ msgtype: 'text', text: { content: expect.stringContaining(officeAName) } });
    }
    for (const r of feishu) {
      expect(r.body).toMatchObject({ msg_type: 'text', content: { text: expect.stringContaining(officeAName) } });
    }
    const texts = wecom.map((r) => (r.body.text as { content: string }).content);
    const about = texts.filter((x) => x.includes(`“${taskTitle}”`));
    expect(
      about.some((x) => x.startsWith('【督办提醒】') && x.includes('2007年6月进展将于') && x.includes('请按时报送')),
    ).toBe(true);
    expect(about.some((x) => x.includes('2007年5月进展已于') && x.includes('尚未报送'))).toBe(true);
    expect(texts.some((x) => x.includes('督办单') && x.includes('2007-07-01'))).toBe(true);
    expect(texts.every((x) => x.includes(`【督办提醒】${officeAName}:`))).toBe(true);
    // Office B's robot got B's reminders only.
    expect(
      of('/ok/other').every((r) => !(r.body.text as { content: string }).content.includes(`${officeAName}:`)),
    ).toBe(true);
    const orderNote = await t.store.db
      .selectFrom('notifications')
      .selectAll()
      .where('subject_id', '=', orderId)
      .execute();
    expect(orderNote).toHaveLength(1);
    expect(orderNote[0]).toMatchObject({ kind: 'order-overdue', office_id: officeA });

    const before = receiver.received.length;
    const again = await run('2007-07-04');
    expect(again).toMatchObject({ created: 0, delivered: 0, failed: 0 });
    expect(receiver.received.length).toBe(before);
  });

  it('records a robot answering 500 as a failed delivery without failing the run', async () => {
    const bad = await addHook({ format: 'dingtalk', url: `${receiver.base}/fail/plan` });
    expect(bad.statusCode).toBe(201);
    // By 10 July June's reports are late: new notifications, posted to the plan office's robot too.
    const counts = await run('2007-07-10');
    expect(counts.late).toBeGreaterThan(0);
    expect(counts.failed).toBe(counts.created);
    const deliveries = await listDeliveries(t.store.db, bad.json().id);
    expect(deliveries).toHaveLength(counts.created);
    expect(deliveries.every((d) => d.status === 500 && d.error === 'HTTP 500')).toBe(true);
    // A robot that cannot be reached is recorded the same way: a new overdue order shows it.
    const task = await t.store.db.selectFrom('orders').select('task_id').where('id', '=', orderId).executeTakeFirst();
    const bossId = await t.addUser('reminder-boss-2', 'admin');
    await createOrder(
      t.store.db,
      { id: bossId, role: 'admin', officeId: null },
      { taskId: task?.task_id ?? null, leadOfficeId: officeA, deadline: '2007-07-15' },
    );
    const down = await runDailyReminders(t.store.db, {
      today: '2007-07-20',
      clock: fixedClock('2007-07-20'),
      send: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    expect(down).toMatchObject({ created: 1, delivered: 0, failed: 4 });
  });

  it('shows a reporter only their office’s notifications, and lets them mark those read', async () => {
    const reporterA = await t.cookieFor('reporter', officeA);
    const reporterB = await t.cookieFor('reporter', officeB);
    const get = async (cookie: string, query = '') => {
      const r = await t.app.inject({ method: 'GET', url: `/api/notifications${query}`, headers: { cookie } });
      expect(r.statusCode).toBe(200);
      return r.json() as NotificationJson[];
    };
    const mine = await get(reporterA);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((n) => n.officeId === officeA)).toBe(true);
    const all = await get(admin);
    expect(all.length).toBeGreaterThan(mine.length);
    expect((await get(await t.cookieFor('leader'))).length).toBe(all.length);
    const note = mine[0] as NotificationJson;
    const theirs = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${note.id}/read`,
      headers: { cookie: reporterB },
    });
    expect(theirs.statusCode).toBe(404);
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${note.id}/read`,
      headers: { cookie: reporterA },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toEqual(expect.any(String));
    const unread = await get(reporterA, '?unread=1');
    expect(unread).toHaveLength(mine.length - 1);
    expect(unread.some((n) => n.id === note.id)).toBe(false);
    const count = async (cookie: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/notifications/unread-count', headers: { cookie } })).json()
        .count as number;
    expect(await count(reporterA)).toBe(mine.length - 1);
    // The list stops at 500; the count covers every unread notification.
    const stored = await t.store.db.selectFrom('notifications').select('read_at').execute();
    expect(await count(admin)).toBe(stored.filter((n) => n.read_at === null).length);
    expect(stored.length).toBeGreaterThan(all.length);
    expect(await count(await t.cookieFor('reporter', null))).toBe(0);
    expect((await get(await t.cookieFor('reporter', null))).length).toBe(0);
    const run = await t.app.inject({
      method: 'POST',
      url: '/api/reminders/run',
      headers: { cookie: reporterA },
      payload: {},
    });
    expect(run.statusCode).toBe(403);
  });
});

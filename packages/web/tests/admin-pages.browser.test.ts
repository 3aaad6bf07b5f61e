import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  choose,
  type DemoServer,
  fillDate,
  launchBrowser,
  SKIP_BROWSER,
  settled,
  shot,
  signIn,
  startDemoServer,
} from './harness.ts';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const STREET = '黄贝街道办事处';

/** Wait for what the page shows to come right: loading hundreds of notifications takes a moment. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** The input of an antd InputNumber, wherever antd puts the test id. */
const numberInput = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);

/** The primary button of the dialog that is open. */
async function confirmDialog(page: Page): Promise<void> {
  await settled(page);
  await page.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn-primary').click();
  await page
    .locator('.ant-modal-wrap:visible')
    .waitFor({ state: 'detached' })
    .catch(() => {});
  await settled(page);
}

/** The page's width is no wider than the phone: nothing spills sideways. */
async function fitsPhone(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.querySelector('.ant-layout-content')?.scrollWidth ?? 0);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

/** The font weight the message text of a notification is drawn in. */
const weightOf = (item: Locator) =>
  item
    .getByTestId('notification-message')
    .evaluate((e) => Number(getComputedStyle(e.querySelector('strong') ?? e).fontWeight));

interface Notice {
  readonly id: string;
  readonly kind: string;
  readonly officeId: string | null;
  readonly periodKey: string | null;
  readonly subjectId: string;
  readonly message: string;
}

interface Post {
  readonly path: string;
  readonly body: unknown;
}

/** A group robot stand-in: records every JSON body posted to it, by path, and answers 200. */
async function startReceiver(): Promise<{ server: Server; url: string; posts: Post[] }> {
  const posts: Post[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      posts.push({ path: request.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posts };
}

describe.skipIf(SKIP_BROWSER)('reporting settings, frequency compliance, reminders and group bots', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let reporterPassword = '';
  let planId = '';
  /** The settings' version as the demo left them (it names the plan office). */
  let settingsVersion = 0;
  let streetId = '';

  /** Call the API as the signed-in admin of `page`; fails the test on an error answer. */
  const call = async <T = unknown>(method: string, path: string, data?: unknown): Promise<T> => {
    const r = await page.request.fetch(`${server.url}${path}`, {
      method,
      ...(data === undefined ? {} : { data: data as object }),
    });
    expect(r.ok(), `${method} ${path}: ${await r.text()}`).toBe(true);
    return (r.status() === 204 ? null : await r.json()) as T;
  };

  beforeAll(async () => {
    server = await startDemoServer();
    planId = server.demo.planId;
    receiver = await startReceiver();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: DESKTOP });
    reporterPassword = await server.addUser('huangbei', 'reporter', STREET);
    await signIn(page, server.url, server.demo.username, server.demo.password);
    const offices = await call<{ items: { id: string; name: string }[] }>('GET', '/api/offices');
    streetId = offices.items.find((o) => o.name === STREET)?.id as string;
    // This story runs from the first half of 2007: the plan counts as issued on 1 January, so the
    // second quarter is owed (the document's own date, 19 June, owes from July on).
    await server.store.db.updateTable('plans').set({ date: '2007-01-01' }).where('id', '=', planId).execute();
    settingsVersion = (await call<{ version: number }>('GET', `/api/plans/${planId}/settings`)).version;
  }, 120_000);
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await shot(page, `failed-${context.task.name.slice(0, 40)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  it('an admin makes reporting quarterly, due on the 10th working day; it persists', async () => {
    await page.goto(`${server.url}/plans/${planId}/settings`);
    await page.getByTestId('settings-form').waitFor();
    await expect(page.locator('[data-testid="plan-tabs"] .ant-tabs-tab-active').textContent()).resolves.toBe(
      '报送设置',
    );
    // The demo's defaults: monthly, due on the 5th working day, locked 10 working days later.
    await expect(numberInput(page, 'settings-due-days').inputValue()).resolves.toBe('5');

    await page.getByTestId('settings-cadence').getByText('每季度').click();
    await numberInput(page, 'settings-due-days').fill('10');
    await numberInput(page, 'settings-lock-days').fill('15');
    await page.getByTestId('settings-unsaved').waitFor();
    // The 2007 plan is explained on its last day: Q3 is reported then. Q3 ends on Sunday 30
    // September; 1–7 October is the National Day holiday, so its ten working days are 8–12 and
    // 15–19 October, and fifteen more (22 October – 9 November) lock it from 10 November.
    const q3 = page.getByTestId('settings-effect').locator('tr.ant-table-row').first();
    await poll(() => q3.getByTestId('effect-period').textContent()).toBe('2007年第3季度');
    await expect(q3.getByTestId('effect-due').textContent()).resolves.toBe('2007-10-19');
    await expect(q3.getByTestId('effect-locks').textContent()).resolves.toBe('2007-11-10');
    await page.getByTestId('settings-save').click();
    await page.getByText('报送设置已保存').waitFor();

    await page.reload();
    await page.getByTestId('settings-form').waitFor();
    await expect(
      page.getByTestId('settings-cadence').locator('.ant-radio-button-wrapper-checked').textContent(),
    ).resolves.toBe('每季度');
    await expect(numberInput(page, 'settings-due-days').inputValue()).resolves.toBe('10');
    await expect(numberInput(page, 'settings-lock-days').inputValue()).resolves.toBe('15');
    await expect(call('GET', `/api/plans/${planId}/settings`)).resolves.toMatchObject({
      cadence: 'quarterly',
      dueWorkingDays: 10,
      lockDays: 15,
      version: settingsVersion + 1,
    });
  });

  it('a save over someone else’s change says so and shows what is stored', async () => {
    // Another admin changes the lock days while this page shows the version it saved.
    await call('PATCH', `/api/plans/${planId}/settings`, { version: settingsVersion + 1, lockDays: 12 });
    await numberInput(page, 'settings-due-days').fill('8');
    await page.getByTestId('settings-save').click();
    await poll(() => page.getByTestId('form-error').textContent()).toContain('已被他人修改');
    await poll(() => numberInput(page, 'settings-lock-days').inputValue()).toBe('12');
    await expect(numberInput(page, 'settings-due-days').inputValue()).resolves.toBe('10');
    await expect(call('GET', `/api/plans/${planId}/settings`)).resolves.toMatchObject({
      dueWorkingDays: 10,
      lockDays: 12,
      version: settingsVersion + 2,
    });
  });

  it('an admin lets a street office report the second quarter late', async () => {
    await page.reload();
    const form = page.getByTestId('exception-form');
    await form.waitFor();
    await choose(page, page.getByTestId('exception-office'), STREET);
    // The periods offered follow the saved cadence: quarters of 2007.
    await choose(page, page.getByTestId('exception-period'), '2007年第2季度');
    await fillDate(page.getByTestId('exception-until'), '2007-07-24');
    await page.getByTestId('exception-grant').click();
    const row = page.getByTestId('exception-table').locator('tr.ant-table-row').filter({ hasText: STREET });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('2007年第2季度(2007-Q2)');
    expect(text).toContain('2007-07-24');
    expect(text).toContain('区委基层办');
    const { items } = await call<{ items: { officeId: string; periodKey: string; until: string }[] }>(
      'GET',
      `/api/plans/${planId}/exceptions`,
    );
    expect(items).toEqual([expect.objectContaining({ officeId: streetId, periodKey: '2007-Q2', until: '2007-07-24' })]);

    // A missing field is refused in the form, before the server.
    await page.getByTestId('exception-grant').click();
    await page.getByText('请选择单位').waitFor();

    await shot(page, 'settings-desktop');
    await page.setViewportSize(PHONE);
    await shot(page, 'settings-phone');
    await fitsPhone(page);
    await page.setViewportSize(DESKTOP);
  });

  it('compliance counts a training from the ledger: met for its office, open or missed elsewhere', async () => {
    type Target = { targetId: string; ledger: string; period: string; subjects: string[] };
    const before = await call<{ targets: Target[] }>('GET', `/api/plans/${planId}/compliance?date=2007-07-20`);
    const training = before.targets.find((x) => x.ledger === 'trainings');
    const visits = before.targets.find((x) => x.ledger === 'visits' && x.period === 'quarter');
    if (!training || !visits) throw new Error('the demo plan has a yearly training and a quarterly visit target');
    expect(training.subjects.length).toBeGreaterThan(1);
    const [trained, other] = training.subjects as [string, string];
    await call('POST', '/api/ledgers/trainings', {
      officeId: trained,
      date: '2007-05-10',
      topic: '社区党务干部培训',
      attendees: 30,
    });

    await page.goto(`${server.url}/plans/${planId}/compliance?date=2007-07-20`);
    const card = page.locator(`[data-testid="compliance-target"][data-target-id="${training.targetId}"]`);
    await card.waitFor();
    await expect(page.locator('[data-testid="plan-tabs"] .ant-tabs-tab-active').textContent()).resolves.toBe(
      '频次达标',
    );
    await expect(card.textContent()).resolves.toContain('培训台账');
    const cell = (subject: string) => card.locator(`[data-testid="compliance-cell"][data-subject="${subject}"]`);
    await expect(cell(trained).getAttribute('data-period')).resolves.toBe('2007');
    await expect(cell(trained).getAttribute('data-status')).resolves.toBe('met');
    await expect(cell(trained).textContent()).resolves.toBe('达标 1');
    // The year has not ended on 20 July: an office with no training yet is still open.
    await expect(cell(other).textContent()).resolves.toBe('进行中 0');
    // Offices are shown by name, not by id.
    const names = await card.getByTestId('compliance-subject').allTextContents();
    expect(names).not.toContain(trained);
    expect(names.every((n) => n.length > 0)).toBe(true);

    // Nobody visited in the first quarter, which had ended by 20 July: missed; the third runs.
    const visitCard = page.locator(`[data-testid="compliance-target"][data-target-id="${visits.targetId}"]`);
    const q1 = visitCard.locator('[data-testid="compliance-cell"][data-period="2007-Q1"]').first();
    await expect(q1.getAttribute('data-status')).resolves.toBe('missed');
    await expect(q1.textContent()).resolves.toBe('未达标 0');
    const q3 = visitCard.locator('[data-testid="compliance-cell"][data-period="2007-Q3"]').first();
    await expect(q3.textContent()).resolves.toBe('进行中 0');

    // Targets no ledger counts are listed apart, with why.
    const unmapped = page.getByTestId('compliance-unmapped');
    await expect(unmapped.textContent()).resolves.toContain('街道执法队每月组织1次政治思想学习和职业道德教育');
    await expect(unmapped.textContent()).resolves.toContain('无法对应到台账');
    await shot(page, 'compliance-desktop');

    // Judged on 15 March, the May training had not happened yet.
    await fillDate(page.getByTestId('compliance-date'), '2007-03-15');
    await poll(() => cell(trained).getAttribute('data-status')).toBe('open');
    await expect(cell(trained).textContent()).resolves.toBe('进行中 0');
    await expect(q1.textContent()).resolves.toBe('进行中 0');
    expect(page.url()).toContain('date=2007-03-15');
    await page.setViewportSize(PHONE);
    await shot(page, 'compliance-phone');
    await fitsPhone(page);
    await page.setViewportSize(DESKTOP);
  }, 60_000);

  it('the rosters page lists the demo’s people and shows one category', async () => {
    await page.goto(`${server.url}/rosters`);
    await page.getByTestId('roster-table').waitFor();
    await poll(async () => (await page.getByTestId('roster-person').allTextContents()).length).toBeGreaterThan(10);
    const names = await page.getByTestId('roster-person').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['王建国', '周敏', '张丽', '何志强']));
    // One category: the district leaders only.
    await page.locator('.ant-segmented-item', { hasText: '区级领导' }).click();
    await poll(async () => (await page.getByTestId('roster-person').allTextContents()).length).toBe(5);
    await expect(page.title()).resolves.toContain('人员名册');
  }, 30_000);

  it('group bots: reminders go to the street’s WeCom bot, not to a disabled one, and show as notifications', async () => {
    // Reports are expected for periods due after the plan entered Duban: say it did on 1 July
    // 2007, so the second quarter (due 13 July) is expected and the first is not.
    await server.store.db
      .updateTable('plans')
      .set({ created_at: '2007-07-01T00:00:00.000Z' })
      .where('id', '=', planId)
      .execute();

    await page.goto(`${server.url}/webhooks`);
    await page.getByTestId('webhook-table').waitFor();

    // A WeCom bot, first for every office; a bad address is refused in the form.
    await page.getByTestId('webhook-add').click();
    const form = page.getByTestId('webhook-form');
    await form.waitFor();
    await page.getByTestId('webhook-url').fill('qyapi.weixin.qq.com/cgi-bin/webhook/send');
    await page.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn-primary').click();
    await form.getByText('请填写以 http:// 或 https:// 开头的网址').waitFor();
    await page.getByTestId('webhook-url').fill(`${receiver.url}/wecom`);
    // A local address is allowed, with a warning that WeCom's usual host is elsewhere.
    await expect(page.getByTestId('webhook-host-warning').textContent()).resolves.toContain('qyapi.weixin.qq.com');
    await confirmDialog(page);
    const rows = page.getByTestId('webhook-table').locator('tr.ant-table-row');
    await poll(() => rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('全部单位(基层办)');

    // Edited: only the street office's reminders.
    await rows.first().getByTestId('webhook-edit').click();
    await form.waitFor();
    await expect(page.getByTestId('webhook-url').inputValue()).resolves.toBe(`${receiver.url}/wecom`);
    await choose(page, page.getByTestId('webhook-office'), STREET);
    await confirmDialog(page);
    await poll(() => rows.first().textContent()).toContain(STREET);

    // A Feishu bot for every office, switched off: it must get nothing.
    await page.getByTestId('webhook-add').click();
    await form.waitFor();
    await form.getByText('飞书').click();
    await page.getByTestId('webhook-url').fill(`${receiver.url}/feishu`);
    await confirmDialog(page);
    const feishu = rows.filter({ hasText: '飞书' });
    await feishu.waitFor();
    await feishu.getByTestId('webhook-toggle').click();
    await poll(() => feishu.textContent()).toContain('已停用');
    const hooks = await call<{ format: string; officeId: string | null; enabled: boolean }[]>('GET', '/api/webhooks');
    expect(hooks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ format: 'wecom', officeId: streetId, enabled: true }),
        expect.objectContaining({ format: 'feishu', officeId: null, enabled: false }),
      ]),
    );

    // Run the reminders as of 20 July 2007.
    await fillDate(page.getByTestId('run-date'), '2007-07-20');
    await page.getByTestId('run-now').click();
    const result = page.getByTestId('run-result');
    await result.waitFor();
    const count = async (key: string) => Number(await page.getByTestId(`run-${key}`).getAttribute('data-count'));
    // The run's reminders; the street also has word of the exception it was granted above.
    const all = await call<Notice[]>('GET', '/api/notifications');
    expect(all.filter((n) => n.kind === 'exception-granted').map((n) => n.officeId)).toEqual([streetId]);
    const notifications = all.filter((n) => n.kind !== 'exception-granted');
    expect(await count('created')).toBe(notifications.length);
    expect(await count('late')).toBe(notifications.filter((n) => n.kind === 'report-late').length);
    expect(await count('late')).toBeGreaterThan(0);
    expect(await count('overdueOrders')).toBe(0);
    await shot(page, 'webhooks-desktop');

    // The WeCom bot got the street's reminders, in WeCom's text format; the disabled Feishu bot nothing.
    const street = notifications.filter((n) => n.officeId === streetId);
    expect(street.length).toBeGreaterThan(0);
    expect(receiver.posts.filter((p) => p.path === '/feishu')).toEqual([]);
    expect(receiver.posts).toHaveLength(street.length);
    expect(await count('delivered')).toBe(street.length);
    expect(await count('failed')).toBe(0);
    for (const p of receiver.posts) {
      expect(p.body).toEqual({ msgtype: 'text', text: { content: expect.stringContaining(`【督办提醒】${STREET}`) } });
    }
    const texts = receiver.posts.map((p) => (p.body as { text: { content: string } }).text.content);
    expect(texts.sort()).toEqual(street.map((n) => n.message).sort());
    // Every other office is late with the second quarter; the street's exception runs to Tuesday
    // 24 July, two working days after Friday 20 July: it is reminded the report is due soon.
    const others = notifications.filter((n) => n.officeId !== streetId);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((n) => n.kind === 'report-late' && n.periodKey === '2007-Q2')).toBe(true);
    expect(street.every((n) => n.kind === 'report-due' && n.periodKey === '2007-Q2')).toBe(true);
    expect(street.every((n) => n.message.includes('将于2007-07-24到期'))).toBe(true);
    expect(await count('dueSoon')).toBe(street.length);

    // An order on the street past its deadline: a second run reminds of it alone.
    const task = (await call<{ sections: { tasks: { id: string }[] }[] }>('GET', `/api/plans/${planId}`)).sections[0]
      ?.tasks[0];
    const order = await call<{ id: string }>('POST', '/api/orders', {
      taskId: task?.id,
      leadOfficeId: streetId,
      deadline: '2007-06-30',
    });
    await page.getByTestId('run-now').click();
    await poll(() => count('overdueOrders')).toBe(1);
    expect(await count('created')).toBe(1);
    expect(await count('delivered')).toBe(1);
    const last = receiver.posts.at(-1)?.body as { text: { content: string } };
    expect(last.text.content).toContain('督办单');
    expect(last.text.content).toContain('2007-06-30');
    const total = all.length + 1;

    // The header counts them unread; the notifications page lists them newest first: the order's on top.
    await page.goto(`${server.url}/notifications`);
    await poll(() => page.getByTestId('notification-bell').getAttribute('data-unread')).toBe(String(total));
    const items = page.getByTestId('notification');
    await poll(() => items.count()).toBe(Math.min(20, total));
    const top = items.first();
    await expect(top.getAttribute('data-subject')).resolves.toBe(order.id);
    await expect(top.getByTestId('notification-message').textContent()).resolves.toBe(last.text.content);
    await expect(top.getAttribute('data-read')).resolves.toBe('0');
    await expect(weightOf(top)).resolves.toBe(600);
    await shot(page, 'notifications-desktop');

    // Marked read: no longer bold, one fewer unread.
    const second = items.nth(1);
    await second.getByTestId('notification-mark-read').click();
    await poll(() => second.getAttribute('data-read')).toBe('1');
    expect(await weightOf(second)).toBeLessThan(600);
    await poll(() => page.getByTestId('notification-bell').getAttribute('data-unread')).toBe(String(total - 1));

    // The overdue order's reminder leads to the order, and is read then.
    await top.getByTestId('notification-open').click();
    await page.waitForURL(new RegExp(`/orders/${order.id}$`, 'u'));
    await poll(() => page.getByTestId('notification-bell').getAttribute('data-unread')).toBe(String(total - 2));
  }, 120_000);

  it('a reporter sees their office’s notifications, and may not open group bots or reporting settings', async () => {
    const reporter = await browser.newPage({ viewport: PHONE });
    await signIn(reporter, server.url, 'huangbei', reporterPassword);
    await reporter.goto(`${server.url}/notifications`);
    const own = await (await reporter.request.get(`${server.url}/api/notifications`)).json();
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((n: { officeId: string }) => n.officeId === streetId)).toBe(true);
    await poll(() => reporter.getByTestId('notification').count()).toBe(Math.min(20, own.length));
    await shot(reporter, 'notifications-phone');
    await fitsPhone(reporter);

    for (const path of ['/webhooks', `/plans/${planId}/settings`]) {
      await reporter.goto(`${server.url}${path}`);
      await expect(reporter.locator('.ant-result-title').textContent()).resolves.toBe('403');
    }
    // Nor offered them: no settings tab on the plan's pages.
    await reporter.goto(`${server.url}/plans/${planId}/compliance?date=2007-07-20`);
    await reporter.getByTestId('compliance-target').first().waitFor();
    await expect(reporter.getByTestId('plan-tabs').textContent()).resolves.not.toContain('报送设置');
    expect((await reporter.request.get(`${server.url}/api/webhooks`)).status()).toBe(403);
    await reporter.close();
  }, 60_000);
});

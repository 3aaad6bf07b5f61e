import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoServer,
  launchBrowser,
  ROOT,
  SKIP_BROWSER,
  settled,
  shot,
  signIn,
  startDemoServer,
} from './harness.ts';

const DESKTOP = { width: 1280, height: 900 };
/** The notification list's requests (not the bell's count). */
const LIST = (url: URL) => url.pathname === '/api/notifications';
const STREET = '黄贝街道办事处';
const OTHER_STREET = '桂园街道办事处';

/** Switch the UI's language as a user does, waiting until the profile keeps it. */
async function switchLanguage(page: Page): Promise<void> {
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/users/me') && r.request().method() === 'PATCH');
  await page.getByTestId('language-switch').click();
  await saved;
}

describe.skipIf(SKIP_BROWSER)('notifications, the page error boundary and failing detail pages', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  let reporterPassword = '';
  let planId = '';
  /** The 黄贝 street office's report made in the third test, for the fourth. */
  let streetReport = { id: '', version: 0 };
  /** Console errors and uncaught exceptions of the page, to show which page threw. */
  const pageErrors: string[] = [];

  /** Call the API as the signed-in admin of `page`; fails the test on an error answer. */
  const call = async <T = unknown>(method: string, path: string, data?: unknown): Promise<T> => {
    const r = await page.request.fetch(`${server.url}${path}`, {
      method,
      ...(data === undefined ? {} : { data: data as object }),
    });
    expect(r.ok(), `${method} ${path}: ${await r.text()}`).toBe(true);
    return (r.status() === 204 ? null : await r.json()) as T;
  };

  /** The bell's unread count. */
  const bellCount = async (p: Page) => Number(await p.getByTestId('notification-bell').getAttribute('data-unread'));

  beforeAll(async () => {
    server = await startDemoServer();
    planId = server.demo.planId;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: DESKTOP });
    // A step that waits longer fails with what it waited for, not with the test's timeout.
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    reporterPassword = await server.addUser('guiyuan', 'reporter', OTHER_STREET);
    await server.addUser('huangbei', 'reporter', STREET);
    await signIn(page, server.url, server.demo.username, server.demo.password);
    // A few reminders to list: the daily job as of a day when the plan's months are late. Reports
    // are expected for periods due after the plan entered Duban: say it did on 1 July 2007.
    await server.store.db
      .updateTable('plans')
      .set({ created_at: '2007-07-01T00:00:00.000Z' })
      .where('id', '=', planId)
      .execute();
    await call('POST', '/api/reminders/run', { date: '2007-12-26' });
  }, 120_000);
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await shot(page, `failed-${context.task.name.slice(0, 40)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the 未读 filter lists the unread notifications, and the bell keeps its count (opened by link and by click)', async () => {
    await page.goto(`${server.url}/notifications?unread=1`);
    await page.getByTestId('notification').first().waitFor();
    const unread = await bellCount(page);
    expect(unread).toBeGreaterThan(0);
    await expect(page.locator('[data-testid="notification"][data-read="1"]').count()).resolves.toBe(0);
    await expect(page.getByTestId('page-error').count()).resolves.toBe(0);

    // From 全部 to 未读 and back by clicking, after the bell has counted.
    await page.goto(`${server.url}/notifications`);
    await page.getByTestId('notification').first().waitFor();
    await page.getByTestId('notification-filter').getByText('未读').click();
    await expect.poll(() => page.url()).toContain('unread=1');
    await page.getByTestId('notification').first().waitFor();
    await expect(bellCount(page)).resolves.toBe(unread);
    await page.getByTestId('notification-filter').getByText('全部').click();
    await page.getByTestId('notification').first().waitFor();
    await expect(bellCount(page)).resolves.toBe(unread);
    await expect(page.getByTestId('page-error').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('a page that fails shows an error with a way back; the menu works and the next page shows', async () => {
    // The server answers the list with something the page cannot show (not a list).
    await page.route(LIST, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"unexpected":true}' }),
    );
    try {
      await page.goto(`${server.url}/notifications?unread=1`);
      const failure = page.getByTestId('page-error');
      await failure.waitFor();
      await expect(failure.textContent()).resolves.toContain('此页面出错了');
      await shot(page, 'page-error');
      // The header stays: the bell, the user and the menu.
      await page.getByTestId('current-user').waitFor();
      await page.getByTestId('page-error-retry').waitFor();
      await page.getByTestId('page-error-home').waitFor();
      // The menu leads on; the error is gone on the next page.
      await page.locator('.ant-menu').getByText('督办单').click();
      await page.waitForURL(/\/orders$/u);
      await expect.poll(() => page.getByTestId('page-error').count()).toBe(0);
      await page.getByRole('heading', { name: '督办单' }).first().waitFor();
    } finally {
      await page.unroute(LIST);
    }
    // Retry after the cause is gone shows the page again.
    await page.route(LIST, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"unexpected":true}' }),
    );
    await page.goto(`${server.url}/notifications`);
    await page.getByTestId('page-error').waitFor();
    await page.unroute(LIST);
    await page.getByTestId('page-error-retry').click();
    await page.getByTestId('notification').first().waitFor();
    await expect(page.getByTestId('page-error').count()).resolves.toBe(0);

    // In English too.
    await page.route(LIST, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"unexpected":true}' }),
    );
    await switchLanguage(page);
    try {
      await page.goto(`${server.url}/notifications?unread=1`);
      await expect(page.getByTestId('page-error').textContent()).resolves.toContain('This page failed');
      await page.getByTestId('page-error-home').click();
      await page.waitForURL(/\/plans$/u);
      await expect.poll(() => page.getByTestId('page-error').count()).toBe(0);
    } finally {
      await page.unroute(LIST);
      await switchLanguage(page);
      await settled(page);
    }
  });

  it('a missing order or report, and a report of another office, fail at once (no retries)', async () => {
    // Timed from the server's first answer: a retry would wait a second, two, four more. Asked
    // once: no request follows the error.
    const timeFailure = async (p: Page, path: string, shown: () => Promise<void>) => {
      let asked = 0;
      const count = (r: { url: () => string }) => {
        if (r.url().endsWith(`/api${path}`)) asked += 1;
      };
      p.on('request', count);
      const answered = p.waitForResponse((r) => r.url().endsWith(`/api${path}`));
      await p.goto(`${server.url}${path}`);
      const status = (await answered).status();
      const started = Date.now();
      await shown();
      const took = Date.now() - started;
      await p.waitForTimeout(1_500);
      p.off('request', count);
      return { status, took, asked };
    };
    // The pages' code is loaded once before: what is timed is the answer, not the download.
    await page.goto(`${server.url}/orders`);
    await page.goto(`${server.url}/my-work`);
    for (const path of ['/orders/no-such-order', '/reports/no-such-report']) {
      const { status, took, asked } = await timeFailure(page, path, () =>
        page
          .getByText(/页面不存在|找不到/u)
          .first()
          .waitFor(),
      );
      expect(status).toBe(404);
      expect(took, path).toBeLessThan(2_000);
      expect(asked, path).toBe(1);
    }

    // A report of the 黄贝 street office; a reporter of 桂园 may not read it.
    const offices = await call<{ items: { id: string; name: string }[] }>('GET', '/api/offices');
    const street = offices.items.find((o) => o.name === STREET)?.id as string;
    type Assignment = { role: string; office: { id: string } | null; group: { members: { id: string }[] } | null };
    const plan = await call<{
      sections: { tasks: { id: string; assignments: Assignment[]; targets: unknown[] }[] }[];
    }>('GET', `/api/plans/${planId}`);
    const leads = (a: Assignment) =>
      a.role === 'lead' && (a.office?.id === street || (a.group?.members ?? []).some((m) => m.id === street));
    // A task without targets: its report needs no figures.
    const task = plan.sections.flatMap((s) => s.tasks).find((t) => t.targets.length === 0 && t.assignments.some(leads));
    expect(task).toBeDefined();
    // March 2007 is long locked: the plan office lets the street report it late.
    await call('POST', `/api/plans/${planId}/exceptions`, {
      officeId: street,
      periodKey: '2007-M03',
      until: '2099-12-31',
    });
    const created = await call<{ id: string; version: number }>('POST', '/api/reports', {
      taskId: task?.id,
      officeId: street,
      periodKey: '2007-M03',
      progress: 'in-progress',
      narrative: '已召开专题会议部署,正在推进。',
    });
    streetReport = created;
    const other = await browser.newPage({ viewport: DESKTOP });
    try {
      await signIn(other, server.url, 'guiyuan', reporterPassword);
      const { status, took, asked } = await timeFailure(other, `/reports/${created.id}`, () =>
        other.locator('.ant-result-403').waitFor(),
      );
      expect(status).toBe(403);
      expect(took).toBeLessThan(2_000);
      expect(asked).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('a report returned tells its office; the notification opens it; 全部标为已读 clears the bell', async () => {
    const submitted = await call<{ version: number }>('POST', `/api/reports/${streetReport.id}/submit`, {
      version: streetReport.version,
    });
    await call('POST', `/api/reports/${streetReport.id}/return`, {
      version: submitted.version,
      comment: '请补充本月完成情况',
    });
    const reporter = await browser.newPage({ viewport: DESKTOP });
    try {
      await signIn(reporter, server.url, 'huangbei', reporterPassword);
      await reporter.goto(`${server.url}/notifications?unread=1`);
      const returned = reporter.locator('[data-testid="notification"][data-kind="report-returned"]');
      await returned.waitFor();
      await expect(returned.textContent()).resolves.toContain('报送退回');
      await expect(returned.getByTestId('notification-message').textContent()).resolves.toContain(
        '退回原因:请补充本月完成情况',
      );
      expect(await bellCount(reporter)).toBeGreaterThan(0);
      await shot(reporter, 'notifications-event');
      await returned.getByTestId('notification-open').click();
      await reporter.waitForURL(new RegExp(`/reports/${streetReport.id}$`, 'u'));

      await reporter.goto(`${server.url}/notifications`);
      await reporter.getByTestId('notification').first().waitFor();
      await reporter.getByTestId('notification-mark-all-read').click();
      await reporter.getByText(/已将 \d+ 条消息标为已读/u).waitFor();
      await expect.poll(() => bellCount(reporter), { timeout: 10_000 }).toBe(0);
      await expect(reporter.locator('[data-testid="notification"][data-read="0"]').count()).resolves.toBe(0);
      await expect(reporter.getByTestId('notification-mark-all-read').isDisabled()).resolves.toBe(true);
      await reporter.getByTestId('notification-filter').getByText('未读').click();
      await reporter.getByText('暂无消息').waitFor();
    } finally {
      await reporter.close();
    }
    // The plan office's notifications are the admin's to clear: still unread.
    await page.goto(`${server.url}/notifications`);
    await page.getByTestId('notification').first().waitFor();
    expect(await bellCount(page)).toBeGreaterThan(0);
  });

  it('an admin revokes an exception on the plan settings page', async () => {
    await page.goto(`${server.url}/plans/${planId}/settings`);
    const rows = page.getByTestId('exception-table').locator('tr.ant-table-row');
    await rows.first().waitFor();
    const before = await rows.count();
    const row = rows.filter({ hasText: STREET }).filter({ hasText: '2007年3月' });
    await expect(row.count()).resolves.toBe(1);
    await row.getByTestId('exception-revoke').click();
    await settled(page);
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /撤\s*销/u })
      .click();
    await page.getByText('已撤销补报例外').waitFor();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(before - 1);
    await expect(row.count()).resolves.toBe(0);
    const audit = await call<{ items: { action: string; entity: string }[] }>(
      'GET',
      '/api/audit?entity=report_exception',
    );
    expect(audit.items.some((a) => a.action === 'delete')).toBe(true);
  });

  it('an admin sends a test message to one group robot and sees whether it arrived', async () => {
    const posts: { path: string; body: unknown }[] = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        posts.push({ path: request.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        response.writeHead(request.url?.startsWith('/fail') ? 500 : 200).end('{"errcode":0}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    try {
      await call('POST', '/api/webhooks', { format: 'wecom', url: `${base}/ok/wecom` });
      await call('POST', '/api/webhooks', { format: 'dingtalk', url: `${base}/fail/ding` });
      await page.goto(`${server.url}/webhooks`);
      const rows = page.getByTestId('webhook-table').locator('tr.ant-table-row');
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
      const good = rows.filter({ hasText: '/ok/wecom' });
      await good.getByTestId('webhook-test').click();
      await expect(good.getByTestId('webhook-test-result').textContent()).resolves.toContain('测试消息已送达');
      expect(posts).toHaveLength(1);
      expect(posts[0]).toMatchObject({
        path: '/ok/wecom',
        body: { msgtype: 'text', text: { content: expect.stringContaining('测试消息') } },
      });
      const bad = rows.filter({ hasText: '/fail/ding' });
      await bad.getByTestId('webhook-test').click();
      await expect(bad.getByTestId('webhook-test-result').textContent()).resolves.toContain('测试消息未送达:HTTP 500');
      await expect(bad.getByTestId('webhook-test-result').getAttribute('data-ok')).resolves.toBe('0');
      expect(posts.map((p) => p.path)).toEqual(['/ok/wecom', '/fail/ding']);
      await shot(page, 'webhook-test');
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('importing the demo’s plan again warns, and commits only once the admin confirms', async () => {
    const text = readFileSync(join(ROOT, 'examples/luohu-2007-jichu.txt'), 'utf8');
    const preview = await call<{ id: string }>('POST', '/api/imports', { text });
    await page.goto(`${server.url}/imports/${preview.id}`);
    const warning = page.getByTestId('import-duplicate');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toContain('似乎已经导入过');
    await expect(warning.textContent()).resolves.toContain('同一份文件');
    const confirm = page.getByTestId('import-confirm');
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await shot(page, 'import-duplicate');
    await page.getByTestId('import-duplicate-confirm').check();
    await expect(confirm.isDisabled()).resolves.toBe(false);
    await confirm.click();
    // Mentions the demo left unmatched may ask once more.
    const unresolved = page.locator('.ant-popconfirm:visible .ant-btn-primary');
    await Promise.race([
      page.getByTestId('import-plan-link').waitFor(),
      unresolved.waitFor().then(() => unresolved.click()),
    ]);
    await page.getByTestId('import-plan-link').waitFor();
  });
});

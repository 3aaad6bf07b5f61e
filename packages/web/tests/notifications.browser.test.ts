import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchBrowser, SKIP_BROWSER, settled, shot, signIn, startDemoServer } from './harness.ts';

const DESKTOP = { width: 1280, height: 900 };
/** The notification list's requests (not the bell's count). */
const LIST = (url: URL) => url.pathname === '/api/notifications';
const STREET = '黄贝街道办事处';
const OTHER_STREET = '桂园街道办事处';

describe.skipIf(SKIP_BROWSER)('notifications, the page error boundary and failing detail pages', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  let reporterPassword = '';
  let planId = '';
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
    await page.getByTestId('language-switch').click();
    try {
      await page.goto(`${server.url}/notifications?unread=1`);
      await expect(page.getByTestId('page-error').textContent()).resolves.toContain('This page failed');
      await page.getByTestId('page-error-home').click();
      await page.waitForURL(/\/plans$/u);
      await expect.poll(() => page.getByTestId('page-error').count()).toBe(0);
    } finally {
      await page.unroute(LIST);
      await page.getByTestId('language-switch').click();
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
    const plan = await call<{ sections: { tasks: { id: string; assignments: Assignment[] }[] }[] }>(
      'GET',
      `/api/plans/${planId}`,
    );
    const leads = (a: Assignment) =>
      a.role === 'lead' && (a.office?.id === street || (a.group?.members ?? []).some((m) => m.id === street));
    const task = plan.sections.flatMap((s) => s.tasks).find((t) => t.assignments.some(leads));
    expect(task).toBeDefined();
    // March 2007 is long locked: the plan office lets the street report it late.
    await call('POST', `/api/plans/${planId}/exceptions`, {
      officeId: street,
      periodKey: '2007-M03',
      until: '2099-12-31',
    });
    const created = await call<{ id: string }>('POST', '/api/reports', {
      taskId: task?.id,
      officeId: street,
      periodKey: '2007-M03',
    });
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
});

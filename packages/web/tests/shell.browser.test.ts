import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchBrowser, SKIP_BROWSER, settled, shot, signIn, startDemoServer } from './harness.ts';
import { compressedBytes, kb, scriptTransfer } from './transfer.ts';

const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const LIMIT = 300 * 1024;

/** The page fills the window exactly: no body margin, no sideways scrolling. */
async function expectNoFrame(page: Page): Promise<void> {
  const m = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    margin: getComputedStyle(document.body).margin,
  }));
  expect(m.margin).toBe('0px');
  expect(m.scroll).toBe(m.viewport);
}

describe.skipIf(SKIP_BROWSER)('the app shell in chromium: transfer, caching, menu, titles, 404, dates', () => {
  let server: DemoServer;
  let browser: Browser;
  let desk: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    server = await startDemoServer({ activity: true });
    browser = await launchBrowser();
    desk = await browser.newContext({ viewport: DESK });
    page = await desk.newPage();
    await signIn(page, server.url, server.demo.username, server.demo.password);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends the sign-in page and the board in under 300 KB of compressed JavaScript each', async () => {
    const fresh = await browser.newContext({ viewport: DESK });
    const login = await scriptTransfer(fresh, server.url, '/login', 'input[type="password"]');
    await fresh.close();
    // The board, opened directly by a signed-in user with nothing cached.
    const signedIn = await browser.newContext({ viewport: DESK, storageState: await desk.storageState() });
    const board = await scriptTransfer(
      signedIn,
      server.url,
      `/plans/${server.demo.planId}`,
      '[data-testid="board-task"]',
    );
    await signedIn.close();
    console.info(`sign-in page: ${kb(login.bytes)} of compressed JavaScript in ${login.scripts.length} files`);
    console.info(`plan board:   ${kb(board.bytes)} of compressed JavaScript in ${board.scripts.length} files`);
    for (const s of [...login.scripts, ...board.scripts]) expect(s.encoding).toBe('br');
    expect(login.bytes).toBeLessThan(LIMIT);
    expect(board.bytes).toBeLessThan(LIMIT);
    // Neither carries the charts.
    expect([...login.scripts, ...board.scripts].some((s) => /Dashboard|echarts/u.test(s.path))).toBe(false);
  }, 120_000);

  it('downloads no unchanged asset on a repeat visit', async () => {
    const visit = await desk.newPage();
    const cdp: CDPSession = await desk.newCDPSession(visit);
    await cdp.send('Network.enable');
    // An asset served from the browser's memory or disk cache is not downloaded again.
    const fromCache = new Set<string>();
    const responses: { id: string; path: string; status: number; disk: boolean }[] = [];
    let counting = false;
    cdp.on('Network.requestServedFromCache', (e) => {
      fromCache.add(e.requestId);
    });
    cdp.on('Network.responseReceived', (e) => {
      const u = new URL(e.response.url);
      if (!counting || !u.pathname.startsWith('/assets/')) return;
      responses.push({
        id: e.requestId,
        path: u.pathname,
        status: e.response.status,
        disk: e.response.fromDiskCache === true,
      });
    });
    const board = `${server.url}/plans/${server.demo.planId}`;
    await visit.goto(board);
    await visit.getByTestId('board-task').first().waitFor();
    await visit.waitForLoadState('networkidle');
    counting = true;
    await visit.goto(`${server.url}/plans`);
    await visit.goto(board);
    await visit.getByTestId('board-task').first().waitFor();
    await visit.waitForLoadState('networkidle');
    expect(responses.length).toBeGreaterThan(0);
    const downloaded = responses.filter((r) => !r.disk && !fromCache.has(r.id)).map((r) => `${r.path} ${r.status}`);
    expect(downloaded).toEqual([]);
    // And what the server says about them: assets for a year, the page revalidated.
    const html = await visit.evaluate(() => document.querySelector('script[type="module"]')?.getAttribute('src'));
    const asset = await fetch(`${server.url}${html}`, { headers: { 'accept-encoding': 'br' } });
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const index = await fetch(board);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    await visit.close();
  }, 120_000);

  it('has no body margin at desk and phone width', async () => {
    await page.goto(`${server.url}/plans/${server.demo.planId}`);
    await page.getByTestId('board-task').first().waitFor();
    await expectNoFrame(page);
    const phone = await browser.newPage({ viewport: PHONE, storageState: await desk.storageState() });
    await phone.goto(`${server.url}/plans`);
    await phone.getByTestId('menu-open').waitFor();
    await expectNoFrame(phone);
    await phone.goto(`${server.url}/login`);
    await phone.locator('input[type="password"]').waitFor();
    await expectNoFrame(phone);
    await phone.close();
  }, 60_000);

  it("shows every admin page at 1440 px without '…', under 系统管理", async () => {
    await page.goto(`${server.url}/plans`);
    const menu = page.getByTestId('main-menu');
    await menu.waitFor();
    // antd puts what does not fit behind an overflow item ("…"): nothing may be there.
    await expect(menu.locator('.ant-menu-overflow-item-rest:visible').count()).resolves.toBe(0);
    for (const label of ['工作要点', '本期待办', '台账', '问题台账', '督办单', '消息提醒', '系统管理']) {
      await expect(menu.getByText(label, { exact: true }).isVisible()).resolves.toBe(true);
    }
    for (const [label, path] of [
      ['导入', '/imports/new'],
      ['单位名录', '/offices'],
      ['群机器人', '/webhooks'],
      ['用户', '/users'],
      ['审计日志', '/audit'],
    ] as const) {
      await menu.getByText('系统管理', { exact: true }).hover();
      const item = page.locator('.ant-menu-submenu-popup:visible').getByText(label, { exact: true });
      await item.click();
      await page.waitForURL(new RegExp(`${path}$`, 'u'));
      await page.mouse.move(0, 600);
      await settled(page);
    }
    await shot(page, 'menu-desk');
    // A smaller desk (the README's board) still shows every item.
    await page.setViewportSize({ width: 1280, height: 900 });
    await settled(page);
    await expect(menu.locator('.ant-menu-overflow-item-rest:visible').count()).resolves.toBe(0);
    await expect(menu.getByText('系统管理', { exact: true }).isVisible()).resolves.toBe(true);
    await page.setViewportSize(DESK);
  }, 90_000);

  it('opens the menu in a drawer on a phone and navigates from it', async () => {
    const phone = await browser.newPage({ viewport: PHONE, storageState: await desk.storageState() });
    await phone.goto(`${server.url}/plans`);
    await phone.getByTestId('menu-open').click();
    const drawer = phone.locator('.ant-drawer-content:visible');
    await drawer.waitFor();
    await expect(drawer.getByText('审计日志', { exact: true }).isVisible()).resolves.toBe(true);
    await shot(phone, 'menu-phone');
    await drawer.getByText('台账', { exact: true }).click();
    await phone.waitForURL(/\/ledgers$/u);
    await phone.locator('.ant-drawer-content').waitFor({ state: 'detached' });
    await phone.close();
  }, 60_000);

  it('gives each page its own title and serves the favicon', async () => {
    const titles = new Map<string, string>();
    for (const path of ['/plans', `/plans/${server.demo.planId}`, '/ledgers', '/orders', '/audit', '/notifications']) {
      await page.goto(`${server.url}${path}`);
      await page.waitForFunction(() => document.title.startsWith('督办 · '));
      titles.set(path, await page.title());
    }
    expect(titles.get(`/plans/${server.demo.planId}`)).toBe('督办 · 计划看板');
    expect(titles.get('/audit')).toBe('督办 · 审计日志');
    expect(new Set(titles.values()).size).toBe(titles.size);
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    const icon = await fetch(new URL(href ?? '', server.url));
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/image\/svg\+xml/u);
  }, 60_000);

  it('leads home from a page that does not exist', async () => {
    await page.goto(`${server.url}/no-such-page`);
    const home = page.getByTestId('back-home');
    await home.waitFor();
    await page.waitForFunction(() => document.title === '督办 · 页面不存在');
    await home.click();
    await page.waitForURL(/\/plans$/u);
  }, 30_000);

  it('names months and weekdays in Chinese in the date pickers, and has no native date field on any page', async () => {
    await page.goto(`${server.url}/problems`);
    await page.getByTestId('new-problem').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('.ant-picker').first().click();
    const panel = page.locator('.ant-picker-dropdown:visible');
    await panel.waitFor();
    const header = (await panel.locator('thead').textContent()) ?? '';
    expect(header.replace(/\s+/gu, '')).toBe('一二三四五六日');
    await panel.locator('.ant-picker-month-btn').click();
    // The panel turns to months after the click: wait for it, then read the first month.
    await panel.locator('.ant-picker-month-panel').waitFor();
    await expect(panel.locator('.ant-picker-cell').first().textContent()).resolves.toMatch(/^(一月|1月)$/u);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await settled(page);

    const pages = [
      '/plans',
      `/plans/${server.demo.planId}`,
      `/plans/${server.demo.planId}/dashboard`,
      `/plans/${server.demo.planId}/compliance`,
      `/plans/${server.demo.planId}/settings`,
      '/my-work',
      '/ledgers',
      '/problems',
      '/orders',
      '/notifications',
      '/webhooks',
      '/offices',
      '/users',
      '/audit',
      '/imports/new',
    ];
    for (const path of pages) {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('input[type="date"]').count(), path).resolves.toBe(0);
    }
  }, 120_000);

  it('writes timestamps as YYYY-MM-DD HH:mm', async () => {
    await page.goto(`${server.url}/notifications`);
    const list = page.getByTestId('notification');
    await list.first().waitFor();
    const text = await list.first().textContent();
    expect(text).toMatch(/\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b/u);
    expect(text).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}|T\d{2}:\d{2}|:\d{2}:\d{2}/u);
    await page.goto(`${server.url}/audit`);
    const cell = page.getByTestId('audit-at').first();
    await cell.waitFor();
    await expect(cell.textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/u);
  }, 60_000);

  it("counts 已完成 in the dashboard's 推进情况, so its figures add up to the plan's tasks", async () => {
    // The README's dashboard: the demo's year, at a 1280 px desk.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/plans/${server.demo.planId}/dashboard`);
    const progress = page.getByTestId('figure-progress');
    await progress.waitFor();
    const tasks = Number(await page.getByTestId('figure-tasks').getAttribute('data-value'));
    const counts = await page
      .locator('[data-testid^="progress-"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    // The document's 26 and the one a leader assigned mid-year (the demo's 黄贝岭社区 pilot).
    expect(tasks).toBe(27);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(tasks);
    await expect(progress.textContent()).resolves.toContain('已完成');
    expect(Number(await page.getByTestId('progress-met').getAttribute('data-count'))).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('[data-testid^="chart-"] svg').count()).toBeGreaterThanOrEqual(6);
    // Chart animations settle.
    await page.waitForTimeout(1500);
    await shot(page, 'dashboard-demo');
    await page.setViewportSize(DESK);
  }, 60_000);

  it('shows no version counter to users', async () => {
    const plan = (await (await page.request.get(`${server.url}/api/plans/${server.demo.planId}`)).json()) as {
      sections: { tasks: { id: string }[] }[];
    };
    const taskId = plan.sections[0]?.tasks[0]?.id;
    for (const path of [`/tasks/${taskId}`, `/plans/${server.demo.planId}/settings`]) {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('main, .ant-layout-content').first().textContent()).resolves.not.toMatch(/版本\s*\d/u);
    }
  }, 60_000);

  it('shows the audit log in words and names, and filters by every kind the server writes', async () => {
    const api = async <T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> => {
      const r = await page.request.fetch(`${server.url}${path}`, { method, data });
      if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
      return (await r.json()) as T;
    };
    type Assignment = { role: string; office: { id: string; name: string } | null };
    const plan = await api<{ sections: { tasks: { id: string; assignments: Assignment[] }[] }[] }>(
      'GET',
      `/api/plans/${server.demo.planId}`,
    );
    const lead = plan.sections
      .flatMap((s) => s.tasks)
      .flatMap((t) => t.assignments.filter((a) => a.role === 'lead' && a.office))[0]?.office;
    if (!lead) throw new Error('no task with a lead office');
    // A report action of the plan office: an exception for a late report.
    await api('POST', `/api/plans/${server.demo.planId}/exceptions`, {
      officeId: lead.id,
      periodKey: '2007-M03',
      until: '2099-12-31',
    });

    await page.goto(`${server.url}/audit`);
    await page.getByTestId('audit-at').first().waitFor();
    await page.getByTestId('audit-entity').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    const offered: string[] = [];
    // The list is virtual: scroll through it to read every option.
    for (let i = 0; i < 10; i++) {
      for (const text of await options.allTextContents()) if (!offered.includes(text)) offered.push(text);
      await page.mouse.wheel(0, 200);
    }
    expect(offered).toEqual(expect.arrayContaining(['补报例外', '督办单', '问题', '工作要点', '用户']));
    expect(offered.filter((o) => /^[a-z_-]+$/u.test(o))).toEqual([]);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '补报例外' }).click();
    const row = page.locator('.ant-table-row').first();
    await expect(row.textContent()).resolves.toContain('补报例外');
    await row.click();
    const diff = page.getByTestId('audit-diff').first();
    await diff.waitFor();
    const text = (await diff.textContent()) ?? '';
    expect(text).toContain(lead.name);
    expect(text).toContain('单位');
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/u);
    expect(text).not.toContain(lead.id);
    expect(text).not.toMatch(/officeId|grantedBy|createdAt|null|T\d{2}:\d{2}:\d{2}/u);
    const table = (await page.getByTestId('audit-table').textContent()) ?? '';
    expect(table).not.toMatch(/report_exception|\border\b/u);
    await shot(page, 'audit-words');
  }, 90_000);

  it('answers with brotli to a client that asks for it', async () => {
    const r = await compressedBytes(`${server.url}/`);
    expect(r.encoding).toBe('br');
  });
});

describe.skipIf(SKIP_BROWSER)('empty lists in chromium (the plan alone, no activity)', () => {
  let server: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says what to do next on an empty list', async () => {
    const page = await browser.newPage({ viewport: DESK });
    await signIn(page, server.url, server.demo.username, server.demo.password);
    for (const [path, hint] of [
      ['/ledgers', '点“新增”记下一次走访'],
      ['/problems', '点“新建问题”登记一个'],
      ['/orders', '在问题台账中为一个问题点“起草督办单”'],
      ['/notifications', '会在这里提醒您'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await expect(page.getByText(hint).first().waitFor()).resolves.toBeUndefined();
    }
    await shot(page, 'empty-notifications');
    await page.close();
  }, 60_000);
});

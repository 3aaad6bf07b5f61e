import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchBrowser, SKIP_BROWSER, settled, shot, signIn, startDemoServer } from './harness.ts';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/**
 * Open an antd Select, optionally type to narrow its list, and choose the option; again if the
 * choice did not take (a click while a dialog still zooms in can miss).
 */
async function choose(page: Page, select: Locator, option: string, type = false): Promise<void> {
  // The option itself, or with a count after it: 街道办事处 (10).
  const escaped = option.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const text = new RegExp(`^${escaped}(\\s*\\(\\d+\\))?$`, 'u');
  const root = select.locator('xpath=ancestor-or-self::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  const shown = root.locator('.ant-select-selection-item').filter({ hasText: text });
  for (let attempt = 0; attempt < 3; attempt++) {
    await settled(page);
    await select.click();
    if (type) await page.keyboard.type(option);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).click();
    await settled(page);
    if ((await shown.count()) > 0) return;
  }
  throw new Error(`could not choose ${option}`);
}

/**
 * Nothing on the page sticks out sideways at phone width: the content is no wider than the
 * window (tables scroll inside their own box). The header belongs to the layout, not these pages.
 */
async function fitsWidth(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.querySelector('.ant-layout-content')?.scrollWidth ?? 0);
  expect(width).toBeGreaterThan(0);
  expect(width).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}

function officeRow(page: Page, name: string): Locator {
  return page
    .getByTestId('office-table')
    .locator('tr.ant-table-row')
    .filter({ has: page.locator('td').first().getByText(name, { exact: true }) });
}

describe.skipIf(SKIP_BROWSER)('office directory, users and audit log', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: DESKTOP });
  }, 120_000);
  // What the page showed when a step failed.
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await shot(page, `failed-${context.task.name.slice(0, 40)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists offices with their aliases and groups with their members', async () => {
    await signIn(page, server.url, server.demo.username, server.demo.password);
    await page.goto(`${server.url}/offices`);
    const row = officeRow(page, '区发展改革局');
    await row.waitFor();
    await expect(row.getByTestId('alias').allTextContents()).resolves.toEqual(['区发改局']);
    await expect(row.textContent()).resolves.toContain('政府部门');
    await expect(row.textContent()).resolves.toContain('区直机关');
    await shot(page, 'offices-desktop');

    // Offices of one kind only.
    await choose(page, page.getByTestId('office-kind-filter'), '街道办事处');
    await expect.poll(() => page.getByTestId('office-table').locator('tr.ant-table-row').count()).toBe(10);
    await page.getByRole('tab', { name: /单位组/u }).click();
    const group = page
      .getByTestId('group-table')
      .locator('tr.ant-table-row')
      .filter({ has: page.getByText('各街道办事处', { exact: true }) });
    await expect(group.getByTestId('member-count').textContent()).resolves.toBe('10 个成员');
    await expect(group.textContent()).resolves.toContain('固定');
    await group.click();
    const members = page.locator('tr.ant-table-expanded-row:visible').getByTestId('group-member');
    await expect.poll(() => members.count()).toBe(10);
    await expect(members.allTextContents()).resolves.toContain('桂园街道办事处');
    await shot(page, 'office-groups-desktop');

    // The group's form starts from its members.
    await group.getByTestId('group-edit').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('单位组名称', { exact: true }).inputValue()).resolves.toBe('各街道办事处');
    await expect.poll(() => dialog.getByTestId('group-members').locator('.ant-select-selection-item').count()).toBe(10);
    await shot(page, 'group-edit-desktop');
    await dialog.getByRole('button', { name: /取\s*消/u }).click();
    await dialog.waitFor({ state: 'hidden' });
  }, 60_000);

  it('refuses to delete an office that tasks refer to, with the server message', async () => {
    await page.goto(`${server.url}/offices?q=区发展改革局`);
    await officeRow(page, '区发展改革局').getByTestId('office-delete').click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /删\s*除/u })
      .click();
    await expect(page.locator('.ant-message-error').textContent()).resolves.toContain('无法删除“区发展改革局”');
    await expect.poll(() => officeRow(page, '区发展改革局').count()).toBe(1);
  });

  it('creates an office and edits its alias', async () => {
    await page.goto(`${server.url}/offices`);
    await page.getByTestId('office-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称', { exact: true }).fill('区测试局');
    await choose(page, dialog.getByLabel('类型', { exact: true }), '政府部门');
    await dialog.getByLabel('别名', { exact: true }).fill('测试局');
    await dialog.getByLabel('别名', { exact: true }).press('Enter');
    await shot(page, 'office-new-desktop');
    await dialog.getByRole('button', { name: /保\s*存/u }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('office-search').fill('区测试局');
    const row = officeRow(page, '区测试局');
    await row.waitFor();
    await expect(row.getByTestId('alias').allTextContents()).resolves.toEqual(['测试局']);
    await expect(row.textContent()).resolves.toContain('政府部门');

    await row.getByTestId('office-edit').click();
    await expect(dialog.getByLabel('名称', { exact: true }).inputValue()).resolves.toBe('区测试局');
    await dialog
      .locator('.ant-select-selection-item')
      .filter({ hasText: '测试局' })
      .locator('.ant-select-selection-item-remove')
      .click();
    await dialog.getByLabel('别名', { exact: true }).fill('区测试管理局');
    await dialog.getByLabel('别名', { exact: true }).press('Enter');
    await dialog.getByRole('button', { name: /保\s*存/u }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="alias"]')].some((e) => e.textContent === '区测试管理局'),
    );
    await expect(officeRow(page, '区测试局').getByTestId('alias').allTextContents()).resolves.toEqual(['区测试管理局']);
  }, 60_000);

  it('creates a reporter of that office, who sees the directory without edit controls', async () => {
    await page.goto(`${server.url}/users`);
    await page.getByTestId('user-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名', { exact: true }).fill('ceshi1');
    await dialog.getByLabel('姓名', { exact: true }).fill('测试报送员');
    // A reporter without an office is refused before it reaches the server.
    await dialog.getByLabel('初始密码', { exact: true }).fill('a-good-password');
    await dialog.getByRole('button', { name: /保\s*存/u }).click();
    await dialog.getByText('报送员必须选择所属单位').waitFor();
    await choose(page, dialog.getByLabel('所属单位', { exact: true }), '区测试局', true);
    await dialog.getByRole('button', { name: /保\s*存/u }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByTestId('user-table').locator('tr.ant-table-row').filter({ hasText: 'ceshi1' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('区测试局');
    await expect(row.textContent()).resolves.toContain('报送员');
    await shot(page, 'users-desktop');

    await page.goto(`${server.url}/plans`);
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/login/u);
    await signIn(page, server.url, 'ceshi1', 'a-good-password');
    const nav = await page.locator('.ant-menu').textContent();
    expect(nav).toContain('单位名录');
    expect(nav).not.toContain('用户');
    expect(nav).not.toContain('审计日志');
    await page.goto(`${server.url}/offices`);
    await officeRow(page, '区发展改革局').waitFor();
    await expect.poll(() => page.getByTestId('office-new').count()).toBe(0);
    await expect.poll(() => page.getByTestId('office-edit').count()).toBe(0);
    await expect.poll(() => page.getByTestId('office-delete').count()).toBe(0);
    await expect.poll(() => page.getByRole('columnheader', { name: '操作' }).count()).toBe(0);
    await page.getByRole('tab', { name: /单位组/u }).click();
    await expect.poll(() => page.getByTestId('group-edit').count()).toBe(0);
    await expect.poll(() => page.getByTestId('group-new').count()).toBe(0);
    await page.setViewportSize(PHONE);
    await page.getByRole('tab', { name: /^单位[((]/u }).click();
    // A phone gets a card per office, still without edit controls.
    await page.getByTestId('office-card').first().waitFor();
    await expect.poll(() => page.getByTestId('office-edit').count()).toBe(0);
    await fitsWidth(page);
    await shot(page, 'offices-reporter-phone');
    await page.setViewportSize(DESKTOP);
    await page.goto(`${server.url}/plans`);
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/login/u);
  }, 60_000);

  it('shows the office creation in the audit log with its after values', async () => {
    await signIn(page, server.url, server.demo.username, server.demo.password);
    await page.goto(`${server.url}/audit`);
    await page.getByTestId('audit-table').locator('tr.ant-table-row').first().waitFor();
    await choose(page, page.getByTestId('audit-entity'), '单位');
    // Newest first: the alias edit, then the creation; only office records are left.
    const rows = page.getByTestId('audit-table').locator('tr.ant-table-row');
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="audit-table"] tr.ant-table-row')].every((r) =>
          r.textContent?.includes('单位 · '),
        ),
      undefined,
      { timeout: 10_000 },
    );
    await expect(rows.nth(0).textContent()).resolves.toContain('修改');
    const created = rows.nth(1);
    await expect(created.textContent()).resolves.toContain('新建');
    await expect(created.textContent()).resolves.toContain('区测试局');
    await expect(created.textContent()).resolves.toContain('admin');
    await created.click();
    const diff = page.locator('tr.ant-table-expanded-row:visible').getByTestId('audit-diff');
    const text = await diff.textContent();
    expect(text).toContain('区测试局');
    expect(text).toContain('government-department');
    expect(text).toContain('测试局');
    await shot(page, 'audit-desktop');

    // The edit shows what changed.
    await rows.nth(0).click();
    const changed = page.locator('tr.ant-table-expanded-row:visible [data-kind="changed"]');
    await expect(changed.allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('别名'), expect.stringContaining('修改时间')]),
    );
    // Fields in words, and the concurrency counter is not a change anyone made.
    for (const line of await changed.allTextContents()) expect(line).not.toMatch(/aliases|version|updatedAt/u);

    // Older records come a page at a time: here the directory the demo loaded.
    await expect.poll(() => rows.count()).toBe(50);
    await page.getByTestId('audit-more').click();
    await expect.poll(() => rows.count()).toBeGreaterThan(50);
    await expect(page.getByText('已到最早的记录').isVisible()).resolves.toBe(true);
    // One user's records only: the admin's two.
    await choose(page, page.getByTestId('audit-user'), '区委基层办 (admin)');
    await expect.poll(() => rows.count()).toBe(2);

    await page.setViewportSize(PHONE);
    await fitsWidth(page);
    await shot(page, 'audit-phone');
    await page.goto(`${server.url}/users`);
    await page.getByTestId('user-cards').getByText('ceshi1').waitFor();
    await fitsWidth(page);
    await shot(page, 'users-phone');
    await page.goto(`${server.url}/offices`);
    const card = page.getByTestId('office-card').filter({ hasText: '区发展改革局' });
    await card.waitFor();
    await expect(card.getByTestId('alias').allTextContents()).resolves.toEqual(['区发改局']);
    await expect.poll(() => card.getByTestId('office-edit').count()).toBe(1);
    await fitsWidth(page);
    await shot(page, 'offices-admin-phone');
    await page.getByRole('tab', { name: /单位组/u }).click();
    await page.getByTestId('group-table').getByText('各街道办事处', { exact: true }).click();
    await fitsWidth(page);
    await shot(page, 'office-groups-phone');
  }, 60_000);
});

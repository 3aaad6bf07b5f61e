import type { Browser, Page } from 'playwright-core';
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

async function switchUser(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, url, username, password);
}

/** Take one step of an order's workflow from its page and wait for the state it leads to. */
async function step(page: Page, action: string, state: string, comment?: string): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await settled(page);
  if (comment) await page.getByTestId('action-form').locator('textarea').fill(comment);
  await confirmDialog(page);
  await expect.poll(() => page.getByTestId('order-state').textContent()).toBe(state);
}

describe.skipIf(SKIP_BROWSER)('ledgers, problems and supervision orders', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  let password = '';
  let orderUrl = '';
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: DESKTOP });
    password = await server.addUser('inspector1', 'inspector');
    await server.addUser('leader1', 'leader');
    await server.addUser('reporter1', 'reporter', STREET);
  }, 120_000);
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await shot(page, `failed-${context.task.name.slice(0, 40)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a reporter records a visit in their office ledger', async () => {
    await switchUser(page, server.url, 'reporter1', password);
    await page.goto(`${server.url}/ledgers`);
    await page.getByTestId('three-measures').waitFor();
    await page.getByTestId('add-visits').click();
    const form = page.getByTestId('visits-form');
    await form.waitFor();
    await form.getByLabel('对象').fill('社区居民张某');
    await choose(page, form.getByLabel('社区/街道'), STREET);
    await form.getByLabel('时长(小时)').fill('2');
    await form.getByLabel('走访情况').fill('走访辖区老旧小区');
    await form.getByLabel('发现问题').fill('小区路灯损坏');
    await confirmDialog(page);
    const row = page.getByTestId('ledger-visits').locator('tr.ant-table-row').filter({ hasText: '社区居民张某' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(STREET);
    await expect.poll(() => page.getByTestId('three-measures').textContent()).toContain('走访次数1');
    await shot(page, 'ledgers-desktop');
  });

  it('an inspector raises a problem from the visit and drafts an order', async () => {
    await switchUser(page, server.url, 'inspector1', password);
    await page.goto(`${server.url}/ledgers`);
    const row = page.getByTestId('ledger-visits').locator('tr.ant-table-row').filter({ hasText: '社区居民张某' });
    await row.getByTestId('raise-problem').click();
    const form = page.getByTestId('problem-form');
    await form.waitFor();
    await expect(page.getByTestId('problem-source').textContent()).resolves.toContain('走访');
    await expect(form.getByLabel('问题').inputValue()).resolves.toBe('小区路灯损坏');
    await confirmDialog(page);

    await page.goto(`${server.url}/problems`);
    const problem = page.getByTestId('problem-table').locator('tr.ant-table-row').filter({ hasText: '小区路灯损坏' });
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain(STREET);
    await expect(problem.textContent()).resolves.toContain('走访');
    await shot(page, 'problems-desktop');
    await problem.getByTestId('draft-order').click();
    const order = page.getByTestId('order-form');
    await order.waitFor();
    await fillDate(order.getByLabel('办理期限'), '2030-12-31');
    await order.getByLabel('说明').fill('请于期限内修复路灯');
    await confirmDialog(page);
    await page.waitForURL(/\/orders\/[^/]+$/u);
    orderUrl = page.url();
    await expect.poll(() => page.getByTestId('order-state').textContent()).toBe('已起草');
    await expect(page.textContent('body')).resolves.toContain(STREET);
  });

  it('a leader approves and an inspector issues the order', async () => {
    await switchUser(page, server.url, 'leader1', password);
    await page.goto(orderUrl);
    await page.getByTestId('order-actions').waitFor();
    await expect(page.getByTestId('action-issue').count()).resolves.toBe(0);
    await step(page, 'approve', '已审批', '同意督办');
    await switchUser(page, server.url, 'inspector1', password);
    await page.goto(orderUrl);
    await step(page, 'issue', '已下发');
  }, 90_000);

  it('the lead office signs, reports progress and reports the order done', async () => {
    await switchUser(page, server.url, 'reporter1', password);
    await page.goto(orderUrl);
    await expect(page.getByTestId('action-verify').count()).resolves.toBe(0);
    await step(page, 'sign', '已签收');
    await step(page, 'feedback', '办理中', '已联系供电所');
    await step(page, 'rectify', '已办结', '路灯已修复');
  }, 90_000);

  it('an inspector verifies and closes it; the timeline shows every step', async () => {
    await switchUser(page, server.url, 'inspector1', password);
    await page.goto(orderUrl);
    await step(page, 'verify', '已核验', '现场核查属实');
    await step(page, 'close', '已销号');

    const timeline = page.getByTestId('order-timeline');
    for (const action of ['draft', 'approve', 'issue', 'sign', 'feedback', 'rectify', 'verify', 'close']) {
      await expect(timeline.getByTestId(`event-${action}`).count()).resolves.toBe(1);
    }
    await expect(timeline.textContent()).resolves.toContain('路灯已修复');
    // Each step names who took it.
    const by = {
      draft: 'inspector1',
      approve: 'leader1',
      issue: 'inspector1',
      sign: 'reporter1',
      feedback: 'reporter1',
      rectify: 'reporter1',
      verify: 'inspector1',
      close: 'inspector1',
    };
    for (const [action, name] of Object.entries(by)) {
      await expect(timeline.getByTestId(`event-${action}`).getByTestId('event-user').textContent()).resolves.toBe(name);
    }
    await expect(page.getByTestId('order-actions').count()).resolves.toBe(0);
    const body = (await page.textContent('body')) ?? '';
    expect(body).not.toMatch(/undefined|NaN|\[object Object\]/u);
    await shot(page, 'order-desktop');
    await page.setViewportSize(PHONE);
    await shot(page, 'order-phone');
    const width = await page.evaluate(() => document.querySelector('.ant-layout-content')?.scrollWidth ?? 0);
    expect(width).toBeLessThanOrEqual(PHONE.width);

    await page.goto(`${server.url}/orders`);
    const row = page.getByTestId('order-table').locator('tr.ant-table-row').filter({ hasText: '小区路灯损坏' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('已销号');
    await shot(page, 'orders-phone');
    await page.goto(`${server.url}/ledgers`);
    await page.getByTestId('ledger-visits').waitFor();
    await shot(page, 'ledgers-phone');
    await page.setViewportSize(DESKTOP);
    await page.goto(`${server.url}/orders`);
    await row.waitFor();
    await shot(page, 'orders-desktop');
  }, 90_000);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chinaDate } from '@duban/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoActivity } from '../../server/src/cli/demo-activity.ts';
import { importDocument } from '../../server/src/cli/import.ts';
import {
  choose,
  type DemoServer,
  fillDate,
  launchBrowser,
  ROOT,
  SKIP_BROWSER,
  settled,
  shot,
  signIn,
  startDemoServer,
} from './harness.ts';

const DESKTOP = { width: 1280, height: 900 };
const STREET = '黄贝街道办事处';

/** The primary button of the dialog that is open. */
const okButton = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn-primary');

async function switchUser(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, url, username, password);
}

describe.skipIf(SKIP_BROWSER)('ledgers and problems: save once, no silent clamps, plan-scoped figures', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  let password = '';
  let freshPlanId = '';
  beforeAll(async () => {
    server = await startDemoServer();
    // The demo played through 2007 (reports, problems, orders), as `duban demo` loads it.
    const admin = await server.store.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', server.demo.username)
      .executeTakeFirstOrThrow();
    await loadDemoActivity(server.store.db, { planId: server.demo.planId, adminId: admin.id });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: DESKTOP });
    password = await server.addUser('reporter9', 'reporter', STREET);
    await server.addUser('inspector9', 'inspector');
    // A second plan of this year, with no reports, orders or problems of its own.
    const fresh = await importDocument(server.store.db, {
      bytes: readFileSync(join(ROOT, 'examples/luohu-2007-jichu.txt')),
      fileName: 'luohu-this-year.txt',
    });
    freshPlanId = fresh.planId as string;
    const year = Number(chinaDate(new Date().toISOString()).slice(0, 4));
    await server.store.db
      .updateTable('plans')
      .set({ year, title: `${year}年基层工作要点` })
      .where('id', '=', freshPlanId)
      .execute();
  }, 300_000);
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await shot(page, `failed-ledgers-${context.task.name.slice(0, 40)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const countRows = async (table: 'meetings' | 'problems', column: 'topic' | 'title', value: string) =>
    (
      await server.store.db
        .selectFrom(table)
        .select('id')
        .where(column as 'id', '=', value)
        .execute()
    ).length;

  it('keeps another plan’s orders and problems off a fresh plan’s dashboard', async () => {
    await switchUser(page, server.url, server.demo.username, server.demo.password);
    await page.goto(`${server.url}/plans/${freshPlanId}/dashboard`);
    await page.waitForFunction(() => document.querySelector('[data-testid="figure-orders"]') !== null);
    expect(await page.getByTestId('figure-orders').getAttribute('data-open')).toBe('0');
    expect(await page.getByTestId('figure-orders').getAttribute('data-overdue')).toBe('0');
    await page.getByTestId('league-row').first().waitFor();
    await page.locator('[data-testid="chart-problems"]').waitFor();
    const months = JSON.parse((await page.getByTestId('chart-problems').getAttribute('data-values')) ?? '[]') as {
      opened: number;
      closed: number;
      openAtEnd: number;
    }[];
    expect(months.length).toBeGreaterThan(0);
    expect(months.filter((m) => m.opened + m.closed + m.openAtEnd > 0)).toEqual([]);
    const leagueOrders = () =>
      page
        .getByTestId('league-row')
        .evaluateAll((rows) =>
          rows.map((r) => Number(r.getAttribute('data-open-orders')) + Number(r.getAttribute('data-overdue-orders'))),
        );
    expect((await leagueOrders()).length).toBeGreaterThan(0);
    expect((await leagueOrders()).filter((n) => n > 0)).toEqual([]);
    await shot(page, 'fresh-plan-dashboard');
    // The demo plan's dashboard still shows its own problems.
    await page.goto(`${server.url}/plans/${server.demo.planId}/dashboard`);
    await page.locator('[data-testid="chart-problems"]').waitFor();
    const own = JSON.parse((await page.getByTestId('chart-problems').getAttribute('data-values')) ?? '[]') as {
      opened: number;
    }[];
    expect(own.some((m) => m.opened > 0)).toBe(true);
    await page.getByTestId('league-row').first().waitFor();
    // The offices with orders may rank past the first page of 20: read every page.
    const everyPage: number[] = [...(await leagueOrders())];
    const next = page.locator('.ant-pagination-next:not(.ant-pagination-disabled)');
    while ((await next.count()) > 0) {
      await next.click();
      everyPage.push(...(await leagueOrders()));
    }
    expect(everyPage.some((n) => n > 0)).toBe(true);
  }, 90_000);

  it('double-clicking 保存 records one meeting and one problem', async () => {
    await switchUser(page, server.url, 'reporter9', password);
    await page.goto(`${server.url}/ledgers?tab=meetings`);
    await page.getByTestId('add-meetings').click();
    const form = page.getByTestId('meetings-form');
    await form.waitFor();
    await settled(page);
    await choose(page, form.getByLabel('层级'), '街道级');
    await form.getByLabel('主题').fill('双击保存测试会议');
    await form.getByLabel('参会人数').fill('12');
    await okButton(page).dblclick();
    const row = page.getByTestId('ledger-meetings').locator('tr.ant-table-row').filter({ hasText: '双击保存测试会议' });
    await row.first().waitFor();
    await page.waitForTimeout(500);
    expect(await row.count()).toBe(1);
    expect(await countRows('meetings', 'topic', '双击保存测试会议')).toBe(1);

    await page.goto(`${server.url}/problems`);
    await page.getByTestId('new-problem').click();
    const problemForm = page.getByTestId('problem-form');
    await problemForm.waitFor();
    await settled(page);
    await problemForm.getByLabel('问题').fill('双击保存测试问题');
    await okButton(page).dblclick();
    await page.getByTestId('problem-table').getByText('双击保存测试问题').first().waitFor();
    await page.waitForTimeout(500);
    expect(await countRows('problems', 'title', '双击保存测试问题')).toBe(1);
  }, 90_000);

  it('refuses a negative attendance and an over-long topic in the form, counting, and keeps what was typed', async () => {
    await switchUser(page, server.url, 'reporter9', password);
    await page.goto(`${server.url}/ledgers?tab=meetings`);
    await page.getByTestId('add-meetings').click();
    const form = page.getByTestId('meetings-form');
    await form.waitFor();
    await settled(page);
    await choose(page, form.getByLabel('层级'), '街道级');
    const topic = `负数测试${'长'.repeat(220)}`;
    await form.getByLabel('主题').fill(topic);
    await form.getByLabel('参会人数').fill('-3');
    await form.getByLabel('主题').click(); // leave the number: antd clamped it here before
    await okButton(page).click();
    await form.getByText('请填写 0 到 100000 之间的数').waitFor();
    await form.getByText('最多 200 个字').waitFor();
    expect(await form.getByLabel('参会人数').inputValue()).toBe('-3');
    // The whole text stays, and its count says how far over it is.
    expect(await form.getByLabel('主题').inputValue()).toBe(topic);
    expect(await form.locator('.ant-input-show-count-suffix, .ant-input-data-count').first().textContent()).toContain(
      `${topic.length} / 200`,
    );
    await shot(page, 'ledger-form-limits');
    await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();
    expect(await countRows('meetings', 'topic', topic)).toBe(0);
    const clamped = await server.store.db.selectFrom('meetings').select('id').where('attendance', '=', 0).execute();
    expect(clamped).toHaveLength(0);
  }, 90_000);

  it('shows each plan’s true progress in the plan list', async () => {
    await switchUser(page, server.url, server.demo.username, server.demo.password);
    await page.goto(`${server.url}/plans`);
    const rowOf = (planId: string) => page.locator(`[data-testid="plan-row"]:has(a[href="/plans/${planId}"])`);
    const demoRow = rowOf(server.demo.planId);
    const progress = demoRow.getByTestId('plan-progress');
    await progress.waitFor();
    expect(Number(await progress.getAttribute('data-submitted'))).toBeGreaterThan(100);
    // The document's 26 tasks and the one a leader assigned mid-year (领导交办).
    expect(Number(await progress.getAttribute('data-tasks'))).toBe(27);
    expect(await progress.textContent()).not.toContain('暂无报送');
    expect(await progress.textContent()).toMatch(/已完成 \d+\/27 项/u);
    const freshRow = rowOf(freshPlanId);
    await freshRow.getByTestId('plan-progress').waitFor();
    expect(await freshRow.getByTestId('plan-progress').textContent()).toContain('暂无报送');
    await shot(page, 'plan-list-progress');
  }, 90_000);

  it('shows a problem’s page: description, orders and history; closes it with a note; no second order', async () => {
    await switchUser(page, server.url, 'inspector9', password);
    // An open problem of the demo past its deadline, without an open order.
    const today = chinaDate(new Date().toISOString());
    const candidates = await server.store.db
      .selectFrom('problems')
      .select(['id', 'title'])
      .where('status', '<>', 'closed')
      .where('deadline', '<', today)
      .where('plan_id', '=', server.demo.planId)
      .execute();
    const withOpenOrder = new Set(
      (await server.store.db.selectFrom('orders').select('problem_id').where('state', '<>', 'closed').execute()).map(
        (o) => o.problem_id,
      ),
    );
    const problem = candidates.find((c) => !withOpenOrder.has(c.id));
    if (problem === undefined) throw new Error('the demo has no open overdue problem without an order');
    await page.goto(`${server.url}/problems`);
    await page.getByTestId('problem-link').filter({ hasText: problem.title }).first().click();
    await page.waitForURL(new RegExp(`/problems/${problem.id}$`, 'u'));
    await page.getByTestId('problem-title').waitFor();
    expect(await page.getByTestId('problem-title').textContent()).toBe(problem.title);
    await page.getByTestId('problem-event-create').waitFor();
    // Open and past its deadline: overdue.
    await page.getByTestId('problem-overdue').waitFor();

    // Draft an order on it; back on its page, it is listed and a second one is not offered.
    await page.getByTestId('draft-order').click();
    const orderForm = page.getByTestId('order-form');
    await orderForm.waitFor();
    await settled(page);
    await fillDate(orderForm.getByLabel('办理期限'), '2099-12-31');
    await okButton(page).click();
    await page.waitForURL(/\/orders\//u);
    await page.goto(`${server.url}/problems/${problem.id}`);
    await page.getByTestId('problem-orders').locator('tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('draft-order').isDisabled()).toBe(true);
    await shot(page, 'problem-page');

    await page.getByTestId('problem-close').click();
    const closeForm = page.getByTestId('problem-close-form');
    await closeForm.waitFor();
    await settled(page);
    await okButton(page).click();
    await closeForm.getByText('请填写问题的解决情况').waitFor();
    await closeForm.locator('textarea').fill('已现场核实整改完毕');
    await okButton(page).click();
    await expect.poll(() => page.getByTestId('problem-status').textContent()).toBe('已解决');
    await page.getByTestId('problem-event-close').getByText('已现场核实整改完毕').waitFor();
    // A closed problem is never overdue.
    expect(await page.getByTestId('problem-overdue').count()).toBe(0);
  }, 90_000);

  it('keeps a 14,000-character report narrative whole and counts it against the server’s limit', async () => {
    // The lead office of the fresh plan's task 13 reports on it this period.
    const lead = await server.store.db
      .selectFrom('tasks')
      .innerJoin('task_assignments', 'task_assignments.task_id', 'tasks.id')
      .innerJoin('offices', 'offices.id', 'task_assignments.office_id')
      .select(['tasks.id as taskId', 'offices.name as office'])
      .where('tasks.plan_id', '=', freshPlanId)
      .where('tasks.number', '=', '13')
      .where('task_assignments.role', '=', 'lead')
      .executeTakeFirstOrThrow();
    const pw = await server.addUser('reporter13', 'reporter', lead.office);
    await switchUser(page, server.url, 'reporter13', pw);
    await page.goto(`${server.url}/tasks/${lead.taskId}/report`);
    const narrative = page.getByTestId('report-narrative');
    await narrative.waitFor();
    const text = '进展'.repeat(7000);
    await narrative.fill(text);
    expect(await narrative.inputValue()).toHaveLength(14_000);
    await page.getByText('14000 / 20000').waitFor();
  }, 90_000);
});

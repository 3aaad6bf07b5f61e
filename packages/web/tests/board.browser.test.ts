import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchBrowser, SKIP_BROWSER, shot, signIn, startDemoServer } from './harness.ts';

/** The task numbers the board shows, in order. */
const shownNumbers = (page: Page): Promise<string[]> =>
  page.$$eval('[data-testid="board-task"]', (cards) => cards.map((c) => c.getAttribute('data-task-number') ?? ''));

const shownCount = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('board-count').getAttribute('data-count'));

/** Wait until the board shows `count` tasks. */
const waitForCount = (page: Page, count: number) =>
  page.waitForFunction((n) => document.querySelectorAll('[data-testid="board-task"]').length === n, count);

/** Pick an option of an Ant Design Select by typing its label. */
async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).locator('input').fill(label);
  await page.locator('.ant-select-item-option', { hasText: label }).first().click();
}

describe.skipIf(SKIP_BROWSER)('the plans list, the plan board and the task page in chromium', () => {
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

  it('lists the plan, shows its board with chips, groups and filters, and edits a task', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, server.demo.username, server.demo.password);

    // The plans list: the example plan with its counts and no invented progress.
    const row = page.getByTestId('plan-row').first();
    await row.waitFor();
    // The progress column loads by its own request; read the row once it has arrived.
    await row.getByTestId('plan-progress').waitFor();
    const rowText = await row.textContent();
    expect(rowText).toContain('罗湖区“基层基础年”活动2007年工作要点');
    expect(rowText).toContain('2007');
    expect(rowText).toContain('26');
    expect(rowText).toContain('暂无报送');
    await shot(page, 'plans');
    await page.getByTestId('plan-link').first().click();
    await page.waitForURL(`**/plans/${server.demo.planId}`);

    // The board: 26 tasks in 5 sections, target chips, a group that opens to its members.
    await waitForCount(page, 26);
    expect(await page.getByTestId('board-section').count()).toBe(5);
    expect(await shownCount(page)).toBe(26);
    expect(await page.getByTestId('board-count').textContent()).toContain('共 26 项工作事项');
    const chips = async (n: string) =>
      page.locator(`[data-testid="board-task"][data-task-number="${n}"] [data-testid="target-chip"]`).allTextContents();
    expect(await chips('1')).toContain('≥90%');
    expect(await chips('4')).toContain('每季度≥1次');
    expect(await chips('5')).toContain('较上年≤-15%');
    expect(await chips('8')).toContain('≤3%');
    // Reports do not exist yet: every task is honestly "no data".
    const statuses = await page.$$eval('[data-testid="board-task"] [data-testid="task-status"]', (tags) =>
      tags.map((t) => t.getAttribute('data-status')),
    );
    expect(new Set(statuses)).toEqual(new Set(['noData']));
    await page.mouse.move(0, 0);
    await shot(page, 'board');

    const streets = page.locator(
      '[data-testid="board-task"][data-task-number="7"] [data-testid="group-tag"][data-group="各街道办事处"]',
    );
    await streets.click();
    const members = page.locator('.ant-popover:not(.ant-popover-hidden) [data-testid="group-members"]');
    await members.waitFor();
    const names = await members.getByTestId('group-member').allTextContents();
    expect(names).toHaveLength(10);
    expect(names.every((n) => n.endsWith('街道办事处'))).toBe(true);
    await shot(page, 'board-group');
    await page.keyboard.press('Escape');
    await streets.click();

    // Filter by office: the tasks naming 区卫生局 directly or through a group it belongs to.
    const expected = await page.evaluate(async (planId) => {
      const plan = await (await fetch(`/api/plans/${planId}`)).json();
      const numbers: { all: string[]; direct: string[] } = { all: [], direct: [] };
      for (const s of plan.sections)
        for (const t of s.tasks) {
          const direct = t.assignments.some((a: { office: { name: string } | null }) => a.office?.name === '区卫生局');
          const viaGroup = t.assignments.some((a: { group: { members: { name: string }[] } | null }) =>
            a.group?.members.some((m) => m.name === '区卫生局'),
          );
          if (direct || viaGroup) numbers.all.push(t.number);
          if (direct) numbers.direct.push(t.number);
        }
      return numbers;
    }, server.demo.planId);
    expect(expected.direct).toEqual(['9', '10', '13', '14']);
    await pick(page, 'filter-office', '区卫生局');
    await waitForCount(page, expected.all.length);
    expect(await shownNumbers(page)).toEqual(expected.all);
    expect(await shownCount(page)).toBe(expected.all.length);
    expect(await page.getByTestId('board-count').textContent()).toContain(`显示 ${expected.all.length} / 26`);
    expect(page.url()).toContain('office=');
    await shot(page, 'board-office');

    // Text search over titles and texts, the office filter cleared.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await waitForCount(page, 26);
    await page.getByPlaceholder('搜索事项内容').fill('社康');
    await waitForCount(page, 1);
    expect(await shownNumbers(page)).toEqual(['13']);

    // Task 13's page: text, targets, offices.
    await page.locator('[data-task-number="13"] [data-testid="board-task-link"]').click();
    await page.waitForURL(/\/tasks\//u);
    await page.getByTestId('task-title').waitFor();
    expect(await page.getByTestId('task-title').textContent()).toBe('13. 解决群众看病难看病贵问题');
    expect(await page.getByTestId('task-text').textContent()).toContain('年内全区新建12家社康中心');
    const targets = page.getByTestId('targets-table');
    expect(await targets.textContent()).toContain('年内全区新建12家社康中心');
    expect(await targets.getByTestId('target-chip').allTextContents()).toEqual(['≥12家']);
    expect(await targets.textContent()).toContain('年内');
    expect(await page.getByTestId('task-offices-lead').textContent()).toContain('区卫生局');
    expect(await page.getByTestId('task-offices-support').textContent()).toContain('区财政局');
    const history = page.getByTestId('history-entry');
    await history.first().waitFor();
    expect(await history.count()).toBe(1);
    expect(await history.first().textContent()).toContain('随工作要点');
    await shot(page, 'task');

    // An admin edits the title; the history shows who changed what.
    await page.getByTestId('task-edit').click();
    await page.getByTestId('task-edit-title').fill('解决群众看病难、看病贵问题');
    await page.getByTestId('task-save').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="task-title"]')?.textContent === '13. 解决群众看病难、看病贵问题',
    );
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-entry"]').length === 2);
    const latest = await history.first().textContent();
    expect(latest).toContain('admin');
    expect(latest).toContain('标题');
    expect(latest).toContain('解决群众看病难看病贵问题');
    expect(latest).toContain('解决群众看病难、看病贵问题');
    await shot(page, 'task-edited');

    // A stale edit (someone else changed the task meanwhile) shows the server's message and reloads.
    await page.getByTestId('task-edit').click();
    const id = page.url().split('/tasks/')[1] as string;
    const changed = await page.evaluate(async (taskId) => {
      const task = await (await fetch(`/api/tasks/${taskId}`)).json();
      const r = await fetch(`/api/tasks/${taskId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version: task.version, deadline: '年底前' }),
      });
      return r.status;
    }, id);
    expect(changed).toBe(200);
    await page.getByTestId('task-edit-title').fill('又一个标题');
    await page.getByTestId('task-save').click();
    await page.locator('.ant-message-error').waitFor();
    expect(await page.locator('.ant-message-error').textContent()).toMatch(/已被他人修改,请刷新后重试/u);
    await page.waitForFunction(() => document.querySelector('[data-testid="task-deadline"]')?.textContent === '年底前');
    expect(await page.getByTestId('task-title').textContent()).toBe('13. 解决群众看病难、看病贵问题');
    await page.close();
  });

  it('lets a reporter on a phone read the board and pick their office’s tasks', async () => {
    const password = await server.addUser('weisheng', 'reporter', '区卫生局');
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, server.url, 'weisheng', password);
    await page.goto(`${server.url}/plans/${server.demo.planId}`);
    await waitForCount(page, 26);
    // Cards stack in one column and nothing is wider than the phone.
    const layout = await page.evaluate(() => {
      const cards = [...document.querySelectorAll('[data-testid="board-task"]')].map((c) => c.getBoundingClientRect());
      return {
        lefts: new Set(cards.map((r) => Math.round(r.left))).size,
        widest: Math.max(...cards.map((r) => r.right)),
        scroll: document.documentElement.scrollWidth,
      };
    });
    expect(layout.lefts).toBe(1);
    expect(layout.widest).toBeLessThanOrEqual(390);
    expect(layout.scroll).toBeLessThanOrEqual(390);
    await shot(page, 'board-phone');
    await page.getByTestId('filter-mine').click();
    await waitForCount(page, 5);
    expect(await shownNumbers(page)).toEqual(['5', '9', '10', '13', '14']);
    await shot(page, 'board-phone-mine');
    await page.locator('[data-task-number="13"] [data-testid="board-task-link"]').click();
    await page.getByTestId('task-title').waitFor();
    // A reporter reads the task and its history but may not edit it.
    expect(await page.getByTestId('task-edit').count()).toBe(0);
    await page.getByTestId('history-entry').first().waitFor();
    await shot(page, 'task-phone');
    await page.close();
  });

  it('shows a task’s work and its reporting apart, as the server judges them, and a blocked report’s reason', async () => {
    const db = server.store.db;
    // The plan tracked from January: 2007's reports are owed, none handed in but one, 受阻.
    await db.updateTable('plans').set({ created_at: '2007-01-01T00:00:00.000Z' }).execute();
    const [task, office] = await Promise.all([
      db.selectFrom('tasks').select('id').where('number', '=', '13').executeTakeFirstOrThrow(),
      db.selectFrom('offices').select('id').where('name', '=', '区卫生局').executeTakeFirstOrThrow(),
    ]);
    const at = '2007-12-05T02:00:00.000Z';
    await db
      .insertInto('reports')
      .values({
        id: 'browser-blocked',
        task_id: task.id,
        office_id: office.id,
        period_key: '2007-M11',
        status: 'accepted',
        progress: 'blocked',
        narrative: '社康中心选址未落实',
        good_practice: 0,
        good_practice_summary: null,
        submitted_at: at,
        due_date: null,
        late: 0,
        reviewed_by: null,
        reviewed_at: null,
        review_comment: null,
        version: 3,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, server.demo.username, server.demo.password);
    await page.goto(`${server.url}/plans/${server.demo.planId}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="task-reporting"]').length === 26);
    const shown = await page.$$eval('[data-testid="board-task"]', (cards) =>
      cards.map((c) => ({
        number: c.getAttribute('data-task-number'),
        status: c.querySelector('[data-testid="task-status"]')?.getAttribute('data-status'),
        reporting: c.querySelector('[data-testid="task-reporting"]')?.getAttribute('data-reporting'),
      })),
    );
    // The same two judgements as the status API, task by task.
    const server_ = await page.evaluate(async (planId) => {
      const [status, plan] = await Promise.all([
        (await fetch(`/api/plans/${planId}/status`)).json(),
        (await fetch(`/api/plans/${planId}`)).json(),
      ]);
      const numberOf = new Map<string, string>();
      for (const s of plan.sections) for (const t of s.tasks) numberOf.set(t.id, t.number);
      return (status.tasks as { taskId: string; status: string; reporting: string }[]).map((t) => ({
        number: numberOf.get(t.taskId),
        status: t.status,
        reporting: t.reporting,
      }));
    }, server.demo.planId);
    const camel = (s: string) => s.replace(/-(\w)/gu, (_, c: string) => c.toUpperCase());
    expect(shown.map((x) => `${x.number}:${x.status}:${x.reporting}`).sort()).toEqual(
      server_.map((x) => `${x.number}:${camel(x.status)}:${camel(x.reporting)}`).sort(),
    );
    // Reports missing all year are a reporting lapse (缺报), not lagging work.
    const card = (n: string) => shown.find((x) => x.number === n);
    expect(card('1')).toEqual({ number: '1', status: 'noData', reporting: 'missing' });
    // The blocked task is at risk, with the reporter's reason on its card and its page.
    expect(card('13')?.status).toBe('atRisk');
    const blocked = page.locator('[data-task-number="13"] [data-testid="board-task-blocked"]');
    expect(await blocked.textContent()).toContain('社康中心选址未落实');
    expect(await page.locator('[data-task-number="13"] [data-testid="task-reporting"]').textContent()).toBe('缺报');
    await shot(page, 'board-two-axes');
    await page.locator('[data-task-number="13"] [data-testid="board-task-link"]').click();
    await page.getByTestId('task-blocked').waitFor();
    expect(await page.getByTestId('task-blocked').textContent()).toContain(
      '区卫生局报告受阻(2007年11月):社康中心选址未落实',
    );
    await page.close();
  });

  // Last: it deletes the demo plan.
  it('says to import when there are no plans, with the way there for an admin', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, server.demo.username, server.demo.password);
    const deleted = await page.evaluate(
      async (planId) => (await fetch(`/api/plans/${planId}`, { method: 'DELETE' })).status,
      server.demo.planId,
    );
    expect(deleted).toBe(204);
    await page.reload();
    const empty = page.getByTestId('plans-empty');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('还没有工作要点');
    await empty.getByRole('button', { name: '导入工作要点' }).click();
    await page.waitForURL(/\/imports\/new/u);
    await page.close();
  });
});

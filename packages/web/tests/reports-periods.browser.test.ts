import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../server/src/cli/import.ts';
import { newId } from '../../server/src/db/ids.ts';
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

const VALUE_INPUT = 'input[data-testid="figure-value"], [data-testid="figure-value"] input';
const stateOf = (page: Page) => page.getByTestId('report-state').getAttribute('data-state');

/**
 * Issue 9, reporting: a report on a task without targets, the period a report opens on and when
 * its draft is made, what a submission must hold, withdrawing, the leave guard, 本期待办 across
 * plans and periods, a locked returned report, and the task page's target values.
 */
describe.skipIf(SKIP_BROWSER)('reports: periods, submissions, withdrawal, locks and my work across plans', () => {
  let server: DemoServer;
  let browser: Browser;
  let password: string;
  let healthId: string;
  const taskId = async (number: string, planId = server.demo.planId) =>
    (
      await server.store.db
        .selectFrom('tasks')
        .select('id')
        .where('plan_id', '=', planId)
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).id;
  const reportsOf = (task: string) =>
    server.store.db.selectFrom('reports').select(['id', 'period_key', 'status']).where('task_id', '=', task).execute();
  /** The plan office lets 区卫生局 still report a month of 2007 (its periods locked long ago). */
  const open = (periodKey: string) =>
    server.store.db
      .insertInto('report_exceptions')
      .values({
        id: newId(),
        plan_id: server.demo.planId,
        office_id: healthId,
        period_key: periodKey,
        until: '2099-12-31',
        granted_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    password = await server.addUser('weisheng', 'reporter', '区卫生局');
    healthId = (
      await server.store.db.selectFrom('offices').select('id').where('name', '=', '区卫生局').executeTakeFirstOrThrow()
    ).id;
    await open('2007-M12');
    await open('2007-M11');
    await open('2007-M09');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens 填报进展 on the plan’s own period without writing; a task without targets saves, submits, withdraws and resubmits', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'weisheng', password);
    const task10 = await taskId('10');

    // The task page's 填报进展: the 2007 plan is judged on its last day, so the form is December
    // 2007's, and opening it writes nothing.
    await page.goto(`${server.url}/tasks/${task10}`);
    await page.getByTestId('task-report').click();
    await page.getByTestId('report-form').waitFor();
    expect(await page.getByTestId('report-period').textContent()).toBe('2007年12月');
    expect(await page.getByTestId('report-figure').count()).toBe(0);
    expect(await reportsOf(task10)).toEqual([]);

    // An untouched draft does not submit: the form says what is missing, and nothing is written.
    await page.getByTestId('report-submit').click();
    await page.getByTestId('form-error').waitFor();
    expect(await page.getByTestId('form-error').textContent()).toContain('还不能提交');
    expect(await page.locator('.ant-form-item-explain-error').first().textContent()).toBe('请填写进展说明');
    expect(await reportsOf(task10)).toEqual([]);

    // Unsaved words hold a user who leaves through the menu; they may stay.
    await page.getByTestId('report-narrative').fill('已制定社区卫生服务改革方案。');
    // What the check found missing is given: its summary goes with it.
    await expect.poll(() => page.getByTestId('form-error').count()).toBe(0);
    await page.getByRole('menuitem', { name: '本期待办' }).click();
    await page.locator('.ant-modal').filter({ hasText: '报送尚未保存' }).waitFor();
    await settled(page);
    await shot(page, 'reports-leave-guard');
    await page.locator('#leave-stay').click();
    expect(page.url()).toContain(`/tasks/${task10}/report`);

    // The first save creates the draft, of December 2007, and opens it.
    await page.getByTestId('report-save').click();
    await page.waitForURL(/\/reports\//u);
    const reportUrl = page.url();
    await page.getByTestId('report-form').waitFor();
    expect(await reportsOf(task10)).toEqual([expect.objectContaining({ period_key: '2007-M12', status: 'draft' })]);

    // Submitted, then withdrawn before review: a draft again, the step in its history.
    await page.getByTestId('report-submit').click();
    await expect.poll(() => stateOf(page)).toBe('submitted');
    await page.getByTestId('report-withdraw').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => stateOf(page)).toBe('draft');
    await page.locator('[data-testid="report-event"][data-action="withdraw"]').waitFor();
    await shot(page, 'reports-withdrawn');
    await page.getByTestId('report-submit').click();
    await expect.poll(() => stateOf(page)).toBe('submitted');

    // The plan office returns it; the office fixes the narrative and hands it in again.
    const admin = await browser.newPage();
    await signIn(admin, server.url, server.demo.username, server.demo.password);
    const id = reportUrl.split('/').at(-1) as string;
    const current = await (await admin.request.get(`${server.url}/api/reports/${id}`)).json();
    const returned = await admin.request.post(`${server.url}/api/reports/${id}/return`, {
      data: { version: current.version, comment: '请写明试点社区' },
    });
    expect(returned.status()).toBe(200);
    await page.reload();
    await page.getByTestId('report-returned-comment').waitFor();
    await page.getByTestId('report-narrative').fill('已制定方案,在黄贝岭、东门两个社区试点。');
    await page.getByTestId('report-submit').click();
    await expect.poll(() => stateOf(page)).toBe('submitted');
    expect(await reportsOf(task10)).toEqual([expect.objectContaining({ status: 'submitted' })]);
    await admin.close();
    await page.close();
  }, 180_000);

  it('takes a submission with a figure or a stated reason for each target, and shows the target’s value on the task page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'weisheng', password);
    const task13 = await taskId('13');
    await page.goto(`${server.url}/tasks/${task13}/report?period=2007-M09`);
    await page.getByTestId('report-form').waitFor();
    await page.getByTestId('report-narrative').fill('新建社康中心5家。');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('form-error').waitFor();
    expect(await page.getByTestId('report-figure').locator('.ant-form-item-explain-error').textContent()).toBe(
      '请填写完成值,或在下方说明未填写的原因',
    );
    expect(await reportsOf(task13)).toEqual([]);
    await shot(page, 'reports-figure-missing');
    // A reason instead of the figure is enough.
    await page.getByTestId('figure-reason').fill('区财政局核拨资金后统计');
    await page.getByTestId('report-submit').click();
    await page.waitForURL(/\/reports\//u);
    await expect.poll(() => stateOf(page)).toBe('submitted');
    const url = page.url();
    // Returned, the office gives the figure (5, the total so far) and resubmits.
    const id = url.split('/').at(-1) as string;
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(admin, server.url, server.demo.username, server.demo.password);
    const read = await (await admin.request.get(`${server.url}/api/reports/${id}`)).json();
    expect(read.missingFigures).toEqual([expect.objectContaining({ reason: '区财政局核拨资金后统计' })]);
    await admin.request.post(`${server.url}/api/reports/${id}/return`, {
      data: { version: read.version, comment: '请填写已建成数' },
    });
    await page.reload();
    await page.getByTestId('report-returned-comment').waitFor();
    await page.locator(VALUE_INPUT).fill('5');
    await page.getByTestId('figure-cumulative').click();
    await page.getByTestId('report-submit').click();
    await expect.poll(() => stateOf(page)).toBe('submitted');

    // The task page shows each target's value as the status rolls it up: 5 of 12 家.
    await admin.goto(`${server.url}/tasks/${task13}`);
    const value = admin.getByTestId('target-current');
    await expect.poll(() => value.textContent(), { timeout: 15_000 }).toBe('5 / 12 家');
    await shot(admin, 'reports-task-target-value');
    await admin.close();
    await page.close();
  }, 180_000);

  it('shows a locked, returned report read-only with the way to an exception', async () => {
    const task14 = await taskId('14');
    const id = newId();
    await server.store.db
      .insertInto('reports')
      .values({
        id,
        task_id: task14,
        office_id: healthId,
        period_key: '2007-M10',
        status: 'returned',
        progress: 'in-progress',
        narrative: '十月进展',
        good_practice: 0,
        good_practice_summary: null,
        submitted_at: '2007-10-31T08:00:00.000Z',
        due_date: '2007-10-31',
        late: 0,
        reviewed_by: null,
        reviewed_at: '2007-11-02T08:00:00.000Z',
        review_comment: '请补充数据',
        version: 3,
        created_at: '2007-10-30T08:00:00.000Z',
        updated_at: '2007-11-02T08:00:00.000Z',
      })
      .execute();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'weisheng', password);
    await page.goto(`${server.url}/reports/${id}`);
    await page.getByTestId('report-locked').waitFor();
    const text = await page.getByTestId('report-locked').textContent();
    expect(text).toMatch(/本期报送已于 2007-11-\d\d 锁定/u);
    expect(text).toContain('补报例外');
    expect(await page.getByTestId('report-form').count()).toBe(0);
    expect(await page.getByTestId('report-save').count()).toBe(0);
    expect(await page.getByTestId('report-view').count()).toBe(1);
    expect(await page.getByTestId('report-returned-comment').textContent()).toContain('请补充数据');
    await shot(page, 'reports-locked');

    // A report not yet written for a locked month: no form that cannot be saved, the same notice.
    const task9 = await taskId('9');
    await page.goto(`${server.url}/tasks/${task9}/report?period=2007-M08`);
    await page.getByTestId('report-locked').waitFor();
    expect(await page.getByTestId('report-locked').textContent()).toContain('2007年8月的补报例外');
    expect(await page.getByTestId('report-form').count()).toBe(0);
    expect(await reportsOf(task9)).toEqual([]);
    await page.close();
  }, 120_000);

  it('lists what an office owes under every plan, each in its period, with an earlier month’s return first', async () => {
    // A 2026 plan imported beside the demo's 2007 one, naming the same offices.
    const text = readFileSync(`${ROOT}examples/luohu-2007-jichu.txt`, 'utf8').replaceAll('2007', '2026');
    const { planId: plan2026 } = await importDocument(server.store.db, {
      bytes: Buffer.from(text),
      fileName: 'luohu-2026.txt',
    });
    // A report of November 2007 that the plan office returned.
    const admin = await browser.newPage();
    await signIn(admin, server.url, server.demo.username, server.demo.password);
    const task5 = await taskId('5');
    const target = await server.store.db
      .selectFrom('targets')
      .select('id')
      .where('task_id', '=', task5)
      .executeTakeFirstOrThrow();
    const created = await admin.request.post(`${server.url}/api/reports`, {
      data: {
        taskId: task5,
        officeId: healthId,
        periodKey: '2007-M11',
        narrative: '十一月进展',
        missingFigures: [{ targetId: target.id, reason: '待统计' }],
      },
    });
    expect(created.status()).toBe(201);
    const draft = await created.json();
    const submitted = await (
      await admin.request.post(`${server.url}/api/reports/${draft.id}/submit`, { data: { version: 1 } })
    ).json();
    const returned = await admin.request.post(`${server.url}/api/reports/${draft.id}/return`, {
      data: { version: submitted.version, comment: '请补充十一月数据' },
    });
    expect(returned.status()).toBe(200);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'weisheng', password);
    await page.getByRole('menuitem', { name: '本期待办' }).click();
    await page.waitForURL(/\/my-work/u);
    const items = page.getByTestId('work-item');
    await items.first().waitFor();
    expect(await page.getByTestId('my-work-period').textContent()).toContain('2007年12月、2026年12月');
    const rows = await page.$$eval('[data-testid="work-item"]', (es) =>
      es.map((e) => [e.getAttribute('data-plan'), e.getAttribute('data-period'), e.getAttribute('data-state')]),
    );
    // The returns of earlier months come first, without picking their month (October's, locked, too).
    const returnedRows = rows.filter(([, , state]) => state === 'returned');
    expect(rows.slice(0, returnedRows.length)).toEqual(returnedRows);
    expect(returnedRows).toContainEqual([server.demo.planId, '2007-M11', 'returned']);
    const november = page.locator('[data-testid="work-item"][data-period="2007-M11"]');
    expect(await november.getByTestId('work-item-comment').textContent()).toContain('请补充十一月数据');
    // Both plans' work is there, each in its own period.
    const of2007 = rows.filter(([plan, period]) => plan === server.demo.planId && period === '2007-M12').length;
    const of2026 = rows.filter(([plan, period]) => plan === plan2026 && period === '2026-M12').length;
    expect(of2007).toBeGreaterThanOrEqual(5);
    expect(of2026).toBe(of2007);
    // What is overdue (2007's December) comes before what is not yet due.
    const firstNotOverdue = rows.findIndex(([, period]) => period === '2026-M12');
    expect(rows.slice(0, firstNotOverdue).every(([, period]) => period?.startsWith('2007'))).toBe(true);
    await shot(page, 'reports-my-work-two-plans');
    await admin.close();
    await page.close();
  }, 180_000);

  it('gives 本期待办 the period and due date the server owes, quarterly and monthly', async () => {
    const planId = server.demo.planId;
    const admin = await browser.newPage();
    await signIn(admin, server.url, server.demo.username, server.demo.password);
    const get = async (url: string) => (await admin.request.get(`${server.url}${url}`)).json();
    const cadence = async (value: string) => {
      const now = await get(`/api/plans/${planId}/settings`);
      const r = await admin.request.patch(`${server.url}/api/plans/${planId}/settings`, {
        data: { version: now.version, cadence: value },
      });
      expect(r.status()).toBe(200);
    };
    // The server's due dates, from a day after the plan's last period closed, with the plan in
    // Duban since its year began (reports are owed from then).
    await server.store.db
      .updateTable('plans')
      .set({ created_at: '2007-01-01T00:00:00.000Z' })
      .where('id', '=', planId)
      .execute();
    const serverDue = async (key: string) =>
      (
        (await get(`/api/plans/${planId}/dashboard?date=2008-02-01`)).reporting as { periodKey: string; due: string }[]
      ).find((r) => r.periodKey === key)?.due;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'weisheng', password);
    const owed = page.locator(`[data-testid="work-item"][data-plan="${planId}"][data-state="owed"]`).first();

    await cadence('quarterly');
    await page.goto(`${server.url}/my-work`);
    await owed.waitFor();
    expect(await owed.getAttribute('data-period')).toBe('2007-Q4');
    expect(await owed.getAttribute('data-due')).toBe(await serverDue('2007-Q4'));

    await cadence('monthly');
    await page.reload();
    await owed.waitFor();
    expect(await owed.getAttribute('data-period')).toBe('2007-M12');
    const due = await owed.getAttribute('data-due');
    expect(due).toBe(await serverDue('2007-M12'));
    // The working-day rule, not the month's last day.
    expect(due).not.toBe('2007-12-31');
    await admin.close();
    await page.close();
  }, 60_000);
});

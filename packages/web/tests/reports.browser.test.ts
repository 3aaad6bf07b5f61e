import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../server/src/db/ids.ts';
import { createOffice } from '../../server/src/modules/offices/offices.service.ts';
import { type DemoServer, launchBrowser, SKIP_BROWSER, shot, signIn, startDemoServer } from './harness.ts';

/** A 1×1 PNG, as evidence. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The figure's number input, wherever antd puts the test id. */
const VALUE_INPUT = 'input[data-testid="figure-value"], [data-testid="figure-value"] input';

const item13 = (page: Page) => page.locator('[data-testid="work-item"][data-task-number="13"]');

async function openMyWork(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '本期待办' }).click();
  await page.waitForURL(/\/my-work/u);
  await page.getByTestId('work-item').first().waitFor();
}

const actions = (page: Page) =>
  page.$$eval('[data-testid="report-event"]', (es) => es.map((e) => e.getAttribute('data-action')));

/** Each event of the report's history as [action, who]. */
const whoDid = (page: Page) =>
  page.$$eval('[data-testid="report-event"]', (es) =>
    es.map((e) => [e.getAttribute('data-action'), e.querySelector('[data-testid="report-event-user"]')?.textContent]),
  );

const stateOf = (page: Page) => page.getByTestId('report-state').getAttribute('data-state');

/** The status tag of a task on the plan board, once the board has read the plan's statuses. */
async function boardStatus(page: Page, url: string, planId: string, taskNumber: string): Promise<string | null> {
  const statuses = page.waitForResponse((r) => r.url().includes(`/api/plans/${planId}/status`) && r.ok());
  await page.goto(`${url}/plans/${planId}`);
  await statuses;
  const tag = page.locator(`[data-testid="board-task"][data-task-number="${taskNumber}"] [data-testid="task-status"]`);
  await tag.waitFor();
  return tag.getAttribute('data-status');
}

describe.skipIf(SKIP_BROWSER)('progress reports: my work, the report form, review and history', () => {
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

  it('a reporter reports on task 13, the admin returns it, the reporter fixes it, the admin accepts; the board follows', async () => {
    const password = await server.addUser('weisheng', 'reporter', '区卫生局');
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(admin, server.url, server.demo.username, server.demo.password);
    const reporter = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(reporter, server.url, 'weisheng', password);
    const planId = server.demo.planId;

    // This period's work of 区卫生局: every task it is named on, all owed. The demo plan's year
    // has ended, so the page opens on its last month.
    await openMyWork(reporter);
    expect(await reporter.getByTestId('my-work-period').textContent()).toContain('报送期:2007年12月');
    const numbers = await reporter.$$eval('[data-testid="work-item"]', (es) =>
      es.map((e) => e.getAttribute('data-task-number')),
    );
    expect(numbers).toEqual(expect.arrayContaining(['5', '9', '10', '13', '14']));
    expect(await item13(reporter).getAttribute('data-state')).toBe('owed');
    await shot(reporter, 'reports-my-work');

    // The demo plan is of 2007: only figures of its year count on its board. The plan office lets
    // 区卫生局 report December 2007 late, and the board shows task 13 without data before.
    const office = await server.store.db
      .selectFrom('offices')
      .select('id')
      .where('name', '=', '区卫生局')
      .executeTakeFirstOrThrow();
    const granted = await admin.request.post(`${server.url}/api/plans/${planId}/exceptions`, {
      data: { officeId: office.id, periodKey: '2007-M12', until: '2099-12-31' },
    });
    expect(granted.status()).toBe(201);
    const before = await boardStatus(admin, server.url, planId, '13');
    expect(before).toBe('noData');
    await shot(admin, 'reports-board-before');

    // Two targets of one clause (劳务工医疗保险和工伤保险的覆盖面均要达到96%) are told apart on the form.
    const item9 = reporter.locator('[data-testid="work-item"][data-task-number="9"]');
    await item9.getByTestId('work-item-action').click();
    await reporter.getByTestId('report-form').waitFor();
    const labels = await reporter.getByTestId('figure-label').allTextContents();
    expect(labels.slice(0, 2)).toEqual(['劳务工医疗保险', '工伤保险']);
    await openMyWork(reporter);

    // The reporter looks at November, comes back to December and starts the report on task 13: ≥12家.
    const pickMonth = async (month: string) => {
      await reporter.getByTestId('my-work-month').click();
      await reporter.getByTestId('my-work-month').fill(month);
      await reporter.keyboard.press('Enter');
    };
    await pickMonth('2007-11');
    await reporter.waitForURL(/period=2007-M11/u);
    await expect.poll(() => reporter.getByTestId('my-work-period').textContent()).toContain('2007年11月');
    await pickMonth('2007-12');
    await reporter.waitForURL((url) => !url.search.includes('period='));
    await expect.poll(() => reporter.getByTestId('my-work-period').textContent()).toContain('2007年12月');
    await item13(reporter).waitFor();
    expect(await item13(reporter).getAttribute('data-state')).toBe('owed');
    // The form opens on the task's period; the draft is made on the first save, not on opening.
    await item13(reporter).getByTestId('work-item-action').click();
    await reporter.getByTestId('report-form').waitFor();
    expect(await reporter.getByTestId('report-title').textContent()).toBe('13. 解决群众看病难看病贵问题');
    expect(await reporter.locator('.ant-breadcrumb').textContent()).toContain('2007年12月');
    const figure = reporter.getByTestId('report-figure');
    expect(await figure.count()).toBe(1);
    expect(await figure.getByTestId('target-chip').textContent()).toBe('≥12家');
    await reporter.getByText('推进中').click();
    await reporter.getByTestId('report-narrative').fill('已新建5家社康中心,其余7家正在选址。');
    await figure.locator(VALUE_INPUT).fill('5');
    await reporter.getByTestId('report-save').click();
    await reporter.locator('.ant-message-success').waitFor();
    await reporter.waitForURL(/\/reports\//u);
    const reportUrl = reporter.url();
    await reporter.getByTestId('report-form').waitFor();
    await reporter
      .locator('input[type="file"]')
      .setInputFiles({ name: 'shekang.png', mimeType: 'image/png', buffer: PNG });
    await reporter.getByTestId('evidence-file').waitFor();
    expect(await reporter.getByTestId('evidence-file').textContent()).toContain('shekang.png');
    // A wrong file goes up, and is taken off again.
    await reporter
      .locator('input[type="file"]')
      .setInputFiles({ name: 'cuowu.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => reporter.getByTestId('evidence-file').count()).toBe(2);
    await reporter.getByTestId('evidence-file').filter({ hasText: 'cuowu.png' }).getByTestId('evidence-remove').click();
    await reporter.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => reporter.getByTestId('evidence-file').count()).toBe(1);
    expect(await reporter.getByTestId('evidence-file').textContent()).toContain('shekang.png');
    const detached = reporter.locator('[data-testid="report-event"][data-action="detach"]');
    expect(await detached.textContent()).toContain('移除佐证材料');
    expect(await detached.getByTestId('report-event-file').textContent()).toContain('cuowu.png');
    await shot(reporter, 'reports-form');
    await reporter.getByTestId('report-submit').click();
    await reporter.getByTestId('report-view').waitFor();
    expect(await stateOf(reporter)).toBe('submitted');
    expect(await reporter.getByTestId('figure-view-value').textContent()).toBe('5家');

    // The admin finds it waiting in their review queue, and returns it with a comment.
    await admin.getByRole('menuitem', { name: '本期待办' }).click();
    await admin.waitForURL(/\/my-work/u);
    const waiting = admin.getByTestId('review-queue').getByTestId('review-item');
    await waiting.first().waitFor();
    expect(await waiting.count()).toBe(1);
    expect(await waiting.getAttribute('data-task-number')).toBe('13');
    expect(await waiting.textContent()).toContain('区卫生局');
    await waiting.getByTestId('review-item-action').click();
    await admin.getByTestId('review-card').waitFor();
    await admin.getByTestId('review-return').click();
    expect(await admin.getByTestId('review-error').textContent()).toContain('请说明退回原因');
    await admin.getByTestId('review-comment').fill('请补充新建社康中心的名单');
    await admin.getByTestId('review-return').click();
    await admin.waitForFunction(
      () => document.querySelector('[data-testid="report-state"]')?.getAttribute('data-state') === 'returned',
    );
    await shot(admin, 'reports-returned-admin');

    // The reporter sees the comment in the list and on the report, sets 12 and resubmits.
    await reporter.goto(`${server.url}/my-work?period=2007-M12`);
    await item13(reporter).waitFor();
    expect(await item13(reporter).getAttribute('data-state')).toBe('returned');
    expect(await reporter.getByTestId('work-item').first().getAttribute('data-task-number')).toBe('13');
    expect(await item13(reporter).getByTestId('work-item-comment').textContent()).toContain('请补充新建社康中心的名单');
    await item13(reporter).getByTestId('work-item-action').click();
    await reporter.getByTestId('report-form').waitFor();
    expect(await reporter.getByTestId('report-returned-comment').textContent()).toContain('请补充新建社康中心的名单');
    const value = reporter.locator(VALUE_INPUT);
    expect(await value.inputValue()).toBe('5');
    await value.fill('12');
    await reporter.getByTestId('report-submit').click();
    await reporter.getByTestId('report-view').waitFor();
    expect(await reporter.getByTestId('figure-view-value').textContent()).toBe('12家');

    // The admin accepts; the history lists each step, by whom, and the file by name.
    await admin.goto(reportUrl);
    await admin.getByTestId('review-card').waitFor();
    await admin.getByTestId('review-accept').click();
    await admin.waitForFunction(
      () => document.querySelector('[data-testid="report-state"]')?.getAttribute('data-state') === 'accepted',
    );
    const steps = await actions(admin);
    expect(steps[0]).toBe('create');
    const milestones = steps.filter((a) => !['edit', 'attach', 'detach'].includes(a ?? ''));
    expect(milestones).toEqual(['create', 'submit', 'return', 'submit', 'accept']);
    const who = new Map((await whoDid(admin)).filter(([a]) => a !== 'edit').map(([a, u]) => [a, u]));
    expect(Object.fromEntries(who)).toEqual({
      create: 'weisheng',
      attach: 'weisheng',
      detach: 'weisheng',
      submit: 'weisheng',
      return: '区委基层办',
      accept: '区委基层办',
    });
    const attach = admin.locator('[data-testid="report-event"][data-action="attach"]');
    expect(await attach.allTextContents()).toEqual([
      expect.stringContaining('上传佐证材料'),
      expect.stringContaining('上传佐证材料'),
    ]);
    expect(await attach.getByTestId('report-event-file').allTextContents()).toEqual([
      expect.stringContaining('shekang.png'),
      expect.stringContaining('cuowu.png'),
    ]);
    expect(await admin.getByTestId('report-history').textContent()).not.toMatch(/evidence/u);
    expect(await admin.getByTestId('report-event-comment').allTextContents()).toContain('请补充新建社康中心的名单');
    expect(await admin.getByTestId('evidence-file').count()).toBe(1);
    await shot(admin, 'reports-accepted');

    // 12 of ≥12家 meets the target: the board's tag for task 13 turns from 暂无报送 to 已完成.
    await boardStatus(admin, server.url, planId, '13');
    const tag = admin.locator('[data-testid="board-task"][data-task-number="13"] [data-testid="task-status"]');
    await expect.poll(() => tag.getAttribute('data-status')).toBe('met');
    expect(await tag.textContent()).toBe('已完成');
    await admin.locator('[data-testid="board-task"][data-task-number="13"]').scrollIntoViewIfNeeded();
    await shot(admin, 'reports-board-after');

    // On a phone the reporter reads the accepted report; nothing is wider than the screen.
    await reporter.setViewportSize({ width: 390, height: 844 });
    await reporter.goto(reportUrl);
    await reporter.getByTestId('report-view').waitFor();
    await reporter.getByTestId('report-event').first().waitFor();
    expect(await stateOf(reporter)).toBe('accepted');
    expect(await reporter.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(reporter, 'reports-accepted-phone');
    await reporter.goto(`${server.url}/my-work?period=2007-M12`);
    await item13(reporter).waitFor();
    expect(await item13(reporter).getAttribute('data-state')).toBe('accepted');
    expect(await reporter.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(reporter, 'reports-my-work-phone');

    // The task page offers the reporter the way in.
    await reporter.goto(`${server.url}/plans/${planId}`);
    await reporter.locator('[data-task-number="13"] [data-testid="board-task-link"]').click();
    await reporter.getByTestId('task-title').waitFor();
    expect(await reporter.getByTestId('task-report').count()).toBe(1);
    // The task's record of reports shows what 区卫生局 handed in, as the lead office.
    const row = reporter.locator(`[data-testid="task-report-row"][data-office-id="${office.id}"]`);
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.getByTestId('task-report-role').getAttribute('data-role')).toBe('lead');
    expect(await row.getByTestId('report-state').getAttribute('data-state')).toBe('accepted');
    await admin.close();
    await reporter.close();
  }, 180_000);

  it('a community reports, its street office passes the report on, the plan office accepts it', async () => {
    // The demo directory has no communities: add one under 黄贝街道办事处, leading task 20.
    const street = await server.store.db
      .selectFrom('offices')
      .select('id')
      .where('name', '=', '黄贝街道办事处')
      .executeTakeFirstOrThrow();
    const community = await createOffice(server.store.db, null, {
      name: '黄贝岭社区',
      kind: 'community',
      parentId: street.id,
    });
    const task = await server.store.db
      .selectFrom('tasks')
      .select('id')
      .where('plan_id', '=', server.demo.planId)
      .where('number', '=', '20')
      .executeTakeFirstOrThrow();
    await server.store.db
      .insertInto('task_assignments')
      .values({
        id: newId(),
        task_id: task.id,
        role: 'lead',
        position: 99,
        mention: '黄贝岭社区',
        office_id: community.id,
        group_id: null,
        version: 1,
      })
      .execute();
    // The demo plan's year is over: the page opens on December 2007, which the plan office lets
    // the community still report.
    await server.store.db
      .insertInto('report_exceptions')
      .values({
        id: newId(),
        plan_id: server.demo.planId,
        office_id: community.id,
        period_key: '2007-M12',
        until: '2099-12-31',
        granted_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const password = await server.addUser('shequ', 'reporter', '黄贝岭社区');
    await server.addUser('jiedao', 'reporter', '黄贝街道办事处');
    const phone = { width: 390, height: 844 };
    const reporter = await browser.newPage({ viewport: phone });
    await signIn(reporter, server.url, 'shequ', password);

    // The community's only work: task 20. It reports and submits.
    await reporter.goto(`${server.url}/my-work`);
    const item = reporter.locator('[data-testid="work-item"][data-task-number="20"]');
    await item.waitFor();
    expect(await reporter.getByTestId('work-item').count()).toBe(1);
    await item.getByTestId('work-item-action').click();
    await reporter.getByTestId('report-form').waitFor();
    await reporter.getByTestId('report-narrative').fill('社区已完成辖区楼栋长选配。');
    // Its counted target has no figure this month: the community says why.
    await reporter.getByTestId('figure-reason').fill('执法案件数按季度统计');
    await reporter.getByTestId('report-submit').click();
    await reporter.waitForURL(/\/reports\//u);
    const reportUrl = reporter.url();
    await reporter.getByTestId('report-view').waitFor();
    expect(await stateOf(reporter)).toBe('submitted');
    expect(await reporter.getByTestId('report-state').getAttribute('data-next')).toBe('office-above');
    expect(await reporter.getByTestId('report-state').textContent()).toBe('待初审');
    expect(await reporter.getByTestId('report-awaiting-above').textContent()).toContain('黄贝街道办事处');
    expect(await reporter.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await shot(reporter, 'reports-community-submitted-phone');

    // The plan office sees it but may not review it yet.
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(admin, server.url, server.demo.username, server.demo.password);
    await admin.goto(reportUrl);
    await admin.getByTestId('report-awaiting-above').waitFor();
    expect(await admin.getByTestId('review-card').count()).toBe(0);

    // The street office finds it in its queue and passes it on with a comment.
    const streetPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(streetPage, server.url, 'jiedao', password);
    await openMyWork(streetPage);
    const queued = streetPage.getByTestId('review-queue').getByTestId('review-item');
    await queued.first().waitFor();
    expect(await queued.count()).toBe(1);
    expect(await queued.textContent()).toContain('黄贝岭社区');
    expect(await queued.getAttribute('data-task-number')).toBe('20');
    await shot(streetPage, 'reports-street-queue');
    await queued.getByTestId('review-item-action').click();
    await streetPage.getByTestId('review-card').waitFor();
    expect(await streetPage.getByTestId('review-card').getAttribute('data-stage')).toBe('office-above');
    await streetPage.getByTestId('review-comment').fill('情况属实,同意上报');
    await streetPage.getByTestId('review-pass').click();
    await expect.poll(() => stateOf(streetPage)).toBe('reviewed');
    expect(await streetPage.getByTestId('review-card').count()).toBe(0);
    await shot(streetPage, 'reports-street-passed');

    // The plan office now has it waiting, and accepts it.
    await openMyWork(admin);
    const waiting = admin.getByTestId('review-queue').locator('[data-testid="review-item"][data-task-number="20"]');
    await waiting.waitFor();
    expect(await waiting.getByTestId('report-state').textContent()).toBe('初审通过');
    await waiting.getByTestId('review-item-action').click();
    await admin.getByTestId('review-card').waitFor();
    expect(await admin.getByTestId('report-passed').textContent()).toContain('情况属实,同意上报');
    await admin.getByTestId('review-accept').click();
    await expect.poll(() => stateOf(admin)).toBe('accepted');

    // The history names who did each step (saving before submitting is an edit, by the community).
    const history = await whoDid(admin);
    expect(history.filter(([a]) => a === 'edit').every(([, u]) => u === 'shequ')).toBe(true);
    expect(history.filter(([a]) => a !== 'edit')).toEqual([
      ['create', 'shequ'],
      ['submit', 'shequ'],
      ['review', 'jiedao'],
      ['accept', '区委基层办'],
    ]);
    const review = admin.locator('[data-testid="report-event"][data-action="review"]');
    expect(await review.textContent()).toContain('初审通过');
    expect(await review.textContent()).toContain('情况属实,同意上报');
    await shot(admin, 'reports-two-stage-accepted');
    await reporter.goto(reportUrl);
    await reporter.getByTestId('report-event').first().waitFor();
    expect(await stateOf(reporter)).toBe('accepted');
    await shot(reporter, 'reports-two-stage-phone');
    await admin.close();
    await streetPage.close();
    await reporter.close();
  }, 180_000);
});

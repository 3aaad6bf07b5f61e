import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('a reporter reports on task 13, the admin returns it, the reporter fixes it, the admin accepts', async () => {
    const password = await server.addUser('weisheng', 'reporter', '区卫生局');
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(admin, server.url, server.demo.username, server.demo.password);
    const reporter = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(reporter, server.url, 'weisheng', password);

    // This period's work of 区卫生局: every task it is named on, all owed.
    await openMyWork(reporter);
    expect(await reporter.getByTestId('my-work-period').textContent()).toMatch(/本期:\d{4}-M\d{2}/u);
    const numbers = await reporter.$$eval('[data-testid="work-item"]', (es) =>
      es.map((e) => e.getAttribute('data-task-number')),
    );
    expect(numbers).toEqual(expect.arrayContaining(['5', '9', '10', '13', '14']));
    expect(await item13(reporter).getAttribute('data-state')).toBe('owed');
    await shot(reporter, 'reports-my-work');

    // Start the report on task 13, enter 5, upload a PNG, submit.
    await item13(reporter).getByTestId('work-item-action').click();
    await reporter.waitForURL(/\/reports\//u);
    const reportUrl = reporter.url();
    await reporter.getByTestId('report-form').waitFor();
    expect(await reporter.getByTestId('report-title').textContent()).toBe('13. 解决群众看病难看病贵问题');
    const figure = reporter.getByTestId('report-figure');
    expect(await figure.count()).toBe(1);
    expect(await figure.getByTestId('target-chip').textContent()).toBe('≥12家');
    await reporter.getByText('推进中').click();
    await reporter.getByTestId('report-narrative').fill('已新建5家社康中心,其余7家正在选址。');
    await figure.locator(VALUE_INPUT).fill('5');
    await reporter.getByTestId('report-save').click();
    await reporter.locator('.ant-message-success').waitFor();
    await reporter
      .locator('input[type="file"]')
      .setInputFiles({ name: 'shekang.png', mimeType: 'image/png', buffer: PNG });
    await reporter.getByTestId('evidence-file').waitFor();
    expect(await reporter.getByTestId('evidence-file').textContent()).toContain('shekang.png');
    await shot(reporter, 'reports-form');
    await reporter.getByTestId('report-submit').click();
    await reporter.getByTestId('report-view').waitFor();
    expect(await reporter.getByTestId('report-state').getAttribute('data-state')).toBe('submitted');
    expect(await reporter.getByTestId('figure-view-value').textContent()).toBe('5家');

    // The admin finds it first in their list, and returns it with a comment.
    await openMyWork(admin);
    const first = admin.getByTestId('work-item').first();
    expect(await first.getAttribute('data-state')).toBe('submitted');
    expect(await first.getAttribute('data-task-number')).toBe('13');
    await first.getByTestId('work-item-action').click();
    await admin.getByTestId('review-card').waitFor();
    await admin.getByTestId('review-return').click();
    expect(await admin.getByTestId('review-error').textContent()).toContain('请说明退回原因');
    await admin.getByTestId('review-comment').fill('请补充新建社康中心的名单');
    await admin.getByTestId('review-return').click();
    await admin.waitForFunction(
      () => document.querySelector('[data-testid="report-state"]')?.getAttribute('data-state') === 'returned',
    );
    await shot(admin, 'reports-returned-admin');

    // The reporter sees the comment in the list and on the report, sets 8 and resubmits.
    await openMyWork(reporter);
    expect(await item13(reporter).getAttribute('data-state')).toBe('returned');
    expect(await reporter.getByTestId('work-item').first().getAttribute('data-task-number')).toBe('13');
    expect(await item13(reporter).getByTestId('work-item-comment').textContent()).toContain('请补充新建社康中心的名单');
    await item13(reporter).getByTestId('work-item-action').click();
    await reporter.getByTestId('report-form').waitFor();
    expect(await reporter.getByTestId('report-returned-comment').textContent()).toContain('请补充新建社康中心的名单');
    const value = reporter.locator(VALUE_INPUT);
    expect(await value.inputValue()).toBe('5');
    await value.fill('8');
    await reporter.getByTestId('report-submit').click();
    await reporter.getByTestId('report-view').waitFor();
    expect(await reporter.getByTestId('figure-view-value').textContent()).toBe('8家');

    // The admin accepts; the history lists each step.
    await admin.goto(reportUrl);
    await admin.getByTestId('review-card').waitFor();
    await admin.getByTestId('review-accept').click();
    await admin.waitForFunction(
      () => document.querySelector('[data-testid="report-state"]')?.getAttribute('data-state') === 'accepted',
    );
    const steps = await actions(admin);
    expect(steps[0]).toBe('create');
    const milestones = steps.filter((a) => a !== 'edit');
    expect(milestones).toEqual(['create', 'submit', 'return', 'submit', 'accept']);
    expect(await admin.getByTestId('report-event-comment').allTextContents()).toContain('请补充新建社康中心的名单');
    expect(await admin.getByTestId('evidence-file').count()).toBe(1);
    await shot(admin, 'reports-accepted');

    // On a phone the reporter reads the accepted report; nothing is wider than the screen.
    await reporter.setViewportSize({ width: 390, height: 844 });
    await reporter.goto(reportUrl);
    await reporter.getByTestId('report-view').waitFor();
    await reporter.getByTestId('report-event').first().waitFor();
    expect(await reporter.getByTestId('report-state').getAttribute('data-state')).toBe('accepted');
    expect(await reporter.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(reporter, 'reports-accepted-phone');
    await reporter.goto(`${server.url}/my-work`);
    await item13(reporter).waitFor();
    expect(await item13(reporter).getAttribute('data-state')).toBe('accepted');
    expect(await reporter.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(reporter, 'reports-my-work-phone');

    // The task page offers the reporter the way in.
    await reporter.goto(`${server.url}/plans/${server.demo.planId}`);
    await reporter.locator('[data-task-number="13"] [data-testid="board-task-link"]').click();
    await reporter.getByTestId('task-title').waitFor();
    expect(await reporter.getByTestId('task-report').count()).toBe(1);
    await admin.close();
    await reporter.close();
  }, 180_000);
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchBrowser, ROOT, SKIP_BROWSER, shot, signIn, startDemoServer } from './harness.ts';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Another district's plan: 22 tasks, most of its offices unknown to Luohu's directory. */
const CORPUS = join(ROOT, '../shared/corpus/dev-qingchuan-2024.txt');
const HAVE_CORPUS = existsSync(CORPUS);
if (!HAVE_CORPUS && process.env.CI !== 'true') {
  console.warn(`the import wizard's corpus test is skipped: no ${CORPUS}`);
}

const mentionRow = (page: Page, mention: string): Locator =>
  page.locator(`[data-testid="import-mention"][data-mention="${mention}"]`);

/** The count of mention rows that resolve one way. */
const rowsResolving = (page: Page, kind: string): Promise<number> =>
  page.locator(`[data-testid="import-mention"][data-resolution="${kind}"]`).count();

interface PlanJson {
  title: string;
  sections: { tasks: { number: string; assignments: { officeId: string | null; groupId: string | null }[] }[] }[];
}

describe.skipIf(SKIP_BROWSER)('the import wizard', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  const complaints: string[] = [];
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: DESKTOP });
    // React's and antd's complaints (duplicate keys, deprecated props) fail the test; refused
    // requests are expected here and the page shows them.
    page.on('console', (m) => {
      const text = m.text();
      if (m.type() === 'error' && !text.startsWith('Failed to load resource')) complaints.push(text);
      if (m.type() === 'warning' && /antd|React/u.test(text)) complaints.push(text);
    });
    page.on('pageerror', (e) => complaints.push(e.message));
    await signIn(page, server.url, server.demo.username, server.demo.password);
  }, 120_000);
  afterEach(() => {
    expect(complaints).toEqual([]);
    complaints.length = 0;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.skipIf(!HAVE_CORPUS && process.env.CI !== 'true')(
    'imports a plan document: preview, locate, map, create, confirm, then the plan is on the board',
    async () => {
      await page.goto(`${server.url}/imports/new`);
      await page.locator('input[type=file]').setInputFiles(CORPUS);
      await page.waitForURL(/\/imports\/(?!new)[^/]+$/u);

      // The preview: 22 tasks beside the source, some mentions unmatched.
      const items = page.getByTestId('import-item');
      await items.first().waitFor();
      expect(await items.count()).toBe(22);
      await expect(page.getByTestId('import-source').textContent()).resolves.toContain(
        '青川区2024年重点工作任务分解方案',
      );

      // Clicking task 1 marks its text in the source.
      await items.first().click();
      const mark = page.locator('mark[data-testid="import-highlight"]');
      await expect.poll(() => mark.textContent()).toContain('扩大有效投资');
      // A target marks its own clause; a mention in an item marks the office's name.
      await items.first().getByTestId('import-target').first().click();
      await expect.poll(() => mark.textContent()).toBe('全年谋划储备重大项目120个以上');
      await items.first().getByTestId('import-item-mention').first().click();
      await expect.poll(() => mark.textContent()).toBe('区发展改革局');
      await items.first().click();
      // The README shows this one: no tooltip over the tree.
      await page.mouse.move(1, 1);
      await page.waitForFunction(() => !document.querySelector('.ant-tooltip:not(.ant-tooltip-hidden)'));
      await shot(page, 'import-preview');
      await page.setViewportSize(PHONE);
      // Away from the tags, whose tooltips would stick out at the desktop position.
      await page.mouse.move(1, 1);
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, 'import-preview-phone');
      await page.setViewportSize(DESKTOP);

      // A target corrected in its dialog: the chip shows the new value.
      await items.first().getByTestId('import-target-edit').first().click();
      const value = page.locator('.ant-modal .ant-input-number-input').first();
      await value.fill('130');
      await page.getByTestId('import-target-save').click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
      await expect.poll(() => items.first().getByTestId('import-target').first().textContent()).toContain('≥130个');

      // The mentions: map one by hand through the directory search, create the rest.
      await page.getByTestId('import-tab-mentions').click();
      const row = mentionRow(page, '区城管执法局');
      await row.waitFor();
      await page.setViewportSize(PHONE);
      await page.mouse.move(1, 1);
      await shot(page, 'import-mentions-phone');
      await page.setViewportSize(DESKTOP);
      expect(await row.getAttribute('data-resolution')).toBe('unresolved');
      expect(await rowsResolving(page, 'unresolved')).toBeGreaterThan(10);
      await row.locator('strong').first().click();
      await expect.poll(() => mark.textContent()).toBe('区城管执法局');
      await row.locator('.ant-select').click();
      await page.keyboard.type('城管');
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: /^区城管局$/u })
        .click();
      await page.waitForFunction(
        () => document.querySelector('[data-mention="区城管执法局"]')?.getAttribute('data-resolution') === 'office',
      );
      await expect(row.getByTestId('import-mention-resolution').textContent()).resolves.toContain('区城管局');
      await page.getByTestId('import-create-all').click();
      await page.waitForFunction(
        () => !document.querySelector('[data-testid="import-mention"][data-resolution="unresolved"]'),
      );
      expect(await rowsResolving(page, 'create')).toBeGreaterThan(10);
      await shot(page, 'import-mentions');

      // Confirm: step 3 links to the plan board.
      await page.getByTestId('import-confirm').click();
      const link = page.getByTestId('import-plan-link');
      await link.waitFor();
      const href = (await link.getAttribute('href')) ?? '';
      const planId = href.replace('/plans/', '');
      expect(planId).not.toBe('');
      await shot(page, 'import-done');

      // Every task arrived, each with its offices.
      const plan = await page.evaluate(
        (id) => fetch(`/api/plans/${id}`).then((r) => r.json() as Promise<PlanJson>),
        planId,
      );
      expect(plan.title).toBe('青川区2024年重点工作任务分解方案');
      const tasks = plan.sections.flatMap((s) => s.tasks);
      expect(tasks).toHaveLength(22);
      for (const task of tasks) {
        expect(task.assignments.every((a) => a.officeId !== null || a.groupId !== null)).toBe(true);
      }

      // The plan board shows it with its 22 tasks; the plans list has it.
      await link.click();
      await page.waitForURL(new RegExp(`/plans/${planId}$`, 'u'));
      await page.getByTestId('board-title').waitFor();
      await expect(page.getByTestId('board-title').textContent()).resolves.toContain(
        '青川区2024年重点工作任务分解方案',
      );
      await page.getByTestId('board-task').first().waitFor();
      expect(await page.getByTestId('board-task').count()).toBe(22);
      await page.goto(`${server.url}/plans`);
      await page.getByTestId('plan-link').filter({ hasText: '青川区2024年重点工作任务分解方案' }).first().waitFor();

      // Back at the import, it says it is done rather than offering to commit again.
      await page.goto(`${server.url}/imports/${(await importIdOf(page, planId)) ?? ''}`);
      await page.getByTestId('import-plan-link').waitFor();
    },
    120_000,
  );

  it('shows the server refusing a file it cannot read, and keeps the uploader', async () => {
    await page.goto(`${server.url}/imports/new`);
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
      Buffer.from([0, 1, 2, 3, 255, 254]),
    ]);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: pdf });
    const error = page.getByTestId('import-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(/PDF/u);
    expect(await page.locator('input[type=file]').count()).toBe(1);
    await shot(page, 'import-error');
  });

  it('reads a Word document and marks its targets in the text it read', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('罗湖区2008年社区建设工作要点'),
            new Paragraph('一、加强社区党建'),
            new Paragraph('1.建立社区党员服务站。年内90%以上社区建立党员服务站。'),
            new Paragraph('责任单位:区委组织部;协办单位:区民政局'),
            new Paragraph('2.开展党员志愿服务。每季度至少开展1次志愿服务活动。'),
            new Paragraph('责任单位:各街道办事处'),
          ],
        },
      ],
    });
    await page.goto(`${server.url}/imports/new`);
    await page.locator('input[type=file]').setInputFiles({
      name: 'plan.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await Packer.toBuffer(doc),
    });
    await page.waitForURL(/\/imports\/(?!new)[^/]+$/u);
    const items = page.getByTestId('import-item');
    await items.first().waitFor();
    expect(await items.count()).toBe(2);
    await items.nth(1).getByTestId('import-target').first().click();
    const mark = page.locator('mark[data-testid="import-highlight"]');
    await expect.poll(() => mark.textContent()).toBe('每季度至少开展1次志愿服务活动');
    // Every mention here is in the demo directory.
    await page.getByTestId('import-tab-mentions').click();
    await page.getByTestId('import-mention').first().waitFor();
    expect(await rowsResolving(page, 'unresolved')).toBe(0);
  });

  it('flags a deadline that names no date, and saves the date a person enters for it', async () => {
    await page.goto(`${server.url}/imports/new`);
    await page.getByRole('tab', { name: '粘贴文本' }).click();
    await page
      .getByTestId('import-paste')
      .fill(
        '测试工作要点\n一、基层党建\n1.推进非公企业党建。确保党的十七大召开之前90%以上规模以上非公有制企业完成党组织组建。\n牵头单位:区委组织部\n',
      );
    await page.getByTestId('import-parse').click();
    await page.waitForURL(/\/imports\/(?!new)[^/]+$/u);
    await page.getByRole('tab', { name: /提示 \(1\)/u }).click();
    const warning = page.getByTestId('import-warning').filter({ hasText: '完成时限不是日期' });
    await expect(warning.textContent()).resolves.toContain('党的十七大召开之前');
    await page.getByTestId('undated-deadline-date').click();
    await page.keyboard.type('2007-10-15');
    await page.keyboard.press('Enter');
    await page.getByTestId('undated-deadline-save').click();
    await page.getByRole('tab', { name: /提示 \(0\)/u }).waitFor();
  });

  it('imports pasted text and shows a refused (stale) correction with the server message', async () => {
    await page.goto(`${server.url}/imports/new`);
    await page.getByRole('tab', { name: '粘贴文本' }).click();
    await page
      .getByTestId('import-paste')
      .fill(
        '测试2024年工作要点\n一、基层治理\n1.开展社区走访。全年走访不少于12次。年内出台社区走访办法。\n牵头单位:区民政局\n',
      );
    await page.getByTestId('import-parse').click();
    await page.waitForURL(/\/imports\/(?!new)[^/]+$/u);
    await page.getByTestId('import-item').first().waitFor();
    expect(await page.getByTestId('import-item').count()).toBe(1);

    // Someone else corrects the preview meanwhile: this page's version is stale.
    const id = page.url().split('/').pop() ?? '';
    const status = await page.evaluate(
      (importId) =>
        fetch(`/api/imports/${importId}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ version: 1, title: '别处改过的标题' }),
        }).then((r) => r.status),
      id,
    );
    expect(status).toBe(200);
    const title = page.getByTestId('import-item').first().getByTestId('import-item-title');
    await title.locator('.ant-typography-edit').click();
    await page.locator('textarea.ant-input').fill('开展社区走访活动');
    await page.keyboard.press('Enter');
    const notice = page.locator('.ant-message-notice').filter({ hasText: '未保存' });
    await notice.waitFor();
    // The page reloads the preview: the other edit shows, and a retry goes through.
    await page.getByTestId('import-title').filter({ hasText: '别处改过的标题' }).waitFor();
    await title.locator('.ant-typography-edit').click();
    await page.locator('textarea.ant-input').fill('开展社区走访活动');
    await page.keyboard.press('Enter');
    await page.getByTestId('import-item-title').filter({ hasText: '开展社区走访活动' }).waitFor();

    // The milestone the parser proposed, dated from 年内, for a person to keep or drop: dropped, it is gone.
    const milestone = page.getByTestId('import-milestone');
    await expect.poll(() => milestone.first().textContent()).toContain('年内出台社区走访办法');
    expect(await milestone.first().locator('input').inputValue()).toBe('2024-12-31');
    await page.getByTestId('import-milestone-drop').first().click();
    await expect.poll(() => milestone.count()).toBe(0);
  });
});

/** The import a plan came from, through the API. */
async function importIdOf(page: Page, planId: string): Promise<string | null> {
  return page.evaluate(
    (id) =>
      fetch(`/api/plans/${id}`)
        .then((r) => r.json() as Promise<{ importId: string | null }>)
        .then((p) => p.importId),
    planId,
  );
}

import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../server/src/db/ids.ts';
import { type DemoServer, launchBrowser, SKIP_BROWSER, shot, signIn, startDemoServer } from './harness.ts';

/** Markup that runs script where it is taken for HTML; as text it is only these characters. */
const PAYLOAD = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';

/** Every chart of the dashboard that shows a text someone typed or imported, and the rest. */
const CHARTS = [
  'chart-statuses',
  'chart-sections',
  'chart-reporting',
  'chart-compliance',
  'chart-on-time',
  'chart-on-time-worst',
  'chart-problems',
];

/**
 * Move the mouse over a grid of points of a chart and gather each tooltip ECharts shows: its
 * text, and whether any element was made from markup in it (an <img> is never ECharts' own).
 */
async function tooltipsOf(page: Page, testId: string): Promise<{ texts: string[]; images: number }> {
  const chart = page.getByTestId(testId);
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  if (!box) throw new Error(`${testId} is not on the page`);
  const texts = new Set<string>();
  let images = 0;
  for (let row = 1; row <= 6; row++) {
    for (let column = 1; column <= 6; column++) {
      await page.mouse.move(box.x + (box.width * column) / 7, box.y + (box.height * row) / 7);
      await page.waitForTimeout(60);
      const seen = await page.evaluate((id) => {
        const tips = [...document.querySelectorAll(`[data-testid="${id}"] div`)].filter(
          (d) => (d as HTMLElement).style.zIndex === '9999999' && (d as HTMLElement).style.display !== 'none',
        );
        return tips.map((d) => ({ text: d.textContent ?? '', images: d.querySelectorAll('img').length }));
      }, testId);
      for (const tip of seen) {
        if (tip.text.trim() !== '') texts.add(tip.text);
        images += tip.images;
      }
    }
  }
  await page.mouse.move(0, 0);
  return { texts: [...texts], images };
}

describe.skipIf(SKIP_BROWSER)('texts from documents and users on the dashboard', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  beforeAll(async () => {
    server = await startDemoServer();
    const db = server.store.db;
    // As if the plan had been entered when 2007 began: every month is owed, every chart has data.
    await db
      .updateTable('plans')
      .set({ created_at: '2007-01-01T00:00:00.000Z' })
      .where('id', '=', server.demo.planId)
      .execute();
    // A hostile text in every place a chart shows one: section titles, office names, targets.
    for (const s of await db.selectFrom('sections').select(['id', 'title']).execute()) {
      await db
        .updateTable('sections')
        .set({ title: `${PAYLOAD}${s.title}` })
        .where('id', '=', s.id)
        .execute();
    }
    for (const o of await db.selectFrom('offices').select(['id', 'name']).execute()) {
      await db
        .updateTable('offices')
        .set({ name: `${PAYLOAD}${o.name}` })
        .where('id', '=', o.id)
        .execute();
    }
    for (const t of await db.selectFrom('targets').select(['id', 'text']).execute()) {
      await db
        .updateTable('targets')
        .set({ text: `${PAYLOAD}${t.text}` })
        .where('id', '=', t.id)
        .execute();
    }
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (/Content Security Policy|Content-Security-Policy/iu.test(message.text())) violations.push(message.text());
    });
    await signIn(page, server.url, server.demo.username, server.demo.password);
  }, 120_000);
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await shot(page, `failed-security-${context.task.name.slice(0, 40)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a title of markup as text in every chart and tooltip, and runs none of it', async () => {
    const answer = await page.goto(`${server.url}/plans/${server.demo.planId}/dashboard`);
    // The page renders under a policy that allows no inline script.
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self';");
    for (const id of CHARTS) await page.locator(`[data-testid="${id}"] svg`).first().waitFor();

    const shown: Record<string, string[]> = {};
    for (const id of CHARTS) {
      const { texts, images } = await tooltipsOf(page, id);
      expect(images, `${id}: markup in a tooltip became an element`).toBe(0);
      expect(texts.length, `${id} shows a tooltip`).toBeGreaterThan(0);
      shown[id] = texts;
    }
    // The charts that name a section, an office or a target show the text as typed.
    for (const id of ['chart-sections', 'chart-compliance', 'chart-on-time', 'chart-on-time-worst']) {
      expect(
        shown[id]?.some((text) => text.includes('<img src=x onerror=')),
        `${id}: ${shown[id]?.join(' | ')}`,
      ).toBe(true);
    }
    // The axis labels are SVG text: the markup is there as characters.
    const labels = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="chart-sections"] svg text')].map((t) => t.textContent ?? ''),
    );
    expect(labels.some((l) => l.includes('<img'))).toBe(true);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(violations).toEqual([]);
    await shot(page, 'dashboard-hostile-titles');
  }, 180_000);

  it('the app and the API docs render under the policy without a violation', async () => {
    const answer = await page.goto(`${server.url}/plans/${server.demo.planId}`);
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self';");
    // The built index.html loads its scripts from files: the policy needs no 'unsafe-inline' for it.
    const html = (await answer?.text()) ?? '';
    expect(html).toContain('<script type="module"');
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/giu) ?? []).toEqual([]);
    await page.getByTestId('board-title').waitFor();
    // antd's CSS-in-JS styles apply: its title weighs 600, where a bare <h3> is bold (700).
    expect(await page.getByTestId('board-title').evaluate((el) => getComputedStyle(el).fontWeight)).toBe('600');
    await page.goto(`${server.url}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.waitForTimeout(300);
    expect(violations).toEqual([]);
  }, 120_000);

  it('the evidence upload states the rule, refuses another file before sending it, and shows the server refusing a disguised one', async () => {
    const db = server.store.db;
    const office = await db
      .selectFrom('offices')
      .select(['id', 'name'])
      .where('name', 'like', '%区卫生局')
      .executeTakeFirstOrThrow();
    const task = await db
      .selectFrom('tasks')
      .select('id')
      .where('plan_id', '=', server.demo.planId)
      .where('number', '=', '13')
      .executeTakeFirstOrThrow();
    // The period is long locked: the plan office lets the office report it.
    await db
      .insertInto('report_exceptions')
      .values({
        id: newId(),
        plan_id: server.demo.planId,
        office_id: office.id,
        period_key: '2007-M10',
        until: '9999-12-31',
        granted_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const password = await server.addUser('evidence-reporter', 'reporter', office.name);
    const reporter = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(reporter, server.url, 'evidence-reporter', password);
    const created = await reporter.evaluate(async (taskId) => {
      const r = await fetch('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ taskId, periodKey: '2007-M10' }),
      });
      return { status: r.status, body: await r.json() };
    }, task.id);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sent: string[] = [];
    reporter.on('request', (r) => {
      if (r.url().includes('/evidence')) sent.push(r.url());
    });
    await reporter.goto(`${server.url}/reports/${created.body.id}`);
    await reporter.getByTestId('evidence-upload').waitFor();
    expect(await reporter.getByTestId('evidence-rule').textContent()).toContain(
      '支持 PDF、Word(.docx)、Excel(.xlsx)、JPEG、PNG,单个文件不超过 20 MB',
    );
    expect(await reporter.locator('input[type="file"]').getAttribute('accept')).toBe(
      '.pdf,.docx,.xlsx,.jpg,.jpeg,.png',
    );

    // A program is refused in the page; nothing is sent.
    await reporter
      .locator('input[type="file"]')
      .setInputFiles({ name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ...') });
    await reporter.locator('.ant-message-error').filter({ hasText: '“tool.exe”不能作为佐证材料' }).waitFor();
    expect(sent).toEqual([]);

    // Text named .png passes the name check; the server reads its content and refuses it.
    await reporter
      .locator('input[type="file"]')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
    const refusal = reporter.locator('.ant-message-error').filter({ hasText: 'photo.png' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      '佐证材料只能是 PDF、Word(.docx)、Excel(.xlsx)、JPEG 或 PNG 文件,不超过 20 MB',
    );
    expect(sent).toHaveLength(1);
    expect(await reporter.getByTestId('evidence-file').count()).toBe(0);
    await shot(reporter, 'evidence-refused');
    await reporter.close();
  }, 120_000);
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchBrowser, SKIP_BROWSER, shot, signIn, startDemoServer } from './harness.ts';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The chart containers of the dashboard; each draws an SVG once its figures are in. */
const CHARTS = [
  'chart-statuses',
  'chart-sections',
  'chart-reporting',
  'chart-compliance',
  'chart-on-time',
  'chart-problems',
];

/** The board's status names by the server's. */
const BOARD: Record<string, string> = {
  met: 'met',
  'on-track': 'onTrack',
  'at-risk': 'atRisk',
  late: 'late',
  'no-data': 'noData',
};

type Counted = { status: string; count: number }[];
interface Dashboard {
  date: string;
  period: { key: string } | null;
  statuses: Counted;
  sections: { number: string; statuses: Counted }[];
  targets: { attainment: string; count: number }[];
  reporting: { periodKey: string; expected: number; submitted: number; onTime: number }[];
  orders: { open: number; overdue: number; closed: number };
}
interface League {
  offices: { officeId: string; name: string; expected: number; submitted: number; onTime: number; rank: number }[];
}
interface Compliance {
  targets: { targetId: string; cells: { status: string }[] }[];
}
interface Plan {
  sections: {
    tasks: {
      id: string;
      number: number;
      assignments: { office: { id: string } | null; role: string }[];
      targets: { id: string }[];
    }[];
  }[];
}

/** Call the API from the page, with its session cookie; fail on an error answer. */
async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ({ method, path, body }) => {
      const r = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
      return { status: r.status, json: await r.json() };
    },
    { method, path, body },
  );
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json as T;
}

/** Hand in a report of a task's lead office for a period, accepted or not; the exception unlocks the past period. */
async function report(
  page: Page,
  planId: string,
  task: { id: string; targets: readonly { id: string }[] },
  officeId: string,
  periodKey: string,
  accept: boolean,
) {
  await call(page, 'POST', `/api/plans/${planId}/exceptions`, { officeId, periodKey, until: '2099-12-31' });
  // A submission gives each target a figure or a reason: these reports give reasons.
  const draft = await call<{ id: string; version: number }>(page, 'POST', '/api/reports', {
    taskId: task.id,
    officeId,
    periodKey,
    progress: 'in-progress',
    narrative: '按计划推进',
    missingFigures: task.targets.map((t) => ({ targetId: t.id, reason: '数据待统计' })),
  });
  const submitted = await call<{ version: number }>(page, 'POST', `/api/reports/${draft.id}/submit`, {
    version: draft.version,
  });
  if (accept) {
    await call(page, 'POST', `/api/reports/${draft.id}/accept`, { version: submitted.version });
  }
}

const attr = (page: Page, testId: string, name: string) => page.getByTestId(testId).getAttribute(name);
const values = async (page: Page, testId: string) => JSON.parse((await attr(page, testId, 'data-values')) ?? 'null');

/** Every status named, as the page draws them. */
function byBoardStatus(rows: Counted): Record<string, number> {
  const out: Record<string, number> = { onTrack: 0, atRisk: 0, late: 0, met: 0, noData: 0 };
  for (const r of rows) {
    const key = BOARD[r.status] as string;
    out[key] = (out[key] ?? 0) + r.count;
  }
  return out;
}

async function waitForCharts(page: Page): Promise<void> {
  for (const id of CHARTS) await page.locator(`[data-testid="${id}"] svg`).first().waitFor();
}

/** The headline figures and the charts' numbers equal what the API answers for the page's date. */
async function expectFiguresOfApi(page: Page, planId: string): Promise<Dashboard> {
  const date = (await attr(page, 'dashboard', 'data-date')) as string;
  const d = await call<Dashboard>(page, 'GET', `/api/plans/${planId}/dashboard?date=${date}`);
  expect(d.date).toBe(date);
  const statuses = byBoardStatus(d.statuses);
  const tasks = d.statuses.reduce((n, s) => n + s.count, 0);
  expect(await attr(page, 'figure-tasks', 'data-value')).toBe(String(tasks));
  expect(await attr(page, 'figure-progress', 'data-on-track')).toBe(String(statuses.onTrack));
  expect(await attr(page, 'figure-progress', 'data-at-risk')).toBe(String(statuses.atRisk));
  expect(await attr(page, 'figure-progress', 'data-late')).toBe(String(statuses.late));
  const met = d.targets.find((x) => x.attainment === 'met')?.count ?? 0;
  expect(await attr(page, 'figure-targets', 'data-value')).toBe(String(met));
  expect(await attr(page, 'figure-targets', 'data-total')).toBe(String(d.targets.reduce((n, x) => n + x.count, 0)));
  const period = d.reporting.find((r) => r.periodKey === d.period?.key);
  expect(period, 'the dashboard period is a reporting period').toBeDefined();
  expect(await attr(page, 'figure-submitted', 'data-value')).toBe(String(period?.submitted));
  expect(await attr(page, 'figure-submitted', 'data-total')).toBe(String(period?.expected));
  expect(await attr(page, 'figure-on-time', 'data-value')).toBe(String(period?.onTime));
  expect(await attr(page, 'figure-orders', 'data-open')).toBe(String(d.orders.open));
  expect(await attr(page, 'figure-orders', 'data-overdue')).toBe(String(d.orders.overdue));

  expect(await values(page, 'chart-statuses')).toEqual(statuses);
  expect(await values(page, 'chart-sections')).toEqual(
    d.sections.map((s) => ({ number: s.number, ...byBoardStatus(s.statuses) })),
  );
  expect(await values(page, 'chart-reporting')).toEqual(
    d.reporting.map(({ periodKey, expected, submitted, onTime }) => ({ periodKey, expected, submitted, onTime })),
  );

  const compliance = await call<Compliance>(page, 'GET', `/api/plans/${planId}/compliance?date=${date}`);
  const counted = compliance.targets.map((x) => ({
    targetId: x.targetId,
    met: x.cells.filter((c) => c.status === 'met').length,
    missed: x.cells.filter((c) => c.status === 'missed').length,
    open: x.cells.filter((c) => c.status === 'open').length,
  }));
  expect(await values(page, 'chart-compliance')).toEqual(counted.filter((c) => c.met + c.missed + c.open > 0));
  const unseen = counted.filter((c) => c.met + c.missed + c.open === 0).length;
  expect(await page.getByTestId('compliance-unseen').count()).toBe(unseen > 0 ? 1 : 0);

  const league = await call<League>(page, 'GET', `/api/plans/${planId}/league?date=${date}`);
  const rows = page.getByTestId('league-row');
  const shown = await rows.count();
  expect(shown).toBe(Math.min(league.offices.length, 20));
  for (let i = 0; i < shown; i++) {
    const id = await rows.nth(i).getAttribute('data-office-id');
    const office = league.offices.find((o) => o.officeId === id);
    expect(await rows.nth(i).getAttribute('data-rank')).toBe(String(office?.rank));
  }
  // The two on-time charts: the ten best rates, and the ten worst, worst first.
  const rates = league.offices.filter((o) => o.expected > 0).map((o) => Math.round((o.onTime / o.expected) * 100));
  const desc = [...rates].sort((a, b) => b - a);
  const drawn = async (id: string) => ((await values(page, id)) as { rate: number }[]).map((v) => v.rate);
  expect(rates.length).toBeGreaterThan(20);
  expect(await drawn('chart-on-time')).toEqual(desc.slice(0, 10));
  expect(await drawn('chart-on-time-worst')).toEqual(desc.slice(-10).reverse());
  return d;
}

/** Text of each chart's SVG that runs into other text of it, as "a / b" pairs. */
function overlappingLabels(page: Page): Promise<{ texts: number; clashes: string[] }> {
  return page.evaluate((ids) => {
    const clashes: string[] = [];
    let count = 0;
    for (const id of ids) {
      const texts = [...document.querySelectorAll(`[data-testid="${id}"] svg text`)]
        .map((el) => ({ text: el.textContent ?? '', box: el.getBoundingClientRect() }))
        .filter((t) => t.text.trim() !== '' && t.box.width > 0 && t.box.height > 0);
      count += texts.length;
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const a = texts[i]?.box as DOMRect;
          const b = texts[j]?.box as DOMRect;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          // A CJK font's glyph box is taller than ECharts' line: lines of one label graze each other.
          if (w > 1 && h > 0.4 * Math.min(a.height, b.height))
            clashes.push(`${id}: ${texts[i]?.text} / ${texts[j]?.text}`);
        }
      }
    }
    return { texts: count, clashes };
  }, CHARTS);
}

describe.skipIf(SKIP_BROWSER)('the plan dashboard', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startDemoServer();
    // The demo enters its 2007 plan today, so nothing of 2007 is owed; as if it had been entered
    // when the year began, every month of 2007 is a reporting period its lead offices owe.
    await server.store.db
      .updateTable('plans')
      .set({ created_at: '2007-01-01T00:00:00.000Z' })
      .where('id', '=', server.demo.planId)
      .execute();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: DESKTOP });
  }, 120_000);
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await shot(page, `failed-dashboard-${context.task.name.slice(0, 40)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the charts only with the dashboard, not with the board', async () => {
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) scripts.push(r.url());
    });
    await signIn(page, server.url, server.demo.username, server.demo.password);
    await page.goto(`${server.url}/plans/${server.demo.planId}`);
    await page.getByTestId('board-title').waitFor();
    await page.waitForLoadState('networkidle');
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((u) => /DashboardPage-/u.test(u))).toEqual([]);
    // ECharts marks each chart's div with this attribute; no script of the board carries it.
    for (const url of scripts) {
      const code = await (await page.request.get(url)).text();
      expect(code.includes('_echarts_instance_'), url).toBe(false);
    }

    await page.getByRole('tab', { name: '统计分析' }).click();
    await page.waitForURL(/\/dashboard/u);
    await waitForCharts(page);
    expect(scripts.filter((u) => /DashboardPage-/u.test(u))).toHaveLength(1);
  }, 120_000);

  it('shows the figures of the API, and they move when a report is handed in and accepted', async () => {
    const planId = server.demo.planId;
    const plan = await call<Plan>(page, 'GET', `/api/plans/${planId}`);
    const tasksLed = plan.sections.flatMap((s) =>
      s.tasks.flatMap((task) =>
        task.assignments.flatMap((a) => (a.role === 'lead' && a.office ? [{ task, officeId: a.office.id }] : [])),
      ),
    );
    // One task of each office leading some: each office's reports stand apart in the league.
    const leads = [...new Map(tasksLed.map((l) => [l.officeId, l])).values()];
    expect(leads.length).toBeGreaterThan(9);

    // Some history: a few offices reported in the autumn, one order is overdue, problems came and went.
    for (const [i, lead] of leads.slice(0, 8).entries()) {
      for (const periodKey of ['2007-M09', '2007-M10', '2007-M11'].slice(0, 1 + (i % 3))) {
        await report(page, planId, lead.task, lead.officeId, periodKey, i % 2 === 0);
      }
    }
    const [first, second] = leads;
    await call(page, 'POST', '/api/orders', {
      taskId: first?.task.id,
      leadOfficeId: first?.officeId,
      deadline: '2026-01-31',
      comment: '请限期整改',
    });
    await call(page, 'POST', '/api/orders', {
      taskId: second?.task.id,
      leadOfficeId: second?.officeId,
      deadline: '2099-06-30',
      comment: '请按时报送',
    });
    for (const [i, category] of (['safety-hazard', 'dispute', 'livelihood', 'dispute'] as const).entries()) {
      const problem = await call<{ id: string; version: number }>(page, 'POST', '/api/problems', {
        title: `问题${i + 1}`,
        category,
        source: 'visit',
        ownerOfficeId: leads[i]?.officeId,
        planId,
      });
      if (i % 2 === 1) {
        await call(page, 'PATCH', `/api/problems/${problem.id}`, { version: problem.version, status: 'closed' });
      }
    }

    // The plan's year is over, so the dashboard judges it on 31 December 2007 by default; what was
    // just written counts today.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await page.goto(`${server.url}/plans/${planId}/dashboard?date=${today}`);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="figure-orders"]')?.getAttribute('data-open') === '2',
    );
    await waitForCharts(page);
    const before = await expectFiguresOfApi(page, planId);
    const period = before.period?.key as string;
    const beforeRow = before.reporting.find((r) => r.periodKey === period);
    expect(beforeRow?.expected).toBeGreaterThan(0);
    const trend = await values(page, 'chart-problems');
    expect(trend.at(-1)).toMatchObject({ opened: 4, closed: 2, openAtEnd: 2 });
    await shot(page, 'dashboard-desktop');

    // An office hands in this period's report: submitted and on time go up by one, then stay on acceptance.
    const lead = leads[9] as (typeof leads)[number];
    await call(page, 'POST', `/api/plans/${planId}/exceptions`, {
      officeId: lead.officeId,
      periodKey: period,
      until: '2099-12-31',
    });
    const draft = await call<{ id: string; version: number }>(page, 'POST', '/api/reports', {
      taskId: lead.task.id,
      officeId: lead.officeId,
      periodKey: period,
      progress: 'done',
      narrative: '已完成',
      missingFigures: lead.task.targets.map((t) => ({ targetId: t.id, reason: '数据待统计' })),
    });
    const submitted = await call<{ version: number }>(page, 'POST', `/api/reports/${draft.id}/submit`, {
      version: draft.version,
    });
    await page.getByTestId('dashboard-refresh').click();
    const want = String((beforeRow?.submitted ?? 0) + 1);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="figure-submitted"]')?.getAttribute('data-value') === n,
      want,
    );
    const after = await expectFiguresOfApi(page, planId);
    const afterRow = after.reporting.find((r) => r.periodKey === period);
    expect(afterRow).toMatchObject({
      expected: beforeRow?.expected,
      submitted: (beforeRow?.submitted ?? 0) + 1,
      onTime: (beforeRow?.onTime ?? 0) + 1,
    });

    await call(page, 'POST', `/api/reports/${draft.id}/accept`, { version: submitted.version });
    await page.reload();
    await waitForCharts(page);
    const accepted = await expectFiguresOfApi(page, planId);
    expect(accepted.reporting.find((r) => r.periodKey === period)).toEqual(afterRow);
  }, 180_000);

  it('a chosen day refetches; on a phone the panels stack, labels do not collide, the league scrolls', async () => {
    const planId = server.demo.planId;
    await page.getByTestId('dashboard-date').click();
    const input = page.locator('[data-testid="dashboard-date"] input, input[data-testid="dashboard-date"]').first();
    await input.fill('2007-10-20');
    await input.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="dashboard"]')?.getAttribute('data-date') === '2007-10-20',
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid="dashboard-period"]')?.getAttribute('data-period') === '2007-M09',
    );
    await waitForCharts(page);
    const october = await expectFiguresOfApi(page, planId);
    // The plan, issued on 19 June, owes from July: three months closed by 20 October.
    expect(october.reporting.map((r) => r.periodKey)).toEqual(['2007-M07', '2007-M08', '2007-M09']);
    expect(page.url()).toContain('date=2007-10-20');
    const labels = await overlappingLabels(page);
    expect(labels.clashes).toEqual([]);
    expect(labels.texts).toBeGreaterThan(50);

    await page.goto(`${server.url}/plans/${planId}/dashboard`);
    await waitForCharts(page);
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const widths = await page.evaluate(
      (ids) => ids.map((id) => document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect().width ?? 0),
      CHARTS,
    );
    for (const w of widths) expect(w).toBeLessThanOrEqual(PHONE.width);
    // The panels stack: each chart starts below the one before.
    const tops = await page.evaluate(
      (ids) => ids.map((id) => document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect().top ?? 0),
      ['chart-statuses', 'chart-sections', 'chart-reporting', 'chart-compliance'],
    );
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
    expect(new Set(tops).size).toBe(tops.length);
    const phoneLabels = await overlappingLabels(page);
    expect(phoneLabels.clashes).toEqual([]);
    expect(phoneLabels.texts).toBeGreaterThan(50);
    const table = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="league-table"] .ant-table-content');
      return el ? { scroll: el.scrollWidth, client: el.clientWidth } : null;
    });
    expect(table?.scroll).toBeGreaterThan(table?.client ?? Number.POSITIVE_INFINITY);
    await shot(page, 'dashboard-phone');
  }, 120_000);
});

import { chinaDate, systemClock } from '@duban/core';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { Database } from '../db/schema.ts';
import { PROBLEM_CATEGORIES } from '../db/tables/ledgers.ts';
import { MILESTONE_STATES } from '../db/tables/milestones.ts';
import { REPORT_STATUSES } from '../db/tables/reports.ts';
import { unitKind } from '../modules/reports/reports.service.ts';
import { derivePlanStatus } from '../modules/status/status.service.ts';
import { DIALECTS, openTestStore, type TestStore } from '../testing/stores.ts';
import { loadDemo } from './demo.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, REMINDER_DAY } from './demo-activity.ts';

/** Sign in through the API; the session cookie. */
async function signIn(app: FastifyInstance, username: string, password: string): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(r.statusCode, r.body).toBe(200);
  return `duban_session=${r.cookies.find((c) => c.name === 'duban_session')?.value}`;
}

/** Rows of `table` counted by one of its columns. */
async function countBy<T extends 'reports' | 'problems' | 'orders' | 'notifications' | 'milestones'>(
  db: Kysely<Database>,
  table: T,
  column: 'status' | 'category' | 'state' | 'kind',
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom(table as 'reports')
    .select((eb) => [eb.ref(column as 'status').as('key'), eb.fn.countAll().as('n')])
    .groupBy(column as 'status')
    .execute();
  return new Map(rows.map((r) => [String(r.key), Number(r.n)]));
}

describe.each(DIALECTS)('the demo on %s', (dialect) => {
  let store: TestStore | null = null;
  afterEach(async () => {
    await store?.drop();
    store = null;
  });

  it('loads the example plan with every office resolved, signs in with the printed password, and survives a restart', async () => {
    store = await openTestStore(dialect);
    const demo = await loadDemo(store.db);
    expect(demo).not.toBeNull();
    if (!demo) return;
    // By default the plain demo: no activity, the plan tracked from its import.
    expect(demo.activity).toBeNull();
    expect(await store.db.selectFrom('reports').select('id').execute()).toEqual([]);
    expect((await store.db.selectFrom('users').select('username').execute()).map((u) => u.username)).toEqual(['admin']);
    // A second start on the same data loads nothing again.
    expect(await loadDemo(store.db)).toBeNull();

    const restarted = await store.reopen();
    const app = await buildApp({ store: restarted });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: demo.username, password: demo.password },
      });
      expect(login.statusCode).toBe(200);
      const cookie = login.cookies.find((c) => c.name === 'duban_session');
      const r = await app.inject({
        method: 'GET',
        url: `/api/plans/${demo.planId}`,
        headers: { cookie: `duban_session=${cookie?.value}` },
      });
      expect(r.statusCode).toBe(200);
      const plan = r.json() as {
        sections: { tasks: { assignments: { unresolved: boolean; role: string }[]; targets: unknown[] }[] }[];
      };
      const tasks = plan.sections.flatMap((s) => s.tasks);
      expect(plan.sections).toHaveLength(5);
      expect(tasks).toHaveLength(26);
      const assignments = tasks.flatMap((t) => t.assignments);
      expect(assignments.length).toBe(128);
      expect(assignments.filter((a) => a.unresolved)).toEqual([]);
      expect(tasks.every((t) => t.assignments.some((a) => a.role === 'lead'))).toBe(true);
      expect(tasks.flatMap((t) => t.targets)).toHaveLength(42);
    } finally {
      await app.close();
      await restarted.close();
    }
  });

  it('with activity, plays 2007 through: reports in every state, tasks of several statuses, ledgers, problems, orders and reminders', async () => {
    store = await openTestStore(dialect);
    const demo = await loadDemo(store.db, { activity: true });
    expect(demo?.activity).not.toBeNull();
    if (!demo?.activity) return;
    const db = store.db;
    expect(await loadDemo(store.db, { activity: true })).toBeNull();

    // No community is a 责任单位 of a task of the document: 黄贝岭社区 leads a task a leader
    // assigned mid-year, with its source, and reports on it from its start.
    const communities = await db.selectFrom('offices').select('id').where('kind', '=', 'community').execute();
    const communityTasks = await db
      .selectFrom('task_assignments')
      .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
      .select(['tasks.id', 'tasks.number', 'tasks.source', 'tasks.start_date'])
      .where(
        'task_assignments.office_id',
        'in',
        communities.map((c) => c.id),
      )
      .execute();
    expect(communityTasks.map((x) => [x.number, x.start_date])).toEqual([['27', '2007-07-01']]);
    expect(communityTasks[0]?.source).toContain('黄贝岭社区');
    const communityPeriods = await db
      .selectFrom('reports')
      .select('period_key')
      .where('task_id', '=', communityTasks[0]?.id ?? '')
      .execute();
    expect(communityPeriods.length).toBeGreaterThan(0);
    expect(communityPeriods.every((r) => r.period_key >= '2007-M07')).toBe(true);

    // Reports: every state, their late flags and histories as the reports service makes them.
    const reportStates = await countBy(db, 'reports', 'status');
    for (const status of REPORT_STATUSES) expect(reportStates.get(status) ?? 0, status).toBeGreaterThan(0);
    // July to December: the plan owes from its first full month after it was issued on 19 June.
    expect(reportStates.get('accepted') ?? 0).toBeGreaterThan(1000);
    const reports = await db
      .selectFrom('reports')
      .select(['id', 'status', 'submitted_at', 'due_date', 'late', 'version', 'good_practice'])
      .execute();
    expect(reports).toHaveLength(demo.activity.reports);
    for (const r of reports) {
      const late = r.submitted_at !== null && r.due_date !== null && chinaDate(r.submitted_at) > r.due_date;
      expect(Number(r.late) === 1, r.id).toBe(late);
      // Nothing of the story happens after the year's end.
      if (r.submitted_at !== null) expect(chinaDate(r.submitted_at) <= '2007-12-31', r.id).toBe(true);
    }
    expect(reports.filter((r) => Number(r.late) === 1).length).toBeGreaterThan(20);
    expect(reports.filter((r) => Number(r.good_practice) === 1).length).toBeGreaterThan(3);
    const events = await db.selectFrom('report_events').select(['report_id', 'snapshot']).orderBy('id').execute();
    const history = new Map<string, string[]>();
    for (const e of events) history.set(e.report_id, [...(history.get(e.report_id) ?? []), e.snapshot]);
    for (const r of reports) {
      const snapshots = history.get(r.id) ?? [];
      expect(snapshots.length, r.id).toBe(Number(r.version));
      const last = JSON.parse(snapshots.at(-1) ?? '{}') as { report?: { status?: string; version?: number } };
      expect(last.report?.status).toBe(r.status);
      expect(last.report?.version).toBe(Number(r.version));
    }
    // Figures fit their targets' units, percentages sometimes as numerator / denominator.
    const figures = await db
      .selectFrom('report_figures')
      .innerJoin('targets', 'targets.id', 'report_figures.target_id')
      .select([
        'report_figures.value',
        'report_figures.numerator',
        'report_figures.denominator',
        'targets.unit',
        'targets.kind',
      ])
      .execute();
    expect(figures.length).toBeGreaterThan(100);
    for (const f of figures) {
      const value = Number(f.value);
      // A change target's figure is a level (cases, 万元), its % the change's (issue 10).
      const kind = f.kind === 'change' ? 'measure' : unitKind(f.unit);
      if (kind === 'percent') expect(value >= 0 && value <= 100, `${value}${f.unit}`).toBe(true);
      if (kind === 'count') expect(Number.isInteger(value) && value >= 0, `${value}${f.unit}`).toBe(true);
      if (f.numerator !== null) {
        expect(Number(f.numerator)).toBeLessThanOrEqual(Number(f.denominator));
        expect(value).toBeCloseTo((Number(f.numerator) / Number(f.denominator)) * 100, 6);
      }
    }
    expect(figures.some((f) => f.numerator !== null)).toBe(true);
    expect(figures.some((f) => f.numerator === null && unitKind(f.unit) === 'percent')).toBe(true);

    // The plan, issued on 19 June, owes monthly reports from July, its first full month, and is
    // judged, its year over, on 31 December: every month from July closed by then is owed, and
    // the tasks come out in several statuses.
    const status = await derivePlanStatus(db, { planId: demo.planId, clock: systemClock });
    expect(status.date).toBe('2007-12-31');
    expect(status.periods.map((p) => p.key)).toEqual(['2007-M07', '2007-M08', '2007-M09', '2007-M10', '2007-M11']);
    // Change targets are judged against their baselines, both ways; the per-street target street by street.
    const fit = await db.selectFrom('targets').select(['id', 'kind', 'scope']).execute();
    const judged = new Map(status.tasks.flatMap((t) => t.targets).map((j) => [j.targetId, j]));
    const changes = fit.filter((f) => f.kind === 'change').map((f) => judged.get(f.id)?.attainment);
    expect(changes).toEqual(expect.arrayContaining(['met', 'at-risk']));
    expect(changes.filter((a) => a !== 'no-data').length).toBeGreaterThanOrEqual(4);
    const perStreet = fit.filter((f) => f.scope === 'each').map((f) => judged.get(f.id)?.each);
    expect(perStreet.some((e) => e && e.total >= 10 && e.met > 0 && e.met < e.total)).toBe(true);
    const mix = new Set(status.tasks.map((t) => t.status));
    expect([...mix]).toEqual(expect.arrayContaining(['met', 'on-track', 'at-risk', 'late']));
    for (const t of status.tasks) {
      // A missing report is a reporting lapse (缺报), shown apart from the work.
      if (t.reports.late > 0) expect(t.reporting).toBe('missing');
      // Five months owed: one office's two missing months weigh a fifth of a task's reports.
      expect(t.reports.submitted).toBeGreaterThanOrEqual(t.reports.expected * 0.8);
    }
    // Its two axes: some tasks lapse in reporting; some are blocked (受阻) and so at risk.
    expect(status.tasks.some((t) => t.reporting === 'missing')).toBe(true);
    for (const t of status.tasks) if (t.blocked.length > 0) expect(['at-risk', 'late']).toContain(t.status);
    expect(status.tasks.some((t) => t.blocked.length > 0)).toBe(true);
    // No one judges their own work: 区委基层办 runs the plan, a leader accepts its reports.
    expect(status.planOfficeId).not.toBeNull();
    const ownReviewers = await db
      .selectFrom('reports')
      .innerJoin('users', 'users.id', 'reports.reviewed_by')
      .select('users.role')
      .where('reports.office_id', '=', status.planOfficeId as string)
      .where('reports.status', '=', 'accepted')
      .execute();
    expect(ownReviewers.length).toBeGreaterThan(0);
    expect(new Set(ownReviewers.map((r) => r.role))).toEqual(new Set(['leader']));

    // Most of the plan went well: done, or on track on its last day.
    const well = status.tasks.filter((t) => t.status === 'met' || t.status === 'on-track');
    expect(well.length).toBeGreaterThan(status.tasks.length / 2);
    // Milestones in every state, some overdue; a met task has every milestone confirmed.
    const milestoneStates = await countBy(db, 'milestones', 'state');
    for (const state of MILESTONE_STATES) expect(milestoneStates.get(state) ?? 0, state).toBeGreaterThan(0);
    expect(status.tasks.some((t) => t.milestones.overdue > 0)).toBe(true);
    for (const t of status.tasks) {
      if (t.status === 'met') expect(t.milestones.confirmed).toBe(t.milestones.total);
    }

    // Ledgers, all of 2007.
    for (const table of ['links', 'visits', 'diaries', 'meetings', 'trainings'] as const) {
      const rows = await db.selectFrom(table).select(['id', 'created_at']).execute();
      expect(rows.length, table).toBeGreaterThan(0);
      for (const row of rows) expect(row.created_at.slice(0, 4), table).toBe('2007');
    }
    expect((await db.selectFrom('diaries').select('id').execute()).length).toBeGreaterThan(150);

    // Problems of every status and category, raised on visits, in diaries and through the hotline.
    const problemStates = await countBy(db, 'problems', 'status');
    for (const s of ['open', 'in-progress', 'closed']) expect(problemStates.get(s) ?? 0, s).toBeGreaterThan(0);
    const categories = await countBy(db, 'problems', 'category');
    for (const c of PROBLEM_CATEGORIES) expect(categories.get(c) ?? 0, c).toBeGreaterThan(0);
    const problems = await db.selectFrom('problems').selectAll().execute();
    for (const p of problems) {
      expect(chinaDate(p.created_at) <= '2007-12-31').toBe(true);
      expect(p.closed_at !== null).toBe(p.status === 'closed');
      if (p.closed_at !== null) expect(p.closed_at > p.created_at).toBe(true);
      if (p.source === 'visit' || p.source === 'diary') {
        const table = p.source === 'visit' ? 'visits' : 'diaries';
        const entry = await db
          .selectFrom(table)
          .select(['problems_raised', 'date'])
          .where('id', '=', p.source_id ?? '')
          .executeTakeFirst();
        expect(entry?.problems_raised, p.title).toContain(p.title);
        expect((entry?.date ?? '') <= chinaDate(p.created_at)).toBe(true);
      }
    }

    // Orders in several states: one closed after verification, one past its deadline and urged.
    const orderStates = await countBy(db, 'orders', 'state');
    expect(orderStates.size).toBeGreaterThanOrEqual(4);
    const orders = await db.selectFrom('orders').selectAll().execute();
    const actionsOf = async (id: string) =>
      (await db.selectFrom('order_events').select('action').where('order_id', '=', id).orderBy('id').execute()).map(
        (e) => e.action,
      );
    const closed = orders.find((o) => o.state === 'closed');
    expect(await actionsOf(closed?.id ?? '')).toEqual(expect.arrayContaining(['verify', 'close']));
    const overdue = orders.filter((o) => o.state !== 'closed' && o.deadline < '2007-12-31');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.some((o) => Number(o.escalation_level) > 0)).toBe(true);
    for (const o of overdue.filter((x) => Number(x.escalation_level) > 0))
      expect(await actionsOf(o.id)).toContain('urge');

    // The reminder job ran on a morning of December 2007.
    const kinds = await countBy(db, 'notifications', 'kind');
    for (const k of ['report-due', 'report-late', 'order-overdue']) expect(kinds.get(k) ?? 0, k).toBeGreaterThan(0);
    for (const n of await db.selectFrom('notifications').select('created_at').execute()) {
      expect(chinaDate(n.created_at)).toBe(REMINDER_DAY);
    }

    // The endpoints judge the plan on 31 December by default, and have figures to show.
    const app = await buildApp({ store });
    try {
      const admin = await signIn(app, demo.username, demo.password);
      const get = async <T>(url: string, cookie = admin): Promise<T> => {
        const r = await app.inject({ method: 'GET', url, headers: { cookie } });
        expect(r.statusCode, r.body).toBe(200);
        return r.json() as T;
      };
      const dashboard = await get<{
        date: string;
        statuses: { status: string; count: number }[];
        reporting: { periodKey: string; expected: number; submitted: number; onTime: number }[];
        orders: { open: number; overdue: number; closed: number };
      }>(`/api/plans/${demo.planId}/dashboard`);
      expect(dashboard.date).toBe('2007-12-31');
      expect(dashboard.statuses.filter((s) => s.count > 0).length).toBeGreaterThanOrEqual(3);
      expect(dashboard.reporting).toHaveLength(5);
      for (const p of dashboard.reporting) {
        expect(p.submitted, p.periodKey).toBeGreaterThan(0);
        expect(p.onTime, p.periodKey).toBeGreaterThan(0);
        expect(p.onTime).toBeLessThanOrEqual(p.submitted);
      }
      expect(dashboard.reporting.some((p) => p.onTime < p.expected)).toBe(true);
      expect(dashboard.orders.open).toBeGreaterThan(0);
      expect(dashboard.orders.overdue).toBeGreaterThan(0);
      const league = await get<{ date: string; offices: { expected: number; onTime: number; rank: number }[] }>(
        `/api/plans/${demo.planId}/league`,
      );
      expect(league.date).toBe('2007-12-31');
      expect(league.offices.length).toBeGreaterThan(40);
      expect(league.offices.every((o) => o.expected > 0)).toBe(true);
      expect(league.offices.some((o) => o.onTime < o.expected)).toBe(true);
      expect(new Set(league.offices.map((o) => o.rank)).size).toBeGreaterThan(1);
      expect((await get<{ date: string }>(`/api/plans/${demo.planId}/status`)).date).toBe('2007-12-31');
      const compliance = await get<{
        date: string;
        targets: { subject: string; attainment: string; cells: { status: string }[] }[];
      }>(`/api/plans/${demo.planId}/compliance`);
      expect(compliance.date).toBe('2007-12-31');
      const cells = compliance.targets.flatMap((t) => t.cells.map((c) => c.status));
      expect(cells).toContain('met');
      expect(cells).toContain('missed');
      // The demo's rosters make each judgement of a frequency target appear.
      const judged = compliance.targets.map((t) => t.attainment);
      expect(judged).toEqual(expect.arrayContaining(['met', 'at-risk', 'missed']));
      expect(compliance.targets.map((t) => t.subject)).toContain('roster:区级领导');
      const trend = await get<{ months: { opened: number; closed: number }[] }>(
        '/api/problems/trend?from=2007-01&to=2007-12',
      );
      expect(trend.months.reduce((n, m) => n + m.opened, 0)).toBe(problems.length);

      // Every demo account signs in with the printed password; a reporter sees their office's reports.
      for (const a of DEMO_ACCOUNTS) await signIn(app, a.username, DEMO_PASSWORD);
      const health = await db
        .selectFrom('offices')
        .select('id')
        .where('name', '=', '区卫生局')
        .executeTakeFirstOrThrow();
      const own = await get<{ items: { officeId: string }[] }>(
        '/api/reports',
        await signIn(app, 'weisheng', DEMO_PASSWORD),
      );
      const items = own.items;
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((r) => r.officeId === health.id)).toBe(true);
    } finally {
      await app.close();
    }
  }, 90_000);
});

describe('the demo activity', () => {
  const stores: TestStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.drop();
  });

  it('is the same on every load', async () => {
    const story = async () => {
      const s = await openTestStore('sqlite');
      stores.push(s);
      await loadDemo(s.db, { activity: true });
      const reports = await s.db
        .selectFrom('reports')
        .innerJoin('tasks', 'tasks.id', 'reports.task_id')
        .innerJoin('offices', 'offices.id', 'reports.office_id')
        .select([
          'tasks.number',
          'offices.name',
          'reports.period_key',
          'reports.status',
          'reports.submitted_at',
          'reports.narrative',
        ])
        .execute();
      const problems = await s.db
        .selectFrom('problems')
        .select(['title', 'status', 'created_at', 'closed_at'])
        .execute();
      const diaries = await s.db.selectFrom('diaries').select(['cadre', 'date', 'text']).execute();
      const sorted = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
      return { reports: sorted(reports), problems: sorted(problems), diaries: sorted(diaries) };
    };
    const first = await story();
    const second = await story();
    expect(first.reports.length).toBeGreaterThan(1500);
    expect(second).toEqual(first);
  }, 60_000);
});

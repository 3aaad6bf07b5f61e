import { isLate, reportDueDate } from '@duban/core';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { HANDED_IN_STATUSES, type ReportProgress, type ReportStatus } from '../../db/tables/reports.ts';

/** A plan's reporting settings as the API shows them. */
export interface PlanSettings {
  readonly planId: string;
  readonly cadence: string;
  readonly dueWorkingDays: number;
  readonly lockDays: number;
  /** The office that runs the plan: its reports are reviewed by a leader, and the league leaves it out. */
  readonly planOfficeId: string | null;
  readonly version: number;
}

export interface ReportException {
  readonly id: string;
  readonly planId: string;
  readonly officeId: string;
  readonly periodKey: string;
  readonly until: string;
  readonly grantedBy: string | null;
  readonly createdAt: string;
}

export const DEFAULT_SETTINGS = { cadence: 'monthly', dueWorkingDays: 5, lockDays: 10, planOfficeId: null } as const;

export interface PlanHead {
  readonly id: string;
  readonly year: number | null;
  /** The date the plan was issued (印发), ISO; null when the document gives none. */
  readonly date: string | null;
  readonly createdAt: string;
}

/** The plan's id, year, issue date and creation time; null when there is no such plan. */
export async function findPlanHead(db: Kysely<Database>, id: string): Promise<PlanHead | null> {
  const row = await db
    .selectFrom('plans')
    .select(['id', 'year', 'date', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? { id: row.id, year: row.year === null ? null : Number(row.year), date: row.date, createdAt: row.created_at }
    : null;
}

/** The plan's settings row, or null when the plan runs on the defaults. */
export async function findSettings(db: Kysely<Database>, planId: string): Promise<PlanSettings | null> {
  const row = await db.selectFrom('plan_settings').selectAll().where('plan_id', '=', planId).executeTakeFirst();
  if (!row) return null;
  return {
    planId: row.plan_id,
    cadence: row.cadence,
    dueWorkingDays: Number(row.due_working_days),
    lockDays: Number(row.lock_days),
    planOfficeId: row.plan_office_id,
    version: Number(row.version),
  };
}

export async function insertSettings(db: Kysely<Database>, s: PlanSettings, at: string): Promise<void> {
  await db
    .insertInto('plan_settings')
    .values({
      plan_id: s.planId,
      cadence: s.cadence,
      due_working_days: s.dueWorkingDays,
      lock_days: s.lockDays,
      plan_office_id: s.planOfficeId,
      version: s.version,
      updated_at: at,
    })
    .execute();
}

/** Write the settings when the row is still at `version`; whether it was. */
export async function updateSettings(
  db: Kysely<Database>,
  s: PlanSettings,
  version: number,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('plan_settings')
    .set({
      cadence: s.cadence,
      due_working_days: s.dueWorkingDays,
      lock_days: s.lockDays,
      plan_office_id: s.planOfficeId,
      version: s.version,
      updated_at: at,
    })
    .where('plan_id', '=', s.planId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function officeExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('offices').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function insertException(db: Kysely<Database>, e: ReportException): Promise<void> {
  await db
    .insertInto('report_exceptions')
    .values({
      id: e.id,
      plan_id: e.planId,
      office_id: e.officeId,
      period_key: e.periodKey,
      until: e.until,
      granted_by: e.grantedBy,
      created_at: e.createdAt,
    })
    .execute();
}

/** Delete an exception of a plan; whether there was one. */
export async function deleteException(db: Kysely<Database>, planId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('report_exceptions')
    .where('id', '=', id)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function listExceptions(db: Kysely<Database>, planId: string): Promise<ReportException[]> {
  const rows = await db
    .selectFrom('report_exceptions')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    officeId: r.office_id,
    periodKey: r.period_key,
    until: r.until,
    grantedBy: r.granted_by,
    createdAt: r.created_at,
  }));
}

export interface StatusTarget {
  readonly id: string;
  readonly taskId: string;
  readonly kind: 'level' | 'change' | 'frequency';
  readonly op: '>=' | '<=' | '=' | '>' | '<' | 'between';
  readonly value: number;
  readonly valueHigh: number | null;
  readonly unit: string;
  readonly period: string | null;
  readonly deadline: string | null;
  /** Migration 016 (target-fit.ts reads them): "each", the baseline's value, the target's own offices. */
  readonly scope: string | null;
  readonly baselineValue: number | null;
  readonly offices: readonly string[] | null;
}

export interface StatusReport {
  readonly taskId: string;
  readonly officeId: string;
  readonly periodKey: string;
  readonly status: ReportStatus;
  readonly submittedAt: string | null;
  readonly progress: ReportProgress;
  /** The narrative of a report whose progress is blocked (受阻): the reporter's reason; else null. */
  readonly reason: string | null;
  /** The report's own due date (core's rule when it was written, or one an administrator set). */
  readonly dueDate: string | null;
}

/**
 * The handed-in figures of one target and period, of one kind (running totals or the period's
 * own amounts), summed over the offices that gave them: one row whatever the number of offices.
 */
export interface StatusFigureGroup {
  readonly targetId: string;
  readonly periodKey: string;
  readonly cumulative: boolean;
  /** How many offices gave a figure. */
  readonly count: number;
  /** The sum of their values. */
  readonly total: number;
  /** Their numerators and denominators summed, when every one came as numerator / denominator; else null. */
  readonly numerator: number | null;
  readonly denominator: number | null;
}

/** A task's supervision orders by state on the day judged. */
export interface StatusOrderCounts {
  readonly open: number;
  /** Open orders whose deadline passed before the day. */
  readonly overdue: number;
  readonly closed: number;
}

/** Everything a plan's status is computed from. */
export interface StatusData {
  readonly tasks: readonly {
    id: string;
    sectionId: string;
    deadline: string | null;
    startDate: string | null;
    cadence: string | null;
  }[];
  readonly targets: readonly StatusTarget[];
  /** Lead offices of each task, groups already expanded to their members. */
  readonly leads: ReadonlyMap<string, readonly string[]>;
  /** Reports of the year's periods. */
  readonly reports: readonly StatusReport[];
  /** Figures of handed-in reports of the year's periods. */
  readonly figures: readonly StatusFigureGroup[];
  /** By task id; a task without orders has none. */
  readonly orders: ReadonlyMap<string, StatusOrderCounts>;
  readonly exceptions: readonly ReportException[];
}

/**
 * Load what a plan's status on a date needs in a fixed number of queries, whatever the number of
 * tasks: figures summed per target and period, orders counted per task against the date (today
 * in China by default). Given a year, reports and figures of that year's periods only.
 */
export async function loadStatusData(
  db: Kysely<Database>,
  planId: string,
  on: { year?: number | undefined; date: string },
): Promise<StatusData> {
  const date = on.date;
  // Every period key of a year, of any cadence, sorts from '2007' to before '2008'; '~' after any key.
  const yearKey = (year: number) => String(year).padStart(4, '0');
  const keys = on.year === undefined ? { from: '', to: '~' } : { from: yearKey(on.year), to: yearKey(on.year + 1) };
  // Independent reads: on PostgreSQL they run side by side on the pool's connections.
  const [tasks, targets, assignments, reports, figures, orders, exceptions] = await Promise.all([
    db
      .selectFrom('tasks')
      .select(['id', 'section_id', 'deadline', 'start_date', 'cadence'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('targets')
      .innerJoin('tasks', 'tasks.id', 'targets.task_id')
      .select([
        'targets.id',
        'targets.task_id',
        'targets.kind',
        'targets.op',
        'targets.value',
        'targets.value_high',
        'targets.unit',
        'targets.period',
        'targets.deadline',
        'targets.scope',
        'targets.baseline_value',
        'targets.offices',
      ])
      .where('tasks.plan_id', '=', planId)
      .orderBy('targets.task_id')
      .orderBy('targets.position')
      .execute(),
    db
      .selectFrom('task_assignments')
      .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
      .leftJoin('office_group_members', 'office_group_members.group_id', 'task_assignments.group_id')
      .select(['task_assignments.task_id', 'task_assignments.office_id', 'office_group_members.office_id as member_id'])
      .where('tasks.plan_id', '=', planId)
      .where('task_assignments.role', '=', 'lead')
      .execute(),
    // Named as StatusReport names them: thousands of rows, each used as read.
    db
      .selectFrom('reports')
      .innerJoin('tasks', 'tasks.id', 'reports.task_id')
      .select([
        'reports.task_id as taskId',
        'reports.office_id as officeId',
        'reports.period_key as periodKey',
        'reports.status',
        'reports.submitted_at as submittedAt',
        'reports.progress',
        // Only a blocked report's narrative is read: it is the reason shown under 需协调.
        sql<string | null>`case when reports.progress = 'blocked' then reports.narrative else null end`.as('reason'),
        'reports.due_date as dueDate',
      ])
      .where('tasks.plan_id', '=', planId)
      .where('reports.period_key', '>=', keys.from)
      .where('reports.period_key', '<', keys.to)
      .execute(),
    db
      .selectFrom('report_figures')
      .innerJoin('reports', 'reports.id', 'report_figures.report_id')
      .innerJoin('tasks', 'tasks.id', 'reports.task_id')
      .select((eb) => {
        // Parts only where they make up the share (figures.ts): a column less to read per group.
        const everyOne = eb(eb.fn.count('report_figures.numerator'), '=', eb.fn.countAll());
        const parts = (column: 'report_figures.numerator' | 'report_figures.denominator') =>
          eb.case().when(everyOne).then(eb.fn.sum<number>(column)).end();
        return [
          'report_figures.target_id',
          'reports.period_key',
          'report_figures.cumulative',
          eb.fn.countAll().as('count'),
          eb.fn.sum<number>('report_figures.value').as('total'),
          parts('report_figures.numerator').as('numerator'),
          parts('report_figures.denominator').as('denominator'),
        ];
      })
      .where('tasks.plan_id', '=', planId)
      .where('reports.status', 'in', HANDED_IN_STATUSES)
      .where('reports.period_key', '>=', keys.from)
      .where('reports.period_key', '<', keys.to)
      .groupBy(['report_figures.target_id', 'reports.period_key', 'report_figures.cumulative'])
      .execute(),
    db
      .selectFrom('orders')
      .innerJoin('tasks', 'tasks.id', 'orders.task_id')
      .select([
        'orders.task_id',
        sql<number>`sum(case when orders.state = 'closed' then 0 else 1 end)`.as('open'),
        sql<number>`sum(case when orders.state <> 'closed' and orders.deadline < ${date} then 1 else 0 end)`.as(
          'overdue',
        ),
        sql<number>`sum(case when orders.state = 'closed' then 1 else 0 end)`.as('closed'),
      ])
      .where('tasks.plan_id', '=', planId)
      .groupBy('orders.task_id')
      .execute(),
    listExceptions(db, planId),
  ]);

  const leads = new Map<string, string[]>();
  for (const a of assignments) {
    const office = a.office_id ?? a.member_id;
    if (office === null) continue;
    const list = leads.get(a.task_id) ?? [];
    if (!list.includes(office)) list.push(office);
    leads.set(a.task_id, list);
  }
  return {
    tasks: tasks.map((t) => ({
      id: t.id,
      sectionId: t.section_id,
      deadline: t.deadline,
      startDate: t.start_date,
      cadence: t.cadence,
    })),
    targets: targets.map((t) => ({
      id: t.id,
      taskId: t.task_id,
      kind: t.kind,
      op: t.op,
      value: Number(t.value),
      valueHigh: t.value_high === null ? null : Number(t.value_high),
      unit: t.unit,
      period: t.period,
      deadline: t.deadline,
      scope: t.scope,
      baselineValue: t.baseline_value === null ? null : Number(t.baseline_value),
      offices: t.offices === null ? null : (JSON.parse(t.offices) as string[]),
    })),
    leads,
    reports,
    figures: figures.map((f) => ({
      targetId: f.target_id,
      periodKey: f.period_key,
      cumulative: Number(f.cumulative) === 1,
      count: Number(f.count),
      total: Number(f.total),
      numerator: f.numerator === null ? null : Number(f.numerator),
      denominator: f.denominator === null ? null : Number(f.denominator),
    })),
    orders: new Map(
      orders.flatMap((o) =>
        o.task_id === null
          ? []
          : [[o.task_id, { open: Number(o.open), overdue: Number(o.overdue), closed: Number(o.closed) }] as const],
      ),
    ),
    exceptions,
  };
}

/**
 * Give a plan's reports (or one office's of one period) the due date and late flag the one rule
 * gives them now: after the plan's due days change (`dueWorkingDays`, with `before` the days the
 * stored dates were computed with; a date an administrator set differs from the rule's and stays),
 * or after an exception is granted or revoked (late against the latest exception's date).
 */
export async function restampReports(
  db: Kysely<Database>,
  planId: string,
  rule: { dueWorkingDays: number; before: number },
  only?: { officeId: string; periodKey: string },
): Promise<void> {
  let q = db
    .selectFrom('reports')
    .innerJoin('tasks', 'tasks.id', 'reports.task_id')
    .select([
      'reports.id',
      'reports.office_id',
      'reports.period_key',
      'reports.due_date',
      'reports.submitted_at',
      'reports.late',
    ])
    .where('tasks.plan_id', '=', planId);
  if (only) q = q.where('reports.office_id', '=', only.officeId).where('reports.period_key', '=', only.periodKey);
  const [rows, exceptions] = await Promise.all([q.execute(), listExceptions(db, planId)]);
  const until = new Map<string, string>();
  for (const e of exceptions) {
    const key = `${e.officeId}|${e.periodKey}`;
    if ((until.get(key) ?? '') < e.until) until.set(key, e.until);
  }
  for (const r of rows) {
    const ruled = reportDueDate(r.period_key, rule.before);
    const due = r.due_date === ruled ? reportDueDate(r.period_key, rule.dueWorkingDays) : r.due_date;
    const exception = until.get(`${r.office_id}|${r.period_key}`);
    const allowed = due !== null && exception !== undefined && exception > due ? exception : due;
    const late = r.submitted_at !== null && allowed !== null && isLate(r.submitted_at, allowed) ? 1 : 0;
    if (due === r.due_date && late === Number(r.late)) continue;
    await db.updateTable('reports').set({ due_date: due, late }).where('id', '=', r.id).execute();
  }
}

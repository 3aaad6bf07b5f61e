import type { Kind } from '@duban/core';
import { expressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { Database, OfficeKind } from '../../db/schema.ts';
import type {
  EvidenceFileTable,
  ReportAction,
  ReportEventTable,
  ReportFigureTable,
  ReportProgress,
  ReportStatus,
  ReportTable,
} from '../../db/tables/reports.ts';

/** A report as the rest of the server sees it, without figures and events. */
export interface Report {
  readonly id: string;
  readonly taskId: string;
  readonly officeId: string;
  readonly periodKey: string;
  readonly status: ReportStatus;
  readonly progress: ReportProgress;
  readonly narrative: string;
  readonly goodPractice: boolean;
  readonly goodPracticeSummary: string | null;
  readonly submittedAt: string | null;
  readonly dueDate: string | null;
  readonly late: boolean;
  readonly reviewedBy: string | null;
  readonly reviewedAt: string | null;
  readonly reviewComment: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Targets given no figure, each with the office's reason. */
  readonly missingFigures: readonly MissingFigure[];
}

/** A target a report gives no figure for, and why. */
export interface MissingFigure {
  readonly targetId: string;
  readonly reason: string;
}

/** The stored reasons; anything unreadable reads as none rather than making the report unreadable. */
function missingFiguresOf(json: string | null | undefined): MissingFigure[] {
  try {
    const parsed: unknown = JSON.parse(json ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((m: unknown) => {
      const { targetId, reason } = (m ?? {}) as { targetId?: unknown; reason?: unknown };
      return typeof targetId === 'string' && typeof reason === 'string' ? [{ targetId, reason }] : [];
    });
  } catch {
    return [];
  }
}

export interface ReportFigure {
  readonly id: string;
  readonly targetId: string;
  readonly value: number;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly cumulative: boolean;
}

/** A report as listed: with the office above its office, which reviews it first (null: none). */
export interface ListedReport extends Report {
  readonly reviewOfficeId: string | null;
}

export interface ReportEvent {
  readonly id: string;
  readonly at: string;
  readonly userId: string | null;
  /** The user's display name now; null when there is no user or it was deleted. */
  readonly userName: string | null;
  readonly action: ReportAction;
  readonly comment: string | null;
  /** The evidence file an 'attach' or 'detach' event is about. */
  readonly fileName: string | null;
  /** The report and its figures after the change (parsed JSON). */
  readonly snapshot: unknown;
}

/** A target with what a figure is checked against. */
export interface TargetUnit {
  readonly id: string;
  readonly taskId: string;
  readonly unit: string;
  readonly text: string;
  /** A change target's figure is the level compared with its baseline, not a share (issue 10). */
  readonly kind: Kind;
  /** The offices asked for its figure; null: the task's lead offices (migration 016). */
  readonly offices: string[] | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function reportRowToReport(row: Selectable<ReportTable>): Report {
  return {
    id: row.id,
    taskId: row.task_id,
    officeId: row.office_id,
    periodKey: row.period_key,
    status: row.status,
    progress: row.progress,
    narrative: row.narrative,
    goodPractice: Number(row.good_practice) === 1,
    goodPracticeSummary: row.good_practice_summary,
    submittedAt: row.submitted_at,
    dueDate: row.due_date,
    late: Number(row.late) === 1,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    reviewComment: row.review_comment,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    missingFigures: missingFiguresOf(row.missing_figures),
  };
}

/** A report as its row; the demo writes past reports through it too. */
export function reportToRow(r: Report): Selectable<ReportTable> {
  return {
    id: r.id,
    task_id: r.taskId,
    office_id: r.officeId,
    period_key: r.periodKey,
    status: r.status,
    progress: r.progress,
    narrative: r.narrative,
    good_practice: r.goodPractice ? 1 : 0,
    good_practice_summary: r.goodPracticeSummary,
    submitted_at: r.submittedAt,
    due_date: r.dueDate,
    late: r.late ? 1 : 0,
    reviewed_by: r.reviewedBy,
    reviewed_at: r.reviewedAt,
    review_comment: r.reviewComment,
    version: r.version,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    missing_figures: JSON.stringify(r.missingFigures),
  };
}

function figureRowToFigure(row: Selectable<ReportFigureTable>): ReportFigure {
  return {
    id: row.id,
    targetId: row.target_id,
    value: Number(row.value),
    numerator: num(row.numerator),
    denominator: num(row.denominator),
    cumulative: Number(row.cumulative) === 1,
  };
}

/** How evidence uploads were recorded before they had their own action. */
const LEGACY_ATTACH = /^evidence: (.+)$/su;

function eventRowToEvent(row: Selectable<ReportEventTable> & { user_name: string | null }): ReportEvent {
  let snapshot: unknown = null;
  try {
    snapshot = JSON.parse(row.snapshot);
  } catch {
    // A hand-edited row should not make the report unreadable.
  }
  const named = (snapshot as { fileName?: unknown } | null)?.fileName;
  const event = {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    userName: row.user_name,
    action: row.action,
    comment: row.comment,
    fileName: typeof named === 'string' ? named : null,
    snapshot,
  };
  const legacy = row.action === 'edit' && row.comment !== null ? LEGACY_ATTACH.exec(row.comment) : null;
  return legacy ? { ...event, action: 'attach', comment: null, fileName: legacy[1] ?? null } : event;
}

export interface ReportFilter {
  readonly taskId?: string | undefined;
  readonly officeId?: string | undefined;
  readonly periodKey?: string | undefined;
  readonly status?: ReportStatus | undefined;
}

/** Which stage of review a handed-in report waits at. */
export type ReviewStage = 'office-above' | 'plan-office';

export interface ReportQuery extends ReportFilter {
  /** Only reports of this office, and those of the offices directly under it once handed in. */
  readonly officeOrUnder?: string | undefined;
  /** Only reports of the offices directly under this one. */
  readonly under?: string | undefined;
  /** Only reports waiting for review at this stage. */
  readonly awaiting?: ReviewStage | undefined;
  /** Only the reports of the office running each report's plan ('only'), or all but those ('except'). */
  readonly planOffice?: 'only' | 'except' | undefined;
}

/** Reports matching every given field, newest period first. */
export async function listReportRows(db: Kysely<Database>, f: ReportQuery): Promise<ListedReport[]> {
  let q = db
    .selectFrom('reports')
    .leftJoin('offices', 'offices.id', 'reports.office_id')
    // The reviewing office above: a community's parent (REVIEWED_FROM_ABOVE), else none.
    .leftJoin('offices as reviewer', (join) =>
      join.onRef('reviewer.id', '=', 'offices.parent_id').on('offices.kind', 'in', REVIEWED_FROM_ABOVE),
    )
    .selectAll('reports')
    .select('reviewer.id as parent_office_id');
  if (f.taskId !== undefined) q = q.where('reports.task_id', '=', f.taskId);
  if (f.officeId !== undefined) q = q.where('reports.office_id', '=', f.officeId);
  if (f.periodKey !== undefined) q = q.where('reports.period_key', '=', f.periodKey);
  if (f.status !== undefined) q = q.where('reports.status', '=', f.status);
  const officeOrUnder = f.officeOrUnder;
  if (officeOrUnder !== undefined) {
    q = q.where((eb) =>
      eb.or([
        eb('reports.office_id', '=', officeOrUnder),
        eb.and([eb('reviewer.id', '=', officeOrUnder), eb('reports.status', '!=', 'draft')]),
      ]),
    );
  }
  if (f.under !== undefined) q = q.where('reviewer.id', '=', f.under);
  const planOffice = f.planOffice;
  if (planOffice !== undefined) {
    q = q.where((eb) => {
      const own = eb.exists(
        eb
          .selectFrom('plan_settings')
          .innerJoin('tasks', 'tasks.plan_id', 'plan_settings.plan_id')
          .select('tasks.id')
          .whereRef('tasks.id', '=', 'reports.task_id')
          .whereRef('plan_settings.plan_office_id', '=', 'reports.office_id'),
      );
      return planOffice === 'only' ? own : eb.not(own);
    });
  }
  if (f.awaiting === 'office-above') {
    q = q.where('reports.status', '=', 'submitted').where('reviewer.id', 'is not', null);
  } else if (f.awaiting === 'plan-office') {
    q = q.where((eb) =>
      eb.or([
        eb('reports.status', '=', 'reviewed'),
        eb.and([eb('reports.status', '=', 'submitted'), eb('reviewer.id', 'is', null)]),
      ]),
    );
  }
  const rows = await q.orderBy('reports.period_key', 'desc').orderBy('reports.id').execute();
  return rows.map(({ parent_office_id, ...row }) => ({
    ...reportRowToReport(row),
    reviewOfficeId: parent_office_id ?? null,
  }));
}

/**
 * Offices whose reports the office directly above reviews first: communities, under their street
 * office. Other nesting in a directory (a plan office filed under the organisation department)
 * is about who belongs where, not who reviews whom.
 */
export const REVIEWED_FROM_ABOVE: readonly OfficeKind[] = ['community'];

/** The office that reviews an office's reports before the plan office (a community's street office); null for none. */
export async function parentOfficeOf(db: Kysely<Database>, officeId: string): Promise<string | null> {
  const row = await db
    .selectFrom('offices')
    .select(['parent_id', 'kind'])
    .where('id', '=', officeId)
    .executeTakeFirst();
  return row ? reviewOfficeOf(row) : null;
}

function reviewOfficeOf(office: { kind: OfficeKind; parent_id: string | null }): string | null {
  return REVIEWED_FROM_ABOVE.includes(office.kind) ? office.parent_id : null;
}

/** What decides whether a period is locked for an office's report on a task (see lockReason). */
export interface PeriodLock {
  /** The task's plan; null when there is no such task. */
  readonly planId: string | null;
  /** The plan's settings; null when the plan runs on the defaults. */
  readonly settings: { readonly dueWorkingDays: number; readonly lockDays: number } | null;
  /**
   * The latest `until` of the office's exceptions for this plan and period; null for none. One
   * running until today or later opens the period exactly when the latest does, and dates as the
   * exceptions route takes them ('YYYY-MM-DD') sort as text in any collation.
   */
  readonly latestExceptionUntil: string | null;
}

function periodLockOf(row: {
  plan_id: string | null;
  due_working_days: number | string | null;
  lock_days: number | string | null;
  exception_until: string | null;
}): PeriodLock {
  return {
    planId: row.plan_id,
    settings:
      row.due_working_days === null || row.lock_days === null
        ? null
        : { dueWorkingDays: Number(row.due_working_days), lockDays: Number(row.lock_days) },
    latestExceptionUntil: row.exception_until,
  };
}

/*
 * The two queries below read what a write is checked against in one round trip, each fact a
 * scalar subquery on a primary key or index: PostgreSQL plans these in a fraction of the time
 * it takes to plan the same facts as a chain of joins.
 */

/** A report about to change, with what the change is checked against. */
export interface ReportToChange {
  readonly report: Report;
  /** The office above the report's office, which reviews it first; null: the plan office alone. */
  readonly reviewOfficeId: string | null;
  readonly lock: PeriodLock;
  readonly hasEvidence: boolean;
  /** The report is of the office that runs its plan: a leader reviews it (migration 015). */
  readonly ofPlanOffice: boolean;
}

/**
 * The facts of findReportToChange, about the report's row. Built once: building these subqueries
 * costs more than SQLite takes to run them.
 */
const REPORT_FACTS = (() => {
  const eb = expressionBuilder<Database, 'reports'>();
  const planId = eb.selectFrom('tasks').select('tasks.plan_id').whereRef('tasks.id', '=', 'reports.task_id');
  return [
    eb.selectFrom('offices').select('offices.kind').whereRef('offices.id', '=', 'reports.office_id').as('office_kind'),
    eb
      .selectFrom('offices')
      .select('offices.parent_id')
      .whereRef('offices.id', '=', 'reports.office_id')
      .as('office_parent_id'),
    planId.as('plan_id'),
    eb
      .selectFrom('plan_settings')
      .select('plan_settings.due_working_days')
      .where('plan_settings.plan_id', '=', planId)
      .as('due_working_days'),
    eb
      .selectFrom('plan_settings')
      .select('plan_settings.lock_days')
      .where('plan_settings.plan_id', '=', planId)
      .as('lock_days'),
    eb
      .selectFrom('plan_settings')
      .select('plan_settings.plan_office_id')
      .where('plan_settings.plan_id', '=', planId)
      .as('plan_office_id'),
    eb
      .selectFrom('report_exceptions')
      .select((e) => e.fn.max('report_exceptions.until').as('until'))
      .where('report_exceptions.plan_id', '=', planId)
      .whereRef('report_exceptions.office_id', '=', 'reports.office_id')
      .whereRef('report_exceptions.period_key', '=', 'reports.period_key')
      .as('exception_until'),
    eb
      .exists(
        eb
          .selectFrom('evidence_files')
          .select('evidence_files.id')
          .whereRef('evidence_files.report_id', '=', 'reports.id'),
      )
      .as('has_evidence'),
  ] as const;
})();

export async function findReportToChange(db: Kysely<Database>, id: string): Promise<ReportToChange | null> {
  const row = await db
    .selectFrom('reports')
    .selectAll('reports')
    .select(REPORT_FACTS)
    .where('reports.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const {
    office_kind,
    office_parent_id,
    plan_id,
    due_working_days,
    lock_days,
    exception_until,
    has_evidence,
    plan_office_id,
    ...report
  } = row;
  return {
    report: reportRowToReport(report),
    ofPlanOffice: plan_office_id !== null && plan_office_id === report.office_id,
    reviewOfficeId: office_kind === null ? null : reviewOfficeOf({ kind: office_kind, parent_id: office_parent_id }),
    lock: periodLockOf({ plan_id, due_working_days, lock_days, exception_until }),
    hasEvidence: Boolean(has_evidence),
  };
}

/** What starting a report of an office on a task for a period is checked against. */
export interface DraftChecks {
  readonly officeExists: boolean;
  /** The office above the office, which reviews its reports first; null: the plan office alone. */
  readonly reviewOfficeId: string | null;
  /**
   * Whether the task names the office as lead or support, directly or through a group the office
   * belongs to (各街道办事处 reaches every street office).
   */
  readonly assigned: boolean;
  /** Whether the office already has a report on the task for the period. */
  readonly reported: boolean;
  readonly lock: PeriodLock;
}

/** Null when there is no such task. */
export async function findDraftChecks(
  db: Kysely<Database>,
  key: { taskId: string; officeId: string; periodKey: string },
): Promise<DraftChecks | null> {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => [
      'tasks.plan_id',
      eb.selectFrom('offices').select('offices.kind').where('offices.id', '=', key.officeId).as('office_kind'),
      eb
        .selectFrom('offices')
        .select('offices.parent_id')
        .where('offices.id', '=', key.officeId)
        .as('office_parent_id'),
      eb
        .selectFrom('plan_settings')
        .select('plan_settings.due_working_days')
        .whereRef('plan_settings.plan_id', '=', 'tasks.plan_id')
        .as('due_working_days'),
      eb
        .selectFrom('plan_settings')
        .select('plan_settings.lock_days')
        .whereRef('plan_settings.plan_id', '=', 'tasks.plan_id')
        .as('lock_days'),
      eb
        .selectFrom('report_exceptions')
        .select((e) => e.fn.max('report_exceptions.until').as('until'))
        .whereRef('report_exceptions.plan_id', '=', 'tasks.plan_id')
        .where('report_exceptions.office_id', '=', key.officeId)
        .where('report_exceptions.period_key', '=', key.periodKey)
        .as('exception_until'),
      eb
        .exists(
          eb
            .selectFrom('task_assignments')
            .select('task_assignments.id')
            .whereRef('task_assignments.task_id', '=', 'tasks.id')
            .where((w) =>
              w.or([
                w('task_assignments.office_id', '=', key.officeId),
                w(
                  'task_assignments.group_id',
                  'in',
                  w
                    .selectFrom('office_group_members')
                    .select('office_group_members.group_id')
                    .where('office_group_members.office_id', '=', key.officeId),
                ),
              ]),
            ),
        )
        .as('assigned'),
      eb
        .exists(
          eb
            .selectFrom('reports')
            .select('reports.id')
            .whereRef('reports.task_id', '=', 'tasks.id')
            .where('reports.office_id', '=', key.officeId)
            .where('reports.period_key', '=', key.periodKey),
        )
        .as('reported'),
    ])
    .where('tasks.id', '=', key.taskId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    officeExists: row.office_kind !== null,
    reviewOfficeId:
      row.office_kind === null ? null : reviewOfficeOf({ kind: row.office_kind, parent_id: row.office_parent_id }),
    assigned: Boolean(row.assigned),
    reported: Boolean(row.reported),
    lock: periodLockOf(row),
  };
}

export async function officeName(db: Kysely<Database>, officeId: string): Promise<string | null> {
  const row = await db.selectFrom('offices').select('name').where('id', '=', officeId).executeTakeFirst();
  return row?.name ?? null;
}

export async function findReport(db: Kysely<Database>, id: string): Promise<Report | null> {
  const row = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? reportRowToReport(row) : null;
}

export async function insertReport(db: Kysely<Database>, r: Report): Promise<void> {
  await db.insertInto('reports').values(reportToRow(r)).execute();
}

/** Write `next` over the row if it still has `expectedVersion`; false when it does not. */
export async function updateReportRow(db: Kysely<Database>, next: Report, expectedVersion: number): Promise<boolean> {
  const { id: _id, created_at: _c, task_id: _t, office_id: _o, period_key: _p, ...set } = reportToRow(next);
  const result = await db
    .updateTable('reports')
    .set(set)
    .where('id', '=', next.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * A figure's target's position, to order figures by: a scalar subquery, which PostgreSQL plans
 * several times faster than a join. Built once, as building it costs about what running it does.
 */
const TARGET_POSITION = expressionBuilder<Database, 'report_figures'>()
  .selectFrom('targets')
  .select('targets.position')
  .whereRef('targets.id', '=', 'report_figures.target_id');

export async function listFigures(db: Kysely<Database>, reportId: string): Promise<ReportFigure[]> {
  const rows = await db
    .selectFrom('report_figures')
    .selectAll('report_figures')
    .where('report_figures.report_id', '=', reportId)
    .orderBy(TARGET_POSITION)
    .orderBy('report_figures.id')
    .execute();
  return rows.map(figureRowToFigure);
}

/** Store the figures of a report that has none. */
export async function insertFigures(db: Kysely<Database>, reportId: string, figures: ReportFigure[]): Promise<void> {
  if (figures.length === 0) return;
  await db
    .insertInto('report_figures')
    .values(
      figures.map((f) => ({
        id: f.id,
        report_id: reportId,
        target_id: f.targetId,
        value: f.value,
        numerator: f.numerator,
        denominator: f.denominator,
        cumulative: f.cumulative ? 1 : 0,
      })),
    )
    .execute();
}

/** Replace a report's figures with these. */
export async function replaceFigures(db: Kysely<Database>, reportId: string, figures: ReportFigure[]): Promise<void> {
  await db.deleteFrom('report_figures').where('report_id', '=', reportId).execute();
  await insertFigures(db, reportId, figures);
}

/** Record an event; returns it as listEvents reads it back, `userName` being the user's display name. */
export async function insertEvent(
  db: Kysely<Database>,
  e: {
    id: string;
    reportId: string;
    at: string;
    userId: string | null;
    userName: string | null;
    action: ReportAction;
    comment: string | null;
    fileName: string | null;
    snapshot: object;
  },
): Promise<ReportEvent> {
  const row = {
    id: e.id,
    report_id: e.reportId,
    at: e.at,
    user_id: e.userId,
    action: e.action,
    comment: e.comment,
    snapshot: JSON.stringify(e.fileName === null ? e.snapshot : { ...e.snapshot, fileName: e.fileName }),
  };
  await db.insertInto('report_events').values(row).execute();
  return eventRowToEvent({ ...row, user_name: e.userName });
}

/** The acting user's name: a scalar subquery, like TARGET_POSITION. */
const EVENT_USER_NAME = expressionBuilder<Database, 'report_events'>()
  .selectFrom('users')
  .select('users.display_name')
  .whereRef('users.id', '=', 'report_events.user_id')
  .as('user_name');

/** A report's history, oldest first (ids sort by time), with who acted by name. */
export async function listEvents(db: Kysely<Database>, reportId: string): Promise<ReportEvent[]> {
  const rows = await db
    .selectFrom('report_events')
    .selectAll('report_events')
    .select(EVENT_USER_NAME)
    .where('report_events.report_id', '=', reportId)
    .orderBy('report_events.id')
    .execute();
  return rows.map(eventRowToEvent);
}

/** The targets of these ids, wherever they belong. */
export async function findTargets(db: Kysely<Database>, ids: readonly string[]): Promise<TargetUnit[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('targets')
    .select(['id', 'task_id', 'unit', 'text', 'kind', 'offices'])
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    taskId: r.task_id,
    unit: r.unit,
    text: r.text,
    kind: r.kind as Kind,
    offices: r.offices === null ? null : (JSON.parse(r.offices) as string[]),
  }));
}

/** A task's targets in their order, with what a submission is checked against. */
export async function listTaskTargets(
  db: Kysely<Database>,
  taskId: string,
): Promise<{ id: string; kind: Kind; text: string; offices: string[] | null }[]> {
  const rows = await db
    .selectFrom('targets')
    .select(['id', 'kind', 'text', 'offices'])
    .where('task_id', '=', taskId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as Kind,
    text: r.text,
    offices: r.offices === null ? null : (JSON.parse(r.offices) as string[]),
  }));
}

/** An evidence file's record; its bytes are in the files folder under `sha256`. */
export interface EvidenceFile {
  readonly id: string;
  readonly reportId: string;
  readonly sha256: string;
  readonly name: string;
  readonly mime: string;
  readonly size: number;
  readonly createdAt: string;
}

function evidenceRowToEvidence(row: Selectable<EvidenceFileTable>): EvidenceFile {
  return {
    id: row.id,
    reportId: row.report_id,
    sha256: row.sha256,
    name: row.name,
    mime: row.mime,
    size: Number(row.size),
    createdAt: row.created_at,
  };
}

export async function insertEvidence(db: Kysely<Database>, e: EvidenceFile): Promise<void> {
  await db
    .insertInto('evidence_files')
    .values({
      id: e.id,
      report_id: e.reportId,
      sha256: e.sha256,
      name: e.name,
      mime: e.mime,
      size: e.size,
      created_at: e.createdAt,
    })
    .execute();
}

/** A report's evidence files, oldest first. */
export async function listEvidence(db: Kysely<Database>, reportId: string): Promise<EvidenceFile[]> {
  const rows = await db
    .selectFrom('evidence_files')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
  return rows.map(evidenceRowToEvidence);
}

export async function findEvidence(db: Kysely<Database>, reportId: string, id: string): Promise<EvidenceFile | null> {
  const row = await db
    .selectFrom('evidence_files')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? evidenceRowToEvidence(row) : null;
}

export async function deleteEvidence(db: Kysely<Database>, reportId: string, id: string): Promise<void> {
  await db.deleteFrom('evidence_files').where('report_id', '=', reportId).where('id', '=', id).execute();
}

/** The office that runs the plan of a task; null when none is named. */
export async function findPlanOfficeOfTask(db: Kysely<Database>, taskId: string): Promise<string | null> {
  const row = await db
    .selectFrom('tasks')
    .innerJoin('plan_settings', 'plan_settings.plan_id', 'tasks.plan_id')
    .select('plan_settings.plan_office_id')
    .where('tasks.id', '=', taskId)
    .executeTakeFirst();
  return row?.plan_office_id ?? null;
}

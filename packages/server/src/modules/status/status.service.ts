import {
  CADENCES,
  type Cadence,
  type Clock,
  chinaDate,
  chinaToday,
  type DuePeriod,
  deadlineDate,
  dueDate,
  effectiveCadence,
  type Figure,
  isIsoDate,
  isPeriodKey,
  judgingDate,
  nowIso,
  owedPeriods,
  owesReport,
  periodsOf,
  type TaskMilestones,
  type TaskReporting,
  type TaskStatus,
  taskReporting,
  taskWork,
} from '@duban/core';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Database } from '../../db/schema.ts';
import { isHandedIn } from '../../db/tables/reports.ts';
import type { SessionUser } from '../../http/access.ts';
import { AppError, notFound, staleVersion } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { frequencyContexts } from '../compliance/compliance.service.ts';
import { milestoneCountsOfPlan } from '../milestones/milestones.service.ts';
import { isUniqueViolation } from '../offices/offices.repository.ts';
import { notifyExceptionGranted } from '../reminders/events.ts';
import { combinedFigure } from './figures.ts';
import {
  DEFAULT_SETTINGS,
  deleteException,
  findPlanHead,
  findSettings,
  insertException,
  insertSettings,
  listExceptions as listExceptionRows,
  loadStatusData,
  officeExists,
  type PlanHead,
  type PlanSettings,
  type ReportException,
  restampReports,
  type StatusData,
  type StatusOrderCounts,
  type StatusReport,
  type StatusTarget,
  updateSettings,
} from './status.repository.ts';
import {
  figureUnit,
  judgeTarget,
  loadOfficeFigures,
  needsOfficeFigures,
  type OfficeFigure,
  type TargetJudgement,
  yearKeys,
} from './target-fit.ts';

/** The plan's reporting settings, as stale-version messages name them. */
const SETTINGS_WORDS = { en: 'The plan’s reporting settings', zh: '该工作要点的报送设置' };

export type StatusActor = Pick<SessionUser, 'id' | 'role'>;

async function loadPlan(db: Kysely<Database>, id: string): Promise<PlanHead> {
  const plan = await findPlanHead(db, id);
  if (!plan) throw notFound({ en: 'Plan', zh: '工作要点' });
  return plan;
}

function requireAdmin(actor: StatusActor): void {
  if (actor.role !== 'admin')
    throw new AppError('forbidden', {
      en: 'Only an administrator changes reporting settings',
      zh: '只有管理员可以修改报送设置',
    });
}

/** The plan's reporting settings; the defaults (version 1) until an administrator changes them. */
export async function getSettings(db: Kysely<Database>, planId: string): Promise<PlanSettings> {
  await loadPlan(db, planId);
  return (await findSettings(db, planId)) ?? { planId, ...DEFAULT_SETTINGS, version: 1 };
}

export interface UpdateSettingsProps {
  readonly planId: string;
  readonly version: number;
  readonly cadence?: string | undefined;
  readonly dueWorkingDays?: number | undefined;
  readonly lockDays?: number | undefined;
  /** The office that runs the plan; null to name none. */
  readonly planOfficeId?: string | null | undefined;
}

/** Change a plan's cadence, due and lock days, with the version read; audited. */
export async function changeSettings(
  db: Kysely<Database>,
  actor: StatusActor,
  props: UpdateSettingsProps,
  clock: Clock,
): Promise<PlanSettings> {
  requireAdmin(actor);
  if (props.cadence !== undefined && !(CADENCES as readonly string[]).includes(props.cadence)) {
    throw new AppError(
      'bad-input',
      { en: `The cadence is one of ${CADENCES.join(', ')}`, zh: `报送周期只能是 ${CADENCES.join('、')} 之一` },
      'cadence',
    );
  }
  return db.transaction().execute(async (trx) => {
    await loadPlan(trx, props.planId);
    const stored = await findSettings(trx, props.planId);
    const before = stored ?? { planId: props.planId, ...DEFAULT_SETTINGS, version: 1 };
    if (before.version !== props.version) throw staleVersion(SETTINGS_WORDS);
    if (props.planOfficeId && !(await officeExists(trx, props.planOfficeId)))
      throw new AppError('bad-input', { en: 'No such office', zh: '没有这个单位' }, 'planOfficeId');
    const after: PlanSettings = {
      planId: props.planId,
      cadence: props.cadence ?? before.cadence,
      dueWorkingDays: props.dueWorkingDays ?? before.dueWorkingDays,
      lockDays: props.lockDays ?? before.lockDays,
      planOfficeId: props.planOfficeId === undefined ? before.planOfficeId : props.planOfficeId,
      version: before.version + 1,
    };
    if (stored) {
      if (!(await updateSettings(trx, after, before.version, nowIso(clock)))) throw staleVersion(SETTINGS_WORDS);
    } else {
      try {
        await insertSettings(trx, after, nowIso(clock));
      } catch (error) {
        // Someone else wrote the first settings meanwhile.
        if (isUniqueViolation(error)) throw staleVersion(SETTINGS_WORDS);
        throw error;
      }
    }
    // A report's page then shows the due date the status judges it by.
    if (after.dueWorkingDays !== before.dueWorkingDays)
      await restampReports(trx, props.planId, { dueWorkingDays: after.dueWorkingDays, before: before.dueWorkingDays });
    await insertAudit(trx, {
      userId: actor.id,
      action: stored ? 'update' : 'create',
      entity: 'plan_settings',
      entityId: props.planId,
      before,
      after,
    });
    return after;
  });
}

/** Let an office hand in its report for a period late, until a date; audited. */
export async function grantException(
  db: Kysely<Database>,
  actor: StatusActor,
  props: { planId: string; officeId: string; periodKey: string; until: string },
  clock: Clock,
): Promise<ReportException> {
  requireAdmin(actor);
  const periodKey = props.periodKey.trim();
  if (!isPeriodKey(periodKey)) {
    throw new AppError(
      'bad-input',
      {
        en: `"${periodKey}" is not a period key like 2007-M06`,
        zh: `“${periodKey}”不是有效的报送期,应写作 2007-M06 的形式`,
      },
      'periodKey',
    );
  }
  if (!isIsoDate(props.until))
    throw new AppError(
      'bad-input',
      {
        en: `"${props.until}" is not a date like 2007-07-20`,
        zh: `“${props.until}”不是有效日期,应写作 2007-07-20 的形式`,
      },
      'until',
    );
  return db.transaction().execute(async (trx) => {
    await loadPlan(trx, props.planId);
    if (!(await officeExists(trx, props.officeId)))
      throw new AppError('bad-input', { en: 'No such office', zh: '没有这个单位' }, 'officeId');
    const exception: ReportException = {
      id: newId(),
      planId: props.planId,
      officeId: props.officeId,
      periodKey,
      until: props.until,
      grantedBy: actor.id,
      createdAt: nowIso(clock),
    };
    await insertException(trx, exception);
    await restampOf(trx, exception);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'create',
      entity: 'report_exception',
      entityId: exception.id,
      after: exception,
    });
    await notifyExceptionGranted(trx, exception);
    return exception;
  });
}

const EXCEPTION = { en: 'Report exception', zh: '补报例外' };

/** The late flag of the office's reports of the period, against its exceptions as they now are. */
async function restampOf(db: Kysely<Database>, e: ReportException): Promise<void> {
  const days = ((await findSettings(db, e.planId)) ?? DEFAULT_SETTINGS).dueWorkingDays;
  await restampReports(db, e.planId, { dueWorkingDays: days, before: days }, e);
}

/**
 * Take an exception back (撤销): the office's report for that period is due (and locks) as
 * without it. Audited with what was revoked.
 */
export async function revokeException(
  db: Kysely<Database>,
  actor: StatusActor,
  props: { planId: string; exceptionId: string },
): Promise<void> {
  requireAdmin(actor);
  await db.transaction().execute(async (trx) => {
    await loadPlan(trx, props.planId);
    const before = (await listExceptionRows(trx, props.planId)).find((e) => e.id === props.exceptionId);
    if (!before || !(await deleteException(trx, props.planId, props.exceptionId))) throw notFound(EXCEPTION);
    await restampOf(trx, before);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'delete',
      entity: 'report_exception',
      entityId: before.id,
      before,
    });
  });
}

/** The plan's report exceptions, oldest first. */
export async function listExceptions(db: Kysely<Database>, planId: string): Promise<ReportException[]> {
  await loadPlan(db, planId);
  return listExceptionRows(db, planId);
}

export interface ReportCounts {
  readonly expected: number;
  readonly submitted: number;
  readonly onTime: number;
  /** Expected reports still missing after their due date (and any exception's date). */
  readonly late: number;
  readonly returned: number;
  /** Expected reports not handed in, due or not. */
  readonly missing: number;
}

/** An office whose latest report on a task says the work is blocked (受阻), and why. */
export interface BlockedReport {
  readonly officeId: string;
  readonly periodKey: string;
  /** The report's narrative: the reporter's reason. */
  readonly reason: string;
}

export interface TaskStatusView {
  readonly taskId: string;
  /** The task's work (taskWork): on track, at risk, late, met, no data. */
  readonly status: TaskStatus;
  /** The task's reporting (taskReporting), judged apart from its work. */
  readonly reporting: TaskReporting;
  readonly targets: TargetJudgement[];
  readonly reports: ReportCounts;
  /** Offices reporting the work blocked: the task needs coordination (需协调). */
  readonly blocked: BlockedReport[];
  readonly milestones: TaskMilestones;
}

/** Reports expected of an office (or offices), handed in, and handed in on time. */
export interface ReportTally {
  readonly expected: number;
  readonly submitted: number;
  readonly onTime: number;
}

export interface OfficeFigures extends ReportTally {
  readonly officeId: string;
}

export interface PlanStatus {
  readonly planId: string;
  readonly date: string;
  readonly cadence: string;
  /** The latest period closed by the date, which `offices` describe; null before the first closes. */
  readonly period: { key: string; start: string; end: string; due: string } | null;
  readonly tasks: TaskStatusView[];
  readonly offices: OfficeFigures[];
}

/** A task as derived: its status view, where it sits, who leads it and its orders. */
export interface DerivedTask extends TaskStatusView {
  readonly sectionId: string;
  /** Lead offices, groups expanded. */
  readonly leads: readonly string[];
  readonly orders: StatusOrderCounts;
}

/** What the status of a plan's tasks derives to on a date: read by the status and dashboard endpoints. */
export interface PlanDerivation {
  readonly planId: string;
  readonly date: string;
  readonly year: number;
  readonly cadence: Cadence;
  /** The office that runs the plan (its settings); null when none is named. */
  readonly planOfficeId: string | null;
  /** Periods whose reports are expected by the date, oldest first. */
  readonly periods: readonly DuePeriod[];
  /** The latest period closed by the date (expected or not); null before the first closes. */
  readonly current: DuePeriod | null;
  readonly tasks: readonly DerivedTask[];
  /** Each lead office's reports in each expected period, over the tasks it leads; by first appearance. */
  readonly tallies: readonly (OfficeFigures & { readonly periodKey: string })[];
}

/** The end date of a period key of any cadence in `year`, for dating a figure. */
function periodEnds(year: number): Map<string, string> {
  const ends = new Map<string, string>();
  for (const c of CADENCES) for (const p of periodsOf(c, year)) ends.set(p.key, p.end);
  return ends;
}

const NO_ORDERS: StatusOrderCounts = { open: 0, overdue: 0, closed: 0 };
const NO_MILESTONES: TaskMilestones = { total: 0, confirmed: 0, overdue: 0 };

/** The last day a report may come in on time, and the instant that day ends in China. */
export interface Allowance {
  readonly date: string;
  /** 16:00 UTC of the date (midnight after it in China, UTC+8), as Date#toISOString writes it. */
  readonly endsAt: string;
}

function allowance(date: string): Allowance {
  return { date, endsAt: `${date}T16:00:00.000Z` };
}

/** A timestamp as Date#toISOString writes it: UTC, fixed width, so it orders as a string. */
const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/u;

/**
 * Whether a report handed in at `submittedAt` came in by the end of the allowed day in China.
 * Stored times are UTC timestamps: compared with the instant that day ends rather than turned
 * into a China date each (thousands of reports a read); any other form goes through chinaDate.
 */
function inTime(submittedAt: string, allowed: Allowance): boolean {
  return UTC_TIMESTAMP.test(submittedAt) ? submittedAt < allowed.endsAt : chinaDate(submittedAt) <= allowed.date;
}

/** An office's reports of one period, counted up as the tasks it leads are gone through. */
interface OfficeTally {
  officeId: string;
  periodKey: string;
  expected: number;
  submitted: number;
  onTime: number;
}

/** The facts of a plan that decide which reports its offices owe, as status.repository reads them. */
export interface OwedFacts {
  readonly plan: PlanHead;
  readonly settings: Pick<PlanSettings, 'cadence' | 'dueWorkingDays'>;
  readonly data: Pick<StatusData, 'tasks' | 'leads' | 'reports' | 'exceptions'>;
  readonly year: number;
  /** The day judged: periods that ended before it are owed. */
  readonly date: string;
}

/** One lead office's owed report of one period of a task: the report answering it, and its last day. */
export interface OwedSlot {
  readonly officeId: string;
  readonly period: DuePeriod;
  readonly report: StatusReport | undefined;
  /** The last day the report is on time: the due date, the report's own, or an exception's later date. */
  readonly allowed: Allowance;
}

/** A task's owed reports under its cadence. */
export interface OwedTask {
  readonly taskId: string;
  readonly cadence: Cadence;
  readonly slots: readonly OwedSlot[];
}

/**
 * Which reports each task's lead offices owe by `date` and which report answers each: the periods
 * of the task's cadence (its own, else the plan's) that ended before the date, from the first full
 * period after the plan was issued, due after the plan entered Duban (core's owedPeriods). A
 * report answers a period under its own key, or as the report of the period's last month
 * (answersPeriod: December's for Q4); its own key wins. Read by the status and the reminders.
 */
export function owedReports(facts: OwedFacts): {
  tasks: OwedTask[];
  periods: DuePeriod[];
  current: DuePeriod | null;
} {
  const { plan, settings, data, year, date } = facts;
  const tracked = chinaDate(plan.createdAt);
  const planCadence = effectiveCadence(null, settings.cadence);
  const owedOf = new Map<Cadence, DuePeriod[]>();
  const owedPeriodsOf = (cadence: Cadence): DuePeriod[] => {
    let list = owedOf.get(cadence);
    if (list === undefined) {
      list = owedPeriods({ cadence, year, issued: plan.date, dueWorkingDays: settings.dueWorkingDays }, year).filter(
        (p) => p.end < date && p.due >= tracked,
      );
      owedOf.set(cadence, list);
    }
    return list;
  };
  const closed = periodsOf(planCadence, year).filter((p) => p.end < date);
  const lastClosed = closed.at(-1);
  const current = lastClosed ? { ...lastClosed, due: dueDate(lastClosed, settings.dueWorkingDays) } : null;

  const periodsOfYear = CADENCES.flatMap((c) => periodsOf(c, year));
  // Each report key's slot among a cadence's owed periods, and whether it is the period's own key.
  const slotsOf = new Map<Cadence, Map<string, { slot: number; own: boolean }>>();
  const slotOf = (cadence: Cadence, key: string) => {
    let map = slotsOf.get(cadence);
    if (map === undefined) {
      map = new Map();
      owedPeriodsOf(cadence).forEach((p, slot) => {
        map?.set(p.key, { slot, own: true });
        // Shorter periods ending with it (answersPeriod), read off the periods already laid out.
        for (const q of periodsOfYear)
          if (q.key !== p.key && q.end === p.end && q.start > p.start) map?.set(q.key, { slot, own: false });
      });
      slotsOf.set(cadence, map);
    }
    return map.get(key);
  };
  const cadenceOf = new Map(data.tasks.map((t) => [t.id, effectiveCadence(t.cadence, settings.cadence)]));
  // task → office → the report answering each owed slot, its own key first.
  const reportsOf = new Map<string, Map<string, { report: StatusReport; own: boolean }[]>>();
  for (const r of data.reports) {
    const cadence = cadenceOf.get(r.taskId);
    if (cadence === undefined) continue;
    const at = slotOf(cadence, r.periodKey);
    if (at === undefined) continue;
    let offices = reportsOf.get(r.taskId);
    if (offices === undefined) {
      offices = new Map();
      reportsOf.set(r.taskId, offices);
    }
    let slots = offices.get(r.officeId);
    if (slots === undefined) {
      slots = [];
      offices.set(r.officeId, slots);
    }
    const held = slots[at.slot];
    if (held === undefined || (at.own && !held.own)) slots[at.slot] = { report: r, own: at.own };
  }
  // The latest exception of each office and period.
  const exceptionOf = new Map<string, string>();
  for (const e of data.exceptions) {
    const key = `${e.officeId}|${e.periodKey}`;
    const until = exceptionOf.get(key);
    if (until === undefined || e.until > until) exceptionOf.set(key, e.until);
  }
  const allowances = new Map<string, Allowance>();
  const allowanceOf = (date: string): Allowance => {
    let a = allowances.get(date);
    if (a === undefined) {
      a = allowance(date);
      allowances.set(date, a);
    }
    return a;
  };

  const tasks = data.tasks.map((task): OwedTask => {
    const cadence = cadenceOf.get(task.id) as Cadence;
    const periods = owedPeriodsOf(cadence);
    const slots: OwedSlot[] = [];
    const offices = reportsOf.get(task.id);
    for (const officeId of data.leads.get(task.id) ?? []) {
      const held = offices?.get(officeId);
      periods.forEach((period, slot) => {
        // A task assigned mid-year owes nothing for the periods before its start.
        if (!owesReport(period, task.startDate)) return;
        const answer = held?.[slot];
        const report = answer?.report;
        // A report's own due date (an administrator may have set one) holds for its own period.
        let last = answer?.own && report?.dueDate ? report.dueDate : period.due;
        const until = exceptionOf.get(`${officeId}|${period.key}`);
        if (until !== undefined && until > last) last = until;
        slots.push({ officeId, period, report, allowed: allowanceOf(last) });
      });
    }
    return { taskId: task.id, cadence, slots };
  });
  const periods = [...owedOf.values()].flat();
  const seen = new Set<string>();
  const union = periods
    .filter((p) => !seen.has(p.key) && seen.add(p.key))
    .sort((a, b) => a.end.localeCompare(b.end) || b.start.localeCompare(a.start));
  return { tasks, periods: union, current };
}

/**
 * Every task's status on `date` (by default judgingDate: the day in China on the clock, or the
 * last day of the plan's year once that has ended), computed from the plan's reports, figures and
 * orders when read. Reports are owed as owedReports says, and a task deadline that passed before
 * the plan entered Duban is not held against it: a plan imported after its year has nothing to be
 * late with. Figures several offices handed in for one target and period are combined into one
 * (figures.ts) before attainment.
 */
export async function derivePlanStatus(
  db: Kysely<Database>,
  props: { planId: string; date?: string | undefined; clock: Clock },
): Promise<PlanDerivation> {
  const asked = props.date;
  if (asked !== undefined && !isIsoDate(asked))
    throw new AppError(
      'bad-input',
      { en: `"${asked}" is not a date like 2007-07-20`, zh: `“${asked}”不是有效日期,应写作 2007-07-20 的形式` },
      'date',
    );
  const plan = await loadPlan(db, props.planId);
  const date = asked ?? judgingDate(plan.year, chinaToday(props.clock));
  const year = plan.year ?? Number(date.slice(0, 4));
  const [stored, data, frequency, milestonesOf] = await Promise.all([
    findSettings(db, plan.id),
    loadStatusData(db, plan.id, { year, date }),
    // Frequency targets are judged on the ledger counts the compliance table shows: one source.
    frequencyContexts(db, { planId: plan.id, year, date }),
    milestoneCountsOfPlan(db, plan.id, date, chinaDate(plan.createdAt)),
  ]);
  const settings = stored ?? { planId: plan.id, ...DEFAULT_SETTINGS, version: 1 };
  const tracked = chinaDate(plan.createdAt);
  const owed = owedReports({ plan, settings, data, year, date });
  const owedOf = new Map(owed.tasks.map((t) => [t.taskId, t]));

  // Each office's latest report on each task handed in by the date: when it says 受阻, the
  // work is at risk until a later report says otherwise.
  const periodEnd = periodEnds(year);
  const byDate = allowance(date);
  const latestOf = new Map<string, Map<string, StatusReport>>();
  for (const r of data.reports) {
    if (!isHandedIn(r.status) || r.submittedAt === null || !inTime(r.submittedAt, byDate)) continue;
    let offices = latestOf.get(r.taskId);
    if (offices === undefined) {
      offices = new Map();
      latestOf.set(r.taskId, offices);
    }
    const seen = offices.get(r.officeId);
    const end = periodEnd.get(r.periodKey) ?? '';
    const seenEnd = seen === undefined ? '' : (periodEnd.get(seen.periodKey) ?? '');
    if (seen === undefined || end > seenEnd || (end === seenEnd && (r.submittedAt ?? '') > (seen.submittedAt ?? '')))
      offices.set(r.officeId, r);
  }
  const blockedOf = (taskId: string): BlockedReport[] =>
    [...(latestOf.get(taskId)?.values() ?? [])]
      .filter((r) => r.progress === 'blocked')
      .map((r) => ({ officeId: r.officeId, periodKey: r.periodKey, reason: r.reason ?? '' }));

  const ends = periodEnd;
  const unitOf = new Map(data.targets.map((t) => [t.id, figureUnit(t)]));
  const figuresOf = new Map<string, Figure[]>();
  // Running totals before the period's own amounts of the same date, so that the latter add on.
  for (const cumulative of [true, false]) {
    for (const g of data.figures) {
      if (g.cumulative !== cumulative) continue;
      const end = ends.get(g.periodKey);
      const value = combinedFigure(unitOf.get(g.targetId) ?? '', g);
      if (end === undefined || value === null) continue;
      let list = figuresOf.get(g.targetId);
      if (list === undefined) {
        list = [];
        figuresOf.set(g.targetId, list);
      }
      list.push({ date: end, value, cumulative });
    }
  }
  const officeFiguresOf = new Map<string, OfficeFigure[]>();
  const fitIds = data.targets.filter(needsOfficeFigures).map((t) => t.id);
  for (const f of await loadOfficeFigures(db, fitIds, yearKeys(year))) {
    const list = officeFiguresOf.get(f.targetId) ?? [];
    list.push(f);
    officeFiguresOf.set(f.targetId, list);
  }
  for (const id of fitIds) if (!officeFiguresOf.has(id)) officeFiguresOf.set(id, []);
  const targetsOf = new Map<string, StatusTarget[]>();
  for (const t of data.targets) {
    const list = targetsOf.get(t.taskId) ?? [];
    list.push(t);
    targetsOf.set(t.taskId, list);
  }
  // Each lead office's tallies, one per owed period, offices in order of first appearance.
  const talliesOf = new Map<string, Map<string, OfficeTally>>();

  const tasks = data.tasks.map((task): DerivedTask => {
    const counts = { expected: 0, submitted: 0, onTime: 0, late: 0, returned: 0, missing: 0 };
    const leads = data.leads.get(task.id) ?? [];
    for (const { officeId, period, report: r, allowed } of owedOf.get(task.id)?.slots ?? []) {
      let tallies = talliesOf.get(officeId);
      if (tallies === undefined) {
        tallies = new Map();
        talliesOf.set(officeId, tallies);
      }
      let tally = tallies.get(period.key);
      if (tally === undefined) {
        tally = { officeId, periodKey: period.key, expected: 0, submitted: 0, onTime: 0 };
        tallies.set(period.key, tally);
      }
      const handedIn = r !== undefined && isHandedIn(r.status);
      const onTime = handedIn && r.submittedAt !== null && inTime(r.submittedAt, allowed);
      counts.expected += 1;
      tally.expected += 1;
      if (handedIn) {
        counts.submitted += 1;
        tally.submitted += 1;
      }
      if (onTime) {
        counts.onTime += 1;
        tally.onTime += 1;
      }
      if (r?.status === 'returned') counts.returned += 1;
      if (!handedIn) {
        counts.missing += 1;
        if (r?.status !== 'returned' && date > allowed.date) counts.late += 1;
      }
    }
    // Per-subject targets, a target's own offices and baselines: target-fit.ts.
    const targets = (targetsOf.get(task.id) ?? []).map((t) =>
      judgeTarget(
        t,
        figuresOf.get(t.id) ?? [],
        officeFiguresOf.get(t.id),
        leads,
        ends,
        date,
        year,
        frequency.get(t.id),
      ),
    );
    const orders = data.orders.get(task.id) ?? NO_ORDERS;
    const deadline = deadlineDate(task.deadline, year);
    const blocked = blockedOf(task.id);
    const milestones = milestonesOf.get(task.id) ?? NO_MILESTONES;
    const status = taskWork({
      milestones,
      targets: targets.map((t) => t.attainment),
      reports: counts,
      openOrders: orders.open,
      overdueOrders: orders.overdue,
      blocked: blocked.length,
      deadline: deadline !== null && deadline >= tracked ? deadline : null,
      today: date,
    });
    const reporting = taskReporting(counts);
    return {
      taskId: task.id,
      status,
      reporting,
      targets,
      reports: counts,
      blocked,
      milestones,
      sectionId: task.sectionId,
      leads,
      orders,
    };
  });

  return {
    planId: plan.id,
    date,
    year,
    cadence: effectiveCadence(null, settings.cadence),
    planOfficeId: settings.planOfficeId,
    periods: owed.periods,
    current: owed.current,
    tasks,
    tallies: [...talliesOf.values()].flatMap((byKey) =>
      owed.periods.flatMap((p) => {
        const tally = byKey.get(p.key);
        return tally ? [tally] : [];
      }),
    ),
  };
}

/** Every task's status on a date, and each lead office's reports of the latest closed period. */
export async function planStatus(
  db: Kysely<Database>,
  props: { planId: string; date?: string | undefined; clock: Clock },
): Promise<PlanStatus> {
  const d = await derivePlanStatus(db, props);
  const current = d.current;
  return {
    planId: d.planId,
    date: d.date,
    cadence: d.cadence,
    period: current ? { key: current.key, start: current.start, end: current.end, due: current.due } : null,
    tasks: d.tasks.map((t) => ({
      taskId: t.taskId,
      status: t.status,
      reporting: t.reporting,
      targets: t.targets,
      reports: t.reports,
      blocked: t.blocked,
      milestones: t.milestones,
    })),
    offices: d.tallies
      .filter((t) => t.periodKey === current?.key)
      .map((t) => ({ officeId: t.officeId, expected: t.expected, submitted: t.submitted, onTime: t.onTime })),
  };
}

import {
  type Attainment,
  type AttainmentTarget,
  CADENCES,
  type Cadence,
  chinaDate,
  deadlineDate,
  dueDate,
  type Figure,
  isIsoDate,
  type Period,
  periodsOf,
  type ReportingPeriod,
  type TaskStatus,
  targetAttainment,
  taskStatus,
} from '@duban/core';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Database } from '../../db/schema.ts';
import { isHandedIn } from '../../db/tables/reports.ts';
import type { SessionUser } from '../../http/access.ts';
import { AppError, notFound, staleVersion } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { isUniqueViolation } from '../offices/offices.repository.ts';
import { PERIOD_KEY } from '../reports/reports.service.ts';
import {
  DEFAULT_SETTINGS,
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
  updateSettings,
} from './status.repository.ts';

export type StatusActor = Pick<SessionUser, 'id' | 'role'>;

async function loadPlan(db: Kysely<Database>, id: string): Promise<PlanHead> {
  const plan = await findPlanHead(db, id);
  if (!plan) throw notFound('Plan');
  return plan;
}

function requireAdmin(actor: StatusActor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Only an administrator changes reporting settings');
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
}

/** Change a plan's cadence, due and lock days, with the version read; audited. */
export async function changeSettings(
  db: Kysely<Database>,
  actor: StatusActor,
  props: UpdateSettingsProps,
): Promise<PlanSettings> {
  requireAdmin(actor);
  if (props.cadence !== undefined && !(CADENCES as readonly string[]).includes(props.cadence)) {
    throw new AppError('bad-input', `The cadence is one of ${CADENCES.join(', ')}`, 'cadence');
  }
  return db.transaction().execute(async (trx) => {
    await loadPlan(trx, props.planId);
    const stored = await findSettings(trx, props.planId);
    const before = stored ?? { planId: props.planId, ...DEFAULT_SETTINGS, version: 1 };
    if (before.version !== props.version) throw staleVersion('The plan’s reporting settings');
    const after: PlanSettings = {
      planId: props.planId,
      cadence: props.cadence ?? before.cadence,
      dueWorkingDays: props.dueWorkingDays ?? before.dueWorkingDays,
      lockDays: props.lockDays ?? before.lockDays,
      version: before.version + 1,
    };
    if (stored) {
      if (!(await updateSettings(trx, after, before.version))) throw staleVersion('The plan’s reporting settings');
    } else {
      try {
        await insertSettings(trx, after);
      } catch (error) {
        // Someone else wrote the first settings meanwhile.
        if (isUniqueViolation(error)) throw staleVersion('The plan’s reporting settings');
        throw error;
      }
    }
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
): Promise<ReportException> {
  requireAdmin(actor);
  const periodKey = props.periodKey.trim();
  if (!PERIOD_KEY.test(periodKey)) {
    throw new AppError('bad-input', `"${periodKey}" is not a period key like 2007-M06`, 'periodKey');
  }
  if (!isIsoDate(props.until))
    throw new AppError('bad-input', `"${props.until}" is not a date like 2007-07-20`, 'until');
  return db.transaction().execute(async (trx) => {
    await loadPlan(trx, props.planId);
    if (!(await officeExists(trx, props.officeId))) throw new AppError('bad-input', 'No such office', 'officeId');
    const exception: ReportException = {
      id: newId(),
      planId: props.planId,
      officeId: props.officeId,
      periodKey,
      until: props.until,
      grantedBy: actor.id,
      createdAt: new Date().toISOString(),
    };
    await insertException(trx, exception);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'create',
      entity: 'report_exception',
      entityId: exception.id,
      after: exception,
    });
    return exception;
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

export interface TaskStatusView {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly targets: { targetId: string; attainment: Attainment }[];
  readonly reports: ReportCounts;
}

export interface OfficeFigures {
  readonly officeId: string;
  readonly expected: number;
  readonly submitted: number;
  readonly onTime: number;
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

/** The end date of a period key of any cadence in `year`, for dating a figure. */
function periodEnds(year: number): Map<string, string> {
  const ends = new Map<string, string>();
  for (const c of CADENCES) for (const p of periodsOf(c, year)) ends.set(p.key, p.end);
  return ends;
}

/**
 * Every task's status on `date` (China time today by default), computed from the plan's
 * reports, figures and orders when read. Reporting is only expected for periods due after the
 * plan entered Duban, and a task deadline that passed before then is not held against it:
 * a plan imported after its year has nothing to be late with.
 */
export async function planStatus(
  db: Kysely<Database>,
  props: { planId: string; date?: string | undefined },
): Promise<PlanStatus> {
  const date = props.date ?? chinaDate(new Date().toISOString());
  if (!isIsoDate(date)) throw new AppError('bad-input', `"${date}" is not a date like 2007-07-20`, 'date');
  const plan = await loadPlan(db, props.planId);
  const settings = (await findSettings(db, plan.id)) ?? { planId: plan.id, ...DEFAULT_SETTINGS, version: 1 };
  const data = await loadStatusData(db, plan.id);
  const year = plan.year ?? Number(date.slice(0, 4));
  const tracked = chinaDate(plan.createdAt);
  const cadence = (CADENCES as readonly string[]).includes(settings.cadence)
    ? (settings.cadence as Cadence)
    : 'monthly';

  const closed: (ReportingPeriod & { due: string })[] = periodsOf(cadence, year)
    .filter((p) => p.end < date)
    .map((p) => ({ ...p, due: dueDate(p, settings.dueWorkingDays) }));
  const expectedPeriods = closed.filter((p) => p.due >= tracked);
  const current = closed.at(-1) ?? null;

  const reportOf = new Map(data.reports.map((r) => [`${r.taskId}|${r.officeId}|${r.periodKey}`, r]));
  const exceptionOf = new Map<string, string>();
  for (const e of data.exceptions) {
    const key = `${e.officeId}|${e.periodKey}`;
    const until = exceptionOf.get(key);
    if (until === undefined || e.until > until) exceptionOf.set(key, e.until);
  }
  const ends = periodEnds(year);
  const figuresOf = new Map<string, Figure[]>();
  for (const f of data.figures) {
    const end = ends.get(f.periodKey);
    if (end === undefined) continue;
    const list = figuresOf.get(f.targetId) ?? [];
    list.push({ date: end, value: f.value, cumulative: f.cumulative });
    figuresOf.set(f.targetId, list);
  }
  const offices = new Map<string, { expected: number; submitted: number; onTime: number }>();

  const tasks = data.tasks.map((task): TaskStatusView => {
    const counts = { expected: 0, submitted: 0, onTime: 0, late: 0, returned: 0, missing: 0 };
    for (const officeId of data.leads.get(task.id) ?? []) {
      for (const p of expectedPeriods) {
        const r = reportOf.get(`${task.id}|${officeId}|${p.key}`);
        const until = exceptionOf.get(`${officeId}|${p.key}`);
        const allowed = until !== undefined && until > p.due ? until : p.due;
        const handedIn = r !== undefined && isHandedIn(r.status);
        const onTime = handedIn && r.submittedAt !== null && chinaDate(r.submittedAt) <= allowed;
        counts.expected += 1;
        if (handedIn) counts.submitted += 1;
        if (onTime) counts.onTime += 1;
        if (r?.status === 'returned') counts.returned += 1;
        if (!handedIn) {
          counts.missing += 1;
          if (r?.status !== 'returned' && date > allowed) counts.late += 1;
        }
        if (p.key === current?.key) {
          const o = offices.get(officeId) ?? { expected: 0, submitted: 0, onTime: 0 };
          o.expected += 1;
          if (handedIn) o.submitted += 1;
          if (onTime) o.onTime += 1;
          offices.set(officeId, o);
        }
      }
    }
    const targets = data.targets
      .filter((t) => t.taskId === task.id)
      .map((t) => {
        const target: AttainmentTarget = {
          kind: t.kind,
          op: t.op,
          value: t.op === 'between' && t.valueHigh !== null ? [t.value, t.valueHigh] : t.value,
          unit: t.unit,
          period: t.period as Period | null,
          deadline: t.deadline,
        };
        return {
          targetId: t.id,
          attainment: targetAttainment(target, figuresOf.get(t.id) ?? [], date, { planYear: year }),
        };
      });
    const open = data.orders.filter((o) => o.taskId === task.id && o.state !== 'closed');
    const deadline = deadlineDate(task.deadline, year);
    const status = taskStatus({
      targets: targets.map((t) => t.attainment),
      reports: counts,
      openOrders: open.length,
      overdueOrders: open.filter((o) => o.deadline.slice(0, 10) < date).length,
      deadline: deadline !== null && deadline >= tracked ? deadline : null,
      today: date,
    });
    return { taskId: task.id, status, targets, reports: counts };
  });

  return {
    planId: plan.id,
    date,
    cadence,
    period: current ? { key: current.key, start: current.start, end: current.end, due: current.due } : null,
    tasks,
    offices: [...offices].map(([officeId, o]) => ({ officeId, ...o })),
  };
}

import {
  ATTAINMENTS,
  type Attainment,
  addDays,
  type Clock,
  TASK_REPORTINGS,
  TASK_STATUSES,
  type TaskReporting,
  type TaskStatus,
} from '@duban/core';
import type { Kysely } from 'kysely';
import type { Database, OfficeKind } from '../../db/schema.ts';
import { PROBLEM_CATEGORIES, type ProblemTable } from '../../db/tables/ledgers.ts';
import { AppError } from '../../http/errors.ts';
import { type LedgerActor, readScope } from '../ledgers/access.ts';
import { type DerivedTask, derivePlanStatus, type ReportTally } from '../status/status.service.ts';
import {
  countOpenOrdersByLead,
  countProblemsInRanges,
  findOffices,
  findTaskHeads,
  listPlanIds,
  listSections,
  type ProblemRangeCount,
} from './dashboard.repository.ts';

type StatusCount = { status: TaskStatus; count: number };

/** Tasks by status, every status listed. */
function countStatuses(tasks: readonly DerivedTask[]): StatusCount[] {
  return TASK_STATUSES.map((status) => ({ status, count: tasks.filter((t) => t.status === status).length }));
}

type ReportingCount = { reporting: TaskReporting; count: number };

/** Tasks by reporting, every reporting state listed: judged apart from their work. */
function countReportings(tasks: readonly DerivedTask[]): ReportingCount[] {
  return TASK_REPORTINGS.map((reporting) => ({
    reporting,
    count: tasks.filter((t) => t.reporting === reporting).length,
  }));
}

/** A task an office reports blocked (受阻): the plan office's to coordinate (需协调). */
export interface CoordinationItem {
  readonly taskId: string;
  readonly number: string;
  readonly title: string;
  readonly officeId: string;
  readonly officeName: string;
  readonly periodKey: string;
  /** The reporter's reason: the blocked report's narrative. */
  readonly reason: string;
}

/** Every blocked report of the derivation, in task order, with the task's and office's names. */
async function coordinationOf(db: Kysely<Database>, tasks: readonly DerivedTask[]): Promise<CoordinationItem[]> {
  const blocked = tasks.flatMap((t) => t.blocked.map((b) => ({ taskId: t.taskId, ...b })));
  if (blocked.length === 0) return [];
  const [heads, offices] = await Promise.all([
    findTaskHeads(db, [...new Set(blocked.map((b) => b.taskId))]),
    findOffices(db, [...new Set(blocked.map((b) => b.officeId))]),
  ]);
  const headOf = new Map(heads.map((h) => [h.id, h]));
  const nameOf = new Map(offices.map((o) => [o.id, o.name]));
  return blocked.map((b) => ({
    taskId: b.taskId,
    number: headOf.get(b.taskId)?.number ?? '',
    title: headOf.get(b.taskId)?.title ?? '',
    officeId: b.officeId,
    officeName: nameOf.get(b.officeId) ?? '',
    periodKey: b.periodKey,
    reason: b.reason,
  }));
}

function addTally(sum: { expected: number; submitted: number; onTime: number }, t: ReportTally): void {
  sum.expected += t.expected;
  sum.submitted += t.submitted;
  sum.onTime += t.onTime;
}

export interface PlanDashboard {
  readonly planId: string;
  readonly date: string;
  readonly cadence: string;
  /** The latest closed period, as the plan status names it. */
  readonly period: { key: string; start: string; end: string; due: string } | null;
  /** Tasks by work. */
  readonly statuses: StatusCount[];
  /** Tasks by reporting, apart from their work. */
  readonly reportings: ReportingCount[];
  readonly sections: {
    sectionId: string;
    number: string;
    title: string;
    statuses: StatusCount[];
    reportings: ReportingCount[];
  }[];
  /** Tasks an office reports blocked (受阻), with the reason: the plan office's to coordinate (需协调). */
  readonly coordination: CoordinationItem[];
  readonly targets: { attainment: Attainment; count: number }[];
  /** Each period whose reports are expected by the date, oldest first, over every lead office. */
  readonly reporting: {
    periodKey: string;
    start: string;
    end: string;
    due: string;
    expected: number;
    submitted: number;
    onTime: number;
  }[];
  /** Supervision orders on the plan's tasks. */
  readonly orders: { open: number; overdue: number; closed: number };
}

/** The plan overview on a date (by default judgingDate, as the status), from one derivation of its status. */
export async function planDashboard(
  db: Kysely<Database>,
  props: { planId: string; date?: string | undefined; clock: Clock },
): Promise<PlanDashboard> {
  const [d, sections] = await Promise.all([derivePlanStatus(db, props), listSections(db, props.planId)]);
  const coordination = await coordinationOf(db, d.tasks);
  const reporting = d.periods.map((p) => ({
    periodKey: p.key,
    start: p.start,
    end: p.end,
    due: p.due,
    expected: 0,
    submitted: 0,
    onTime: 0,
  }));
  const byKey = new Map(reporting.map((r) => [r.periodKey, r]));
  for (const t of d.tallies) {
    const row = byKey.get(t.periodKey);
    if (row) addTally(row, t);
  }
  const orders = { open: 0, overdue: 0, closed: 0 };
  const attainments: Attainment[] = [];
  for (const task of d.tasks) {
    orders.open += task.orders.open;
    orders.overdue += task.orders.overdue;
    orders.closed += task.orders.closed;
    for (const t of task.targets) attainments.push(t.attainment);
  }
  return {
    planId: d.planId,
    date: d.date,
    cadence: d.cadence,
    period: d.current ? { key: d.current.key, start: d.current.start, end: d.current.end, due: d.current.due } : null,
    statuses: countStatuses(d.tasks),
    reportings: countReportings(d.tasks),
    sections: sections.map((s) => {
      const own = d.tasks.filter((t) => t.sectionId === s.id);
      return {
        sectionId: s.id,
        number: s.number,
        title: s.title,
        statuses: countStatuses(own),
        reportings: countReportings(own),
      };
    }),
    coordination,
    targets: ATTAINMENTS.map((attainment) => ({
      attainment,
      count: attainments.filter((a) => a === attainment).length,
    })),
    reporting,
    orders,
  };
}

/** How far a plan has come, for the plan list: its tasks by status and its reports so far. */
export interface PlanProgress {
  readonly planId: string;
  /** The day it is judged on (as its board and dashboard). */
  readonly date: string;
  readonly tasks: number;
  /** Tasks by work. */
  readonly statuses: StatusCount[];
  /** Tasks by reporting. */
  readonly reportings: ReportingCount[];
  /** Reports expected by the date over every period and lead office, handed in, on time. */
  readonly expected: number;
  readonly submitted: number;
  readonly onTime: number;
}

/** Each plan's progress, from the same derivation as its board and dashboard. */
export async function plansProgress(db: Kysely<Database>, clock: Clock): Promise<PlanProgress[]> {
  const out: PlanProgress[] = [];
  // One plan after another: each derivation reads the whole plan, and the machine is shared.
  for (const planId of await listPlanIds(db)) {
    const d = await derivePlanStatus(db, { planId, clock });
    const sum = { expected: 0, submitted: 0, onTime: 0 };
    for (const t of d.tallies) addTally(sum, t);
    out.push({
      planId,
      date: d.date,
      tasks: d.tasks.length,
      statuses: countStatuses(d.tasks),
      reportings: countReportings(d.tasks),
      ...sum,
    });
  }
  return out;
}

export interface LeagueRow {
  readonly officeId: string;
  readonly name: string;
  readonly kind: OfficeKind;
  readonly expected: number;
  readonly submitted: number;
  readonly onTime: number;
  readonly targetsTotal: number;
  readonly targetsMet: number;
  readonly openOrders: number;
  readonly overdueOrders: number;
  readonly rank: number;
}

export interface PlanLeague {
  readonly planId: string;
  readonly date: string;
  readonly offices: LeagueRow[];
}

/** A share, or null when there is nothing to divide by: such an office ranks below any share. */
function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Higher shares first, no share last. */
function byRateDesc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/** Order of the league's measures, names aside: 0 when two offices tie on all of them. */
function compareMeasures(a: Omit<LeagueRow, 'rank'>, b: Omit<LeagueRow, 'rank'>): number {
  return (
    byRateDesc(rate(a.onTime, a.expected), rate(b.onTime, b.expected)) ||
    byRateDesc(rate(a.targetsMet, a.targetsTotal), rate(b.targetsMet, b.targetsTotal)) ||
    a.overdueOrders - b.overdueOrders
  );
}

/**
 * The office league of a plan on a date: each office leading one of its tasks, with its reports
 * over every expected period of the year so far, the targets of the tasks it leads, and the open
 * supervision orders of the plan it leads (on the plan's tasks and problems). Ranked by on-time reports, then targets met, then fewer
 * overdue orders; offices tied on all three share a rank and are listed by name. The plan office
 * (the plan's settings) is left out: it does not rank itself.
 */
export async function planLeague(
  db: Kysely<Database>,
  props: { planId: string; date?: string | undefined; clock: Clock },
): Promise<PlanLeague> {
  const d = await derivePlanStatus(db, props);
  const tally = new Map<string, { expected: number; submitted: number; onTime: number; total: number; met: number }>();
  const rowOf = (officeId: string) => {
    let row = tally.get(officeId);
    if (!row) {
      row = { expected: 0, submitted: 0, onTime: 0, total: 0, met: 0 };
      tally.set(officeId, row);
    }
    return row;
  };
  for (const task of d.tasks) {
    const met = task.targets.filter((t) => t.attainment === 'met').length;
    for (const officeId of task.leads) {
      const row = rowOf(officeId);
      row.total += task.targets.length;
      row.met += met;
    }
  }
  for (const t of d.tallies) addTally(rowOf(t.officeId), t);
  // No one judges their own work: the office that runs the plan is not ranked in it.
  if (d.planOfficeId !== null) tally.delete(d.planOfficeId);
  const ids = [...tally.keys()];
  const [offices, orders] = await Promise.all([findOffices(db, ids), countOpenOrdersByLead(db, d.planId, ids, d.date)]);
  const rows = offices.map((o): Omit<LeagueRow, 'rank'> => {
    const t = tally.get(o.id) ?? { expected: 0, submitted: 0, onTime: 0, total: 0, met: 0 };
    const open = orders.get(o.id) ?? { open: 0, overdue: 0 };
    return {
      officeId: o.id,
      name: o.name,
      kind: o.kind,
      expected: t.expected,
      submitted: t.submitted,
      onTime: t.onTime,
      targetsTotal: t.total,
      targetsMet: t.met,
      openOrders: open.open,
      overdueOrders: open.overdue,
    };
  });
  rows.sort(
    (a, b) => compareMeasures(a, b) || a.name.localeCompare(b.name, 'zh-CN') || (a.officeId < b.officeId ? -1 : 1),
  );
  let rank = 0;
  const ranked = rows.map((row, i): LeagueRow => {
    const previous = rows[i - 1];
    if (previous === undefined || compareMeasures(previous, row) !== 0) rank = i + 1;
    return { ...row, rank };
  });
  return { planId: d.planId, date: d.date, offices: ranked };
}

export const TREND_MONTHS_MAX = 60;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/u;

/** Months since year 0 of 'YYYY-MM'. */
function monthNumber(month: string, field: string): number {
  const m = MONTH.exec(month);
  if (!m)
    throw new AppError(
      'bad-input',
      { en: `"${month}" is not a month like 2007-03`, zh: `"${month}" 不是形如 2007-03 的月份` },
      field,
    );
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function monthOf(n: number): string {
  return `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** The instant (ISO, UTC) a month begins in China: midnight UTC+8 of its first day. */
function monthStartUtc(month: string): string {
  return `${addDays(`${month}-01`, -1)}T16:00:00.000Z`;
}

export interface ProblemTrend {
  /** Each month of the window, oldest first; openAtEnd counts problems not closed at its end. */
  readonly months: { month: string; opened: number; closed: number; openAtEnd: number }[];
  readonly byCategory: { category: ProblemTable['category']; opened: number; closed: number }[];
}

/**
 * Problems opened and closed in each month (China time) from `from` to `to` (YYYY-MM, both
 * included; by default the twelve months to this one, at most 60), and how many stood open at
 * each month's end; a reporter counts their office's problems only, as the problem list shows;
 * with `planId`, the problems of that plan only (a plan's dashboard shows its own).
 */
export async function problemTrend(
  db: Kysely<Database>,
  actor: LedgerActor,
  props: {
    from?: string | undefined;
    to?: string | undefined;
    /** Only the problems of this plan. */
    planId?: string | undefined;
  },
  today: string,
): Promise<ProblemTrend> {
  const last = monthNumber(props.to ?? today.slice(0, 7), 'to');
  const first = props.from === undefined ? last - 11 : monthNumber(props.from, 'from');
  if (first > last) {
    throw new AppError(
      'bad-input',
      { en: 'The first month (from) comes after the last (to)', zh: '起始月份晚于结束月份' },
      'from',
    );
  }
  if (last - first + 1 > TREND_MONTHS_MAX) {
    const words = {
      en: `Ask for at most ${TREND_MONTHS_MAX} months at a time`,
      zh: `一次最多查询 ${TREND_MONTHS_MAX} 个月`,
    };
    throw new AppError('bad-input', words, 'from');
  }
  // Where each month of the window begins in China, and where the last one ends.
  const bounds = Array.from({ length: last - first + 2 }, (_, i) => monthStartUtc(monthOf(first + i)));
  const officeId = readScope(actor);
  const [opened, closed] = await Promise.all([
    countProblemsInRanges(db, 'created_at', bounds, { officeId, planId: props.planId }),
    countProblemsInRanges(db, 'closed_at', bounds, { officeId, planId: props.planId }),
  ]);
  // Open at a month's end: recorded by then less closed by then (a problem closes after it is recorded).
  let open = opened.before - closed.before;
  const rows = Array.from({ length: last - first + 1 }, (_, i) => {
    const month = { opened: opened.ranges[i]?.count ?? 0, closed: closed.ranges[i]?.count ?? 0 };
    open += month.opened - month.closed;
    return { month: monthOf(first + i), ...month, openAtEnd: open };
  });
  const sum = (ranges: readonly ProblemRangeCount[], category: ProblemTable['category']) =>
    ranges.reduce((n, r) => n + r.byCategory[category], 0);
  const byCategory = PROBLEM_CATEGORIES.map((category) => ({
    category,
    opened: sum(opened.ranges, category),
    closed: sum(closed.ranges, category),
  }));
  return { months: rows, byCategory };
}

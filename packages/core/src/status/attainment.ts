import { dayNumber, isIsoDate } from '../cadence/dates.ts';
import { frequencyPeriods } from '../cadence/periods.ts';
import type { Indicator, Op } from '../schema/plan.ts';
import { deadlineDate } from './deadline.ts';

/**
 * How far a target is attained: a pure function of the target, its reported figures and the
 * date (DESIGN.md, "Rules the domain must get right"). Derived when read, never stored.
 */

export const ATTAINMENTS = ['met', 'on-track', 'at-risk', 'missed', 'no-data'] as const;
export type Attainment = (typeof ATTAINMENTS)[number];

/** The fields attainment reads: a parsed indicator or a stored target alike. */
export type AttainmentTarget = Pick<Indicator, 'kind' | 'op' | 'value' | 'unit' | 'period' | 'deadline'>;

/**
 * One reported figure: a running total or rate standing for the year so far (cumulative), or the
 * amount of one period alone (summed for count units).
 */
export interface Figure {
  /** ISO date the figure stands at. */
  readonly date: string;
  readonly value: number;
  readonly cumulative: boolean;
}

/** Ledger entries one subject (an office, a leader, a street) logged in one period. */
export interface PeriodCount {
  readonly subject: string;
  /** A key from cadence/periods: 2007-Q2, 2007-B3, 2007-W23 … */
  readonly periodKey: string;
  readonly count: number;
}

export interface AttainmentContext {
  /** The plan's year: deadline phrases without a year fall in it, and no deadline means its 31 December. */
  readonly planYear: number;
  /** Where the straight line of a level target starts in time; 1 January of the plan year by default. */
  readonly planStart?: string;
  /** Where that line starts in value; 0 by default. */
  readonly startValue?: number;
  /**
   * The baseline period's figure for a change target, covering the same stretch of that year
   * as the figures cover of this one (同比). Missing → 'no-data'.
   */
  readonly baselineValue?: number | null;
  /** Ledger counts for a frequency target. */
  readonly counts?: readonly PeriodCount[];
  /** Subjects each bound by a frequency target; by default those that appear in `counts`. */
  readonly subjects?: readonly string[];
  /**
   * Period keys closed so far; by default the periods of the target's period in the plan year
   * that ended before today and not before the plan started.
   */
  readonly closedPeriods?: readonly string[];
}

/** Share of subject-periods a frequency target may miss and still count as at risk rather than missed. */
export const FREQUENCY_TOLERANCE = 0.1;

const PERCENT_UNITS = new Set(['%', '％', '‰', '个百分点', '百分点']);
const POINT_UNITS = new Set(['个百分点', '百分点']);
/** Units that add up over the year, so per-period figures are summed. Anything else takes the latest figure. */
const COUNT_UNITS = new Set([
  ...'次家个人件篇栋项户名所场期批条套宗处座台辆份起间张本节支部册株棵吨亩米元',
  ...['人次', '户次', '台次', '车次', '平方米', '立方米', '公里', '千米', '公顷', '万元', '亿元'],
]);

/** Whether figures of this unit add up over the year (次, 家, 人, 万元 …) rather than stand alone (%, 天). */
export function isCountUnit(unit: string): boolean {
  if (PERCENT_UNITS.has(unit)) return false;
  return COUNT_UNITS.has(unit) || COUNT_UNITS.has(unit.replace(/^[十百千万亿]+/, ''));
}

/**
 * A percentage from parts: sums the numerators and the denominators, never averages percentages
 * (3 of 4 and 1 of 96 is 4%, not 38.5%). Null when there is nothing to divide by.
 */
export function rollupPercent(
  parts: readonly { readonly numerator: number; readonly denominator: number }[],
): number | null {
  let numerator = 0;
  let denominator = 0;
  for (const part of parts) {
    if (!Number.isFinite(part.numerator) || !Number.isFinite(part.denominator)) continue;
    numerator += part.numerator;
    denominator += part.denominator;
  }
  return denominator === 0 ? null : (numerator / denominator) * 100;
}

function bounds(value: AttainmentTarget['value']): readonly [number, number] {
  return Array.isArray(value) ? [Math.min(value[0], value[1]), Math.max(value[0], value[1])] : [value, value];
}

const EPSILON = 1e-9;

/** Whether an amount satisfies op/value; `between` is inclusive at both ends. */
export function satisfies(amount: number, op: Op, value: AttainmentTarget['value']): boolean {
  const [low, high] = bounds(value);
  switch (op) {
    case '>=':
      return amount >= high - EPSILON;
    case '>':
      return amount > high;
    case '<=':
      return amount <= low + EPSILON;
    case '<':
      return amount < low;
    case '=':
      return Math.abs(amount - low) <= EPSILON;
    case 'between':
      return amount >= low - EPSILON && amount <= high + EPSILON;
    default:
      return false;
  }
}

/**
 * The figure to judge. Summable: the latest running total plus the per-period figures after it.
 * Not summable (percentages, standalone measures): the latest figure. Null when there are none.
 */
export function currentFigure(figures: readonly Figure[], summable: boolean): number | null {
  const sorted = [...figures].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const latest = sorted.at(-1);
  if (!latest) return null;
  if (!summable) return latest.value;
  let total = 0;
  for (const figure of sorted) total = figure.cumulative ? figure.value : total + figure.value;
  return total;
}

/** Figures that count on `today`: well-formed, in the plan's year or later, and not dated in the future. */
function usableFigures(figures: readonly Figure[], planYear: number, today: string): Figure[] {
  const yearStart = `${String(planYear).padStart(4, '0')}-01-01`;
  return figures.filter((f) => Number.isFinite(f.value) && isIsoDate(f.date) && f.date >= yearStart && f.date <= today);
}

/** The share (0–1) of the way from `start` to `end` that `today` stands. */
function elapsed(start: string, end: string, today: string): number {
  const span = dayNumber(end) - dayNumber(start);
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (dayNumber(today) - dayNumber(start)) / span));
}

function planStartOf(context: AttainmentContext): string {
  const yearStart = `${String(context.planYear).padStart(4, '0')}-01-01`;
  return context.planStart && isIsoDate(context.planStart) ? context.planStart : yearStart;
}

/** Whether a level target's figures add up: count units, and anything counted 每年累计 (days of study a year). */
function levelSummable(target: AttainmentTarget): boolean {
  return isCountUnit(target.unit) || (target.period === 'year' && !PERCENT_UNITS.has(target.unit));
}

function levelAttainment(
  target: AttainmentTarget,
  figures: readonly Figure[],
  today: string,
  context: AttainmentContext,
  deadline: string,
): Attainment {
  const summable = levelSummable(target);
  const current = currentFigure(figures, summable);
  if (current === null) return 'no-data';
  const ok = satisfies(current, target.op, target.value);
  // A sum that has reached a floor stays there (12 built cannot be unbuilt): met at once. Any
  // other figure is final from the deadline day on; short of it, missed only once that day is over.
  const floor = target.op === '>=' || target.op === '>';
  if (ok && (today >= deadline || (summable && floor))) return 'met';
  if (today > deadline) return 'missed';
  const [low, high] = bounds(target.value);
  const start = Number.isFinite(context.startValue) ? (context.startValue as number) : 0;
  const share = elapsed(planStartOf(context), deadline, today);
  const line = (goal: number) => start + (goal - start) * share;
  switch (target.op) {
    case '<=':
    case '<':
      // A ceiling must hold all along: over it now is at risk.
      return ok ? 'on-track' : 'at-risk';
    case '>=':
    case '>':
      return current < line(high) - EPSILON ? 'at-risk' : 'on-track';
    case '=':
    case 'between':
      // Past the top cannot be undone by the deadline; below, judge against the line to the bottom.
      return current > high + EPSILON || current < line(low) - EPSILON ? 'at-risk' : 'on-track';
    default:
      return 'no-data';
  }
}

function changeAttainment(
  target: AttainmentTarget,
  figures: readonly Figure[],
  today: string,
  context: AttainmentContext,
  deadline: string,
): Attainment {
  const base = context.baselineValue;
  if (base === null || base === undefined || !Number.isFinite(base)) return 'no-data';
  // A change compares amounts (cases, documents, funds), so per-period figures add up; a rate
  // compared in percentage points is read as the latest figure. Report rates as cumulative figures.
  const current = currentFigure(figures, !POINT_UNITS.has(target.unit));
  if (current === null) return 'no-data';
  let change: number;
  if (POINT_UNITS.has(target.unit)) change = current - base;
  else if (base === 0) change = current === 0 ? 0 : Math.sign(current) * Number.POSITIVE_INFINITY;
  else change = ((current - base) / Math.abs(base)) * 100;
  const ok = satisfies(change, target.op, target.value);
  if (ok && today >= deadline) return 'met';
  if (today > deadline) return 'missed';
  return ok ? 'on-track' : 'at-risk';
}

function frequencyAttainment(target: AttainmentTarget, today: string, context: AttainmentContext): Attainment {
  const counts = (context.counts ?? []).filter((c) => Number.isFinite(c.count));
  if (counts.length === 0) return 'no-data';
  const subjects = [...new Set(context.subjects ?? counts.map((c) => c.subject))];
  if (subjects.length === 0) return 'no-data';
  const planStart = planStartOf(context);
  const closed =
    context.closedPeriods ??
    frequencyPeriods(target.period ?? 'year', context.planYear)
      .filter((p) => p.end >= planStart && p.end < today)
      .map((p) => p.key);
  // Nothing closed yet: on track once something is logged; with nothing logged, nothing to say.
  if (closed.length === 0) return counts.some((c) => c.count > 0) ? 'on-track' : 'no-data';
  const tally = new Map<string, number>();
  for (const c of counts) {
    const key = `${c.subject}\u0000${c.periodKey}`;
    tally.set(key, (tally.get(key) ?? 0) + c.count);
  }
  let misses = 0;
  for (const subject of subjects) {
    for (const period of closed) {
      if (!satisfies(tally.get(`${subject}\u0000${period}`) ?? 0, target.op, target.value)) misses += 1;
    }
  }
  if (misses === 0) return 'met';
  return misses <= FREQUENCY_TOLERANCE * subjects.length * closed.length + EPSILON ? 'at-risk' : 'missed';
}

/**
 * The attainment of one target on `today` (ISO date).
 * - level: the current figure against op/value. Up to the deadline (deadlineDate of the target's
 *   phrase, else the plan's 31 December): a ceiling (<=, <) is at risk once broken; a floor (>=, >)
 *   is at risk while it trails the straight line from `startValue` at `planStart` to the target at
 *   the deadline; otherwise on track. After the deadline: met or missed.
 * - change: the signed percent change of the current figure over `baselineValue` (percentage points
 *   for a 个百分点 unit) against op/value; on track/at risk, then met/missed after the deadline.
 * - frequency: every subject in every closed period against op/value: met with no misses, at risk
 *   with misses in at most 10% of subject-periods, else missed.
 * No usable figures, counts or baseline → 'no-data'. Never throws on malformed input.
 */
export function targetAttainment(
  target: AttainmentTarget,
  figures: readonly Figure[],
  today: string,
  context: AttainmentContext,
): Attainment {
  // Four-digit years only: JavaScript dates read years below 100 as 19xx.
  if (!isIsoDate(today) || !Number.isInteger(context.planYear)) return 'no-data';
  if (context.planYear < 1000 || context.planYear > 9999) return 'no-data';
  if (target.kind === 'frequency') return frequencyAttainment(target, today, context);
  const deadline = deadlineDate(target.deadline, context.planYear) ?? `${context.planYear}-12-31`;
  const usable = usableFigures(figures, context.planYear, today);
  if (target.kind === 'change') return changeAttainment(target, usable, today, context, deadline);
  if (target.kind === 'level') return levelAttainment(target, usable, today, context, deadline);
  return 'no-data';
}

/**
 * The figure targetAttainment judges a level or change target by on `today` (the rolled-up
 * current value: a sum for count units, else the latest figure), for showing beside the target
 * ("13 / 12 家"). Null for frequency targets (counted from the ledgers) and without usable figures.
 */
export function targetCurrentValue(
  target: AttainmentTarget,
  figures: readonly Figure[],
  today: string,
  planYear: number,
): number | null {
  if (!isIsoDate(today) || !Number.isInteger(planYear) || planYear < 1000 || planYear > 9999) return null;
  const usable = usableFigures(figures, planYear, today);
  if (target.kind === 'level') return currentFigure(usable, levelSummable(target));
  if (target.kind === 'change') return currentFigure(usable, !POINT_UNITS.has(target.unit));
  return null;
}

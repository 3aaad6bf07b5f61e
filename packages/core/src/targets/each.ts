import { dayNumber, isIsoDate } from '../cadence/dates.ts';
import {
  type Attainment,
  type AttainmentContext,
  type AttainmentTarget,
  type Figure,
  satisfies,
  targetAttainment,
  targetCurrentValue,
} from '../status/attainment.ts';
import { deadlineDate } from '../status/deadline.ts';

/**
 * Targets that bind each subject on its own (scope "each": 每个街道测定600人以上, 每名党员每年
 * 不少于12天) and change targets judged against a baseline. Pure; never throws.
 */

/** Whether a target binds each subject on its own rather than all of them together. */
export function isPerSubject(target: { readonly scope?: string | null | undefined; readonly kind: string }): boolean {
  return target.scope === 'each' && target.kind === 'level';
}

/** A per-subject target's judgement: the whole, and how many subjects meet it ("k / n 达标"). */
export interface EachAttainment {
  readonly attainment: Attainment;
  /** Subjects whose own current figure satisfies the target. */
  readonly met: number;
  /** Subjects bound by it, those without a figure included. */
  readonly total: number;
}

/**
 * A per-subject target judged subject by subject, never on a sum: met only when every subject
 * bound (`subjects`) has met it; a subject without figures counts as not met (at risk before the
 * deadline, missed after it). Missed as soon as one subject has missed; at risk while one is at
 * risk or silent; no data while none has reported. `met` counts subjects whose current figure
 * satisfies op/value today, whatever the date.
 */
export function eachAttainment(
  target: AttainmentTarget,
  figuresOf: ReadonlyMap<string, readonly Figure[]>,
  subjects: readonly string[],
  today: string,
  context: AttainmentContext,
): EachAttainment {
  const unique = [...new Set(subjects)];
  const total = unique.length;
  if (total === 0 || !isIsoDate(today)) return { attainment: 'no-data', met: 0, total };
  const deadline = deadlineDate(target.deadline, context.planYear) ?? `${context.planYear}-12-31`;
  let met = 0;
  let silent = 0;
  const seen = new Set<Attainment>();
  for (const subject of unique) {
    const figures = figuresOf.get(subject) ?? [];
    const current = targetCurrentValue(target, figures, today, context.planYear);
    if (current !== null && satisfies(current, target.op, target.value)) met += 1;
    const attainment = targetAttainment(target, figures, today, context);
    if (attainment === 'no-data') silent += 1;
    else seen.add(attainment);
  }
  if (silent === total) return { attainment: 'no-data', met, total };
  let attainment: Attainment;
  if (seen.has('missed') || (silent > 0 && today > deadline)) attainment = 'missed';
  else if (silent === 0 && seen.size === 1 && seen.has('met')) attainment = 'met';
  else if (silent > 0 || seen.has('at-risk')) attainment = 'at-risk';
  else attainment = 'on-track';
  return { attainment, met, total };
}

const POINT_UNITS = new Set(['个百分点', '百分点']);

/**
 * The baseline a change target's figures are compared with on `today`. Offices report the level
 * itself (公文 issued this year so far, cases so far), never the change, and the baseline is the
 * whole previous year's level (上年基数). A count that adds up over the year is compared with the
 * same share of the previous year as the figures cover of this one (through the latest usable
 * figure's date, spread evenly: 同比 without the previous year's monthly figures). A rate
 * compared in percentage points (个百分点) is compared whole. Null without a baseline.
 */
export function baselineToDate(
  target: Pick<AttainmentTarget, 'unit'>,
  yearBaseline: number | null | undefined,
  figures: readonly Figure[],
  today: string,
  planYear: number,
): number | null {
  if (yearBaseline === null || yearBaseline === undefined || !Number.isFinite(yearBaseline)) return null;
  if (POINT_UNITS.has(target.unit)) return yearBaseline;
  const yearStart = `${String(planYear).padStart(4, '0')}-01-01`;
  const yearEnd = `${String(planYear).padStart(4, '0')}-12-31`;
  let latest: string | null = null;
  for (const f of figures) {
    if (!isIsoDate(f.date) || f.date < yearStart || f.date > today || !Number.isFinite(f.value)) continue;
    if (latest === null || f.date > latest) latest = f.date;
  }
  if (latest === null || latest >= yearEnd) return yearBaseline;
  const share = (dayNumber(latest) - dayNumber(yearStart) + 1) / (dayNumber(yearEnd) - dayNumber(yearStart) + 1);
  return yearBaseline * share;
}

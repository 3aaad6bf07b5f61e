import { periodAt, type ReportingPeriod, type Span } from './periods.ts';

/**
 * The day a plan is judged on: `today` (in China), but never after the last day of the plan's
 * year. A plan whose year has ended is judged within that year, as it stood when the year closed,
 * not against a "today" by which every deadline and period has long passed. A plan of no known
 * year is judged today. Time is passed in: callers give today's date.
 */
export function judgingDate(planYear: number | null, today: string): string {
  if (planYear === null) return today;
  const yearEnd = `${String(planYear).padStart(4, '0')}-12-31`;
  return today < yearEnd ? today : yearEnd;
}

/**
 * The reporting period an office is in for a plan on `today`: the period of the plan's cadence
 * holding the day the plan is judged on (judgingDate). A plan whose year has ended is in its last
 * period (2007-M12 read in 2026); a plan whose year has not begun, in its first.
 */
export function reportingPeriod(planYear: number | null, today: string, span: Span = 'monthly'): ReportingPeriod {
  const judged = judgingDate(planYear, today);
  const yearStart = planYear === null ? judged : `${String(planYear).padStart(4, '0')}-01-01`;
  // ISO dates compare as text; before the year begins, its first day.
  if (judged < yearStart) return periodAt(span, yearStart);
  return periodAt(span, judged);
}

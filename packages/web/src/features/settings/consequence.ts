import { addDays, type Cadence, dueDate, lockDate, periodAt, type ReportingPeriod } from '@duban/core';

export interface PeriodDates extends ReportingPeriod {
  /** The day its report is due: the Nth working day after the period ends. */
  readonly due: string;
  /** The first day it can no longer be reported without an exception. */
  readonly locksOn: string;
}

/**
 * The day the settings are explained for: today, but inside the plan's year, so a past or
 * future plan is shown with its own periods.
 */
export function referenceDate(today: string, planYear: number | null): string {
  if (planYear === null) return today;
  const first = `${String(planYear).padStart(4, '0')}-01-01`;
  const last = `${String(planYear).padStart(4, '0')}-12-31`;
  if (today < first) return first;
  if (today > last) return last;
  return today;
}

/** A period's due and lock dates under the settings (as the server computes them: core's dueDate and lockDate). */
export function datesOf(period: ReportingPeriod, dueWorkingDays: number, lockDays: number): PeriodDates {
  return {
    ...period,
    due: dueDate(period, dueWorkingDays),
    locksOn: addDays(lockDate(period, dueWorkingDays, lockDays), 1),
  };
}

/**
 * What the settings mean on `date`: the period before the one holding it (the one being
 * reported on then) and the one holding it, with their due and lock dates.
 */
export function consequence(cadence: Cadence, dueWorkingDays: number, lockDays: number, date: string): PeriodDates[] {
  const current = periodAt(cadence, date);
  const previous = periodAt(cadence, addDays(current.start, -1));
  return [previous, current].map((p) => datesOf(p, dueWorkingDays, lockDays));
}

import type { ReportingPeriod } from './periods.ts';

/**
 * Whether a task owes a report for a period. A task that starts after the plan (one a leader
 * assigned mid-year, 领导交办) owes reports from its first full period on: a period that began
 * before its start date is not owed. A task without a start date owes every period.
 */
export function owesReport(period: Pick<ReportingPeriod, 'start'>, startDate: string | null | undefined): boolean {
  return startDate === null || startDate === undefined || period.start >= startDate;
}

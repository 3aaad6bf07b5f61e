import { CADENCES, type Cadence, dueDate, periodAt, periodOfKey, periodsOf, type ReportingPeriod } from './periods.ts';

/**
 * Which reports a plan's offices owe, and when: the one rule the status, the dashboard, the
 * reminders, a report's own due date and the web's 本期待办 all read.
 */

/** A period with the date its report is due. */
export interface DuePeriod extends ReportingPeriod {
  readonly due: string;
}

/** What decides a task's owed periods: the plan's year, issue date, settings and the task's cadence. */
export interface OwedRule {
  readonly cadence: Cadence;
  /** The plan's year; null: the year of the day judged. */
  readonly year: number | null;
  /** The plan's issue date (ISO); null when unknown: every period of the year is owed. */
  readonly issued: string | null;
  /** Working days after a period ends that its report is due (plan settings). */
  readonly dueWorkingDays: number;
}

/** A stored cadence as a core Cadence: a task's own when it has one, else the plan's, else monthly. */
export function effectiveCadence(
  taskCadence: string | null | undefined,
  planCadence: string | null | undefined,
): Cadence {
  const known = (c: string | null | undefined): c is Cadence =>
    (CADENCES as readonly (string | null | undefined)[]).includes(c);
  if (known(taskCadence)) return taskCadence;
  if (known(planCadence)) return planCadence;
  return 'monthly';
}

/**
 * The first period of a cadence a plan issued on `issued` owes a report for: the first that starts
 * on or after the issue date (a plan issued 2007-06-19 owes 2007-M07 monthly, 2007-Q3 quarterly).
 * Null when no period of the plan's year starts then (a plan issued in December, reported yearly).
 */
export function firstOwedPeriod(cadence: Cadence, issued: string, year?: number): ReportingPeriod | null {
  return periodsOf(cadence, year ?? Number(issued.slice(0, 4))).find((p) => p.start >= issued) ?? null;
}

/** Whether a period of the plan's year is owed under the rule: it starts on or after the issue date. */
function owed(rule: OwedRule, period: ReportingPeriod): boolean {
  return owesReport(period, rule.issued);
}

/** Every period of the year a report is owed for under the rule, in order, with its due date. */
export function owedPeriods(rule: OwedRule, year: number): DuePeriod[] {
  return periodsOf(rule.cadence, rule.year ?? year)
    .filter((p) => owed(rule, p))
    .map((p) => ({ ...p, due: dueDate(p, rule.dueWorkingDays) }));
}

/** The due date of a period key's report under the plan's settings; null for a key of no known span. */
export function reportDueDate(periodKey: string, dueWorkingDays: number): string | null {
  const period = periodOfKey(periodKey);
  return period ? dueDate(period, dueWorkingDays) : null;
}

/**
 * Whether a report filed under `reportKey` answers the owed `period`: its own key, or a shorter
 * period inside it that ends with it — the December report answers Q4, H2 and the year, as an
 * office of a plan whose cadence changed, or which reported monthly anyway, has reported the
 * period's end.
 */
export function answersPeriod(reportKey: string, period: ReportingPeriod): boolean {
  if (reportKey === period.key) return true;
  const p = periodOfKey(reportKey);
  return p !== null && p.end === period.end && p.start > period.start;
}

/**
 * The period an office reports for now under the rule (本期待办 and the report form): the period
 * of the cadence holding the day judged (today, or the last day of a plan's ended year); before
 * the plan's first owed period, that one. Null when the plan owes nothing of the cadence.
 */
export function periodToReport(rule: OwedRule, judged: string): ReportingPeriod | null {
  const year = rule.year ?? Number(judged.slice(0, 4));
  const periods = owedPeriods(rule, year);
  const first = periods[0];
  if (!first) return null;
  if (judged < first.start) return first;
  const held = periodAt(rule.cadence, judged);
  return periods.find((p) => p.key === held.key) ?? periods.at(-1) ?? null;
}

/**
 * Whether a task owes a report for a period. A task that starts after the plan (one a leader
 * assigned mid-year, 领导交办) owes reports from its first full period on: a period that began
 * before its start date is not owed. A task without a start date owes every period.
 */
export function owesReport(period: Pick<ReportingPeriod, 'start'>, startDate: string | null | undefined): boolean {
  return startDate === null || startDate === undefined || period.start >= startDate;
}

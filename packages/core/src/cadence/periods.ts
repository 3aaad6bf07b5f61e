import chineseDays from 'chinese-days';
import type { Period } from '../schema/plan.ts';
import { addDays, chinaDate, dayNumber, fromDayNumber, isoDate, lastDayOfMonth } from './dates.ts';

/**
 * Reporting periods and their due dates. Keys are stable text used in reports and ledgers:
 * 2007-W23 (ISO week), 2007-M06, 2007-B3 (two months), 2007-Q2, 2007-H1, 2007, 2007-06-01 (a day).
 */

export const CADENCES = ['weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly'] as const;
/** How often an office reports. */
export type Cadence = (typeof CADENCES)[number];

/** Every span a period can have: the reporting cadences plus the two only targets use. */
export type Span = Cadence | 'daily' | 'bimonthly';

export interface ReportingPeriod {
  readonly key: string;
  /** First day, ISO date, inclusive. */
  readonly start: string;
  /** Last day, ISO date, inclusive. */
  readonly end: string;
}

const SPAN_OF_PERIOD: Readonly<Record<Period, Span>> = {
  day: 'daily',
  week: 'weekly',
  month: 'monthly',
  'two-months': 'bimonthly',
  quarter: 'quarterly',
  'half-year': 'half-yearly',
  year: 'yearly',
};

/** The span of a plan target's period (每周 → weekly, 每两个月 → bimonthly, …). */
export function spanOfPeriod(period: Period): Span {
  return SPAN_OF_PERIOD[period];
}

/** Months per period for the spans that tile a year by months, with their key letter. */
const MONTH_SPANS: Readonly<Partial<Record<Span, { months: number; letter: string; digits: number }>>> = {
  monthly: { months: 1, letter: 'M', digits: 2 },
  bimonthly: { months: 2, letter: 'B', digits: 1 },
  quarterly: { months: 3, letter: 'Q', digits: 1 },
  'half-yearly': { months: 6, letter: 'H', digits: 1 },
  yearly: { months: 12, letter: '', digits: 0 },
};

/** Monday (as a day number) of ISO week 1 of an ISO week-year: the week holding 4 January. */
function isoWeekOneMonday(year: number): number {
  const jan4 = dayNumber(isoDate(year, 1, 4));
  return jan4 - weekdayIndex(jan4);
}

/** 0 for Monday … 6 for Sunday; day 0 (1970-01-01) was a Thursday. */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function weekKey(year: number, week: number): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function monthPeriod(year: number, index: number, months: number, letter: string, digits: number): ReportingPeriod {
  const firstMonth = index * months + 1;
  const lastMonth = firstMonth + months - 1;
  const key = letter === '' ? String(year) : `${year}-${letter}${String(index + 1).padStart(digits, '0')}`;
  return { key, start: isoDate(year, firstMonth, 1), end: isoDate(year, lastMonth, lastDayOfMonth(year, lastMonth)) };
}

/**
 * The periods of a year, in order. Weekly periods are the ISO weeks of ISO week-year `year`,
 * so the first may start in December of the year before and the last end in January after.
 */
export function periodsOf(span: Span, year: number): ReportingPeriod[] {
  if (span === 'weekly') {
    const first = isoWeekOneMonday(year);
    const weeks = (isoWeekOneMonday(year + 1) - first) / 7;
    return Array.from({ length: weeks }, (_, i) => ({
      key: weekKey(year, i + 1),
      start: fromDayNumber(first + i * 7),
      end: fromDayNumber(first + i * 7 + 6),
    }));
  }
  if (span === 'daily') {
    const first = dayNumber(isoDate(year, 1, 1));
    const days = dayNumber(isoDate(year + 1, 1, 1)) - first;
    return Array.from({ length: days }, (_, i) => {
      const date = fromDayNumber(first + i);
      return { key: date, start: date, end: date };
    });
  }
  const spec = MONTH_SPANS[span];
  if (!spec) throw new RangeError(`unknown span: ${span}`);
  return Array.from({ length: 12 / spec.months }, (_, i) =>
    monthPeriod(year, i, spec.months, spec.letter, spec.digits),
  );
}

/** The period of a span that holds an ISO date. */
export function periodAt(span: Span, date: string): ReportingPeriod {
  const day = dayNumber(date);
  if (span === 'weekly') {
    const monday = day - weekdayIndex(day);
    // The ISO week-year is the year of the week's Thursday.
    const year = Number(fromDayNumber(monday + 3).slice(0, 4));
    const week = (monday - isoWeekOneMonday(year)) / 7 + 1;
    return { key: weekKey(year, week), start: fromDayNumber(monday), end: fromDayNumber(monday + 6) };
  }
  if (span === 'daily') return { key: date, start: date, end: date };
  const spec = MONTH_SPANS[span];
  if (!spec) throw new RangeError(`unknown span: ${span}`);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return monthPeriod(year, Math.floor((month - 1) / spec.months), spec.months, spec.letter, spec.digits);
}

/**
 * Whether a date is a working day on the Chinese calendar: statutory holidays are off and
 * 调休 make-up weekends are on. Beyond the years chinese-days knows, plain Monday–Friday.
 */
export function isWorkingDay(date: string): boolean {
  return chineseDays.isWorkday(date);
}

/**
 * The periods of `year` a frequency target is counted in: those of its span, except that 每天
 * counts the working days of the Chinese calendar only (a weekend or holiday is no day missed).
 */
export function frequencyPeriods(period: Period, year: number): ReportingPeriod[] {
  const all = periodsOf(spanOfPeriod(period), year);
  return period === 'day' ? all.filter((p) => isWorkingDay(p.start)) : all;
}

/** The `count`-th working day after `date` (the date itself never counts); `date` when count ≤ 0. */
export function workingDaysAfter(date: string, count: number): string {
  let day = date;
  for (let found = 0; found < count; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) found += 1;
  }
  return day;
}

/** The date a period's report is due: the Nth working day after the period ends (default 5). */
export function dueDate(period: ReportingPeriod, workingDays = 5): string {
  return workingDaysAfter(period.end, workingDays);
}

/** The date a period's report locks: `lockDaysAfterDue` working days after its due date. */
export function lockDate(period: ReportingPeriod, dueDays: number, lockDaysAfterDue: number): string {
  return workingDaysAfter(dueDate(period, dueDays), lockDaysAfterDue);
}

/**
 * Whether a report submitted at `submittedAt` (ISO date or timestamp) missed its due date.
 * Timestamps are read on China's calendar (UTC+8): 23:30 Beijing time on the due day is on time.
 */
export function isLate(submittedAt: string, due: string): boolean {
  return chinaDate(submittedAt) > due;
}

const SPAN_OF_LETTER: Readonly<Record<string, Span>> = {
  '': 'yearly',
  M: 'monthly',
  B: 'bimonthly',
  Q: 'quarterly',
  H: 'half-yearly',
  W: 'weekly',
};

/** The period a key names ('2007-M06', '2007-Q2', '2007', '2007-W23' …); null for a key of no known span. */
export function periodOfKey(key: string): ReportingPeriod | null {
  const m = /^(\d{4})(?:-([A-Z])\d{1,2})?$/u.exec(key);
  if (!m) return null;
  const span = SPAN_OF_LETTER[m[2] ?? ''];
  if (!span) return null;
  return periodsOf(span, Number(m[1])).find((p) => p.key === key) ?? null;
}

/**
 * The day a period's reports locked for an office, or null while the office may still write them:
 * a period locks the day after its lock date (lockDate) unless one of the office's exceptions
 * (补报例外) runs until `today` or later. Dates are ISO dates in China.
 */
export function lockedSince(lockDay: string, exceptionsUntil: readonly string[], today: string): string | null {
  if (today <= lockDay) return null;
  if (exceptionsUntil.some((until) => until >= today)) return null;
  return addDays(lockDay, 1);
}

/** Whether a text is a period key of a known span ('2007-M06', '2007-Q2', '2007' …): what reports and exceptions take. */
export function isPeriodKey(key: string): boolean {
  return periodOfKey(key) !== null;
}

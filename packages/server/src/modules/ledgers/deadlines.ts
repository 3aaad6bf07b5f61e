import chineseDays from 'chinese-days';

/** How an order stands against its deadline: on time, close to it, or overdue. */
export type Colour = 'green' | 'yellow' | 'red';

const DAY_MS = 86_400_000;

function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A working day by the State Council's calendar (holidays and make-up days, 调休). */
export function isWorkingDay(isoDate: string): boolean {
  return chineseDays.isWorkday(isoDate);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = dayNumber(from) + 1; d <= dayNumber(to); d++) if (isWorkingDay(isoOf(d))) n++;
  return n;
}

/**
 * Red when `today` is past the deadline, yellow when at most `workingDaysBefore` working days
 * remain (holidays do not count: a deadline after the National Day week turns yellow early),
 * green otherwise. Dates are ISO `YYYY-MM-DD`.
 */
export function orderColour(deadline: string, today: string, workingDaysBefore = 3): Colour {
  if (dayNumber(today) > dayNumber(deadline)) return 'red';
  return workingDaysBetween(today, deadline) <= workingDaysBefore ? 'yellow' : 'green';
}

/** Calendar days `today` is past `deadline`, 0 when it is not. */
export function daysOverdue(deadline: string, today: string): number {
  return Math.max(0, dayNumber(today) - dayNumber(deadline));
}

/**
 * How far an overdue order has escalated: 0 on time, then one level for each threshold of
 * calendar days overdue that is reached (by default 1, 5 and 10 days: levels 1, 2, 3).
 */
export function escalationLevel(
  deadline: string,
  today: string,
  thresholdsDays: readonly number[] = [1, 5, 10],
): number {
  const late = daysOverdue(deadline, today);
  if (late === 0) return 0;
  return thresholdsDays.filter((t) => late >= t).length;
}

/** Today's date in China (Asia/Shanghai), as deadlines are read there. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

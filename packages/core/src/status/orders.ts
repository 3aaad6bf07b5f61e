import { addDays, dayNumber } from '../cadence/dates.ts';
import { isWorkingDay } from '../cadence/periods.ts';

/** How a supervision order (督办单) stands against its deadline: on time, close to it, or overdue. */
export type Colour = 'green' | 'yellow' | 'red';

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

/**
 * Red when `today` is past the deadline, yellow when at most `workingDaysBefore` working days
 * remain (holidays do not count: a deadline after the National Day week turns yellow early),
 * green otherwise. Dates are ISO `YYYY-MM-DD`.
 */
export function orderColour(deadline: string, today: string, workingDaysBefore = 3): Colour {
  if (today > deadline) return 'red';
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

import { chinaDate } from '@duban/core';

/**
 * The day a plan is judged on when the caller names none: today in China, but never after the
 * last day of the plan's year. A plan whose year has ended is judged within that year, as it
 * stood when the year closed, not against a "today" by which every deadline and period has long
 * passed. A plan of no known year is judged today.
 */
export function judgingDate(planYear: number | null, today: string = chinaDate(new Date().toISOString())): string {
  if (planYear === null) return today;
  const yearEnd = `${String(planYear).padStart(4, '0')}-12-31`;
  return today < yearEnd ? today : yearEnd;
}

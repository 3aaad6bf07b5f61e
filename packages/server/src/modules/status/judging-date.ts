import { chinaDate, judgingDate as judgingDateOn } from '@duban/core';

/**
 * The day a plan is judged on when the caller names none: core's judgingDate (today in China,
 * never after the last day of the plan's year), with today read from the clock here at the edge.
 */
export function judgingDate(planYear: number | null, today: string = chinaDate(new Date().toISOString())): string {
  return judgingDateOn(planYear, today);
}

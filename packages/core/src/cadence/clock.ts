import { chinaDate } from './dates.ts';

/**
 * Where "now" comes from. Services take a clock instead of calling `new Date()`, so a test sets
 * the day it runs on and the app reads the real time only at its edge (systemClock).
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The real time. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (an ISO timestamp, or an ISO date read as 12:00 in China). */
export function fixedClock(at: string): Clock {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(at) ? new Date(`${at}T12:00:00+08:00`) : new Date(at);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not an ISO date or timestamp: ${at}`);
  return { now: () => new Date(instant.getTime()) };
}

/** The calendar date in China (UTC+8) on a clock: the one "today" every rule reads. */
export function chinaToday(clock: Clock = systemClock): string {
  return chinaDate(clock.now().toISOString());
}

/** The clock's instant as an ISO timestamp, for created_at / updated_at columns. */
export function nowIso(clock: Clock = systemClock): string {
  return clock.now().toISOString();
}

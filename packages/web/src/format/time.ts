import { type Clock, chinaToday, systemClock } from '@duban/core';

/**
 * The one way the app writes dates and times: dates `2007-12-26`, date-times `2007-12-26 08:03`
 * in China time (UTC+8, no daylight saving), whatever the browser's zone, as the server judges
 * days in China time too.
 */
export const DATE_FORMAT = 'YYYY-MM-DD';
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';
export const MONTH_FORMAT = 'YYYY-MM';
/** What an empty date or time shows. */
export const NO_TIME = '—';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/u;

/** The UTC fields of this shifted Date read as China's wall clock. */
function chinaClock(value: string | Date): Date | null {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  return Number.isNaN(ms) ? null : new Date(ms + CHINA_OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2007-12-26`: a calendar date as it is, an instant as its day in China. */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return NO_TIME;
  if (typeof value === 'string' && DATE_ONLY.test(value)) return value;
  const c = chinaClock(value);
  if (!c) return String(value);
  return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())}`;
}

/** `2007-12-26 08:03`: an instant on China's clock. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return NO_TIME;
  if (typeof value === 'string' && DATE_ONLY.test(value)) return value;
  const c = chinaClock(value);
  if (!c) return String(value);
  return `${formatDate(value)} ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}`;
}

/** Today's date in China, `2007-12-26`: core's chinaToday on the browser's clock, the one "today" pages read. */
export function todayInChina(clock: Clock = systemClock): string {
  return chinaToday(clock);
}

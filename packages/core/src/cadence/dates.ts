/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) as whole UTC days: no time zone,
 * no clock, so the same date means the same day in Node and the browser.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date; throws on anything else, because callers pass validated dates. */
export function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = utc(y, mo - 1, d);
  if (mo < 1 || mo > 12 || new Date(ms).getUTCDate() !== d) throw new RangeError(`no such day: ${date}`);
  return ms / DAY_MS;
}

/** The ISO date of a day number. */
export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The ISO date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** The ISO date of year/month(1–12)/day, zero-padded. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last day (28–31) of a month (1–12). */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(utc(year, month, 0)).getUTCDate();
}

/** Date.UTC without its reading of years 0–99 as 1900–1999. */
function utc(year: number, monthIndex: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime();
}

/** Whether a string is a real ISO calendar date. */
export function isIsoDate(date: string): boolean {
  try {
    dayNumber(date);
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar date in China (UTC+8, no daylight saving) of an ISO date or timestamp.
 * A timestamp without a zone is taken as already local.
 */
export function chinaDate(dateOrTimestamp: string): string {
  if (ISO_DATE.test(dateOrTimestamp)) return dateOrTimestamp;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(dateOrTimestamp);
  if (!zoned) return dateOrTimestamp.slice(0, 10);
  const ms = Date.parse(dateOrTimestamp);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO timestamp: ${dateOrTimestamp}`);
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

import { isoDate, lastDayOfMonth } from '../cadence/dates.ts';

/**
 * Deadline phrases as plans print them (年内, 6月底前, 2024年12月31日前, 上半年) read as ISO dates.
 */

const CN_DIGITS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** A month or day number written in Arabic digits or Chinese (六, 十一, 二十八); NaN otherwise. */
function readNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return Number.NaN;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? (CN_DIGITS[tens] ?? Number.NaN) : Number.NaN;
  return (tens ? (CN_DIGITS[tens] ?? 0) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? 0) : 0);
}

const NUM = '(\\d{1,2}|[一二两三四五六七八九十]{1,3})';
const YEAR = '(?:(\\d{4})年)?';
const FULL_DATE = new RegExp(`^${YEAR}${NUM}月${NUM}[日号]`);
const MONTH_END = new RegExp(`^${YEAR}${NUM}月(?:份|底|末|中旬|下旬|上旬)?`);
const YEAR_END = /^(?:(\d{4})|本|今|当|全)?年(?:度)?(?:内|底|末|前)?/;
const PARTS: ReadonlyArray<readonly [RegExp, number, number]> = [
  [/^(?:(\d{4})年)?(?:今年|本年)?上半年/, 6, 30],
  [/^(?:(\d{4})年)?(?:今年|本年)?下半年/, 12, 31],
  [/^(?:(\d{4})年)?(?:今年|本年)?(?:第)?[一1]季度/, 3, 31],
  [/^(?:(\d{4})年)?(?:今年|本年)?(?:第)?[二2]季度/, 6, 30],
  [/^(?:(\d{4})年)?(?:今年|本年)?(?:第)?[三3]季度/, 9, 30],
  [/^(?:(\d{4})年)?(?:今年|本年)?(?:第)?[四4]季度/, 12, 31],
];

function valid(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > lastDayOfMonth(year, month)) return null;
  return isoDate(year, month, day);
}

/**
 * The ISO date a deadline phrase (or an ISO date) names, in the plan's year unless the phrase gives one:
 * 年内/年底前 → 12-31, 上半年 → 06-30, 6月底前/六月底前 → 06-30, 11月底前 → 11-30,
 * 2024年12月31日前 → 2024-12-31, 三季度 → 09-30. Phrases tied to an event rather than a date
 * (党的十七大召开之前, 国庆节前) and anything unreadable → null; callers then use the plan's year end.
 */
export function deadlineDate(deadline: string | null | undefined, planYear: number): string | null {
  if (!deadline) return null;
  const text = deadline.replace(/\s+/g, '').replace(/^(?:在|于|到|截至|截止|至)/, '');
  // A date a person entered for a phrase that was none (2007-10-15).
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const full = FULL_DATE.exec(text);
  if (full) return valid(full[1] ? Number(full[1]) : planYear, readNumber(full[2] ?? ''), readNumber(full[3] ?? ''));
  const month = MONTH_END.exec(text);
  if (month) {
    const year = month[1] ? Number(month[1]) : planYear;
    const m = readNumber(month[2] ?? '');
    return Number.isInteger(m) && m >= 1 && m <= 12 ? valid(year, m, lastDayOfMonth(year, m)) : null;
  }
  for (const [pattern, m, d] of PARTS) {
    const part = pattern.exec(text);
    if (part) return valid(part[1] ? Number(part[1]) : planYear, m, d);
  }
  const yearEnd = YEAR_END.exec(text);
  if (yearEnd) return valid(yearEnd[1] ? Number(yearEnd[1]) : planYear, 12, 31);
  return null;
}

/**
 * Whether a deadline phrase is given but names no date (党的十七大召开之前, 会议召开之前): a
 * person has to date it, or the task is judged on the year's end without a word.
 */
export function isUndatedDeadline(deadline: string | null | undefined, planYear: number): boolean {
  return (
    deadline !== null && deadline !== undefined && deadline.trim() !== '' && deadlineDate(deadline, planYear) === null
  );
}

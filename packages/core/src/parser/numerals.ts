/**
 * Numerals as plan documents print them: Arabic (`12`, `1.5`, full-width digits once folded
 * by `shadow()`), Chinese (`一千零二十`, `十二`, `两`, `百`, `二〇〇七`, `一点五`) and the
 * spelled-out percentage `百分之九十`. Multipliers 万 and 亿 at the end of a figure are left
 * to the measure word (`1.2万人` is 1.2 in `万人`), because targets keep the unit as printed.
 */

const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

/** Units inside a section of four places. */
const CN_SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };

/** Whether `ch` can be part of a Chinese numeral. */
export function isChineseNumeralChar(ch: string): boolean {
  return ch in CN_DIGITS || ch in CN_SMALL_UNITS || ch in CN_BIG_UNITS;
}

/** Digit strings such as 二〇〇七 (years, codes): no place units, read digit by digit. */
function parseDigitString(s: string): number | null {
  // 三四 is "three or four", not 34; only zero-bearing or year-length strings are digit strings.
  if (s.length > 1 && !/[零〇]/u.test(s) && s.length !== 4) return null;
  let out = 0;
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    if (d === undefined) return null;
    out = out * 10 + d;
  }
  return out;
}

/**
 * The value of a Chinese integer or decimal numeral (`一千零二十` → 1020, `十二` → 12,
 * `百` → 100, `两万五` → 25000, `二〇〇七` → 2007, `一点五` → 1.5), or null when `s` is not
 * one well-formed numeral (`十一五`, `三四`).
 */
export function parseChineseNumeral(s: string): number | null {
  if (s.length === 0) return null;
  const dot = s.indexOf('点');
  if (dot >= 0) {
    const whole = parseChineseNumeral(s.slice(0, dot));
    const frac = s.slice(dot + 1);
    if (whole === null || frac.length === 0) return null;
    let digits = '';
    for (const ch of frac) {
      const d = CN_DIGITS[ch];
      if (d === undefined) return null;
      digits += String(d);
    }
    return Number(`${whole}.${digits}`);
  }
  let hasUnit = false;
  for (const ch of s) if (ch in CN_SMALL_UNITS || ch in CN_BIG_UNITS) hasUnit = true;
  if (!hasUnit) return parseDigitString(s);

  let total = 0; // completed 亿 groups
  let wan = 0; // completed 万 group below the current 亿
  let section = 0; // the current group of four places
  let digit: number | null = null; // a digit waiting for its place unit
  let lastUnit = 0; // the last place unit (十 百 千) of this section
  let lastBig = 0; // the last 万 / 亿, for 两万五
  let afterZero = false;
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    if (d !== undefined) {
      // Two digits in a row (十一五, 三四, 一千二零) are no single numeral.
      if (digit !== null) return null;
      if (d === 0) afterZero = true;
      else digit = d;
      continue;
    }
    const small = CN_SMALL_UNITS[ch];
    if (small !== undefined) {
      // Places only descend within a section: 一千二百 but never 十百.
      if (lastUnit !== 0 && small >= lastUnit) return null;
      section += (digit ?? 1) * small;
      digit = null;
      lastUnit = small;
      afterZero = false;
      continue;
    }
    const big = CN_BIG_UNITS[ch];
    if (big === undefined) return null;
    section += digit ?? 0;
    if (section === 0 && wan === 0 && total === 0) section = 1; // 万 alone is ten thousand
    if (big === 1e8) {
      total = (total + wan + section) * big;
      wan = 0;
    } else {
      if (wan !== 0) return null;
      wan = section * big;
    }
    section = 0;
    digit = null;
    lastUnit = 0;
    lastBig = big;
    afterZero = false;
  }
  if (digit !== null) {
    // A trailing digit right after a unit is one place lower: 一百五 = 150, 十二 = 12,
    // 两万五 = 25000; after a 零 it is a plain digit: 一千零五 = 1005.
    let place = 1;
    if (!afterZero && lastUnit !== 0) place = lastUnit / 10;
    else if (!afterZero && lastBig !== 0) place = lastBig / 10;
    section += digit * place;
  }
  return total + wan + section;
}

/** A numeral found in text. Offsets are into the string that was read. */
export interface NumeralMatch {
  readonly start: number;
  readonly end: number;
  readonly value: number;
  /** Written in Chinese characters rather than Arabic digits. */
  readonly chinese: boolean;
  /** Number of numeral characters (for Chinese: 一 is 1, 十二 is 2). */
  readonly length: number;
  /** Spelled as 百分之…: the value is a percentage. */
  readonly percent: boolean;
}

const ARABIC = /\d+(?:\.\d+)?/y;
const MAX_CHINESE_RUN = 24;

/**
 * Read the numeral that starts at `i` in `s` (a shadow: ASCII digits, simplified characters),
 * not reading past `limit`. A trailing 万 or 亿 is left unread so it can open the measure word.
 * Returns null when no well-formed numeral starts at `i`.
 */
export function readNumeral(s: string, i: number, limit: number = s.length): NumeralMatch | null {
  const ch = s[i];
  if (ch === undefined || i >= limit) return null;
  if (ch >= '0' && ch <= '9') {
    ARABIC.lastIndex = i;
    const m = ARABIC.exec(s);
    if (!m) return null;
    const end = Math.min(i + m[0].length, limit);
    const text = s.slice(i, end).replace(/\.$/u, '');
    const value = Number(text);
    if (!Number.isFinite(value)) return null;
    return { start: i, end: i + text.length, value, chinese: false, length: text.length, percent: false };
  }
  if (s.startsWith('百分之', i) && i + 3 < limit) {
    const inner = readNumeral(s, i + 3, limit);
    if (inner === null) return null;
    return { start: i, end: inner.end, value: inner.value, chinese: true, length: inner.length, percent: true };
  }
  if (!isChineseNumeralChar(ch)) return null;
  let end = i;
  // No real numeral is longer than this; the cap keeps a scan over junk linear.
  const cap = Math.min(limit, i + MAX_CHINESE_RUN);
  while (end < cap) {
    const c = s[end] as string;
    if (isChineseNumeralChar(c)) {
      end++;
      continue;
    }
    // 点 is a decimal point only between numeral characters: 一点五.
    const next = s[end + 1];
    if (c === '点' && end > i && next !== undefined && next in CN_DIGITS && end + 1 < limit) {
      end++;
      continue;
    }
    break;
  }
  let run = s.slice(i, end);
  // Leave a final 万 / 亿 to the unit: 百万元 is 百 in 万元, like 1.2万人.
  if (run.length > 1 && (run.endsWith('万') || run.endsWith('亿'))) run = run.slice(0, -1);
  const value = parseChineseNumeral(run);
  if (value === null || !Number.isFinite(value)) return null;
  return { start: i, end: i + run.length, value, chinese: true, length: run.length, percent: false };
}

/**
 * The value of a whole string that is one numeral: Arabic (full-width allowed), Chinese,
 * or 百分之… (the percentage, `百分之九十` → 90). Null otherwise.
 */
export function parseNumeral(text: string): number | null {
  const s = text.normalize('NFKC').trim();
  if (s.length === 0) return null;
  const m = readNumeral(s, 0);
  return m !== null && m.end === s.length ? m.value : null;
}

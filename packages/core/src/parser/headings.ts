/**
 * Numbered headings: the printed numbers that open sections (一、 (一) 第一部分) and items
 * (1. 1、 (一)), and the sub-points (1) that stay inside an item. Matched on shadow text, where
 * full-width digits, brackets and stops are already folded to ASCII.
 */

export type HeadingStyle = 'part' | 'cn' | 'paren-cn' | 'arabic' | 'paren-arabic';

export interface Heading {
  readonly style: HeadingStyle;
  /** The number as printed: 一, 12. */
  readonly printed: string;
  /** The number's value. */
  readonly value: number;
  /** Length of the numbering prefix, separators and spaces included. */
  readonly prefixLength: number;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
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

/** The value of a small Chinese ordinal (一 … 九十九, 一百…): what headings count with. */
export function cnOrdinal(s: string): number | null {
  if (/^\d+$/u.test(s)) return Number(s);
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const unit = ch === '十' ? 10 : ch === '百' ? 100 : 0;
    if (unit === 0) return null;
    total += (digit < 0 ? 1 : digit) * unit;
    digit = -1;
  }
  if (digit > 0) total += digit;
  return total > 0 ? total : null;
}

const CN = '[一二三四五六七八九十百零〇两]{1,4}';
const PATTERNS: readonly [HeadingStyle, RegExp][] = [
  ['part', new RegExp(`^第(${CN}|\\d{1,3})(?:部分|章|篇|板块)\\s*[、.,:]?\\s*`, 'u')],
  ['cn', new RegExp(`^(${CN})\\s*[、.,](?!\\d)\\s*`, 'u')],
  ['paren-cn', new RegExp(`^[(〔](${CN})[)〕]\\s*[、.]?\\s*`, 'u')],
  ['paren-arabic', /^[(〔](\d{1,3})[)〕]\s*[、.]?\s*/u],
  // 1. 1、 1． — not 1.5万 nor 2024年; a bare "1 " needs a space and a CJK character after it.
  ['arabic', /^(\d{1,3})\s*(?:[、.](?!\d)|\s(?=[\u4e00-\u9fff]))\s*/u],
];

/** The heading that opens a line of shadow text, if any. */
export function headingOf(sh: string): Heading | null {
  const t = sh.replace(/^\s+/u, '');
  const lead = sh.length - t.length;
  for (const [style, re] of PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const printed = m[1] as string;
    const value = cnOrdinal(printed);
    if (value === null) continue;
    // The numbering alone is no heading: something must follow it.
    if (m[0].length >= t.length) continue;
    return { style, printed, value, prefixLength: lead + m[0].length };
  }
  return null;
}

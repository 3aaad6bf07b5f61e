import { attr, child, elements, intVal, val } from './xml.ts';

// Word's automatic list numbers ("1." "一、" "(一)") are not in the text of a paragraph: they are
// computed from word/numbering.xml when the document is shown. A plan's item numbers are often
// made this way, so they are rebuilt here. Simplified: counters are kept per list instance
// (w:num), w:isLgl is ignored, and lists linked through numbering styles (w:numStyleLink)
// get no label.

interface Level {
  readonly start: number;
  readonly format: string;
  /** The label pattern, e.g. "%1." or "(%1)" or "%1.%2". */
  readonly text: string;
  /** What follows the label: "tab", "space" or "nothing". */
  readonly suffix: string;
  /** The paragraph style bound to this level, for heading numbering set on styles. */
  readonly style: string | undefined;
  /** w:lvlRestart: restart after a level above this number (1-based) is used; 0 never. Unset: after any. */
  readonly restart: number | undefined;
}
type Levels = ReadonlyMap<number, Level>;

interface StyleNumbering {
  readonly numId: string | undefined;
  readonly ilvl: number | undefined;
  readonly basedOn: string | undefined;
}

/** Word's list levels are 0 to 8; a level beyond is a broken or hostile file and gets no label. */
const LEVELS = 9;
const isLevel = (ilvl: number | undefined): ilvl is number =>
  ilvl !== undefined && Number.isInteger(ilvl) && ilvl >= 0 && ilvl < LEVELS;

/** Gives each paragraph (by its w:pPr) the list label Word would print before it, or ''. */
export type ListLabeler = (pPr: Element | undefined) => string;

/** A labeler for one document, from its numbering and styles parts (either may be missing). */
export function listLabeler(numbering: Document | undefined, styles: Document | undefined): ListLabeler {
  const lists = readLists(numbering);
  const styleNumbering = readStyleNumbering(styles);
  const counters = new Map<string, (number | undefined)[]>();

  return (pPr) => {
    const styleId = val(pPr, 'pStyle');
    const fromStyle = styleId === undefined ? undefined : inheritedNumbering(styleNumbering, styleId);
    const numPr = child(pPr, 'numPr');
    const numId = val(numPr, 'numId') ?? fromStyle?.numId;
    const levels = numId === undefined ? undefined : lists.get(numId);
    if (numId === undefined || levels === undefined) return '';
    const ilvl = intVal(numPr, 'ilvl') ?? fromStyle?.ilvl ?? levelOfStyle(levels, styleId) ?? 0;
    const level = isLevel(ilvl) ? levels.get(ilvl) : undefined;
    if (level === undefined) return '';

    const counts: (number | undefined)[] = counters.get(numId) ?? [];
    counters.set(numId, counts);
    const current = counts[ilvl];
    counts[ilvl] = current === undefined ? level.start : current + 1;
    restartDeeperLevels(counts, ilvl, levels);
    return label(level, levels, counts);
  };
}

/** A deeper level starts again under each new parent, unless its w:lvlRestart says otherwise. */
function restartDeeperLevels(counts: (number | undefined)[], ilvl: number, levels: Levels): void {
  for (let deeper = ilvl + 1; deeper < counts.length; deeper++) {
    const restart = levels.get(deeper)?.restart;
    if (restart === undefined || ilvl < restart) counts[deeper] = undefined;
  }
}

function label(level: Level, levels: Levels, counts: readonly (number | undefined)[]): string {
  if (level.format === 'bullet' || level.format === 'none') return '';
  const text = level.text.replace(/%([1-9])/gu, (_, digit: string) => {
    const at = Number(digit) - 1;
    const shown = levels.get(at);
    return formatNumber(counts[at] ?? shown?.start ?? 1, shown?.format ?? 'decimal');
  });
  // Chinese plans type "1." and "一、" straight before the text; the tab after an automatic
  // number is only layout, so it becomes nothing after punctuation and a space otherwise.
  if (text === '' || level.suffix === 'nothing' || /\p{P}$/u.test(text)) return text;
  return `${text} `;
}

/** Each list instance (w:numId) with its levels, after its overrides. */
function readLists(numbering: Document | undefined): Map<string, Levels> {
  const lists = new Map<string, Levels>();
  const root = numbering?.documentElement;
  if (root === undefined || root === null) return lists;
  const abstracts = new Map<string, Levels>();
  for (const el of elements(root)) {
    if (el.localName === 'abstractNum') abstracts.set(attr(el, 'abstractNumId') ?? '', readLevels(el));
  }
  for (const el of elements(root)) {
    const numId = attr(el, 'numId');
    if (el.localName !== 'num' || numId === undefined) continue;
    const levels = new Map(abstracts.get(val(el, 'abstractNumId') ?? '') ?? []);
    for (const override of elements(el)) {
      const ilvl = Number(attr(override, 'ilvl'));
      if (override.localName !== 'lvlOverride' || !isLevel(ilvl)) continue;
      const replaced = child(override, 'lvl');
      const base = replaced === undefined ? levels.get(ilvl) : readLevel(replaced);
      const start = intVal(override, 'startOverride');
      if (base !== undefined) levels.set(ilvl, start === undefined ? base : { ...base, start });
    }
    lists.set(numId, levels);
  }
  return lists;
}

function readLevels(abstractNum: Element): Levels {
  const levels = new Map<number, Level>();
  for (const el of elements(abstractNum)) {
    const ilvl = Number(attr(el, 'ilvl'));
    if (el.localName === 'lvl' && isLevel(ilvl)) levels.set(ilvl, readLevel(el));
  }
  return levels;
}

function readLevel(lvl: Element): Level {
  return {
    // ECMA-376 §17.9.25: an omitted w:start means zero.
    start: intVal(lvl, 'start') ?? 0,
    format: val(lvl, 'numFmt') ?? 'decimal',
    // Word keeps a label pattern short; a long one would be repeated before every paragraph.
    text: (val(lvl, 'lvlText') ?? '').slice(0, 64),
    suffix: val(lvl, 'suff') ?? 'tab',
    style: val(lvl, 'pStyle'),
    restart: intVal(lvl, 'lvlRestart'),
  };
}

function readStyleNumbering(styles: Document | undefined): Map<string, StyleNumbering> {
  const byId = new Map<string, StyleNumbering>();
  const root = styles?.documentElement;
  if (root === undefined || root === null) return byId;
  for (const el of elements(root)) {
    const styleId = attr(el, 'styleId');
    if (el.localName !== 'style' || styleId === undefined) continue;
    const numPr = child(child(el, 'pPr'), 'numPr');
    byId.set(styleId, { numId: val(numPr, 'numId'), ilvl: intVal(numPr, 'ilvl'), basedOn: val(el, 'basedOn') });
  }
  return byId;
}

/** The numbering a paragraph style gives, looked up through the styles it is based on. */
function inheritedNumbering(styles: Map<string, StyleNumbering>, styleId: string): StyleNumbering | undefined {
  let id: string | undefined = styleId;
  // Bounded, because a damaged styles part can make basedOn go round in a circle.
  for (let depth = 0; id !== undefined && depth < 16; depth++) {
    const style = styles.get(id);
    if (style?.numId !== undefined) return style;
    id = style?.basedOn;
  }
  return undefined;
}

function levelOfStyle(levels: Levels, styleId: string | undefined): number | undefined {
  if (styleId === undefined) return undefined;
  for (const [ilvl, level] of levels) if (level.style === styleId) return ilvl;
  return undefined;
}

const CIRCLED_ONE = 0x2460; // ① … ⑳
const PARENTHESIZED_ONE = 0x2474; // ⑴ … ⒇
const FULL_STOP_ONE = 0x2488; // ⒈ … ⒛
const PARENTHESIZED_IDEOGRAPH_ONE = 0x3220; // ㈠ … ㈩

const FORMATS: Readonly<Record<string, (n: number) => string>> = {
  decimalZero: (n) => String(n).padStart(2, '0'),
  decimalFullWidth: (n) => fullWidth(String(n)),
  decimalFullWidth2: (n) => fullWidth(String(n)),
  upperRoman: (n) => roman(n),
  lowerRoman: (n) => roman(n).toLowerCase(),
  upperLetter: (n) => letter(n),
  lowerLetter: (n) => letter(n).toLowerCase(),
  chineseCounting: (n) => chineseCounting(n),
  chineseCountingThousand: (n) => chineseCounting(n),
  japaneseCounting: (n) => chineseCounting(n),
  taiwaneseCounting: (n) => chineseCounting(n),
  taiwaneseCountingThousand: (n) => chineseCounting(n),
  chineseLegalSimplified: (n) => chineseNumber(n, '零壹贰叁肆伍陆柒捌玖', '拾佰仟'),
  ideographDigital: (n) => [...String(n)].map((d) => '〇一二三四五六七八九'[Number(d)]).join(''),
  ideographTraditional: (n) => '甲乙丙丁戊己庚辛壬癸'[n - 1] ?? String(n),
  ideographZodiac: (n) => '子丑寅卯辰巳午未申酉戌亥'[n - 1] ?? String(n),
  decimalEnclosedCircle: (n) => enclosed(n, CIRCLED_ONE, 20),
  decimalEnclosedCircleChinese: (n) => enclosed(n, CIRCLED_ONE, 20),
  decimalEnclosedParen: (n) => enclosed(n, PARENTHESIZED_ONE, 20),
  decimalEnclosedFullstop: (n) => enclosed(n, FULL_STOP_ONE, 20),
  ideographEnclosedCircle: (n) => enclosed(n, PARENTHESIZED_IDEOGRAPH_ONE, 10),
};

/** A counter value in one of Word's number formats; unknown formats print as decimal. */
export function formatNumber(n: number, format: string): string {
  return FORMATS[format]?.(n) ?? String(n);
}

const fullWidth = (digits: string): string =>
  digits.replace(/[0-9]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0x30 + 0xff10));

const enclosed = (n: number, first: number, count: number): string =>
  n >= 1 && n <= count ? String.fromCodePoint(first + n - 1) : String(n);

/** A, B … Z, AA … ZZ and so on; past 30 letters (Word's own end at 780) the number as digits. */
function letter(n: number): string {
  if (n < 1 || n > 780) return String(n);
  return String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n < 1 || n >= 4000) return String(n);
  const steps: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [value, numeral] of steps) {
    for (; rest >= value; rest -= value) out += numeral;
  }
  return out;
}

/** 一 … 十, 十一 … 九十九, 一百 …: 10–19 are written 十… as in "十一、", not 一十一. */
function chineseCounting(n: number): string {
  const out = chineseNumber(n, '零一二三四五六七八九', '十百千');
  return n >= 10 && n < 20 ? out.slice(1) : out;
}

/** A number below 10 000 in Chinese numerals with the given digits and the units for 10, 100, 1000. */
function chineseNumber(n: number, digits: string, units: string): string {
  if (n < 1 || n >= 10_000 || !Number.isInteger(n)) return String(n);
  const places = [...String(n)];
  let out = '';
  let zeroPending = false;
  places.forEach((d, i) => {
    const place = places.length - 1 - i;
    if (d === '0') {
      zeroPending = true;
      return;
    }
    if (zeroPending) out += digits[0];
    zeroPending = false;
    out += (digits[Number(d)] ?? '') + (place > 0 ? (units[place - 1] ?? '') : '');
  });
  return out;
}

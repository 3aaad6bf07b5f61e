import type { Indicator, Kind, Op, Period } from '../schema/plan.ts';
import { shadow } from './normalize.ts';
import { readNumeral } from './numerals.ts';

/*
 * Indicator extraction works on the shadow of an item's body (full-width and traditional
 * folded, same offsets) in three steps:
 *   1. segmentation: sentences end at 。；！？ and line breaks, clauses at ，： (not inside
 *      brackets or quotes);
 *   2. lexing: in each clause, figures (a numeral, its measure word, a comparator before and
 *      after it), periods (每月, 每季度 …), deadlines (年内, 6月底前 …) and a few fixed forms
 *      (不新增一处, 同比下降, 全覆盖, 双下降);
 *   3. grammar: which figures are targets rather than names, dates, scopes or conditions,
 *      their op, kind, period, baseline and deadline, and 分别 / 均 spreading one target
 *      over several subjects.
 * Text and units are sliced from the original text at the shadow's offsets.
 */

// ---------- lexicon ----------

type UnitClass = 'strong' | 'weak' | 'age';

/** A word list written as one space-separated string. */
function words(list: string): string[] {
  return list.split(' ');
}

/** Measure words that make a figure a count or an amount. */
const STRONG_UNITS = [
  ...words('% ‰ 个百分点 百分点 个 家 人 次 人次 户 户次 家次 名 位'),
  ...words('篇 栋 幢 所 条 台 套 张 场 场次 批 批次 间 项 支 座'),
  ...words('处 起 例 件 宗 辆 架 艘 棵 株 盏 块 层 组 种 份 期'),
  ...words('轮 遍 趟 堂 节 门次 亩 公顷 公里 千米 米 延米 平方米 平米'),
  ...words('平方公里 立方米 吨 千克 公斤 元 天 个工作日 工作日 小时 个小时'),
  ...words('学时 课时 分钟 秒 个月 倍 千瓦 兆瓦 千瓦时 标准煤 吨标准煤'),
  ...words('微克/立方米 毫克/立方米 毫克/升 立方米/秒 吨/日 个点 ㎡ ㎞ km kW kWh MW GW kV Mbps Gbps'),
];
/** Measure words that are mostly dates or names (2007年, 三级, 90分): a target only with a comparator. */
const WEAK_UNITS = words('年 周 日 分 度 周年');
const AGE_UNITS = words('岁 周岁');
/** Multipliers kept in the unit as printed (1.2万人 is 1.2 in 万人). */
const MULTIPLIERS = words('百万 千万 万 亿 千');

const UNIT_CLASS = new Map<string, UnitClass>();
for (const u of STRONG_UNITS) UNIT_CLASS.set(u, 'strong');
for (const u of WEAK_UNITS) UNIT_CLASS.set(u, 'weak');
for (const u of AGE_UNITS) UNIT_CLASS.set(u, 'age');
const MAX_UNIT = Math.max(...[...UNIT_CLASS.keys()].map((u) => u.length));

/** Units that count occurrences (1次以上的培训 is a target, not a threshold). */
const OCCURRENCE_UNITS = new Set(words('次 场 场次 篇 期 轮 遍 趟 堂 份 人次 户次 家次'));
/**
 * Units of an amount rather than a count: with 每+period they make a level for that period
 * (每天…不少于2小时, 每年…不低于10万元); a count with 每+period is a frequency.
 */
const AMOUNT_UNITS = new Set([
  ...words('天 日 小时 个小时 学时 课时 分钟 秒 个月 周 年 工作日 个工作日'),
  ...words('元 亩 公顷 公里 千米 米 延米 平方米 平米 平方公里 立方米 吨 ㎡ ㎞ km kW kWh MW GW kV'),
  ...words('千克 公斤 千瓦 兆瓦 千瓦时 标准煤 吨标准煤 微克/立方米 毫克/立方米 毫克/升'),
  ...words('立方米/秒 吨/日 % ‰ 个百分点 百分点 个点 倍'),
]);
/** Spans of time: 1天内 is "within a day"; 15分钟生活圈 with no comparator names a thing. */
const DURATION_UNITS = new Set(words('天 日 小时 个小时 分钟 秒 个月 周 年 工作日 个工作日'));
/** Durations that, followed by a noun and with no comparator, name a thing (24小时值班). */
const NAMING_DURATIONS = new Set(words('天 小时 个小时 分钟 秒'));
/** Verbs after a duration that make it a time limit: 3个工作日办结, 24小时内答复. */
const TIME_LIMIT_RE = /^(?:办结|办理|办完|完成|到位|出证|答复|回复|处置|反馈|响应|到达|审结)/u;
/** Units a change (增长6%, 提高2个百分点) is measured in. */
const CHANGE_UNITS = new Set(['%', '‰', '个百分点', '百分点', '倍']);

/** Comparators printed before a figure. `to` marks "raise/cut to" verbs: the figure is a level. */
interface Comparator {
  readonly word: string;
  readonly op: Op;
  readonly to: boolean;
}
function comparators(list: string, op: Op, to = false): Comparator[] {
  return words(list).map((word) => ({ word, op, to }));
}
const COMPARATORS: readonly Comparator[] = [
  ...comparators('不少于 不低于 不下于 不小于 至少 最少 达到 达 稳定在 保持在 保持', '>='),
  ...comparators(
    '提升至 提升到 提高至 提高到 增加到 增加至 增长到 增长至 增至 增到 扩大到 扩大至 上升到 上升至',
    '>=',
    true,
  ),
  ...comparators('超过 超出 超 突破 高于 大于 多于', '>'),
  ...comparators('不超过 不高于 不多于 不大于 最多 至多 控制在 控制到', '<='),
  ...comparators('压缩至 压缩到 压减至 压减到 缩短至 缩短到 缩减至 缩减到 降至 降到 降低至 降低到', '<=', true),
  ...comparators('下降至 下降到 减少至 减少到 减至 减到', '<=', true),
  ...comparators('低于 小于 少于 不足 不到', '<'),
];

/** Comparators that mark a threshold when a noun follows the figure (超百万元的企业). */
const THRESHOLD_PREFIXES = new Set(words('超过 超出 超 高于 低于 不足 不到 大于 小于'));

/** Whether a unit measures an amount (10万元 is 元 with a multiplier). */
function isAmount(unitKey: string): boolean {
  if (AMOUNT_UNITS.has(unitKey)) return true;
  const m = MULTIPLIERS.find((x) => unitKey.startsWith(x));
  return m !== undefined && (unitKey.length === m.length || AMOUNT_UNITS.has(unitKey.slice(m.length)));
}

/** Words that may stand between a comparator or verb and its figure. */
const FILLERS = words('分别 总计 累计 均 都 要 需 须 应 将 能 可 约 近 为 共 再');

/** Verbs of a change (增长6%, 下降15%): an increase or a decrease. */
const CHANGE_VERBS: readonly { word: string; sign: 1 | -1 }[] = [
  ...words('增长 增加 提高 提升 上升 上涨 增幅 增速 扩大 增').map((word) => ({ word, sign: 1 as const })),
  ...words('下降 减少 降低 压减 削减 缩减 回落 降幅 减幅 下调 压降 减 降').map((word) => ({ word, sign: -1 as const })),
];

/** Comparators printed after a figure and its unit. */
const SUFFIXES: readonly { word: string; op: Op; threshold: boolean }[] = [
  { word: '及以上', op: '>=', threshold: true },
  { word: '或以上', op: '>=', threshold: true },
  { word: '以上', op: '>=', threshold: true },
  { word: '及以下', op: '<=', threshold: true },
  { word: '或以下', op: '<=', threshold: true },
  { word: '以下', op: '<=', threshold: true },
  { word: '以内', op: '<=', threshold: false },
  { word: '之内', op: '<=', threshold: false },
  { word: '左右', op: '=', threshold: false },
];

/** 每 + period. Entries with a null period (每两年) name a cycle the contract has no word for. */
const PERIODS: readonly [string, Period | null][] = (
  [
    ['每两个月', 'two-months'],
    ['每二个月', 'two-months'],
    ['每2个月', 'two-months'],
    ['每两月', 'two-months'],
    ['每双月', 'two-months'],
    ['每个季度', 'quarter'],
    ['每季度', 'quarter'],
    ['每季', 'quarter'],
    ['每半年度', 'half-year'],
    ['每半年', 'half-year'],
    ['每个月', 'month'],
    ['每月', 'month'],
    ['每个星期', 'week'],
    ['每星期', 'week'],
    ['每周', 'week'],
    ['每天', 'day'],
    ['每日', 'day'],
    ['每年度', 'year'],
    ['每年', 'year'],
    ['每半月', null],
    ['每旬', null],
    ['每学期', null],
    ['每两年', null],
    ['每三年', null],
    ['每两周', null],
  ] as [string, Period | null][]
).sort((a, b) => b[0].length - a[0].length);

const BASELINE_RE = /同比|比上年|较上年|比去年|较去年|比上一年|与上年相比|与去年相比|上年同期|去年同期/u;
/** "Each" scope: every office or area named must meet the figure on its own. */
const EACH_RE = /每(?:个|名|位|家|所|户|人|村|镇|街道|社区|单位|部门)/u;

const MONTH = '(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])';
const DAY = '(?:3[01]|[12]\\d|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])';
const YEAR = '(?:\\d{4}|[〇零一二三四五六七八九]{4})年';
/** 6月底前, 12月31日前, 2024年12月31日前. */
const DATE_DEADLINE = new RegExp(
  `(?:${YEAR})?${MONTH}月份?(?:${DAY}[日号])?(?:(?:底|末|中旬|上旬|下旬)(?:之前|以前|前)?|之前|以前|前)(?!后)`,
  'gu',
);
/** 年内, 年底前, 2024年底, 今年内. */
const YEAR_DEADLINE = /(?:\d{4}|今|本|明)?年(?:底|末)(?:之前|以前|前)?|(?:\d{4}|今|本)?年度?内/gu;
/** Words that may open a clause before its deadline (确保年内, 力争6月底前, 于…前). */
const LEAD_RE = /(?:确保|力争|争取|务必|必须|计划|预计|要|并|同时|其中|截至|截止|在|于|到|至){0,4}/y;
/** An event deadline at the head of a clause: 国庆节前, 秋季开学前, 党的十七大召开之前. */
const EVENT_DEADLINE =
  /[^,;:。、\s\d]{0,10}?(?:(?<![环细关调章情礼季时])节|开学|召开|开幕|举行|举办|汛期|入汛|换届|竣工|结束|到来|放假|开通|启用)(?:之前|以前|前)(?!后)/y;
const HALF_DEADLINE = /[上下]半年(?:底前|末前|之前|以前|前|内)?/y;

const ZERO_RE = /(?:不|无|杜绝|避免|严防|防止|未|没有)再?(?:新增|发生|出现|增加|新发)[一1]/gu;
const ZERO_WORD_RE = /零(?:发生|事故|伤亡|死亡|发案)|清零/gu;
const NO_FIGURE_CHANGE_RE =
  /(同比|比上年度?|较上年度?|比去年|较去年|比上一年|与上年相比|与去年相比|上年同期|去年同期)((?:分别|均|都|要|将|力争|实现|继续|持续|进一步|明显|稳步|大幅|有所|有一定的?|有较大幅?度?的?){0,4})(下降|减少|降低|增长|增加|提高|提升|上升)/gu;
const VAGUE_CHANGE_RE = /(有所|有一定的?|有较大幅?度?的?)(下降|减少|降低|增长|增加|提高|提升|上升)/gu;
const DUAL_RE = /双(下降|降低|减少|提升|提高|增长|增加)/gu;
const COVERAGE_RE = /全覆盖|全面覆盖/u;

const DECREASING = new Set(['下降', '减少', '降低']);
const OPEN = '([【〔《“‘';
const CLOSE = ')]】〕》”’';
const OPEN_SET = new Set(OPEN);
const CLOSE_SET = new Set(CLOSE);
const OPENS = 1;
const CLOSES = 2;
const ENDS_SENTENCE = 3;
const ENDS_CLAUSE = 4;
/** Each UTF-16 code unit's role in segmentation: a table lookup keeps the scan cheap. */
const CHAR_ROLE = new Uint8Array(0x10000);
for (const ch of OPEN) CHAR_ROLE[ch.charCodeAt(0)] = OPENS;
for (const ch of CLOSE) CHAR_ROLE[ch.charCodeAt(0)] = CLOSES;
for (const ch of '。;!?\n\r') CHAR_ROLE[ch.charCodeAt(0)] = ENDS_SENTENCE;
for (const ch of ',:') CHAR_ROLE[ch.charCodeAt(0)] = ENDS_CLAUSE;
/** Characters a figure can start with. */
const NUMERAL_STARTS = '0123456789零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟';
/** Flags of a code unit: a figure may start here; a target may be said here (每, 覆盖, 同比, 有所, 双…). */
const NUMERAL = 1;
const TRIGGER = 2;
const CHAR_FLAGS = new Uint8Array(0x10000);
for (const ch of NUMERAL_STARTS) CHAR_FLAGS[ch.charCodeAt(0)] = NUMERAL | TRIGGER;
for (const ch of '每覆比较有双') CHAR_FLAGS[ch.charCodeAt(0)] = TRIGGER;

function isNumeralCode(code: number): boolean {
  return ((CHAR_FLAGS[code] as number) & NUMERAL) !== 0;
}

/** Whether a clause holds any character a target can be said with: most prose does not. */
function isTriggered(s: string, c: Clause): boolean {
  for (let i = c.start; i < c.end; i++) if ((CHAR_FLAGS[s.charCodeAt(i)] as number) & TRIGGER) return true;
  return false;
}

// ---------- segmentation ----------

interface Clause {
  readonly start: number;
  readonly end: number;
}

/** Sentences of clauses, trimmed of white space; empty clauses are dropped. */
function segment(s: string): Clause[][] {
  const sentences: Clause[][] = [];
  let clauses: Clause[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const role = CHAR_ROLE[s.charCodeAt(i)];
    if (role === 0) continue;
    if (role === OPENS) depth++;
    else if (role === CLOSES) depth = Math.max(0, depth - 1);
    else if (role === ENDS_SENTENCE) {
      pushClause(s, start, i, clauses);
      start = i + 1;
      depth = 0;
      if (clauses.length > 0) sentences.push(clauses);
      clauses = [];
    } else if (depth === 0) {
      pushClause(s, start, i, clauses);
      start = i + 1;
    }
  }
  pushClause(s, start, s.length, clauses);
  if (clauses.length > 0) sentences.push(clauses);
  return sentences;
}

function pushClause(s: string, start: number, end: number, clauses: Clause[]): void {
  let a = start;
  let b = end;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  if (b > a) clauses.push({ start: a, end: b });
}

function isSpace(code: number): boolean {
  return code <= 0x20 || code === 0x3000 || code === 0xa0;
}

// ---------- lexing ----------

interface UnitMatch {
  readonly end: number;
  readonly key: string;
  readonly cls: UnitClass;
}

/** The longest measure word at `i` (with a 万 / 亿 multiplier), or null. */
function readUnit(s: string, i: number, limit: number): UnitMatch | null {
  const direct = readBaseUnit(s, i, limit);
  for (const m of MULTIPLIERS) {
    if (!s.startsWith(m, i) || i + m.length > limit) continue;
    const rest = readBaseUnit(s, i + m.length, limit);
    if (rest !== null && (direct === null || rest.end > direct.end)) {
      return { end: rest.end, key: m + rest.key, cls: rest.cls };
    }
    if (rest === null && direct === null) return { end: i + m.length, key: m, cls: 'strong' };
  }
  return direct;
}

function readBaseUnit(s: string, at: number, limit: number): UnitMatch | null {
  for (let len = Math.min(MAX_UNIT, limit - at); len > 0; len--) {
    const cand = s.slice(at, at + len);
    const cls = UNIT_CLASS.get(cand);
    if (cls !== undefined) return { end: at + len, key: cand, cls };
  }
  return null;
}

/** Words indexed by their last character, longest first: lookups backwards from a figure. */
function byLastChar<T extends { readonly word: string }>(entries: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const e of [...entries].sort((a, b) => b.word.length - a.word.length)) {
    const last = e.word[e.word.length - 1] as string;
    const list = out.get(last);
    if (list === undefined) out.set(last, [e]);
    else list.push(e);
  }
  return out;
}

const FILLERS_BY_LAST = byLastChar(FILLERS.map((word) => ({ word })));
const COMPARATORS_BY_LAST = byLastChar(COMPARATORS);
const CHANGE_VERBS_BY_LAST = byLastChar(CHANGE_VERBS);

/** The longest word of `index` that ends at `p` and starts at or after `lo`. */
function wordEndingAt<T extends { readonly word: string }>(
  index: Map<string, T[]>,
  s: string,
  lo: number,
  p: number,
): T | undefined {
  if (p <= lo) return undefined;
  const list = index.get(s[p - 1] as string);
  if (list === undefined) return undefined;
  for (const e of list) if (p - e.word.length >= lo && s.startsWith(e.word, p - e.word.length)) return e;
  return undefined;
}

/** Strip filler words that end at `p`; returns the new end. */
function stripFillers(s: string, lo: number, p: number): number {
  let q = p;
  for (let round = 0; round < 4; round++) {
    const f = wordEndingAt(FILLERS_BY_LAST, s, lo, q);
    if (f === undefined) break;
    q -= f.word.length;
  }
  return q;
}

function comparatorBefore(s: string, lo: number, p: number): { cmp: Comparator; start: number } | null {
  const q = stripFillers(s, lo, p);
  const cmp = wordEndingAt(COMPARATORS_BY_LAST, s, lo, q);
  return cmp === undefined ? null : { cmp, start: q - cmp.word.length };
}

function changeVerbBefore(s: string, lo: number, p: number): 1 | -1 | 0 {
  const q = stripFillers(s, lo, p);
  return wordEndingAt(CHANGE_VERBS_BY_LAST, s, lo, q)?.sign ?? 0;
}

/** A figure in a clause: numeral(s), measure word and comparators, before any judgement. */
interface Figure {
  readonly numStart: number;
  /** End of the figure with its unit and suffix comparator. */
  readonly end: number;
  /** Start of the figure with its prefix comparator (for the condition text). */
  readonly from: number;
  readonly value: number | [number, number];
  readonly unitKey: string;
  readonly unitStart: number;
  readonly unitEnd: number;
  readonly unitClass: UnitClass | null;
  readonly op: Op;
  readonly chinese: boolean;
  /** Chinese numeral of one character (一, 两, 百): too often part of a word to stand alone. */
  readonly short: boolean;
  readonly prefix: Comparator | null;
  readonly suffix: (typeof SUFFIXES)[number] | null;
  readonly range: boolean;
  readonly changeSign: 1 | -1 | 0;
  /** A duration followed by 办结 / 完成 …: a time limit (3个工作日办结 is <= 3). */
  readonly timeLimit: boolean;
}

function isAsciiLetter(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'));
}
function isAsciiAlnum(ch: string | undefined): boolean {
  return ch !== undefined && (isAsciiLetter(ch) || (ch >= '0' && ch <= '9'));
}
function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '\u3400' && ch <= '\u9fff';
}

/** Read the figure whose numeral starts at `i`, or null when no numeral starts there. */
function readFigure(s: string, i: number, lo: number, hi: number): Figure | null {
  const num = readNumeral(s, i, hi);
  if (num === null) return null;
  let p = num.end;
  // 100余家, 200多人: an approximate floor.
  if ((s[p] === '余' || s[p] === '多') && p + 1 < hi) p++;
  let unit = readUnit(s, p, hi);
  let unitStart = p;
  if (unit === null && num.percent) unit = { end: p, key: '%', cls: 'strong' };
  // A Chinese numeral with no measure word is a word (一流, 十七大, 两新), never a target.
  if (unit === null && num.chinese && !isRangeSeparator(s, p)) return null;
  if (unit !== null) p = unit.end;
  let value: number | [number, number] = num.value;
  let range = false;
  // Ranges: 2—3个, 2-3个, 2至3个, 二至三个, 5%—8%.
  const sepLen = s.startsWith('——', p) ? 2 : isRangeSeparator(s, p) ? 1 : 0;
  if (sepLen > 0 && p + sepLen < hi) {
    const second = readNumeral(s, p + sepLen, hi);
    if (second !== null && second.value > num.value) {
      const unit2 = readUnit(s, second.end, hi);
      const sameUnit = unit === null || unit2 === null || unit.key === unit2.key;
      const someUnit = unit ?? unit2;
      if (sameUnit && someUnit !== null && someUnit.cls === 'strong') {
        value = [num.value, second.value];
        range = true;
        if (unit2 !== null) {
          unitStart = second.end;
          unit = unit2;
          p = unit2.end;
        } else {
          p = second.end;
        }
      }
    }
  }
  let suffix: Figure['suffix'] = null;
  for (const sfx of SUFFIXES) {
    if (s.startsWith(sfx.word, p) && p + sfx.word.length <= hi) {
      suffix = sfx;
      p += sfx.word.length;
      break;
    }
  }
  // 1天内办结 (but not 5个内设机构): 内 after a duration, or ending the clause.
  if (suffix === null && unit !== null && s[p] === '内' && (DURATION_UNITS.has(unit.key) || !isCjk(s[p + 1]))) {
    suffix = { word: '内', op: '<=', threshold: false };
    p++;
  }
  const before = comparatorBefore(s, lo, num.start);
  const changeFrom = before !== null ? before.start : num.start;
  const changeSign = before?.cmp.to ? 0 : changeVerbBefore(s, lo, changeFrom);
  const timeLimit =
    suffix === null && unit !== null && DURATION_UNITS.has(unit.key) && TIME_LIMIT_RE.test(s.slice(p, p + 2));
  let op: Op = '>=';
  if (range) op = 'between';
  else if (timeLimit) op = '<=';
  else if (suffix !== null) op = suffix.op;
  else if (before !== null) op = before.cmp.op;
  // 前30名: a rank to stay within.
  else if (s[num.start - 1] === '前' && (unit?.key === '名' || unit?.key === '位')) op = '<=';
  return {
    numStart: num.start,
    end: p,
    from: before !== null ? before.start : num.start,
    value,
    unitKey: unit?.key ?? '',
    unitStart,
    unitEnd: unit?.end ?? unitStart,
    unitClass: unit?.cls ?? null,
    op,
    chinese: num.chinese && !num.percent,
    short: num.chinese && !num.percent && num.length === 1,
    prefix: before?.cmp ?? null,
    suffix,
    range,
    changeSign,
    timeLimit,
  };
}

function isRangeSeparator(s: string, p: number): boolean {
  const ch = s[p];
  return ch !== undefined && '—–-~至到'.includes(ch);
}

interface PeriodMark {
  readonly start: number;
  readonly end: number;
  readonly period: Period | null;
  used: boolean;
}

function findPeriods(s: string, c: Clause, text: string): PeriodMark[] {
  const out: PeriodMark[] = [];
  // Search the clause's own text: indexOf on the whole item would scan past the clause.
  for (let k = text.indexOf('每'); k >= 0; k = text.indexOf('每', k + 1)) {
    const i = c.start + k;
    const hit = PERIODS.find(([w]) => s.startsWith(w, i) && i + w.length <= c.end);
    if (hit !== undefined) out.push({ start: i, end: i + hit[0].length, period: hit[1], used: false });
  }
  return out;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Where the clause's own words begin, after 确保 / 力争 / 于 and the like. */
function leadEnd(s: string, c: Clause): number {
  LEAD_RE.lastIndex = c.start;
  const m = LEAD_RE.exec(s);
  return Math.min(c.end, c.start + (m?.[0].length ?? 0));
}

/** Deadline phrases in a clause, in order. */
function findDeadlines(s: string, c: Clause): Span[] {
  const out: Span[] = [];
  const text = s.slice(c.start, c.end);
  // Cheap guards first: most clauses name no month, year or 前.
  if (text.includes('月')) collectDeadlines(DATE_DEADLINE, text, s, c.start, out);
  if (text.includes('年')) collectDeadlines(YEAR_DEADLINE, text, s, c.start, out);
  if (text.includes('前') || text.includes('半年')) {
    const head = leadEnd(s, c);
    for (const re of [EVENT_DEADLINE, HALF_DEADLINE]) {
      re.lastIndex = head;
      const m = re.exec(s);
      if (m === null || head + m[0].length > c.end) continue;
      const end = head + m[0].length;
      if (!out.some((d) => d.start < end && d.end > head)) out.push({ start: head, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function collectDeadlines(re: RegExp, text: string, s: string, offset: number, out: Span[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const a = offset + m.index;
    const prev = a > offset ? (s[a - 1] as string) : '';
    // 12月 inside 112月 is no month; 3年内 is a duration; 全年内, 每年底 set no deadline.
    if (prev >= '0' && prev <= '9') continue;
    if (re === YEAR_DEADLINE && prev !== '' && NOT_BEFORE_YEAR_DEADLINE.includes(prev)) continue;
    out.push({ start: a, end: a + m[0].length });
  }
}

const NOT_BEFORE_YEAR_DEADLINE = '全每半当近多去上新跨十百两一二三四五六七八九';

// ---------- grammar ----------

/** One target before it becomes an Indicator. */
interface Target {
  /** Where it is said: orders targets and ties them to deadlines and adverbs. */
  readonly at: number;
  kind: Kind;
  op: Op;
  value: number | [number, number];
  unitKey: string;
  /** The unit's offsets, or null when a rule supplies it (起 for 不发生…, % for 百分之…). */
  unitSpan: Span | null;
  period: Period | null;
  baseline: 'previous-year' | null;
  condition?: Span;
  scope?: string;
  /** Whether a 分别 / 均 may copy it to each subject. */
  spreadable: boolean;
}

interface Carry {
  readonly unitKey: string;
  readonly period: Period;
}

/** What one clause hands on to the next clause of its sentence. */
interface SentenceContext {
  /** The per-period figure: 每年…不少于12天,其他党员累计不少于6天. */
  carry: Carry | null;
  /** A baseline said earlier: 同比增长5%,农村居民增长7%. */
  baseline: boolean;
}

/** The count of subjects coordinated in s[a, b): 二级、三级 → 2, A和B → 2. */
function countSubjects(s: string, a: number, b: number): number {
  let n = 1;
  let depth = 0;
  for (let i = a; i < b; i++) {
    const ch = s[i] as string;
    if (OPEN_SET.has(ch)) depth++;
    else if (CLOSE_SET.has(ch)) depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    const next = s[i + 1];
    const prev = s[i - 1];
    if (ch === '、') n++;
    else if (ch === '和' && next !== '谐') n++;
    else if (ch === '及' && next !== '时' && prev !== '涉' && prev !== '普' && prev !== '危') n++;
    else if (ch === '与' && prev !== '参' && prev !== '给' && prev !== '赋' && next !== '会') n++;
  }
  return n;
}

/** Position of a distributive adverb (分别, 均) in the clause, or -1. */
function adverbAt(s: string, c: Clause, text: string): number {
  const fb = text.indexOf('分别');
  if (fb >= 0) return c.start + fb;
  for (let k = text.indexOf('均'); k >= 0; k = text.indexOf('均', k + 1)) {
    const i = c.start + k;
    const prev = s[i - 1] ?? '';
    const next = s[i + 1] ?? '';
    // 平均, 人均, 均衡, 均等 are words, not the adverb.
    if (!'平人户年日月周'.includes(prev) && !'衡匀等值价量分摊化线速'.includes(next) && next !== '') return i;
  }
  return -1;
}

function negate(value: number | [number, number]): number | [number, number] {
  return Array.isArray(value) ? [-value[1], -value[0]] : value === 0 ? 0 : -value;
}

const FLIP: Readonly<Record<Op, Op>> = { '>=': '<=', '<=': '>=', '>': '<', '<': '>', '=': '=', between: 'between' };

const COORDINATORS = '和、及与或';

function coordinated(f: Figure, previous: Figure): Figure {
  const op: Op = f.range ? 'between' : f.suffix !== null ? f.suffix.op : (previous.prefix?.op ?? f.op);
  return { ...f, prefix: previous.prefix, changeSign: previous.changeSign, op };
}

/** Whether figure `f` is a name, date, ordinal or scope rather than a quantity. */
function isNonFigure(s: string, f: Figure, lo: number): boolean {
  const prev = f.numStart > lo ? s[f.numStart - 1] : undefined;
  const next = s[f.unitEnd];
  // PM2.5, 5G, 1+N, A4: names and codes.
  if (isAsciiLetter(prev) || (prev !== undefined && '.+#-×*/·'.includes(prev))) return true;
  if (f.unitClass === null && (isAsciiAlnum(next) || next === '+' || next === '.')) return true;
  // 第五次 (ordinal), 每千人口 / 每10万人 (the base of a ratio), 〔2007〕11号 (document numbers),
  // 由60%提高到70% (the starting point, not the target).
  if (prev === '第' || prev === '每' || prev === '〔' || prev === '[' || prev === '由' || prev === '从') return true;
  return next === '号' || next === '〕' || next === ']' || next === '届' || next === '级' || next === '类';
}

/** Words that widen a scope without ending it: 在全区10个街道, 对辖区所有企业. */
const SCOPE_WORDS_BY_LAST = byLastChar(
  words('全区 全市 全县 全镇 全省 全街道 辖区 辖区内 全部 所有 各 全').map((word) => ({ word })),
);
/** Facts already true are no targets: 现有企业3000家, 目前已建成20个. */
const PAST_RE = /现有|目前|已经|已有|(?<![比较同与])去年|前年/u;

/** Whether the figure is the object of 在 / 对 (在10个街道开展试点): a scope, not a target. */
function isScope(s: string, lo: number, at: number): boolean {
  let q = at;
  for (let round = 0; round < 3; round++) {
    const w = wordEndingAt(SCOPE_WORDS_BY_LAST, s, lo, q);
    if (w === undefined) break;
    q -= w.word.length;
  }
  return q > lo && (s[q - 1] === '在' || s[q - 1] === '对');
}

/** Comparators that are also everyday verbs (达到, 保持): weak evidence for a Chinese numeral. */
const SOFT_COMPARATORS = new Set(words('达到 达 保持 保持在 稳定在 超 超过'));

/** Whether position `at` lies inside “quotes” or 《a title》 opened in the clause: names, not targets. */
function isQuoted(s: string, lo: number, at: number): boolean {
  for (let i = at - 1; i >= lo; i--) {
    const ch = s[i];
    if (ch === '”' || ch === '》') return false;
    if (ch === '“' || ch === '《') return true;
  }
  return false;
}

/** Whether a figure reads as a target on lexical grounds (conditions are judged later). */
function isTargetFigure(f: Figure, inPeriod: boolean, s: string, c: Clause): boolean {
  const lo = c.start;
  if (isNonFigure(s, f, lo)) return false;
  if (f.prefix === null && isScope(s, lo, f.numStart) && nounAfter(s, f, c.end) !== 'none') return false;
  const window = Math.max(lo, f.numStart - LOOKBACK);
  if (PAST_RE.test(s.slice(window, f.numStart))) return false;
  if (isQuoted(s, window, f.numStart)) return false;
  const explicit = f.prefix !== null || f.suffix !== null || f.range || f.timeLimit;
  const value = Array.isArray(f.value) ? f.value[1] : f.value;
  // 15分钟生活圈, 24小时值班, 7天无理由退货: a duration naming a thing, not a target.
  if (!explicit && NAMING_DURATIONS.has(f.unitKey) && f.end < c.end && isCjk(s[f.end])) return false;
  if (f.unitClass === null) {
    // A bare number needs a comparator, and a year-like one is a year (2004、2005年).
    if (f.prefix === null || f.chinese) return false;
    if (Number.isInteger(value) && value >= 1900 && value <= 2100) return false;
    return !'年月日号时点'.includes(s[f.end] ?? ' ');
  }
  if (f.unitClass === 'weak') return !f.range && explicit && !f.chinese && !(f.unitKey.endsWith('年') && value >= 100);
  if (f.chinese) {
    if (inPeriod && OCCURRENCE_UNITS.has(f.unitKey)) return true;
    if (f.short && f.suffix === null && !f.range && f.prefix !== null && SOFT_COMPARATORS.has(f.prefix.word)) {
      // 达到一个新水平, 保持一方平安: after a soft verb a lone 一 is rhetoric unless it ends the phrase.
      return f.end >= c.end || !isCjk(s[f.end]);
    }
    // Official style writes counts in Arabic digits; a bare Chinese count is a name or a set
    // phrase (一批, 两条, 五种, 二十条措施) unless a comparator makes it a target (不少于一次).
    return explicit;
  }
  return true;
}

/** Whether a figure is a threshold (以上, 超…, an age) that may qualify a noun rather than set a target. */
function isThreshold(f: Figure): boolean {
  if (f.unitClass === 'age') return true;
  if (f.unitKey === '%') return false;
  if (f.suffix?.threshold === true) return !OCCURRENCE_UNITS.has(f.unitKey);
  return f.prefix !== null && THRESHOLD_PREFIXES.has(f.prefix.word);
}

/** What follows a figure: nothing (it ends the phrase), a noun it qualifies, or 标准 / 目标. */
function nounAfter(s: string, f: Figure, hi: number): 'none' | 'noun' | 'standard' {
  let p = f.end;
  if (s[p] === '的') p++;
  const ch = s[p];
  if (p >= hi || !isCjk(ch) || '并和与及或等为是就即且而后时'.includes(ch as string)) return 'none';
  const two = s.slice(p, p + 2);
  return two === '标准' || two === '目标' || two === '要求' || two === '水平' ? 'standard' : 'noun';
}

/** Words that give a clause its own time span, so a period does not carry into it. */
const OWN_SPAN_RE = /全年|本年|今年|年内|年度/u;
/** How far back from a figure the words that qualify it are sought: they stand close by. */
const LOOKBACK = 40;
const PREPOSITION_RE = /[对在凡向]|针对/u;

/** The targets of one clause. `carry` is the previous clause's per-period figure. */
function clauseTargets(s: string, c: Clause, deadlines: readonly Span[], ctx: SentenceContext): Target[] {
  const targets: Target[] = [];
  const clauseText = s.slice(c.start, c.end);
  const carry = ctx.carry;
  if (BASELINE_RE.test(clauseText)) ctx.baseline = true;
  const hasBaseline = ctx.baseline;

  // Zero targets: 不新增一栋, 不发生一起 (= 0 in the printed measure word), 零发生, 清零.
  const consumed: Span[] = [];
  ZERO_RE.lastIndex = clauseText.includes('一') || clauseText.includes('1') ? 0 : clauseText.length;
  for (let m = ZERO_RE.exec(clauseText); m !== null; m = ZERO_RE.exec(clauseText)) {
    const at = c.start + m.index + m[0].length;
    const unit = readUnit(s, at, c.end);
    if (unit === null || unit.cls !== 'strong') continue;
    consumed.push({ start: c.start + m.index, end: unit.end });
    targets.push(zeroTarget(c.start + m.index, unit.key, { start: at, end: unit.end }));
  }
  ZERO_WORD_RE.lastIndex = clauseText.includes('零') ? 0 : clauseText.length;
  for (let m = ZERO_WORD_RE.exec(clauseText); m !== null; m = ZERO_WORD_RE.exec(clauseText)) {
    targets.push(zeroTarget(c.start + m.index, '起', null));
  }

  // Figures.
  const periods = findPeriods(s, c, clauseText);
  const figures: { f: Figure; period: PeriodMark | null }[] = [];
  let skipNext = false;
  let previous: Figure | null = null;
  let nextConsumed = 0;
  let nextPeriod = 0;
  let mark: PeriodMark | null = null;
  for (let i = c.start; i < c.end; i++) {
    const code = s.charCodeAt(i);
    if (!((CHAR_FLAGS[code] as number) & NUMERAL)) continue;
    // Inside a digit run already read (or rejected as a whole: 12345678901234567890).
    if (code < 0x80 && i > c.start && /[0-9.]/u.test(s[i - 1] as string)) continue;
    while (nextConsumed < consumed.length && (consumed[nextConsumed] as Span).end <= i) nextConsumed++;
    const zone = consumed[nextConsumed];
    if (zone !== undefined && i >= zone.start) continue;
    let f = readFigure(s, i, c.start, c.end);
    if (f === null) {
      // A run of Chinese numeral characters that reads as no figure (十七大, 十一五) holds none.
      while (code >= 0x80 && i + 1 < c.end && s.charCodeAt(i + 1) >= 0x80 && isNumeralCode(s.charCodeAt(i + 1))) i++;
      continue;
    }
    i = Math.max(i, f.end - 1);
    // 下降5%和10%, 达到67人和1020人: a coordinated figure shares its comparator and verb.
    if (previous !== null && f.prefix === null && f.changeSign === 0 && f.numStart === previous.end + 1) {
      if (COORDINATORS.includes(s[previous.end] as string)) f = coordinated(f, previous);
    }
    previous = f;
    if (skipNext) {
      skipNext = false;
      continue;
    }
    // 五个100%: a count of the targets that follow, neither it nor the 100% it names is one.
    if (f.unitKey === '个' && !f.range && f.suffix === null && /[0-9]/u.test(s[f.end] ?? '')) {
      skipNext = true;
      continue;
    }
    // The nearest 每+period before the figure (figures and periods both run left to right).
    while (nextPeriod < periods.length && (periods[nextPeriod] as PeriodMark).end <= f.numStart) {
      mark = periods[nextPeriod] as PeriodMark;
      nextPeriod++;
    }
    if (isTargetFigure(f, mark !== null && mark.period !== null, s, c)) figures.push({ f, period: mark });
  }

  // Thresholds that qualify a noun are conditions and scopes, not targets: 在50人以上的社区,
  // 65岁以上老年人, 超亿元楼宇, 70%社区拥有…900平方米以上的标准. Standing alone (每个街道测定
  // 600人以上的标准) the threshold is the target.
  const verdicts: ('target' | 'noun' | 'standard' | 'condition')[] = [];
  let plain = targets.length;
  for (const { f } of figures) {
    let v: (typeof verdicts)[number] = 'target';
    if (isThreshold(f)) {
      const after = nounAfter(s, f, c.end);
      if (after !== 'none') v = after;
      else if (f.unitClass === 'age' && f.prefix === null) v = 'condition';
    }
    if (v === 'target') plain++;
    verdicts.push(v);
  }
  const conditions: Span[] = [];
  for (let k = 0; k < figures.length; k++) {
    const { f, period: mark } = figures[k] as { f: Figure; period: PeriodMark | null };
    const v = verdicts[k];
    let keep = v === 'target';
    if (v === 'standard') keep = plain === 0;
    if (v === 'noun') {
      const window = s.slice(Math.max(c.start, f.numStart - LOOKBACK), f.numStart);
      keep = plain === 0 && f.unitClass !== 'age' && !PREPOSITION_RE.test(window);
    }
    if (!keep) {
      conditions.push({ start: f.from, end: f.end });
      continue;
    }
    let period: Period | null = mark?.period ?? null;
    if (mark !== null) mark.used = true;
    // 每年…不少于12天,其他党员累计不少于6天: the period carries to a like figure in the next clause.
    if (mark === null && carry !== null && carry.unitKey === f.unitKey && !OWN_SPAN_RE.test(clauseText)) {
      period = carry.period;
    }
    const change = f.changeSign !== 0 && CHANGE_UNITS.has(f.unitKey);
    let op = f.op;
    let value = f.value;
    if (change && f.changeSign < 0) {
      op = FLIP[op];
      value = negate(value);
    }
    if (value === 0 && (op === '>=' || op === '<=')) op = '=';
    const t: Target = {
      at: f.numStart,
      kind: change ? 'change' : period !== null && !isAmount(f.unitKey) ? 'frequency' : 'level',
      op,
      value,
      unitKey: f.unitKey,
      unitSpan: f.unitEnd > f.unitStart ? { start: f.unitStart, end: f.unitEnd } : null,
      period: change ? null : period,
      // A change in an annual plan is measured against the year before, said or not (增长6%).
      baseline: change ? 'previous-year' : null,
      spreadable: true,
    };
    const window = s.slice(Math.max(c.start, f.numStart - LOOKBACK), f.numStart);
    if (!change && EACH_RE.test(window.replace(EACH_PERIOD_RE, ''))) t.scope = 'each';
    // 党员每年…累计不少于12天: a time each person must spend is met per person, never summed.
    if (!change && period !== null && PERSON_UNITS.has(f.unitKey) && PERSON_RE.test(s.slice(c.start, f.numStart))) {
      t.scope = 'each';
    }
    targets.push(t);
  }

  // Changes with no figure: 同比下降, 比上年有所提高, 有一定的增长 (signed against zero).
  const verbEnds = new Set<number>();
  const figureStarts = new Set(figures.map(({ f }) => f.numStart));
  const mayChange = hasBaseline || clauseText.includes('有');
  for (const re of [NO_FIGURE_CHANGE_RE, VAGUE_CHANGE_RE]) {
    re.lastIndex = mayChange ? 0 : clauseText.length;
    for (let m = re.exec(clauseText); m !== null; m = re.exec(clauseText)) {
      const verb = m[m.length - 1] as string;
      const verbEnd = c.start + m.index + m[0].length;
      if (verbEnds.has(verbEnd)) continue; // 比上年有所提高 matches both patterns
      verbEnds.add(verbEnd);
      // A figure right after the verb (同比下降15%) was read as a figured change.
      if (figureNear(figureStarts, verbEnd)) continue;
      targets.push(vagueChange(verbEnd - verb.length, DECREASING.has(verb) ? -1 : 1));
    }
  }
  // 双下降 / 双提升: two changes.
  DUAL_RE.lastIndex = clauseText.includes('双') ? 0 : clauseText.length;
  for (let m = DUAL_RE.exec(clauseText); m !== null; m = DUAL_RE.exec(clauseText)) {
    const sign = DECREASING.has(m[1] as string) ? -1 : 1;
    for (let k = 0; k < 2; k++) {
      targets.push({ ...vagueChange(c.start + m.index, sign), spreadable: false });
    }
  }

  // 全覆盖: 100 %, once per clause.
  const coverage = clauseText.search(COVERAGE_RE);
  if (coverage >= 0 && !targets.some((t) => t.unitKey === '%' && t.value === 100)) {
    targets.push({ ...target(c.start + coverage, 'level', '>=', 100, '%'), spreadable: false });
  }

  // A recurring duty with no figure (每天召开…, 每周轮流接待…) happens at least once a period.
  for (const pm of periods) {
    if (pm.used || pm.period === null) continue;
    targets.push({ ...target(pm.start, 'frequency', '>=', 1, '次'), period: pm.period });
  }

  // 分别 / 均: one target over several subjects (A、B分别下降10%; A和B的覆盖面均要达到96%).
  const adv = adverbAt(s, c, clauseText);
  if (adv >= 0) {
    const after = targets.filter((t) => t.at > adv && t.spreadable);
    if (after.length === 1) {
      let from = leadEnd(s, c);
      for (const d of deadlines) if (d.end <= adv && d.end > from) from = d.end;
      const n = Math.min(countSubjects(s, from, adv), 20);
      for (let k = 1; k < n; k++) targets.push({ ...(after[0] as Target) });
    }
  }

  // A condition rides on the nearest target after it, else the nearest before.
  targets.sort((a, b) => a.at - b.at);
  let h = 0;
  for (const cond of conditions) {
    while (h < targets.length && (targets[h] as Target).at <= cond.start) h++;
    const host = targets[h] ?? targets[h - 1];
    if (host !== undefined && host.condition === undefined) host.condition = cond;
  }
  return targets;
}

/** Whether a figure starts within a few characters after `at` (下降15%, 下降了15%). */
function figureNear(starts: ReadonlySet<number>, at: number): boolean {
  for (let k = 0; k <= 4; k++) if (starts.has(at + k)) return true;
  return false;
}

/** Units of time a person spends (学习12天): with a period, a floor for each person. */
const PERSON_UNITS = new Set(['天', '日', '小时', '学时', '课时']);
const PERSON_RE = /党员|干部|职工|教师|人员/u;

/** 每个月 / 每季度 are periods, not the 每个 of a scope. */
const EACH_PERIOD_RE = /每个?(?:月|季度|星期)/gu;

function target(at: number, kind: Kind, op: Op, value: number, unitKey: string): Target {
  return { at, kind, op, value, unitKey, unitSpan: null, period: null, baseline: null, spreadable: true };
}

function zeroTarget(at: number, unitKey: string, unitSpan: Span | null): Target {
  return { ...target(at, 'level', '=', 0, unitKey), unitSpan, spreadable: false };
}

function vagueChange(at: number, sign: 1 | -1): Target {
  return { ...target(at, 'change', sign < 0 ? '<' : '>', 0, '%'), baseline: 'previous-year' };
}

/** The per-period figure a clause hands on to the next clause of its sentence. */
function carryOf(targets: readonly Target[]): Carry | null {
  let out: Carry | null = null;
  for (const t of targets) {
    if (t.period !== null && t.unitKey !== '%' && t.kind !== 'change') out = { unitKey: t.unitKey, period: t.period };
  }
  return out;
}

/**
 * The measurable targets an item's body sets (see the "Indicators" section of the plan JSON
 * contract): levels, signed changes and frequencies, each with its op, value, measure word as
 * printed, period, baseline and deadline, and the clause that sets it (`text`, with `span`
 * its offsets in `text`). Rules are matched on the shadow of `text`, so traditional and
 * full-width text read alike; a caller that already holds `shadow(text)` may pass it as
 * `folded` to save folding twice. Pure; never throws.
 */
export function extractIndicators(text: string, folded?: string): Indicator[] {
  try {
    return extract(text, folded !== undefined && folded.length === text.length ? folded : shadow(text));
  } catch {
    // A rule that trips on odd input must cost that item its indicators, not the whole parse.
    return [];
  }
}

function extract(text: string, s: string): Indicator[] {
  const out: Indicator[] = [];
  for (const sentence of segment(s)) {
    let sentenceDeadline: Span | null = null;
    const ctx: SentenceContext = { carry: null, baseline: false };
    for (const c of sentence) {
      const triggered = isTriggered(s, c);
      // Only a short clause can be a bare deadline; only a triggered one can set a target.
      if (!triggered && c.end - c.start > 16) {
        ctx.carry = null;
        continue;
      }
      const deadlines = findDeadlines(s, c);
      // A clause that is only a deadline (年内, 到年底) sets it for the rest of the sentence.
      const head = leadEnd(s, c);
      const alone = deadlines.find((d) => d.start === head && d.end === c.end);
      if (alone !== undefined) {
        sentenceDeadline = alone;
        continue;
      }
      if (!triggered) {
        ctx.carry = null;
        continue;
      }
      const targets = clauseTargets(s, c, deadlines, ctx);
      ctx.carry = carryOf(targets);
      for (const t of targets) {
        let deadline: Span | null = null;
        for (const d of deadlines) if (d.end <= t.at) deadline = d;
        deadline ??= sentenceDeadline;
        const ind: Indicator = {
          text: text.slice(c.start, c.end),
          kind: t.kind,
          op: t.op,
          value: t.value,
          // The unit as printed (萬人 stays 萬人) unless a rule supplied it.
          unit: t.unitSpan === null ? t.unitKey : text.slice(t.unitSpan.start, t.unitSpan.end),
          period: t.period,
          baseline: t.baseline,
          deadline: deadline === null ? null : text.slice(deadline.start, deadline.end),
          span: [c.start, c.end],
        };
        if (t.condition !== undefined) ind.condition = text.slice(t.condition.start, t.condition.end);
        if (t.scope !== undefined) ind.scope = t.scope;
        out.push(ind);
      }
    }
  }
  return out;
}

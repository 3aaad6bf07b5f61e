import { compareKey, shadow } from '../parser/normalize.ts';

/**
 * Resolving an office mention (as a plan document prints it) to an office or a group of the
 * directory. Pure: the directory is passed in.
 */

export interface DirectoryOffice {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly kind: string;
  readonly parentId: string | null;
}

export interface DirectoryGroup {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  /** How many offices belong to it; undefined where the caller did not count them. */
  readonly memberCount?: number;
}

/**
 * The group a resolution names when that group has no member office: a task assigned to it
 * reaches no one (各派驻单位, 有关职能部门 until the plan office fills them in). Null otherwise.
 */
export function emptyGroupOf(directory: Directory, resolution: { kind: string; id?: string }): DirectoryGroup | null {
  if (resolution.kind !== 'group') return null;
  const group = directory.groups.find((g) => g.id === resolution.id);
  return group !== undefined && group.memberCount === 0 ? group : null;
}

export interface Directory {
  readonly offices: readonly DirectoryOffice[];
  readonly groups: readonly DirectoryGroup[];
}

/** How a mention was matched, for the preview to show. */
export type ResolvedVia = 'name' | 'alias' | 'parenthesis' | 'prefix' | 'abbreviation';

export interface Suggestion {
  readonly kind: 'office' | 'group';
  readonly id: string;
  readonly name: string;
  /** 0..1, higher is closer. */
  readonly score: number;
}

export type Resolution =
  | { readonly kind: 'office'; readonly id: string; readonly name: string; readonly via: ResolvedVia }
  | { readonly kind: 'group'; readonly id: string; readonly name: string; readonly via: ResolvedVia }
  | { readonly kind: 'unresolved'; readonly suggestions: readonly Suggestion[] };

/** Most suggestions an unresolved mention gets, and the least score worth showing. */
export const MAX_SUGGESTIONS = 5;
export const MIN_SUGGESTION_SCORE = 0.3;

/**
 * The key names are compared by: traditional folded to simplified, NFKC (full-width brackets
 * and letters to ASCII), white space removed, every bracket shape read as ( ).
 */
export function directoryKey(name: string): string {
  return compareKey(shadow(name))
    .replace(/[〔【[［]/gu, '(')
    .replace(/[〕】\]］]/gu, ')');
}

/**
 * Prefixes saying whose an office is: 区/市/县/镇 (not the 区 of 区域, the 市 of 市场…), the
 * party committee's 区委/市委/县委, and the 各 of a collective. Longest first.
 */
const PREFIX = /^(?:区委|市委|县委|区(?!域|划)|市(?!场|政(?!府)|容|民)|县(?!域)|镇|各)/u;
/** The one-character administrative prefixes, for substituting inside a name (区委(政府)办). */
const ADMIN_CHAR = /^[区市县镇]/u;

/** The key without its prefix, or null when it has none (or nothing worth matching is left). */
function stripPrefix(key: string): string | null {
  const m = PREFIX.exec(key);
  if (!m) return null;
  const rest = key.slice(m[0].length);
  return rest.length >= 2 ? rest : null;
}

/**
 * Equivalent stems, each folded to its short form on both sides of a comparison. 和/与 are
 * dropped before this table applies, so it lists the forms without them. Within a row and
 * across rows the longer stems are tried first (one regular expression, longest alternative
 * first), so 社会治安综合治理 wins over 综合治理 and 文化广电旅游体育 over 文化广电旅游.
 */
const STEMS: readonly (readonly [short: string, longs: readonly string[]])[] = [
  ['发改', ['发展改革']],
  ['人社', ['人力资源社会保障']],
  ['住建', ['住房城乡建设']],
  // 卫计 (卫生和计划生育) was renamed 卫健 (卫生健康) in 2018: the same office across years.
  ['卫健', ['卫生健康', '卫生计划生育', '卫生计生', '卫计']],
  ['市场监管', ['市场监督管理']],
  ['城管', ['城市管理']],
  ['科技', ['科学技术']],
  ['工信', ['工业信息化']],
  ['人口计生', ['人口计划生育']],
  ['安监', ['安全生产监督管理', '安全生产监管']],
  ['应急', ['应急管理']],
  ['文广旅体', ['文化广电旅游体育']],
  ['文广旅', ['文化广电旅游']],
  ['文旅', ['文化旅游']],
  ['政数', ['政务服务数据管理']],
  ['综治', ['社会治安综合治理', '综合治理']],
  ['执法', ['综合行政执法', '综合执法']],
  // Generic long forms of official names: 区人民政府办公室 = 区政府办, 区卫生健康委员会 = 区卫健委.
  ['政府', ['人民政府']],
  ['法院', ['人民法院']],
  ['检察院', ['人民检察院']],
  ['委', ['委员会']],
  ['办', ['办公室']],
];

const STEM_SHORT = new Map<string, string>();
for (const [short, longs] of STEMS) for (const long of longs) STEM_SHORT.set(long, short);
const STEM_RE = new RegExp(
  [...STEM_SHORT.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|'),
  'gu',
);

/** A key with 和/与 dropped and every stem of the table folded to its short form. */
function abbreviate(key: string): string {
  return key.replace(/[和与]/gu, '').replace(STEM_RE, (m) => STEM_SHORT.get(m) ?? m);
}

/**
 * The names a bracketed name answers to. For X(Y)Z: X+Z (the name outside), and X+Y+Z (the
 * brackets dropped, 各基层党(工)委 → 各基层党工委); when the brackets close the name, Y
 * on its own and with X's prefix (区纪委(监察局) → 监察局, 区监察局; 区委组织部(基层办) →
 * 区委基层办, 区基层办); when they sit inside it, Y in place of X after X's administrative
 * prefix (区委(政府)办 → 区政府办). Outside first: it is the name the office is known by.
 */
export function parenthesisVariants(key: string, depth = 0): string[] {
  const open = key.indexOf('(');
  const close = open < 0 ? -1 : key.indexOf(')', open + 1);
  if (open < 0 || close < 0 || depth > 2) return [];
  const x = key.slice(0, open);
  const y = key.slice(open + 1, close);
  const z = key.slice(close + 1);
  const out: string[] = [];
  if (x + z) out.push(x + z);
  if (y && !y.includes('(')) {
    const yHasPrefix = PREFIX.test(y);
    if (!z) {
      out.push(y);
      if (!yHasPrefix) {
        const long = PREFIX.exec(x)?.[0];
        const char = ADMIN_CHAR.exec(x)?.[0];
        if (long && long !== '各' && long !== x) out.push(long + y);
        if (char && char !== long) out.push(char + y);
      }
    } else {
      const char = ADMIN_CHAR.exec(x)?.[0];
      if (char && !yHasPrefix) out.push(char + y + z);
    }
  }
  out.push(x + y + z);
  const all: string[] = [];
  for (const v of out) {
    if (v.length < 2 || v === key) continue;
    all.push(v);
    // A second pair of brackets: its variants too.
    for (const w of parenthesisVariants(v, depth + 1)) all.push(w);
  }
  return [...new Set(all)];
}

interface Target {
  readonly kind: 'office' | 'group';
  readonly id: string;
  readonly name: string;
}

/**
 * Key → the targets answering to it, each once, with a rank: a target's own name or alias
 * (0) shadows a form derived from another's brackets (1), so 组织部 finds 区委组织部 even
 * when another office answers to 区委组织部(基层办).
 */
class Index {
  private readonly map = new Map<string, { target: Target; rank: number }[]>();

  add(key: string | null, target: Target, rank = 0): void {
    if (!key) return;
    const list = this.map.get(key);
    if (!list) {
      this.map.set(key, [{ target, rank }]);
      return;
    }
    const same = list.find((x) => x.target.kind === target.kind && x.target.id === target.id);
    if (!same) list.push({ target, rank });
    else same.rank = Math.min(same.rank, rank);
  }

  /** The best-ranked targets of a key. */
  get(key: string | null): readonly Target[] {
    const list = key ? this.map.get(key) : undefined;
    if (!list) return [];
    const best = Math.min(...list.map((x) => x.rank));
    return list.filter((x) => x.rank === best).map((x) => x.target);
  }
}

/** Character bigrams of a key (the key itself when it has one character). */
function grams(key: string): Set<string> {
  const chars = [...key];
  if (chars.length < 2) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + (chars[i + 1] as string));
  return out;
}

/** Dice coefficient of two gram sets: 2|A∩B| / (|A|+|B|). */
function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const g of a) if (b.has(g)) common++;
  return (2 * common) / (a.size + b.size);
}

/**
 * A resolver over one directory, with its indexes built once. A mention is tried against, in
 * order: names ('name'); aliases ('alias'); the names inside and outside brackets, of the
 * directory's names and of the mention ('parenthesis'); the same name with or without an
 * administrative prefix 区/市/县/镇/区委/各 ('prefix', never one prefix for another, so
 * 区财政局 is not 市财政局); equivalent stems and dropped 和/与 ('abbreviation'). The first
 * rule that matches decides: one target resolves, several are ambiguous and come back as
 * suggestions. A mention no rule matches gets up to five suggestions by bigram similarity.
 */
export function buildResolver(directory: Directory): (mention: string) => Resolution {
  const byName = new Index();
  const byAlias = new Index();
  const byParen = new Index();
  const byAnyForm = new Index();
  const byStripped = new Index();
  const byAbbrev = new Index();
  const byAbbrevStripped = new Index();
  const scored: { target: Target; forms: { plain: Set<string>; abbrev: Set<string> }[] }[] = [];

  const addTarget = (target: Target, aliases: readonly string[]) => {
    const nameKey = directoryKey(target.name);
    const aliasKeys = aliases.map(directoryKey).filter((k) => k.length > 0);
    byName.add(nameKey, target);
    for (const k of aliasKeys) byAlias.add(k, target);
    const forms = new Map<string, number>();
    for (const k of [nameKey, ...aliasKeys]) forms.set(k, 0);
    for (const k of [nameKey, ...aliasKeys]) {
      for (const v of parenthesisVariants(k)) {
        byParen.add(v, target);
        if (!forms.has(v)) forms.set(v, 1);
      }
    }
    for (const [f, rank] of forms) {
      byAnyForm.add(f, target, rank);
      const stripped = stripPrefix(f);
      byStripped.add(stripped, target, rank);
      byAbbrev.add(abbreviate(f), target, rank);
      if (stripped) byAbbrevStripped.add(abbreviate(stripped), target, rank);
    }
    scored.push({
      target,
      forms: [nameKey, ...aliasKeys].map((k) => ({ plain: grams(k), abbrev: grams(abbreviate(k)) })),
    });
  };
  for (const o of directory.offices) addTarget({ kind: 'office', id: o.id, name: o.name }, o.aliases);
  for (const g of directory.groups) addTarget({ kind: 'group', id: g.id, name: g.name }, g.aliases);

  const suggest = (key: string, first: readonly Target[]): Suggestion[] => {
    const plain = grams(key);
    const abbrev = grams(abbreviate(key));
    const score = (s: (typeof scored)[number]) =>
      Math.max(0, ...s.forms.map((f) => Math.max(dice(plain, f.plain), dice(abbrev, f.abbrev))));
    const isFirst = (t: Target) => first.some((x) => x.kind === t.kind && x.id === t.id);
    const round = (n: number) => Math.round(n * 1000) / 1000;
    // Ambiguous candidates come first whatever their score: each of them matched a rule.
    const lead = scored.filter((s) => isFirst(s.target)).map((s) => ({ ...s.target, score: round(score(s)) }));
    const rest = scored
      .filter((s) => !isFirst(s.target))
      .map((s) => ({ ...s.target, score: round(score(s)) }))
      .filter((s) => s.score > MIN_SUGGESTION_SCORE);
    const byScore = (a: Suggestion, b: Suggestion) => b.score - a.score || a.name.localeCompare(b.name);
    return [...lead.sort(byScore), ...rest.sort(byScore)].slice(0, MAX_SUGGESTIONS);
  };

  return (mention: string): Resolution => {
    const key = directoryKey(mention);
    if (!key) return { kind: 'unresolved', suggestions: [] };
    const variants = parenthesisVariants(key);
    const forms = [key, ...variants];
    const steps: readonly (readonly [ResolvedVia, () => Iterable<readonly Target[]>])[] = [
      ['name', () => [byName.get(key)]],
      ['alias', () => [byAlias.get(key)]],
      [
        'parenthesis',
        function* () {
          yield byParen.get(key);
          for (const v of variants) {
            yield byName.get(v);
            yield byAlias.get(v);
            yield byParen.get(v);
          }
        },
      ],
      [
        'prefix',
        function* () {
          for (const f of forms) {
            yield byAnyForm.get(stripPrefix(f));
            yield byStripped.get(f);
          }
        },
      ],
      [
        'abbreviation',
        function* () {
          for (const f of forms) {
            const stripped = stripPrefix(f);
            yield byAbbrev.get(abbreviate(f));
            if (stripped) yield byAbbrev.get(abbreviate(stripped));
            yield byAbbrevStripped.get(abbreviate(f));
          }
        },
      ],
    ];
    for (const [via, lookups] of steps) {
      for (const hits of lookups()) {
        const unique = dedupe(hits);
        if (unique.length === 0) continue;
        if (unique.length > 1) return { kind: 'unresolved', suggestions: suggest(key, unique) };
        const t = unique[0] as Target;
        return { kind: t.kind, id: t.id, name: t.name, via };
      }
    }
    return { kind: 'unresolved', suggestions: suggest(key, []) };
  };
}

function dedupe(targets: readonly Target[]): Target[] {
  const out: Target[] = [];
  for (const t of targets) if (!out.some((x) => x.kind === t.kind && x.id === t.id)) out.push(t);
  return out;
}

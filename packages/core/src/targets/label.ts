import type { Indicator, Op, Period } from '../schema/plan.ts';

/**
 * A target in the short form people read on a board: ≥90%, ≤3%, 每季度≥1次, 较上年≤-15%, 2–3个.
 * Shared by the CLI tree, the import preview and the plan board.
 */

/** The fields a label needs: a parsed indicator or a stored target alike. */
export type TargetLike = Pick<Indicator, 'kind' | 'op' | 'value' | 'unit' | 'period' | 'baseline'> & {
  readonly scope?: string | null | undefined;
};

export type LabelLocale = 'zh-CN' | 'en';

const OPS: Readonly<Record<Op, string>> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<', between: '' };

const PERIODS: Readonly<Record<LabelLocale, Readonly<Record<Period, string>>>> = {
  'zh-CN': {
    day: '每天',
    week: '每周',
    month: '每月',
    'two-months': '每两个月',
    quarter: '每季度',
    'half-year': '每半年',
    year: '每年',
  },
  en: {
    day: 'daily ',
    week: 'weekly ',
    month: 'monthly ',
    'two-months': 'every 2 months ',
    quarter: 'quarterly ',
    'half-year': 'half-yearly ',
    year: 'yearly ',
  },
};

const CHANGE: Readonly<Record<LabelLocale, { readonly 'previous-year': string; readonly none: string }>> = {
  'zh-CN': { 'previous-year': '较上年', none: '变化' },
  en: { 'previous-year': 'vs last year ', none: 'change ' },
};

/** Whom a target binds when not the whole plan: each office, or one named office or area. */
function scopeLabel(scope: string | null | undefined, locale: LabelLocale): string {
  if (!scope) return '';
  if (scope === 'each') return locale === 'en' ? ' each' : '(每单位)';
  return locale === 'en' ? ` for ${scope}` : `(${scope})`;
}

/** The short label of a target, without its deadline. */
export function targetLabel(target: TargetLike, locale: LabelLocale = 'zh-CN'): string {
  const { op, value, unit, period, baseline, scope } = target;
  const change = target.kind === 'change' ? CHANGE[locale][baseline ?? 'none'] : '';
  const amount = Array.isArray(value) ? `${value[0]}–${value[1]}` : `${OPS[op]}${value}`;
  return `${change}${period === null ? '' : PERIODS[locale][period]}${amount}${unit}${scopeLabel(scope, locale)}`;
}

/** A target as its siblings are told apart: the label fields, its clause and a label a person set. */
export type SiblingTarget = TargetLike & {
  readonly text: string;
  /** A short label a person gave it (after a split, say); wins over the derived one. */
  readonly label?: string | null | undefined;
};

/** Words that open a clause without naming what it measures (确保, 年内, 全区 …). */
const LEAD_WORDS =
  /^(?:[,,;;。::\s]|即|并|要求|要|确保|力争|争取|实现|使|按照|年内|本年度|全年|全区|今年|其中|同时|进一步)+/u;
/** Words between the subject and its figure (均要达到, 累计不少于, 控制在). */
const TAIL_WORDS =
  /(?:[,,;;\s]|均|分别|都|要|必须|需|应|累计|达到|达|保持在|控制在|控制|不少于|不低于|不超过|不高于|至少|以上|以内|提高到|提高|下降|减少|增长|增加|比上年度?|较上年度?|同比|为|在)+$/u;
/** A coordinated list of subjects: 劳务工医疗保险和工伤保险, 二级、三级. */
const LIST_SPLIT = /、|和|及|与|以及|或/u;
const SUBJECT_MAX = 14;

/** The words of a clause before its first figure: what the target measures. */
function subjectOf(text: string): string {
  const figure = /[0-9][0-9.]*\s*(?:%|％|‰)?/u.exec(text);
  const head = (figure === null ? text : text.slice(0, figure.index)).replace(LEAD_WORDS, '').replace(TAIL_WORDS, '');
  if (head !== '' || figure === null) return head;
  // The figure comes first (70%社区拥有…): what follows it is the subject.
  return text.slice(figure.index + figure[0].length).replace(/^的/u, '');
}

/**
 * The i-th of n subjects a shared clause lists (年内劳务工医疗保险和工伤保险的覆盖面均要达到96%:
 * 劳务工医疗保险 / 工伤保险), or null when the clause lists no n of them.
 */
function listedSubject(subject: string, i: number, n: number): string | null {
  // The list ends at 的 or before a shared noun: take the shortest split into n parts.
  const head = subject.split('的')[0] ?? subject;
  const parts = head.split(LIST_SPLIT).filter((p) => p !== '');
  if (parts.length !== n) return null;
  return parts[i] ?? null;
}

function shorten(text: string): string {
  return text.length > SUBJECT_MAX ? `${text.slice(0, SUBJECT_MAX)}…` : text;
}

/**
 * What each of a task's targets measures, told apart from its siblings: a label a person set,
 * else the words before its figure (就业推荐率), and where several targets share one clause, the
 * subject each stands for (劳务工医疗保险 / 工伤保险); two still alike are numbered (①, ②).
 * Shown before the figure label on the report form, the task page and the board.
 */
export function targetSubjects(targets: readonly SiblingTarget[]): string[] {
  const textCount = new Map<string, number>();
  for (const t of targets) textCount.set(t.text, (textCount.get(t.text) ?? 0) + 1);
  const seen = new Map<string, number>();
  const subjects = targets.map((t) => {
    const own = t.label?.trim();
    if (own) return own;
    const subject = subjectOf(t.text);
    const n = textCount.get(t.text) ?? 1;
    const i = seen.get(t.text) ?? 0;
    seen.set(t.text, i + 1);
    if (n > 1) {
      const listed = listedSubject(subject, i, n);
      if (listed !== null) return shorten(listed);
    }
    return shorten(subject);
  });
  // Still alike (two 100% targets of one clause that lists nothing): number them in order.
  const labels = subjects.map((s, i) => `${s}\u0000${targetLabel(targets[i] as SiblingTarget)}`);
  const total = new Map<string, number>();
  for (const l of labels) total.set(l, (total.get(l) ?? 0) + 1);
  const nth = new Map<string, number>();
  return subjects.map((s, i) => {
    const key = labels[i] as string;
    if ((total.get(key) ?? 0) < 2) return s;
    const k = (nth.get(key) ?? 0) + 1;
    nth.set(key, k);
    return `${s}${'①②③④⑤⑥⑦⑧⑨⑩'[k - 1] ?? `(${k})`}`;
  });
}

/** Each target's full short label: what it measures, then its figure (工伤保险 ≥96%). */
export function siblingLabels(targets: readonly SiblingTarget[], locale: LabelLocale = 'zh-CN'): string[] {
  const subjects = targetSubjects(targets);
  return targets.map((t, i) => {
    const subject = subjects[i] as string;
    const figure = targetLabel(t, locale);
    return subject === '' ? figure : `${subject} ${figure}`;
  });
}

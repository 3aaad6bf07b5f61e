import { UNIT_CLASSES, type UnitClass } from '../directory/units.ts';
import type { Period } from '../schema/plan.ts';

/**
 * Whom a frequency target binds (区级领导干部每季度… binds each district leader), read from the
 * target's text. Every member of the subject is judged, including those who logged nothing.
 */

/** The roster categories the parser recognises; a roster may hold others the plan office adds. */
export const ROSTER_CATEGORIES = ['区级领导', '区直单位负责人', '驻社区干部', '执法人员'] as const;

export type FrequencySubject =
  /** Each person of a roster category. */
  | { readonly kind: 'roster'; readonly category: string }
  /** Each office of a unit class (各街道 → every street office). */
  | { readonly kind: 'class'; readonly unitClass: UnitClass }
  /** Each office of a directory group, by id (set by a person, never read from text). */
  | { readonly kind: 'group'; readonly groupId: string }
  /** The district as one: the task's primary (first) lead office (全区每季度召开…). */
  | { readonly kind: 'district' }
  /** Each lead office of the task, groups expanded: the default when the text names no one. */
  | { readonly kind: 'leads' };

/** Words that name a target's period in the text, longest first within each. */
export const PERIOD_WORDS: Readonly<Record<Period, readonly string[]>> = {
  day: ['每天', '每日'],
  week: ['每星期', '每周'],
  month: ['每个月', '每月'],
  'two-months': ['每两个月', '每2个月', '每两月'],
  quarter: ['每个季度', '每季度', '每季'],
  'half-year': ['每半年'],
  year: ['每年'],
};

const ALL_PERIOD_WORDS = Object.values(PERIOD_WORDS)
  .flat()
  .sort((a, b) => b.length - a.length);

/** Who a phrase ending just before the period word names; first match wins. */
const SUBJECT_RULES: readonly (readonly [RegExp, FrequencySubject])[] = [
  [/区级领导(干部)?$/u, { kind: 'roster', category: '区级领导' }],
  [/区直(各)?单位(主要)?(负责人|一把手|领导)$/u, { kind: 'roster', category: '区直单位负责人' }],
  [/驻(\(挂\)|（挂）)?社区(工作组|干部|工作人员)$/u, { kind: 'roster', category: '驻社区干部' }],
  [/执法人员$/u, { kind: 'roster', category: '执法人员' }],
  [/全区$/u, { kind: 'district' }],
  [/(各)?街道(办事处|办|执法队|执法中队)?$/u, { kind: 'class', unitClass: 'street' }],
  [/(各)?社区(居委会|工作站)?$/u, { kind: 'class', unitClass: 'community' }],
];

/** Words between a subject and its period word that say nothing of who (驻社区干部坚持每周). */
const FILLER = /(坚持|要|应|应当|须|必须|均|都|至少|原则上)+$/u;

const CLAUSE_BREAK = /[,，、;；。:：\n]/u;

/** The subject named right before the period word at `at` in `text`, within its clause. */
function subjectBefore(text: string, at: number): FrequencySubject | null {
  const head = text.slice(0, at);
  const parts = head.split(CLAUSE_BREAK);
  const phrase = (parts.at(-1) ?? '').trim().replace(FILLER, '');
  for (const [rule, subject] of SUBJECT_RULES) if (rule.test(phrase)) return subject;
  return null;
}

/** Where the first of `words` stands in `text`, or -1. */
function indexOfAny(text: string, words: readonly string[]): number {
  let best = -1;
  for (const w of words) {
    const i = text.indexOf(w);
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best;
}

/**
 * The subject a frequency target binds, read from its text: the phrase just before the word of
 * its period (区级领导干部每季度 → roster 区级领导; 街道每月 in 全区每季度一次、街道每月一次 → the
 * streets). A text that names no one there (每天召开班前业务分析会) takes the subject of the last
 * period phrase of `before`, the text of its sentence before it (街道执法队每月…,每天… → the
 * streets). Otherwise the task's lead offices.
 */
export function readFrequencySubject(text: string, period: Period | null, before = ''): FrequencySubject {
  const own = period ? PERIOD_WORDS[period] : ALL_PERIOD_WORDS;
  const at = indexOfAny(text, own);
  const found = at >= 0 ? subjectBefore(text, at) : null;
  if (found) return found;
  // A text that opens with its period word continues its sentence: 每天召开… after 街道执法队每月….
  if (at <= 0) {
    const sentence = before.split(/[。;；\n]/u).at(-1) ?? '';
    let last = -1;
    for (const w of ALL_PERIOD_WORDS) last = Math.max(last, sentence.lastIndexOf(w));
    const carried = last >= 0 ? subjectBefore(sentence, last) : null;
    if (carried) return carried;
  }
  return { kind: 'leads' };
}

/** The stored form of a subject: roster:区级领导, class:street, group:<id>, district, leads. */
export function subjectKey(subject: FrequencySubject): string {
  switch (subject.kind) {
    case 'roster':
      return `roster:${subject.category}`;
    case 'class':
      return `class:${subject.unitClass}`;
    case 'group':
      return `group:${subject.groupId}`;
    default:
      return subject.kind;
  }
}

const CLASS_KEYS: ReadonlySet<string> = new Set(UNIT_CLASSES);

/** A stored subject key read back; null for one that is malformed. */
export function parseSubjectKey(key: string): FrequencySubject | null {
  if (key === 'district' || key === 'leads') return { kind: key };
  const [kind, ...rest] = key.split(':');
  const value = rest.join(':').trim();
  if (!value) return null;
  if (kind === 'roster' && value.length <= 40) return { kind: 'roster', category: value };
  if (kind === 'class' && CLASS_KEYS.has(value)) return { kind: 'class', unitClass: value as UnitClass };
  if (kind === 'group' && value.length <= 64) return { kind: 'group', groupId: value };
  return null;
}

/**
 * The stored subject key of a frequency target of an item: read from the target's text, with
 * the item's text before it as the sentence it may continue. A period that is no core period
 * reads as any period word.
 */
export function frequencySubjectKey(text: string, period: string | null, itemText = ''): string {
  const at = itemText.indexOf(text);
  const known = (Object.keys(PERIOD_WORDS) as Period[]).find((p) => p === period) ?? null;
  return subjectKey(readFrequencySubject(text, known, at > 0 ? itemText.slice(0, at) : ''));
}

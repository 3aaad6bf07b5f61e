import type { Period } from '@duban/core';
import { frequencyPeriods, PERIOD_WORDS, periodAt, type Span, spanOfPeriod } from '@duban/core';

/**
 * Pure rules of frequency compliance: which ledger a target is counted from, and the table
 * subject × period built from ledger entries. No I/O.
 *
 * Mapping rules, on the target's text and unit, first match wins:
 * 1. unit 篇 or text 日记 → diaries; subjects are the cadres.
 * 2. text 挂钩 / 联系点 / 走访 / 到…社区 → visits; subjects are the persons of the links ledger
 *    (a visit counts for its link's person, else its own person), or the offices when no link exists.
 * 3. text 培训 → trainings; subjects are offices.
 * 4. text 会议 / 会 → meetings; subjects are offices. Level: in the clause of the text that names the
 *    target's period (每季度 …), 全区 → district meetings, 街道 → street meetings, else any level.
 * 5. otherwise 'unmapped': shown as such, never counted.
 */

export type Ledger = 'diaries' | 'visits' | 'meetings' | 'trainings';
export type MeetingLevel = 'district' | 'street';

export interface LedgerMapping {
  readonly ledger: Ledger | 'unmapped';
  /** Meetings only: the level counted, null for any. */
  readonly level: MeetingLevel | null;
}

/** The ledger a frequency target is counted from (rules in the file comment). */
export function mapTarget(target: { text: string; unit: string; period: Period | null }): LedgerMapping {
  const text = target.text;
  if (target.unit === '篇' || text.includes('日记')) return { ledger: 'diaries', level: null };
  if (/挂钩|联系点|走访|到.*社区/u.test(text)) return { ledger: 'visits', level: null };
  if (text.includes('培训')) return { ledger: 'trainings', level: null };
  if (text.includes('会')) return { ledger: 'meetings', level: meetingLevel(text, target.period) };
  return { ledger: 'unmapped', level: null };
}

function meetingLevel(text: string, period: Period | null): MeetingLevel | null {
  const clauses = text.split(/[、,,;;。]/u);
  const words = period ? PERIOD_WORDS[period] : [];
  const clause = clauses.find((c) => words.some((w) => c.includes(w))) ?? text;
  if (clause.includes('全区')) return 'district';
  if (clause.includes('街道')) return 'street';
  return null;
}

/** One ledger entry as counted: who it counts for and its date. */
export interface CountedEntry {
  readonly subject: string;
  readonly date: string;
}

export type CellStatus = 'met' | 'missed' | 'open';

export interface ComplianceCell {
  readonly subject: string;
  readonly periodKey: string;
  readonly count: number;
  /** 'open' while the period runs and is not yet met; a closed period is met or missed. */
  readonly status: CellStatus;
}

export interface PeriodColumn {
  readonly key: string;
  readonly start: string;
  readonly end: string;
  readonly closed: boolean;
}

/**
 * The table of a target: its period's periods of `year` begun by `date` (closed when they ended
 * before it; 每天: working days only), each subject's count in each, met when `satisfied`.
 */
export function buildTable(props: {
  readonly period: Period;
  readonly year: number;
  readonly date: string;
  readonly satisfied: (count: number) => boolean;
  readonly subjects: readonly string[];
  readonly entries: readonly CountedEntry[];
}): { periods: PeriodColumn[]; cells: ComplianceCell[] } {
  const span: Span = spanOfPeriod(props.period);
  const periods = frequencyPeriods(props.period, props.year)
    .filter((p) => p.start <= props.date)
    .map((p) => ({ key: p.key, start: p.start, end: p.end, closed: p.end < props.date }));
  const keys = new Set(periods.map((p) => p.key));
  const tally = new Map<string, number>();
  for (const e of props.entries) {
    const key = periodAt(span, e.date).key;
    if (!keys.has(key)) continue;
    const k = `${e.subject}\u0000${key}`;
    tally.set(k, (tally.get(k) ?? 0) + 1);
  }
  const cells: ComplianceCell[] = [];
  for (const subject of props.subjects) {
    for (const p of periods) {
      const count = tally.get(`${subject}\u0000${p.key}`) ?? 0;
      const ok = props.satisfied(count);
      cells.push({ subject, periodKey: p.key, count, status: ok ? 'met' : p.closed ? 'missed' : 'open' });
    }
  }
  return { periods, cells };
}

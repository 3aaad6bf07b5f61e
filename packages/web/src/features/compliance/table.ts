import { periodLabel } from '@duban/core';
import type { CellStatus, ComplianceCell, PeriodColumn, TargetCompliance } from './api';

/** Periods shown at first for spans with many (days, weeks): the latest ones. */
export const RECENT_PERIODS = 12;

/** A period key as people say it in the UI's language: 2007年第2季度 in Chinese, the key (2007-Q2) otherwise. */
export function periodName(key: string, language: string): string {
  return language.startsWith('zh') ? periodLabel(key) : key;
}

/** A period key as a short column title: 2007-M06 → 6月 (zh) or M06 (en); a day 2007-06-01 → 06-01. */
export function periodTitle(key: string, language: string): string {
  const day = /^\d{4}-(\d{2}-\d{2})$/u.exec(key);
  if (day) return day[1] as string;
  if (language.startsWith('zh')) {
    const words = periodLabel(key);
    // A plain year reads 2007年度: the column is the whole year.
    return /^\d{4}年度$/u.test(words) ? words : words.replace(/^\d{4}年/u, '');
  }
  return /^\d{4}$/u.test(key) ? key : key.replace(/^\d{4}-/u, '');
}

/** The periods a table shows: all, or the latest `RECENT_PERIODS` of them. */
export function shownPeriods(periods: readonly PeriodColumn[], all: boolean): PeriodColumn[] {
  return all ? [...periods] : periods.slice(-RECENT_PERIODS);
}

/** How many cells of a target are met, missed and open. */
export function cellTally(cells: readonly ComplianceCell[]): Record<CellStatus, number> {
  const tally: Record<CellStatus, number> = { met: 0, missed: 0, open: 0 };
  for (const c of cells) tally[c.status] += 1;
  return tally;
}

/** A target's cells by subject and period key. */
export function cellIndex(target: Pick<TargetCompliance, 'cells'>): Map<string, ComplianceCell> {
  return new Map(target.cells.map((c) => [`${c.subject}|${c.periodKey}`, c]));
}

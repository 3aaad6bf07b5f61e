import { periodLabel } from '@duban/core';
import { TASK_STATUSES, type TaskStatus } from '../plans/status';
import type { Compliance, Dashboard, LeagueOffice, ServerTaskStatus } from './api';

/** The server's status names as the board's (the board's colours and labels are reused). */
export const BOARD_STATUS: Readonly<Record<ServerTaskStatus, TaskStatus>> = {
  met: 'met',
  'on-track': 'onTrack',
  'at-risk': 'atRisk',
  late: 'late',
  'no-data': 'noData',
};

export type StatusCounts = Record<TaskStatus, number>;

/** Counts per status, every status present (0 when the server lists none). */
export function statusCounts(rows: readonly { status: ServerTaskStatus; count: number }[]): StatusCounts {
  const out = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const r of rows) out[BOARD_STATUS[r.status]] += r.count;
  return out;
}

export interface Headline {
  readonly tasks: number;
  readonly statuses: StatusCounts;
  readonly targetsMet: number;
  readonly targetsTotal: number;
  /** This period's reports; null when the date is in no reporting period of the plan. */
  readonly period: { key: string; due: string; expected: number; submitted: number; onTime: number } | null;
  readonly orders: Dashboard['orders'];
}

/** The figures at the top of the dashboard, from its one read. */
export function headline(d: Dashboard): Headline {
  const statuses = statusCounts(d.statuses);
  const row = d.period ? d.reporting.find((r) => r.periodKey === d.period?.key) : undefined;
  return {
    tasks: Object.values(statuses).reduce((a, b) => a + b, 0),
    statuses,
    targetsMet: d.targets.filter((x) => x.attainment === 'met').reduce((n, x) => n + x.count, 0),
    targetsTotal: d.targets.reduce((n, x) => n + x.count, 0),
    period: d.period
      ? {
          key: d.period.key,
          due: d.period.due,
          expected: row?.expected ?? 0,
          submitted: row?.submitted ?? 0,
          onTime: row?.onTime ?? 0,
        }
      : null,
    orders: d.orders,
  };
}

/** A share as a whole percent; null when there is nothing to share (no reports were owed). */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

export type Standing = 'top' | 'bottom' | null;

export interface LeagueRow extends LeagueOffice {
  readonly onTimeRate: number | null;
  readonly standing: Standing;
}

/** How many offices at each end of the league are highlighted. */
const ENDS = 3;

/**
 * The league with on-time rates and the offices at its two ends marked. Ties at the boundary
 * share the mark, unless the tie is so wide that the end would mark more than twice its three:
 * then nobody there stands out from the rest (fifty offices that all reported nothing are not
 * "the bottom three"). When every office has the same rank nobody is marked, and an office is
 * never both (a short league marks only what does not overlap).
 */
export function leagueRows(offices: readonly LeagueOffice[]): LeagueRow[] {
  const byRank = [...offices].sort((a, b) => a.rank - b.rank);
  const topCut = byRank[Math.min(ENDS, byRank.length) - 1]?.rank;
  const bottomCut = byRank[Math.max(byRank.length - ENDS, 0)]?.rank;
  const tops = topCut === undefined ? 0 : byRank.filter((o) => o.rank <= topCut).length;
  const bottoms = bottomCut === undefined ? 0 : byRank.filter((o) => o.rank >= bottomCut).length;
  const markTop = topCut !== undefined && tops <= 2 * ENDS;
  const markBottom = bottomCut !== undefined && bottoms <= 2 * ENDS;
  return byRank.map((o) => {
    const top = markTop && o.rank <= (topCut ?? 0);
    const bottom = markBottom && o.rank >= (bottomCut ?? 0);
    const standing: Standing = top === bottom ? null : top ? 'top' : 'bottom';
    return { ...o, onTimeRate: percent(o.onTime, o.expected), standing };
  });
}

/** How many offices each on-time chart shows. */
export const CHART_OFFICES = 10;

/**
 * The offices to chart by on-time rate: all of them, best first, when they fit one chart; else
 * the ten best and the ten worst (worst first), which is what a reader looks for in a long league.
 * Offices that owed nothing have no rate and are left out.
 */
export function onTimeExtremes(rows: readonly LeagueRow[]): { best: LeagueRow[]; worst: LeagueRow[] } {
  const rated = rows
    .filter((r) => r.onTimeRate !== null)
    .sort((a, b) => (b.onTimeRate ?? 0) - (a.onTimeRate ?? 0) || a.rank - b.rank);
  if (rated.length <= CHART_OFFICES) return { best: rated, worst: [] };
  const rest = rated.slice(CHART_OFFICES);
  return { best: rated.slice(0, CHART_OFFICES), worst: rest.slice(-CHART_OFFICES).reverse() };
}

/** A period on a crowded axis: without its year when every period shown is of one year. */
export function shortPeriodLabel(key: string, oneYear: boolean): string {
  const label = periodLabel(key);
  if (!oneYear || /^\d{4}$/u.test(key)) return label;
  return label.replace(/^\d{4}年/u, '');
}

/** Whether all these keys (2026-M03, 2026-Q1, 2026) are of one year. */
export function ofOneYear(keys: readonly string[]): boolean {
  return new Set(keys.map((k) => k.slice(0, 4))).size <= 1;
}

export interface ComplianceCounts {
  readonly targetId: string;
  readonly text: string;
  readonly met: number;
  readonly missed: number;
  readonly open: number;
}

/** Per frequency target, how many subject × period cells are met, missed and still open. */
export function complianceCounts(
  targets: readonly Pick<Compliance['targets'][number], 'targetId' | 'text' | 'cells'>[],
): ComplianceCounts[] {
  return targets.map((t) => {
    const n = { met: 0, missed: 0, open: 0 };
    for (const cell of t.cells) n[cell.status] += 1;
    return { targetId: t.targetId, text: t.text, ...n };
  });
}

/** The twelve months ending with the date's month, as the problem trend reads them: YYYY-MM. */
export function yearTo(date: string): { from: string; to: string } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = new Date(Date.UTC(year, month - 12, 1));
  return {
    from: `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}`,
    to: date.slice(0, 7),
  };
}

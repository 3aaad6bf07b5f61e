import {
  type Attainment,
  type AttainmentContext,
  type AttainmentTarget,
  baselineToDate,
  eachAttainment,
  type Figure,
  isPerSubject,
  type Period,
  targetAttainment,
  targetCurrentValue,
} from '@duban/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { HANDED_IN_STATUSES } from '../../db/tables/reports.ts';
import { combinedFigure } from './figures.ts';

/**
 * Targets that fit (issue 10) as status judges them: a per-subject target office by office, a
 * target with its own offices on their figures only, a change target against its baseline.
 * Kept apart from status.service so that it reads as one call there.
 */

/** The target fields status reads for these rules (status.repository's StatusTarget has them). */
export interface FitTarget {
  readonly id: string;
  readonly taskId: string;
  readonly kind: 'level' | 'change' | 'frequency';
  readonly op: '>=' | '<=' | '=' | '>' | '<' | 'between';
  readonly value: number;
  readonly valueHigh: number | null;
  readonly unit: string;
  readonly period: string | null;
  readonly deadline: string | null;
  readonly scope: string | null;
  readonly baselineValue: number | null;
  /** The offices asked for the figure; null: the task's lead offices. */
  readonly offices: readonly string[] | null;
}

/** One office's handed-in figure for a target in a period. */
export interface OfficeFigure {
  readonly targetId: string;
  readonly officeId: string;
  readonly periodKey: string;
  readonly cumulative: boolean;
  readonly value: number;
  readonly numerator: number | null;
  readonly denominator: number | null;
}

/** The period keys of a year, of any cadence: from '2007' to before '2008'. */
export const yearKeys = (year: number) => ({
  from: String(year).padStart(4, '0'),
  to: String(year + 1).padStart(4, '0'),
});

/**
 * The unit the figures of a target are in, for combining offices' figures: a change target's
 * unit (% in 减少15%) is its change's, while its figures are levels (公文, cases) that add up;
 * only a change in percentage points (个百分点) is reported as a rate.
 */
export const figureUnit = (t: Pick<FitTarget, 'kind' | 'unit'>): string =>
  t.kind === 'change' && !t.unit.endsWith('百分点') ? '' : t.unit;

/** Whether status must read a target's figures office by office. */
export const needsOfficeFigures = (t: FitTarget): boolean => isPerSubject(t) || (t.offices?.length ?? 0) > 0;

/**
 * The handed-in figures of these targets, office by office, of the periods between the keys:
 * few targets a plan, so one small read.
 */
export async function loadOfficeFigures(
  db: Kysely<Database>,
  targetIds: readonly string[],
  keys: { from: string; to: string },
): Promise<OfficeFigure[]> {
  if (targetIds.length === 0) return [];
  const rows = await db
    .selectFrom('report_figures')
    .innerJoin('reports', 'reports.id', 'report_figures.report_id')
    .select([
      'report_figures.target_id',
      'reports.office_id',
      'reports.period_key',
      'report_figures.cumulative',
      'report_figures.value',
      'report_figures.numerator',
      'report_figures.denominator',
    ])
    .where('report_figures.target_id', 'in', [...targetIds])
    .where('reports.status', 'in', HANDED_IN_STATUSES)
    .where('reports.period_key', '>=', keys.from)
    .where('reports.period_key', '<', keys.to)
    .execute();
  return rows.map((r) => ({
    targetId: r.target_id,
    officeId: r.office_id,
    periodKey: r.period_key,
    cumulative: Number(r.cumulative) === 1,
    value: Number(r.value),
    numerator: r.numerator === null ? null : Number(r.numerator),
    denominator: r.denominator === null ? null : Number(r.denominator),
  }));
}

/** A target's judgement as the status API shows it. */
export interface TargetJudgement {
  readonly targetId: string;
  readonly attainment: Attainment;
  readonly current: number | null;
  /** A per-subject target: how many of its subjects meet it ("k / n 达标"); else null. */
  readonly each: { readonly met: number; readonly total: number } | null;
  /** A change target: the baseline its figures are compared with on the date (to date); else null. */
  readonly baseline: number | null;
}

/** Figures dated at their period's end; running totals first, so that a period's own amounts add on. */
function dated(rows: readonly OfficeFigure[], ends: ReadonlyMap<string, string>, unit: string): Figure[] {
  const groups = new Map<string, { date: string; cumulative: boolean; rows: OfficeFigure[] }>();
  for (const r of rows) {
    const date = ends.get(r.periodKey);
    if (date === undefined) continue;
    const key = `${date}\u0000${r.cumulative}`;
    const group = groups.get(key) ?? { date, cumulative: r.cumulative, rows: [] };
    group.rows.push(r);
    groups.set(key, group);
  }
  const out: Figure[] = [];
  for (const cumulative of [true, false]) {
    for (const g of groups.values()) {
      if (g.cumulative !== cumulative) continue;
      const whole = g.rows.every((r) => r.numerator !== null && r.denominator !== null);
      const value = combinedFigure(unit, {
        count: g.rows.length,
        total: g.rows.reduce((sum, r) => sum + r.value, 0),
        numerator: whole ? g.rows.reduce((sum, r) => sum + (r.numerator ?? 0), 0) : null,
        denominator: whole ? g.rows.reduce((sum, r) => sum + (r.denominator ?? 0), 0) : null,
      });
      if (value !== null) out.push({ date: g.date, value, cumulative });
    }
  }
  return out;
}

/**
 * Judge one target on `date`. `combined` are its figures summed over every office (status's
 * grouped read); `officeFigures` its figures office by office where needsOfficeFigures; `leads`
 * the task's lead offices. A per-subject target is met only when each of its offices meets it
 * (absent ones not); a target with its own offices counts their figures only; a change target is
 * compared with its baseline to date.
 */
export function judgeTarget(
  t: FitTarget,
  combined: readonly Figure[],
  officeFigures: readonly OfficeFigure[] | undefined,
  leads: readonly string[],
  ends: ReadonlyMap<string, string>,
  date: string,
  year: number,
  /** Ledger counts and subjects of a frequency target (compliance): the one source of its judgement. */
  frequency?: Partial<AttainmentContext>,
): TargetJudgement {
  const target: AttainmentTarget = {
    kind: t.kind,
    op: t.op,
    value: t.op === 'between' && t.valueHigh !== null ? [t.value, t.valueHigh] : t.value,
    unit: t.unit,
    period: t.period as Period | null,
    deadline: t.deadline,
  };
  const offices = t.offices && t.offices.length > 0 ? t.offices : leads;
  if (isPerSubject(t)) {
    const byOffice = new Map<string, OfficeFigure[]>();
    for (const f of officeFigures ?? []) {
      if (!offices.includes(f.officeId)) continue;
      const list = byOffice.get(f.officeId) ?? [];
      list.push(f);
      byOffice.set(f.officeId, list);
    }
    const figuresOf = new Map([...byOffice].map(([office, rows]) => [office, dated(rows, ends, figureUnit(t))]));
    const judged = eachAttainment(target, figuresOf, offices, date, { planYear: year });
    return {
      targetId: t.id,
      attainment: judged.attainment,
      current: null,
      each: { met: judged.met, total: judged.total },
      baseline: null,
    };
  }
  const figures =
    officeFigures === undefined
      ? combined
      : dated(
          officeFigures.filter((f) => offices.includes(f.officeId)),
          ends,
          t.unit,
        );
  const baseline = t.kind === 'change' ? baselineToDate(target, t.baselineValue, figures, date, year) : null;
  return {
    targetId: t.id,
    attainment: targetAttainment(target, figures, date, { planYear: year, baselineValue: baseline, ...frequency }),
    // The rolled-up figure that attainment judges, to show beside the target.
    current: targetCurrentValue(target, figures, date, year),
    each: null,
    baseline,
  };
}

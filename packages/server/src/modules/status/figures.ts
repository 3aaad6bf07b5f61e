import { rollupPercent } from '@duban/core';
import { unitKind } from '../reports/reports.service.ts';

/** The figures several offices handed in for one target, period and kind, already summed. */
export interface FigureSums {
  /** How many figures. */
  readonly count: number;
  /** The sum of their values. */
  readonly total: number;
  /** The numerators and the denominators summed when every figure was given as both; else null. */
  readonly numerator: number | null;
  readonly denominator: number | null;
}

const rates = new Map<string, boolean>();

/** Rates: a share (%, the only unit taken as a fraction), per mille, percentage points. */
function isRate(unit: string): boolean {
  let rate = rates.get(unit);
  if (rate === undefined) {
    const u = unit.trim();
    rate = unitKind(u) === 'percent' || u === '‰' || u.endsWith('百分点');
    // A plan has a handful of units, read for every figure: remember each once.
    rates.set(unit, rate);
  }
  return rate;
}

/**
 * One figure standing for every office that reported a target in a period, before attainment.
 * Amounts (counts, money, anything but a rate) add up across offices. A rate whose every figure
 * came as numerator / denominator is the sum of the parts over each other (core's rollupPercent):
 * 3 of 4 and 1 of 96 is 4%, not 38.5%. A rate given as bare values takes their mean: without the
 * denominators there is nothing to weigh an office by, so each counts alike, and the result stays
 * a rate between the offices' own (a sum of rates would read 180%). Null when there is no figure.
 */
export function combinedFigure(unit: string, sums: FigureSums): number | null {
  if (sums.count <= 0) return null;
  if (!isRate(unit)) return sums.total;
  if (sums.numerator !== null && sums.denominator !== null) {
    const share = rollupPercent([{ numerator: sums.numerator, denominator: sums.denominator }]);
    if (share !== null) return share;
  }
  return sums.total / sums.count;
}

import { describe, expect, it } from 'vitest';
import type { AttainmentTarget, Figure } from '../status/attainment.ts';
import { targetAttainment } from '../status/attainment.ts';
import { baselineToDate, eachAttainment, isPerSubject } from './each.ts';

const floor = (value: number, unit: string, period: AttainmentTarget['period'] = null): AttainmentTarget => ({
  kind: 'level',
  op: '>=',
  value,
  unit,
  period,
  deadline: null,
});
const fig = (date: string, value: number, cumulative = true): Figure => ({ date, value, cumulative });
const ctx = { planYear: 2007 };

describe('eachAttainment', () => {
  it('judges 不少于12天 per office, not on the sum (three offices of 5 days are not met)', () => {
    const target = floor(12, '天', 'year');
    const figures = new Map([
      ['a', [fig('2007-12-31', 5)]],
      ['b', [fig('2007-12-31', 5)]],
      ['c', [fig('2007-12-31', 5)]],
    ]);
    // Summed, the three would pass: the bug this guards against.
    expect(targetAttainment(target, [fig('2007-12-31', 15)], '2008-01-05', ctx)).toBe('met');
    expect(eachAttainment(target, figures, ['a', 'b', 'c'], '2008-01-05', ctx)).toEqual({
      attainment: 'missed',
      met: 0,
      total: 3,
    });
  });

  it('is met only when every subject meets it, and counts k / n', () => {
    const target = floor(600, '人');
    const figures = new Map([
      ['s1', [fig('2007-06-30', 620)]],
      ['s2', [fig('2007-06-30', 700)]],
    ]);
    expect(eachAttainment(target, figures, ['s1', 's2'], '2007-07-10', ctx)).toEqual({
      attainment: 'met',
      met: 2,
      total: 2,
    });
    // A third street that reported nothing is not met: at risk now, missed after the deadline.
    expect(eachAttainment(target, figures, ['s1', 's2', 's3'], '2007-07-10', ctx)).toEqual({
      attainment: 'at-risk',
      met: 2,
      total: 3,
    });
    expect(eachAttainment(target, figures, ['s1', 's2', 's3'], '2008-01-02', ctx).attainment).toBe('missed');
  });

  it('has no data while no subject reported, and nothing to judge without subjects', () => {
    expect(eachAttainment(floor(600, '人'), new Map(), ['s1'], '2007-07-10', ctx)).toEqual({
      attainment: 'no-data',
      met: 0,
      total: 1,
    });
    expect(eachAttainment(floor(600, '人'), new Map(), [], '2007-07-10', ctx).total).toBe(0);
  });

  it('applies to level targets scoped each', () => {
    expect(isPerSubject({ kind: 'level', scope: 'each' })).toBe(true);
    expect(isPerSubject({ kind: 'level', scope: null })).toBe(false);
    expect(isPerSubject({ kind: 'frequency', scope: 'each' })).toBe(false);
  });
});

describe('baselineToDate', () => {
  it('takes the share of last year the figures cover for a count, the whole for points', () => {
    const half = baselineToDate({ unit: '%' }, 730, [fig('2007-06-30', 300, false)], '2007-07-10', 2007);
    expect(half).toBeCloseTo((730 * 181) / 365, 6);
    expect(baselineToDate({ unit: '个百分点' }, 5, [fig('2007-06-30', 4)], '2007-07-10', 2007)).toBe(5);
    expect(baselineToDate({ unit: '%' }, 730, [fig('2007-12-31', 600)], '2008-01-02', 2007)).toBe(730);
    expect(baselineToDate({ unit: '%' }, null, [], '2007-07-10', 2007)).toBeNull();
  });

  it('judges 减少15% on the level against the baseline: 600 documents after 730 is met', () => {
    const target: AttainmentTarget = { kind: 'change', op: '<=', value: -15, unit: '%', period: null, deadline: null };
    const figures = [fig('2007-12-31', 600)];
    const baselineValue = baselineToDate(target, 730, figures, '2008-01-02', 2007);
    expect(targetAttainment(target, figures, '2008-01-02', { planYear: 2007, baselineValue })).toBe('met');
    const more = [fig('2007-12-31', 700)];
    expect(targetAttainment(target, more, '2008-01-02', { planYear: 2007, baselineValue })).toBe('missed');
  });
});

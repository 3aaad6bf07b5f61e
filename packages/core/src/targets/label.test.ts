import { describe, expect, it } from 'vitest';
import { type TargetLike, targetLabel } from './label.ts';

const t = (over: Partial<TargetLike>): TargetLike => ({
  kind: 'level',
  op: '>=',
  value: 90,
  unit: '%',
  period: null,
  baseline: null,
  ...over,
});

describe('targetLabel', () => {
  it.each([
    [t({}), '≥90%'],
    [t({ op: '<=', value: 3 }), '≤3%'],
    [t({ kind: 'frequency', value: 1, unit: '次', period: 'quarter' }), '每季度≥1次'],
    [t({ kind: 'change', op: '<=', value: -15, baseline: 'previous-year' }), '较上年≤-15%'],
    [t({ op: 'between', value: [2, 3], unit: '个' }), '2–3个'],
    [t({ op: '=', value: 0, unit: '栋' }), '=0栋'],
    [t({ value: 600, unit: '人', scope: 'each' }), '≥600人(每单位)'],
  ])('labels %o as %s', (target, label) => expect(targetLabel(target)).toBe(label));

  it('speaks English too', () => {
    expect(targetLabel(t({ kind: 'frequency', value: 1, unit: '次', period: 'quarter' }), 'en')).toBe('quarterly ≥1次');
    expect(targetLabel(t({ kind: 'change', op: '<', value: 0, baseline: 'previous-year' }), 'en')).toBe(
      'vs last year <0%',
    );
  });
});

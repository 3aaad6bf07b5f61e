import { describe, expect, it } from 'vitest';
import { type SiblingTarget, siblingLabels, type TargetLike, targetLabel, targetSubjects } from './label.ts';

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

describe('siblingLabels', () => {
  const parsed = (text: string, value: number, unit = '%'): SiblingTarget => ({ ...t({ value, unit }), text });

  it('tells two targets of one clause apart by the subjects it lists', () => {
    const clause = '年内劳务工医疗保险和工伤保险的覆盖面均要达到96%';
    expect(siblingLabels([parsed(clause, 96), parsed(clause, 96)])).toEqual(['劳务工医疗保险 ≥96%', '工伤保险 ≥96%']);
  });

  it('names what each target measures, and numbers two still alike', () => {
    expect(
      siblingLabels([parsed('即登记失业人员就业指导率100%', 100), parsed('失业人员求职登记后就业推荐率达100%', 100)]),
    ).toEqual(['登记失业人员就业指导率 ≥100%', '失业人员求职登记后就业推荐率 ≥100%']);
    expect(targetSubjects([parsed('达到100%', 100), parsed('达到100%', 100)])).toEqual(['①', '②']);
  });

  it('keeps a label a person set', () => {
    expect(targetSubjects([{ ...parsed('户籍人员养老、工伤保险全覆盖', 100), label: '养老保险' }])).toEqual([
      '养老保险',
    ]);
  });
});

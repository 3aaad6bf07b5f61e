import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KINDS, OPS, PERIODS } from '../schema/vocabulary.ts';
import {
  ATTAINMENTS,
  type Attainment,
  type AttainmentContext,
  type AttainmentTarget,
  currentFigure,
  type Figure,
  isCountUnit,
  rollupPercent,
  satisfies,
  targetAttainment,
  targetCurrentValue,
} from './attainment.ts';

const t = (over: Partial<AttainmentTarget>): AttainmentTarget => ({
  kind: 'level',
  op: '>=',
  value: 100,
  unit: '%',
  period: null,
  deadline: null,
  ...over,
});
/** A running total or rate standing for the year so far. */
const cum = (date: string, value: number): Figure => ({ date, value, cumulative: true });
/** The amount of one period alone. */
const per = (date: string, value: number): Figure => ({ date, value, cumulative: false });
const ctx = (over: Partial<AttainmentContext> = {}): AttainmentContext => ({ planYear: 2007, ...over });
const counts = (subject: string, ...keys: string[]) => keys.map((periodKey) => ({ subject, periodKey, count: 1 }));
const streets = Array.from({ length: 10 }, (_, i) => `街道${i + 1}`);
const halfYear = ['01', '02', '03', '04', '05', '06'].map((m) => `2007-M${m}`);

type Case = [string, AttainmentTarget, Figure[], string, AttainmentContext, Attainment];

// Every target of examples/luohu-2007-jichu.txt (the 42 the parser finds, in order), each in a scenario.
// 2007 has 364 days from 1 Jan to 31 Dec: on 1 July (day 181) the straight line stands at 49.7%.
const examplePlan: Case[] = [
  [
    '1 ≥90% by 党的十七大召开之前 (year end)',
    t({ value: 90, deadline: '党的十七大召开之前' }),
    [cum('2007-06-30', 60)],
    '2007-07-01',
    ctx(),
    'on-track',
  ],
  [
    '2 ≥12天 a year, per-period days add up',
    t({ value: 12, unit: '天', period: 'year' }),
    [per('2007-03-31', 4), per('2007-06-30', 3)],
    '2007-07-01',
    ctx(),
    'on-track',
  ],
  [
    '3 ≥6天 a year, short at year end',
    t({ value: 6, unit: '天', period: 'year' }),
    [per('2007-06-30', 1)],
    '2008-01-05',
    ctx(),
    'missed',
  ],
  [
    '4 每季度≥1次 per leader, all visited',
    t({ kind: 'frequency', value: 1, unit: '次', period: 'quarter' }),
    [],
    '2007-07-01',
    ctx({ counts: [...counts('甲', '2007-Q1', '2007-Q2'), ...counts('乙', '2007-Q1', '2007-Q2')] }),
    'met',
  ],
  [
    '5 每两个月≥1次, 1 miss in 20',
    t({ kind: 'frequency', value: 1, unit: '次', period: 'two-months' }),
    [],
    '2007-05-01',
    ctx({
      subjects: streets,
      counts: streets.flatMap((s, i) => counts(s, ...(i === 9 ? ['2007-B1'] : ['2007-B1', '2007-B2']))),
    }),
    'at-risk',
  ],
  [
    '6 每周≥1篇 diary, 2 of 3 weeks missing',
    t({ kind: 'frequency', value: 1, unit: '篇', period: 'week' }),
    [],
    '2007-01-22',
    ctx({ subjects: ['驻社区干部'], counts: counts('驻社区干部', '2007-W01') }),
    'missed',
  ],
  [
    '7 全区每季度≥1次, first quarter not closed',
    t({ kind: 'frequency', value: 1, unit: '次', period: 'quarter' }),
    [],
    '2007-03-31',
    ctx({ counts: counts('区', '2007-Q1') }),
    'on-track',
  ],
  [
    '8 街道每月≥1次, nothing logged',
    t({ kind: 'frequency', value: 1, unit: '次', period: 'month' }),
    [],
    '2007-07-01',
    ctx({ subjects: streets }),
    'no-data',
  ],
  [
    '9 change ≤-15% vs previous year, -20%',
    t({ kind: 'change', op: '<=', value: -15 }),
    [cum('2007-12-31', 160)],
    '2008-01-10',
    ctx({ baselineValue: 200 }),
    'met',
  ],
  [
    '10 每年≥1次 training, one street short',
    t({ kind: 'frequency', value: 1, unit: '次', period: 'year' }),
    [],
    '2008-01-02',
    ctx({ subjects: ['甲', '乙'], counts: counts('甲', '2007') }),
    'missed',
  ],
  [
    '11 change >0, +16.7% so far',
    t({ kind: 'change', op: '>', value: 0 }),
    [per('2007-03-31', 40), per('2007-06-30', 30)],
    '2007-07-01',
    ctx({ baselineValue: 60 }),
    'on-track',
  ],
  [
    '12 ≥70% 年内, short on its last day',
    t({ value: 70, deadline: '年内' }),
    [cum('2007-12-01', 65)],
    '2007-12-31',
    ctx(),
    'at-risk',
  ],
  ['13 ≥80% 年内, reached', t({ value: 80, deadline: '年内' }), [cum('2007-12-01', 85)], '2008-01-01', ctx(), 'met'],
  ['14 ≥30% 年内, no figures', t({ value: 30, deadline: '年内' }), [], '2007-07-01', ctx(), 'no-data'],
  ['15 ≤3% 失业率, under', t({ op: '<=', value: 3 }), [cum('2007-04-30', 2.8)], '2007-05-01', ctx(), 'on-track'],
  ['16 ≥100% 就业指导率, reached', t({}), [cum('2007-12-31', 100)], '2008-01-05', ctx(), 'met'],
  ['17 ≥100% 推荐率, short', t({}), [cum('2007-12-01', 98)], '2008-01-01', ctx(), 'missed'],
  ['18 ≥100% 补贴, ahead of the line', t({}), [cum('2007-02-28', 20)], '2007-03-01', ctx(), 'on-track'],
  ['19 ≥100% 贷款, behind the line', t({}), [cum('2007-08-31', 50)], '2007-09-01', ctx(), 'at-risk'],
  [
    '20 ≥100% 灭零率 from 80%, behind',
    t({}),
    [cum('2007-06-30', 88)],
    '2007-07-02',
    ctx({ startValue: 80 }),
    'at-risk',
  ],
  ['21 ≥50% 充分就业社区, exactly', t({ value: 50 }), [cum('2007-12-31', 50)], '2008-01-01', ctx(), 'met'],
  [
    '22 ≥96% 医疗保险 年内, percentages not summed',
    t({ value: 96, deadline: '年内' }),
    [per('2007-06-30', 50), per('2007-12-31', 97)],
    '2008-01-02',
    ctx(),
    'met',
  ],
  [
    '23 ≥96% 工伤保险 年内, latest counts, not the sum',
    t({ value: 96, deadline: '年内' }),
    [per('2007-06-30', 60), per('2007-12-31', 50)],
    '2008-01-02',
    ctx(),
    'missed',
  ],
  ['24 ≥100% 全覆盖, before the deadline', t({}), [cum('2007-06-30', 100)], '2007-07-01', ctx(), 'on-track'],
  ['25 ≥96% 综合参保率, just short', t({ value: 96 }), [cum('2007-12-31', 95.9)], '2008-01-01', ctx(), 'missed'],
  [
    '26 ≥100% 年内检查率 from parts',
    t({ deadline: '年内' }),
    [
      cum(
        '2007-12-31',
        rollupPercent([
          { numerator: 3, denominator: 4 },
          { numerator: 96, denominator: 96 },
        ]) ?? 0,
      ),
    ],
    '2008-01-01',
    ctx(),
    'missed',
  ],
  [
    '27 ≥12家 年内, three quarters add up',
    t({ value: 12, unit: '家', deadline: '年内' }),
    [per('2007-03-31', 3), per('2007-06-30', 4), per('2007-09-30', 5)],
    '2008-01-01',
    ctx(),
    'met',
  ],
  [
    '28 ≥600人 each street',
    t({ value: 600, unit: '人' }),
    [per('2007-06-30', 300), per('2007-11-30', 350)],
    '2008-01-01',
    ctx(),
    'met',
  ],
  [
    '29 ≥67人, total then a quarter, behind',
    t({ value: 67, unit: '人' }),
    [cum('2007-06-30', 30), per('2007-09-30', 10)],
    '2007-10-01',
    ctx(),
    'at-risk',
  ],
  [
    // A count that reached its floor cannot fall back: done before the deadline.
    '30 ≥1020人, reached before the deadline',
    t({ value: 1020, unit: '人' }),
    [cum('2007-11-30', 1020)],
    '2007-12-01',
    ctx(),
    'met',
  ],
  [
    '31 =0栋 违法建筑, one built',
    t({ op: '=', value: 0, unit: '栋' }),
    [per('2007-05-31', 0), per('2007-06-30', 1)],
    '2007-07-01',
    ctx(),
    'at-risk',
  ],
  [
    '32 between 2–3个 示范社区, one so far',
    t({ op: 'between', value: [2, 3], unit: '个' }),
    [per('2007-06-30', 1)],
    '2007-07-01',
    ctx(),
    'on-track',
  ],
  ['33 ≥100% 义工网络, no figures', t({}), [], '2008-01-01', ctx(), 'no-data'],
  ['34 ≥1次 training this year', t({ value: 1, unit: '次' }), [per('2007-08-31', 1)], '2008-01-01', ctx(), 'met'],
  [
    '35 每月≥1次 per street, 6 misses in 60 (10%)',
    t({ kind: 'frequency', value: 1, unit: '次', period: 'month' }),
    [],
    '2007-07-01',
    ctx({ subjects: streets, counts: streets.flatMap((s, i) => counts(s, ...halfYear.slice(i < 6 ? 1 : 0))) }),
    'at-risk',
  ],
  [
    // 1–3 January 2007 were the New Year holiday, 6–7 a weekend: only working days count.
    '36 每天≥1次 班前会, every working day so far',
    t({ kind: 'frequency', value: 1, unit: '次', period: 'day' }),
    [],
    '2007-01-08',
    ctx({ counts: counts('执法队', '2007-01-04', '2007-01-05') }),
    'met',
  ],
  ['37 ≥90% 警力, kept', t({ value: 90 }), [cum('2007-01-31', 91)], '2007-02-01', ctx(), 'on-track'],
  [
    '38 change <0 八类案件, down 4%',
    t({ kind: 'change', op: '<', value: 0 }),
    [per('2007-06-30', 20), per('2007-12-31', 28)],
    '2008-01-05',
    ctx({ baselineValue: 50 }),
    'met',
  ],
  [
    '39 change <0 两抢两盗, flat',
    t({ kind: 'change', op: '<', value: 0 }),
    [per('2007-12-31', 50)],
    '2008-01-05',
    ctx({ baselineValue: 50 }),
    'missed',
  ],
  [
    '40 ≥100% 预警上报 from parts',
    t({}),
    [
      cum(
        '2007-12-31',
        rollupPercent([
          { numerator: 5, denominator: 5 },
          { numerator: 3, denominator: 3 },
        ]) ?? 0,
      ),
    ],
    '2008-01-01',
    ctx(),
    'met',
  ],
  ['41 ≥100% 处置, only a figure dated after today', t({}), [cum('2007-08-31', 100)], '2007-07-01', ctx(), 'no-data'],
  [
    '42 ≥20家 安全达标, on the line',
    t({ value: 20, unit: '家' }),
    [per('2007-03-31', 5), per('2007-06-30', 5)],
    '2007-07-01',
    ctx(),
    'on-track',
  ],
];

const moreCases: Case[] = [
  [
    '30b ≥1020人, short of it before the deadline but on the line',
    t({ value: 1020, unit: '人' }),
    [cum('2007-11-30', 1000)],
    '2007-12-01',
    ctx(),
    'on-track',
  ],
  [
    // A rate can still fall: reaching 90% in June is on track, not done.
    '30c ≥90%, reached before the deadline',
    t({ value: 90, unit: '%' }),
    [cum('2007-05-31', 95)],
    '2007-06-01',
    ctx(),
    'on-track',
  ],
  [
    // On the deadline day the figure is final if it holds; short of it, the day is not over yet.
    '30d ≥90%, on the deadline day',
    t({ value: 90, unit: '%' }),
    [cum('2007-11-30', 95)],
    '2007-12-31',
    ctx(),
    'met',
  ],
  [
    '30e ≥90%, short on the deadline day',
    t({ value: 90, unit: '%' }),
    [cum('2007-11-30', 85)],
    '2007-12-31',
    ctx(),
    'at-risk',
  ],
  // level, every op, before and after the deadline
  [
    '≤3% over the ceiling mid-year',
    t({ op: '<=', value: 3 }),
    [cum('2007-04-30', 3.2)],
    '2007-05-01',
    ctx(),
    'at-risk',
  ],
  [
    '≤3% over the ceiling at year end',
    t({ op: '<=', value: 3 }),
    [cum('2007-12-31', 3.2)],
    '2008-01-01',
    ctx(),
    'missed',
  ],
  ['≤3% under at year end', t({ op: '<=', value: 3 }), [cum('2007-12-31', 3)], '2008-01-01', ctx(), 'met'],
  ['<5天 met', t({ op: '<', value: 5, unit: '天' }), [cum('2007-12-31', 4)], '2008-01-01', ctx(), 'met'],
  ['<5天 equal is missed', t({ op: '<', value: 5, unit: '天' }), [cum('2007-12-31', 5)], '2008-01-01', ctx(), 'missed'],
  ['<5天 over mid-year', t({ op: '<', value: 5, unit: '天' }), [cum('2007-03-31', 6)], '2007-04-01', ctx(), 'at-risk'],
  ['>0 家 met', t({ op: '>', value: 0, unit: '家' }), [per('2007-03-31', 1)], '2008-01-01', ctx(), 'met'],
  ['>0 家 missed', t({ op: '>', value: 0, unit: '家' }), [per('2007-03-31', 0)], '2008-01-01', ctx(), 'missed'],
  [
    '=0栋 none at year end',
    t({ op: '=', value: 0, unit: '栋' }),
    [per('2007-05-31', 0), per('2007-11-30', 0)],
    '2008-01-01',
    ctx(),
    'met',
  ],
  ['=0栋 one at year end', t({ op: '=', value: 0, unit: '栋' }), [per('2007-05-31', 1)], '2008-01-01', ctx(), 'missed'],
  ['=0栋 none so far', t({ op: '=', value: 0, unit: '栋' }), [per('2007-05-31', 0)], '2007-06-01', ctx(), 'on-track'],
  ['=100% behind the line', t({ op: '=', value: 100 }), [cum('2007-08-31', 10)], '2007-09-01', ctx(), 'at-risk'],
  [
    'between 2–3个 two at year end',
    t({ op: 'between', value: [2, 3], unit: '个' }),
    [per('2007-06-30', 1), per('2007-10-31', 1)],
    '2008-01-01',
    ctx(),
    'met',
  ],
  [
    'between 2–3个 three at year end',
    t({ op: 'between', value: [2, 3], unit: '个' }),
    [per('2007-10-31', 3)],
    '2008-01-01',
    ctx(),
    'met',
  ],
  [
    'between 2–3个 four at year end',
    t({ op: 'between', value: [2, 3], unit: '个' }),
    [per('2007-06-30', 4)],
    '2008-01-01',
    ctx(),
    'missed',
  ],
  [
    'between 2–3个 four mid-year',
    t({ op: 'between', value: [2, 3], unit: '个' }),
    [per('2007-06-30', 4)],
    '2007-07-01',
    ctx(),
    'at-risk',
  ],
  [
    'between 2–3个 none by autumn',
    t({ op: 'between', value: [2, 3], unit: '个' }),
    [per('2007-06-30', 0)],
    '2007-10-01',
    ctx(),
    'at-risk',
  ],
  // the straight line from a start value, and from a later plan start
  ['≥100% from 80%, ahead', t({}), [cum('2007-06-30', 92)], '2007-07-02', ctx({ startValue: 80 }), 'on-track'],
  // 91 of 183 days: the line stands at 5.97.
  [
    '≥12家 plan from 1 July: on 30 Sept 6 is ahead',
    t({ value: 12, unit: '家' }),
    [per('2007-08-31', 6)],
    '2007-09-30',
    ctx({ planStart: '2007-07-01' }),
    'on-track',
  ],
  [
    '≥12家 plan from 1 July: on 30 Sept 5 trails',
    t({ value: 12, unit: '家' }),
    [per('2007-08-31', 5)],
    '2007-09-30',
    ctx({ planStart: '2007-07-01' }),
    'at-risk',
  ],
  // deadlines
  [
    '≥12家 6月底前 reached',
    t({ value: 12, unit: '家', deadline: '6月底前' }),
    [cum('2007-06-30', 12)],
    '2007-07-01',
    ctx(),
    'met',
  ],
  [
    '≥12家 6月底前 short',
    t({ value: 12, unit: '家', deadline: '6月底前' }),
    [cum('2007-06-30', 10)],
    '2007-07-01',
    ctx(),
    'missed',
  ],
  [
    '≥12家 6月底前, half-way on 1 April',
    t({ value: 12, unit: '家', deadline: '6月底前' }),
    [cum('2007-03-31', 5)],
    '2007-04-01',
    ctx(),
    'at-risk',
  ],
  [
    '≥12家 上半年 short',
    t({ value: 12, unit: '家', deadline: '上半年' }),
    [cum('2007-06-30', 10)],
    '2007-07-01',
    ctx(),
    'missed',
  ],
  [
    '≥12家 11月底前, on 30 Nov still open',
    t({ value: 12, unit: '家', deadline: '11月底前' }),
    [cum('2007-11-29', 10)],
    '2007-11-30',
    ctx(),
    'at-risk',
  ],
  [
    '≥12家 11月底前, 1 Dec closed',
    t({ value: 12, unit: '家', deadline: '11月底前' }),
    [cum('2007-11-29', 12)],
    '2007-12-01',
    ctx(),
    'met',
  ],
  [
    '≥90% 国庆节前 reads as year end',
    t({ value: 90, deadline: '国庆节前' }),
    [cum('2007-10-31', 80)],
    '2007-11-01',
    ctx(),
    'on-track',
  ],
  [
    '≥90% 2008年12月31日前 still open in January',
    t({ value: 90, deadline: '2008年12月31日前' }),
    [cum('2007-12-31', 50)],
    '2008-01-02',
    ctx(),
    'on-track',
  ],
  // change: percent and percentage points, missing baseline, zero baseline
  [
    'change ≤-15% only -10% mid-year',
    t({ kind: 'change', op: '<=', value: -15 }),
    [per('2007-06-30', 90)],
    '2007-07-01',
    ctx({ baselineValue: 100 }),
    'at-risk',
  ],
  [
    'change ≤-15% no baseline',
    t({ kind: 'change', op: '<=', value: -15 }),
    [per('2007-06-30', 90)],
    '2007-07-01',
    ctx(),
    'no-data',
  ],
  [
    'change ≤-15% no figures',
    t({ kind: 'change', op: '<=', value: -15 }),
    [],
    '2007-07-01',
    ctx({ baselineValue: 100 }),
    'no-data',
  ],
  [
    'change >0 from nothing',
    t({ kind: 'change', op: '>', value: 0 }),
    [per('2007-06-30', 3)],
    '2008-01-01',
    ctx({ baselineValue: 0 }),
    'met',
  ],
  [
    'change ≥10% exactly',
    t({ kind: 'change', op: '>=', value: 10 }),
    [cum('2007-12-31', 110)],
    '2008-01-01',
    ctx({ baselineValue: 100 }),
    'met',
  ],
  [
    'change ≤-0.2个百分点 rate 3.2 → 2.9',
    t({ kind: 'change', op: '<=', value: -0.2, unit: '个百分点' }),
    [cum('2007-06-30', 3.5), cum('2007-12-31', 2.9)],
    '2008-01-01',
    ctx({ baselineValue: 3.2 }),
    'met',
  ],
  [
    'change between 5–10% at +12%',
    t({ kind: 'change', op: 'between', value: [5, 10] }),
    [cum('2007-12-31', 112)],
    '2008-01-01',
    ctx({ baselineValue: 100 }),
    'missed',
  ],
  [
    'change =0% flat',
    t({ kind: 'change', op: '=', value: 0 }),
    [cum('2007-12-31', 100)],
    '2008-01-01',
    ctx({ baselineValue: 100 }),
    'met',
  ],
  // frequency edges
  [
    '每月≥1次 7 misses in 60',
    t({ kind: 'frequency', value: 1, unit: '次', period: 'month' }),
    [],
    '2007-07-01',
    ctx({ subjects: streets, counts: streets.flatMap((s, i) => counts(s, ...halfYear.slice(i < 7 ? 1 : 0))) }),
    'missed',
  ],
  [
    '每月≤2次 a subject over',
    t({ kind: 'frequency', op: '<=', value: 2, unit: '次', period: 'month' }),
    [],
    '2007-02-01',
    ctx({ counts: [{ subject: '甲', periodKey: '2007-M01', count: 3 }] }),
    'missed',
  ],
  [
    '每月≥2次 counts add up',
    t({ kind: 'frequency', value: 2, unit: '次', period: 'month' }),
    [],
    '2007-02-01',
    ctx({ counts: counts('甲', '2007-M01', '2007-M01') }),
    'met',
  ],
  [
    '每季度≥1次 given closed periods',
    t({ kind: 'frequency', value: 1, unit: '次', period: 'quarter' }),
    [],
    '2007-12-01',
    ctx({ closedPeriods: ['2007-Q1'], counts: counts('甲', '2007-Q1') }),
    'met',
  ],
  [
    'no period reads as yearly',
    t({ kind: 'frequency', value: 1, unit: '次', period: null }),
    [],
    '2008-01-01',
    ctx({ counts: counts('甲', '2007') }),
    'met',
  ],
  [
    'every week of 2007 logged',
    t({ kind: 'frequency', value: 1, unit: '篇', period: 'week' }),
    [],
    '2008-01-01',
    ctx({ counts: counts('甲', ...Array.from({ length: 52 }, (_, i) => `2007-W${String(i + 1).padStart(2, '0')}`)) }),
    'met',
  ],
  // malformed input
  ['today not a date', t({}), [cum('2007-06-30', 60)], 'tomorrow', ctx(), 'no-data'],
  ['a figure with a bad date is ignored', t({}), [cum('2007-13-01', 100)], '2008-01-01', ctx(), 'no-data'],
  [
    'last year’s figures are ignored',
    t({ value: 12, unit: '家' }),
    [per('2006-12-31', 12)],
    '2008-01-01',
    ctx(),
    'no-data',
  ],
];

describe('targetAttainment', () => {
  it('covers all 42 targets of the example plan', () => expect(examplePlan).toHaveLength(42));

  it.each([...examplePlan, ...moreCases])('%s → %s', (_, target, figures, today, context, expected) => {
    expect(targetAttainment(target, figures, today, context)).toBe(expected);
  });

  it('says nothing of a frequency duty before a period closes when nothing is logged, on track once something is', () => {
    const duty = { kind: 'frequency', op: '>=', value: 1, unit: '次', period: 'quarter', deadline: null } as const;
    const counts = (n: number) => [
      { subject: 'a', periodKey: '2007-Q3', count: n },
      { subject: 'b', periodKey: '2007-Q3', count: 0 },
    ];
    const context = { planYear: 2007, subjects: ['a', 'b'], closedPeriods: [] };
    expect(targetAttainment(duty, [], '2007-08-01', { ...context, counts: counts(0) })).toBe('no-data');
    expect(targetAttainment(duty, [], '2007-08-01', { ...context, counts: counts(1) })).toBe('on-track');
  });

  it('never throws and always answers one of the five', () => {
    const isoDay = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const day = fc.oneof(isoDay, fc.string());
    const num = fc.oneof(fc.double(), fc.integer({ min: -5, max: 1000 }));
    const target = fc.record({
      kind: fc.constantFrom(...KINDS),
      op: fc.constantFrom(...OPS),
      value: fc.oneof(num, fc.tuple(num, num)),
      unit: fc.oneof(fc.constantFrom('%', '个百分点', '次', '家', '人', '万元', '天', '栋', ''), fc.string()),
      period: fc.constantFrom(...PERIODS, null),
      deadline: fc.oneof(
        fc.constant(null),
        fc.constantFrom('年内', '6月底前', '2024年12月31日前', '0000年2月29日', '十十十月底', '上半年'),
        fc.string(),
      ),
    });
    const figure = fc.record({ date: day, value: num, cumulative: fc.boolean() });
    const context = fc.record(
      {
        planYear: fc.oneof(fc.integer({ min: 2000, max: 2030 }), fc.integer()),
        planStart: day,
        startValue: num,
        baselineValue: fc.oneof(num, fc.constant(null)),
        counts: fc.array(
          fc.record({
            subject: fc.constantFrom('甲', '乙'),
            periodKey: fc.constantFrom('2007', '2007-Q1', '2007-M01', '2007-W01', '2007-B1', '2007-01-01'),
            count: num,
          }),
        ),
        subjects: fc.array(fc.string(), { maxLength: 3 }),
        closedPeriods: fc.array(fc.string(), { maxLength: 3 }),
      },
      { requiredKeys: ['planYear'] },
    );
    fc.assert(
      fc.property(target, fc.array(figure, { maxLength: 5 }), day, context, (tg, figures, today, c) => {
        expect(ATTAINMENTS).toContain(targetAttainment(tg, figures, today, c));
      }),
      { numRuns: 300 },
    );
  });
});

describe('targetCurrentValue', () => {
  const f = (date: string, value: number, cumulative = false): Figure => ({ date, value, cumulative });

  it('sums the per-period figures of a count target, as attainment judges it', () => {
    const target = t({ unit: '家', value: 12 });
    const figures = [f('2007-10-31', 5), f('2007-11-30', 3), f('2007-12-31', 5)];
    expect(targetCurrentValue(target, figures, '2007-12-31', 2007)).toBe(13);
    expect(targetAttainment(target, figures, '2007-12-31', { planYear: 2007 })).toBe('met');
  });

  it('takes a running total from where it is given', () => {
    const figures = [f('2007-10-31', 5), f('2007-11-30', 9, true), f('2007-12-31', 2)];
    expect(targetCurrentValue(t({ unit: '家' }), figures, '2007-12-31', 2007)).toBe(11);
  });

  it('takes the latest figure of a rate', () => {
    const figures = [f('2007-10-31', 80), f('2007-11-30', 92)];
    expect(targetCurrentValue(t({ unit: '%' }), figures, '2007-12-31', 2007)).toBe(92);
  });

  it('leaves out figures after the day judged and before the plan’s year', () => {
    const figures = [f('2006-12-31', 7), f('2007-06-30', 2), f('2008-01-31', 4)];
    expect(targetCurrentValue(t({ unit: '家' }), figures, '2007-12-31', 2007)).toBe(2);
  });

  it('is null without figures and for a frequency target', () => {
    expect(targetCurrentValue(t({ unit: '家' }), [], '2007-12-31', 2007)).toBeNull();
    expect(
      targetCurrentValue(t({ kind: 'frequency', unit: '次' }), [f('2007-06-30', 2)], '2007-12-31', 2007),
    ).toBeNull();
  });
});

describe('satisfies', () => {
  it.each([
    [90, '>=', 90, true],
    [89.9, '>=', 90, false],
    [1, '>', 0, true],
    [0, '>', 0, false],
    [3, '<=', 3, true],
    [3.01, '<=', 3, false],
    [-1, '<', 0, true],
    [0, '<', 0, false],
    [0, '=', 0, true],
    [0.1 + 0.2, '=', 0.3, true],
    [2, 'between', [2, 3], true],
    [3, 'between', [2, 3], true],
    [3.5, 'between', [2, 3], false],
    [Number.NaN, '>=', 1, false],
  ] as const)('%d %s %o → %s', (amount, op, value, ok) => {
    expect(satisfies(amount, op, value as number | [number, number])).toBe(ok);
  });
});

describe('figures', () => {
  it('adds per-period figures onto the latest running total for count units', () => {
    expect(currentFigure([per('2007-09-30', 10), cum('2007-06-30', 30), per('2007-03-31', 99)], true)).toBe(40);
    expect(currentFigure([per('2007-03-31', 3), per('2007-06-30', 4)], true)).toBe(7);
  });

  it('takes the latest figure for percentages', () => {
    expect(currentFigure([per('2007-06-30', 50), per('2007-03-31', 60)], false)).toBe(50);
    expect(currentFigure([], false)).toBeNull();
  });

  it.each([
    ['次', true],
    ['家', true],
    ['人', true],
    ['万人', true],
    ['万元', true],
    ['%', false],
    ['个百分点', false],
    ['天', false],
    ['', false],
  ])('%s adds up: %s', (unit, count) => expect(isCountUnit(unit)).toBe(count));
});

describe('rollupPercent', () => {
  it('sums numerators and denominators instead of averaging percentages', () => {
    // 3/4 is 75% and 1/96 about 1%: their average would be 38%, the true share is 4%.
    expect(
      rollupPercent([
        { numerator: 3, denominator: 4 },
        { numerator: 1, denominator: 96 },
      ]),
    ).toBe(4);
    expect(rollupPercent([{ numerator: 45, denominator: 50 }])).toBe(90);
  });

  it('is null with nothing to divide by', () => {
    expect(rollupPercent([])).toBeNull();
    expect(rollupPercent([{ numerator: 0, denominator: 0 }])).toBeNull();
  });
});

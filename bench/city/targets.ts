import type { Insertable } from 'kysely';
import type { TargetTable } from '../../packages/server/src/db/schema.ts';
import type { Random } from './random.ts';

/** A target as the parser produces it, without its row's ids. */
export type TargetShape = Omit<Insertable<TargetTable>, 'id' | 'task_id' | 'position' | 'version'>;

const RATES = [
  '社区党组织覆盖率',
  '登记失业人员就业指导率',
  '户籍人员社会保险综合参保率',
  '专项检查率',
  '义工服务网络覆盖率',
];
const THINGS = [
  ['社康中心', '家'],
  ['社区党群服务中心', '个'],
  ['社区图书室', '所'],
  ['充电桩示范点', '个'],
] as const;
const AMOUNTS = ['印发的公文、召开的工作会议', '八类严重暴力犯罪案件数', '信访积案数量', '安全生产事故起数'];
const ACTIVITIES = [
  ['区级领导干部到挂钩联系点', '次'],
  ['召开驻社区工作会议', '次'],
  ['驻社区干部记录民情日记', '篇'],
  ['组织政治思想学习', '次'],
] as const;
const PERIOD_WORDS = {
  week: '每周',
  month: '每月',
  'two-months': '每两个月',
  quarter: '每季度',
  year: '每年',
} as const;

/**
 * One target of the kinds the parser finds in plan text (examples/luohu-2007-jichu.txt):
 * a level in percent ("90%以上", "控制在3%以内"), a count ("新建12家", "2—3个"), a change
 * against last year ("比上年度减少15%以上", "同比下降"), a frequency ("每季度不少于1次"),
 * and a yearly total of days ("累计不少于12天").
 */
export function targetShape(random: Random): TargetShape {
  const none = { value_high: null, period: null, baseline: null, deadline: null, condition: null, scope: null };
  const r = random.next();
  if (r < 0.3) {
    const value = random.pick([60, 70, 80, 85, 90, 95, 100]);
    const rate = random.pick(RATES);
    return { ...none, text: `${rate}达到${value}%以上`, kind: 'level', op: '>=', value, unit: '%' };
  }
  if (r < 0.38) {
    const value = random.pick([3, 5]);
    return { ...none, text: `城镇登记失业率控制在${value}%以内`, kind: 'level', op: '<=', value, unit: '%' };
  }
  if (r < 0.55) {
    const [thing, unit] = random.pick(THINGS);
    const value = random.int(5, 30);
    return {
      ...none,
      text: `年内全区新建${value}${unit}${thing}`,
      kind: 'level',
      op: '>=',
      value,
      unit,
      deadline: '年内',
    };
  }
  if (r < 0.6) {
    const low = random.int(2, 3);
    return {
      ...none,
      text: `重点推动规划建设${low}—${low + 1}个示范社区`,
      kind: 'level',
      op: 'between',
      value: low,
      value_high: low + 1,
      unit: '个',
    };
  }
  if (r < 0.68) {
    const value = random.pick([5, 10, 15, 20]);
    return {
      ...none,
      text: `${random.pick(AMOUNTS)}要比上年度减少${value}%以上`,
      kind: 'change',
      op: '<=',
      value: -value,
      unit: '%',
      baseline: 'previous-year',
    };
  }
  if (r < 0.75) {
    return {
      ...none,
      text: `${random.pick(AMOUNTS)}同比下降`,
      kind: 'change',
      op: '<',
      value: 0,
      unit: '%',
      baseline: 'previous-year',
    };
  }
  if (r < 0.95) {
    const period = random.pick(['week', 'month', 'two-months', 'quarter', 'year'] as const);
    const [activity, unit] = random.pick(ACTIVITIES);
    const value = period === 'week' || period === 'month' ? 1 : random.int(1, 2);
    return {
      ...none,
      text: `${PERIOD_WORDS[period]}${activity}不少于${value}${unit}`,
      kind: 'frequency',
      op: '>=',
      value,
      unit,
      period,
    };
  }
  const value = random.pick([6, 12]);
  return {
    ...none,
    text: `党员每年参加集体教育活动的时间累计不少于${value}天`,
    kind: 'level',
    op: '>=',
    value,
    unit: '天',
    period: 'year',
  };
}

/** A reported figure for a target, valid for its unit as the reports service checks it. */
export interface FigureShape {
  readonly value: number;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly cumulative: boolean;
}

/**
 * A month's figure for a target: shares in 0–100 (a third of them as numerator/denominator),
 * counts as whole numbers for the month, days and amounts for the month.
 */
export function figureFor(random: Random, target: { unit: string; op: string; value: number }): FigureShape {
  if (target.unit === '%') {
    if (target.op === '<=') return plain(Math.round(random.next() * 60) / 10);
    if (random.chance(0.33)) {
      const denominator = random.int(20, 500);
      const numerator = random.int(Math.floor(denominator * 0.5), denominator);
      return { value: (numerator / denominator) * 100, numerator, denominator, cumulative: false };
    }
    return plain(Math.round((50 + random.next() * 50) * 10) / 10);
  }
  if (target.unit === '天') return plain(random.int(0, 3));
  // Counts (家 个 所 次 篇): what the month added.
  return plain(random.int(0, 3));
}

function plain(value: number): FigureShape {
  return { value, numerator: null, denominator: null, cumulative: false };
}

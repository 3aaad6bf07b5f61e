import type { Indicator, Op, Period } from '../schema/plan.ts';

/**
 * A target in the short form people read on a board: ≥90%, ≤3%, 每季度≥1次, 较上年≤-15%, 2–3个.
 * Shared by the CLI tree, the import preview and the plan board.
 */

/** The fields a label needs: a parsed indicator or a stored target alike. */
export type TargetLike = Pick<Indicator, 'kind' | 'op' | 'value' | 'unit' | 'period' | 'baseline'> & {
  readonly scope?: string | null | undefined;
};

export type LabelLocale = 'zh-CN' | 'en';

const OPS: Readonly<Record<Op, string>> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<', between: '' };

const PERIODS: Readonly<Record<LabelLocale, Readonly<Record<Period, string>>>> = {
  'zh-CN': {
    day: '每天',
    week: '每周',
    month: '每月',
    'two-months': '每两个月',
    quarter: '每季度',
    'half-year': '每半年',
    year: '每年',
  },
  en: {
    day: 'daily ',
    week: 'weekly ',
    month: 'monthly ',
    'two-months': 'every 2 months ',
    quarter: 'quarterly ',
    'half-year': 'half-yearly ',
    year: 'yearly ',
  },
};

const CHANGE: Readonly<Record<LabelLocale, { readonly 'previous-year': string; readonly none: string }>> = {
  'zh-CN': { 'previous-year': '较上年', none: '变化' },
  en: { 'previous-year': 'vs last year ', none: 'change ' },
};

/** Whom a target binds when not the whole plan: each office, or one named office or area. */
function scopeLabel(scope: string | null | undefined, locale: LabelLocale): string {
  if (!scope) return '';
  if (scope === 'each') return locale === 'en' ? ' each' : '(每单位)';
  return locale === 'en' ? ` for ${scope}` : `(${scope})`;
}

/** The short label of a target, without its deadline. */
export function targetLabel(target: TargetLike, locale: LabelLocale = 'zh-CN'): string {
  const { op, value, unit, period, baseline, scope } = target;
  const change = target.kind === 'change' ? CHANGE[locale][baseline ?? 'none'] : '';
  const amount = Array.isArray(value) ? `${value[0]}–${value[1]}` : `${OPS[op]}${value}`;
  return `${change}${period === null ? '' : PERIODS[locale][period]}${amount}${unit}${scopeLabel(scope, locale)}`;
}

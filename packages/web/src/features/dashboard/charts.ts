import { periodLabel } from '@duban/core';
import type { TFunction } from 'i18next';
import { STATUS_COLORS, TASK_STATUSES } from '../plans/status';
import type { Dashboard, ProblemTrend, ReportingPeriod } from './api';
import { type ChartOption, escapeHtml } from './echarts';
import {
  type ComplianceCounts,
  type LeagueRow,
  ofOneYear,
  type StatusCounts,
  shortPeriodLabel,
  statusCounts,
} from './figures';

/**
 * ECharts measures text with this font to place labels; naming the CJK fonts the page will
 * really draw with keeps the measure true, so Chinese labels do not run into each other.
 */
export const CHART_FONT =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

export const SERIES_COLORS = {
  expected: '#bfbfbf',
  submitted: '#1677ff',
  onTime: '#52c41a',
  met: '#52c41a',
  missed: '#ff4d4f',
  open: '#91caff',
  opened: '#fa541c',
  closed: '#52c41a',
  openAtEnd: '#ffd591',
} as const;

/**
 * What every chart shares: the font, a legend along the top, tooltips. The legend wraps rather
 * than scrolls: a phone sees every series without paging.
 */
const BASE = {
  textStyle: { fontFamily: CHART_FONT },
  tooltip: { confine: true, textStyle: { fontFamily: CHART_FONT } },
  legend: { top: 0 },
  animation: false,
} as const;

/** What ECharts hands a tooltip formatter about one series at the pointer. */
interface TipParams {
  readonly dataIndex: number;
  readonly seriesIndex: number;
  /** ECharts' own coloured dot, as markup. */
  readonly marker: string;
  readonly seriesName: string;
  readonly name: string;
  readonly value: unknown;
  readonly percent?: number;
}

const tipList = (params: unknown): TipParams[] => (Array.isArray(params) ? params : [params]) as TipParams[];

/**
 * A tooltip's HTML: a heading line, then a line per series after its marker. Every text is
 * escaped (titles come from documents and users); the markers are ECharts' own markup.
 */
function tooltipHtml(head: string, lines: readonly { readonly marker: string; readonly text: string }[]): string {
  return [...(head === '' ? [] : [escapeHtml(head)]), ...lines.map((l) => `${l.marker}${escapeHtml(l.text)}`)].join(
    '<br/>',
  );
}

/** An axis tooltip: the category named by `head`, then each series' value as `value` writes it. */
function axisTooltip(head: (dataIndex: number) => string, value: (p: TipParams) => string = (p) => String(p.value)) {
  return (params: unknown) => {
    const list = tipList(params);
    return tooltipHtml(
      head(list[0]?.dataIndex ?? 0),
      list.map((p) => ({ marker: p.marker, text: `${p.seriesName}:${value(p)}` })),
    );
  };
}

/** Room above the plot for the legend: one line, or two when five statuses wrap on a phone. */
const legendRoom = (twoLines: boolean) => (twoLines ? 60 : 36);

/** Statuses whose light colours take dark text; the others white. */
const DARK_LABEL: ReadonlySet<string> = new Set(['atRisk', 'noData']);

/** Labels of a horizontal bar chart's categories: narrower on a phone, cut with … when long. */
function categoryLabel(narrow: boolean) {
  return { width: narrow ? 100 : 160, overflow: 'truncate', ellipsis: '…' } as const;
}

/** A donut of the tasks by status. */
export function statusPie(counts: StatusCounts, t: TFunction): ChartOption {
  return {
    ...BASE,
    tooltip: {
      ...BASE.tooltip,
      trigger: 'item',
      formatter: (params: unknown) =>
        tooltipHtml(
          '',
          tipList(params).map((p) => ({ marker: p.marker, text: `${p.name}:${p.value}(${p.percent ?? 0}%)` })),
        ),
    },
    legend: { ...BASE.legend, top: undefined, bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '66%'],
        center: ['50%', '45%'],
        label: { formatter: '{c}' },
        labelLayout: { hideOverlap: true },
        data: TASK_STATUSES.map((s) => ({
          name: t(`status.${s}`),
          value: counts[s],
          itemStyle: { color: STATUS_COLORS[s].edge },
          // A slice of nothing has no place for a label.
          label: { show: counts[s] > 0 },
          labelLine: { show: counts[s] > 0 },
        })),
      },
    ],
  };
}

/** The tasks of each section, stacked by status; sections down the side in plan order. */
export function sectionBars(sections: Dashboard['sections'], t: TFunction, narrow: boolean): ChartOption {
  const counts = sections.map((s) => statusCounts(s.statuses));
  return {
    ...BASE,
    tooltip: {
      ...BASE.tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: axisTooltip((i) => (sections[i] ? `${sections[i].number}、${sections[i].title}` : '')),
    },
    grid: { top: legendRoom(narrow), left: 8, right: 16, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: sections.map((s) => `${s.number}、${s.title}`),
      axisLabel: categoryLabel(narrow),
    },
    series: TASK_STATUSES.map((s) => ({
      type: 'bar',
      name: t(`status.${s}`),
      stack: 'tasks',
      barMaxWidth: 28,
      itemStyle: { color: STATUS_COLORS[s].edge },
      label: {
        show: true,
        color: DARK_LABEL.has(s) ? '#262626' : '#fff',
        formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ''),
      },
      data: counts.map((c) => c[s]),
    })),
  };
}

/** Reports owed, handed in and handed in on time, per reporting period. */
export function reportingBars(periods: readonly ReportingPeriod[], t: TFunction): ChartOption {
  const oneYear = ofOneYear(periods.map((p) => p.periodKey));
  const series = (['expected', 'submitted', 'onTime'] as const).map((k) => ({
    type: 'bar' as const,
    name: t(`dashboard.series.${k}`),
    barMaxWidth: 16,
    itemStyle: { color: SERIES_COLORS[k] },
    data: periods.map((p) => p[k]),
  }));
  return {
    ...BASE,
    tooltip: {
      ...BASE.tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // The axis shows short labels; the tooltip names the period in full.
      formatter: axisTooltip((i) => (periods[i] ? periodLabel(periods[i].periodKey) : '')),
    },
    grid: { top: 36, left: 8, right: 8, bottom: 8 },
    xAxis: { type: 'category', data: periods.map((p) => shortPeriodLabel(p.periodKey, oneYear)) },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
}

/** Offices' on-time rates as bars, in the order given; the worst drawn in red. */
export function onTimeBars(rows: readonly LeagueRow[], t: TFunction, narrow: boolean, worst: boolean): ChartOption {
  return {
    ...BASE,
    legend: { show: false },
    tooltip: {
      ...BASE.tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: axisTooltip(
        (i) => rows[i]?.name ?? '',
        (p) => `${p.value}%`,
      ),
    },
    grid: { top: 8, left: 8, right: 40, bottom: 8 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: categoryLabel(narrow) },
    series: [
      {
        type: 'bar',
        name: t('dashboard.league.onTimeRate'),
        barMaxWidth: 16,
        itemStyle: { color: worst ? SERIES_COLORS.missed : SERIES_COLORS.submitted },
        label: { show: true, position: 'right', formatter: '{c}%' },
        data: rows.map((r) => r.onTimeRate ?? 0),
      },
    ],
  };
}

/**
 * Per frequency target, the shares of its subject × period cells met, missed and still open,
 * stacked to 100%: targets over one office and over hundreds of cadres read on one scale. The
 * tooltip gives the counts.
 */
export function complianceBars(rows: readonly ComplianceCounts[], t: TFunction, narrow: boolean): ChartOption {
  const keys = ['met', 'missed', 'open'] as const;
  const share = (r: ComplianceCounts, k: (typeof keys)[number]) => {
    const all = r.met + r.missed + r.open;
    return all > 0 ? Math.round((r[k] / all) * 1000) / 10 : 0;
  };
  return {
    ...BASE,
    tooltip: {
      ...BASE.tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = tipList(params);
        const row = rows[list[0]?.dataIndex ?? 0];
        if (!row) return '';
        const lines = list.map((p) => {
          const k = keys[p.seriesIndex] ?? 'met';
          return { marker: p.marker, text: `${p.seriesName}:${row[k]}(${share(row, k)}%)` };
        });
        return tooltipHtml(row.text, lines);
      },
    },
    grid: { top: legendRoom(false), left: 8, right: 16, bottom: 8 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.text), axisLabel: categoryLabel(narrow) },
    series: keys.map((k) => ({
      type: 'bar',
      name: t(`dashboard.series.${k}`),
      stack: 'cells',
      barMaxWidth: 24,
      itemStyle: { color: SERIES_COLORS[k] },
      data: rows.map((r) => share(r, k)),
    })),
  };
}

/** Problems opened and closed each month (lines), and how many were still open at its end (bars). */
export function problemLines(trend: ProblemTrend, t: TFunction): ChartOption {
  // Months as 3月 on the axis; the year under the first month and under each January.
  const label = (month: string, i: number) => {
    const m = `${Number(month.slice(5, 7))}月`;
    return i === 0 || month.endsWith('-01') ? `${m}\n${month.slice(0, 4)}` : m;
  };
  return {
    ...BASE,
    tooltip: {
      ...BASE.tooltip,
      trigger: 'axis',
      formatter: axisTooltip((i) => {
        const month = trend.months[i]?.month ?? '';
        return month === '' ? '' : `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
      }),
    },
    grid: { top: 36, left: 8, right: 8, bottom: 8 },
    xAxis: {
      type: 'category',
      data: trend.months.map((m) => `${m.month.slice(0, 4)}年${Number(m.month.slice(5, 7))}月`),
      axisLabel: { formatter: (_: string, i: number) => label(trend.months[i]?.month ?? '', i) },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('dashboard.series.openAtEnd'),
        barMaxWidth: 20,
        itemStyle: { color: SERIES_COLORS.openAtEnd },
        data: trend.months.map((m) => m.openAtEnd),
      },
      ...(['opened', 'closed'] as const).map((k) => ({
        type: 'line' as const,
        name: t(`dashboard.series.${k}`),
        symbolSize: 6,
        itemStyle: { color: SERIES_COLORS[k] },
        lineStyle: { color: SERIES_COLORS[k], width: 2 },
        data: trend.months.map((m) => m[k]),
      })),
    ],
  };
}

import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { zhCN } from '../../i18n/messages';
import type { Dashboard, LeagueOffice, ProblemTrend } from './api';
import { problemLines, reportingBars, sectionBars, statusPie } from './charts';
import {
  complianceCounts,
  headline,
  leagueRows,
  onTimeExtremes,
  percent,
  shortPeriodLabel,
  statusCounts,
  yearTo,
} from './figures';

const i18n = createInstance();
await i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN } } });
const t = i18n.t;

const dashboard: Dashboard = {
  planId: 'p1',
  date: '2026-11-27',
  cadence: 'monthly',
  period: { key: '2026-M11', start: '2026-11-01', end: '2026-11-30', due: '2026-11-30' },
  statuses: [
    { status: 'on-track', count: 5 },
    { status: 'late', count: 2 },
    { status: 'no-data', count: 19 },
  ],
  reportings: [
    { reporting: 'on-time', count: 20 },
    { reporting: 'missing', count: 6 },
  ],
  coordination: [],
  sections: [
    {
      sectionId: 's1',
      number: '一',
      title: '组织建设',
      statuses: [
        { status: 'on-track', count: 3 },
        { status: 'late', count: 1 },
      ],
      reportings: [{ reporting: 'on-time', count: 4 }],
    },
    {
      sectionId: 's2',
      number: '二',
      title: '阵地建设',
      statuses: [{ status: 'no-data', count: 4 }],
      reportings: [{ reporting: 'missing', count: 4 }],
    },
  ],
  targets: [
    { attainment: 'met', count: 3 },
    { attainment: 'missed', count: 1 },
    { attainment: 'no-data', count: 8 },
  ],
  reporting: [
    {
      periodKey: '2026-M10',
      start: '2026-10-01',
      end: '2026-10-31',
      due: '2026-10-31',
      expected: 30,
      submitted: 28,
      onTime: 25,
    },
    {
      periodKey: '2026-M11',
      start: '2026-11-01',
      end: '2026-11-30',
      due: '2026-11-30',
      expected: 30,
      submitted: 4,
      onTime: 4,
    },
  ],
  orders: { open: 2, overdue: 1, closed: 5 },
};

function office(officeId: string, rank: number, onTime = 1, expected = 2): LeagueOffice {
  return {
    officeId,
    name: officeId,
    kind: 'other',
    expected,
    submitted: onTime,
    onTime,
    targetsTotal: 0,
    targetsMet: 0,
    openOrders: 0,
    overdueOrders: 0,
    rank,
  };
}

describe('dashboard figures', () => {
  it('count every status, missing ones as 0, in the board’s names', () => {
    expect(statusCounts(dashboard.statuses)).toEqual({ onTrack: 5, atRisk: 0, late: 2, met: 0, noData: 19 });
  });

  it('head the page with tasks, targets met, this period’s reports and the orders', () => {
    const h = headline(dashboard);
    expect(h.tasks).toBe(26);
    expect([h.targetsMet, h.targetsTotal]).toEqual([3, 12]);
    expect(h.period).toEqual({ key: '2026-M11', due: '2026-11-30', expected: 30, submitted: 4, onTime: 4 });
    expect(h.orders).toEqual({ open: 2, overdue: 1, closed: 5 });
  });

  it('have no period figures outside the reporting periods, and none owed when the period has no row', () => {
    expect(headline({ ...dashboard, period: null }).period).toBeNull();
    const unlisted = { ...dashboard, reporting: [] };
    expect(headline(unlisted).period).toMatchObject({ expected: 0, submitted: 0, onTime: 0 });
  });

  it('give a rate only when something was owed', () => {
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBeNull();
  });

  it('mark the three best and three worst offices of a long league', () => {
    const rows = leagueRows([5, 1, 8, 2, 7, 3, 6, 4].map((r) => office(`o${r}`, r)));
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows.map((r) => r.standing)).toEqual(['top', 'top', 'top', null, null, 'bottom', 'bottom', 'bottom']);
  });

  it('share a mark on a tie, mark nobody when all tie, and never mark an office both ways', () => {
    const tied = leagueRows([1, 2, 3, 3, 5, 6, 7, 8].map((r, i) => office(`o${i}`, r)));
    expect(tied.filter((r) => r.standing === 'top').length).toBe(4);
    expect(leagueRows([1, 1, 1].map((r, i) => office(`o${i}`, r))).every((r) => r.standing === null)).toBe(true);
    const short = leagueRows([1, 2, 3, 4].map((r) => office(`o${r}`, r)));
    expect(short.map((r) => r.standing)).toEqual(['top', null, null, 'bottom']);
  });

  it('mark no end whose tie would take in more than six offices', () => {
    const rows = leagueRows([1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5].map((r, i) => office(`o${i}`, r)));
    expect(rows.filter((r) => r.standing === 'top').map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(rows.filter((r) => r.standing === 'bottom')).toEqual([]);
    const six = leagueRows([1, 2, 3, 4, 5, 5, 5, 5, 5, 5].map((r, i) => office(`o${i}`, r)));
    expect(six.filter((r) => r.standing === 'bottom').length).toBe(6);
  });

  it('chart the ten best and ten worst on-time rates of a long league, all of a short one', () => {
    // Office i handed in i of 24 reports on time; office 'none' owed nothing.
    const long = leagueRows([
      ...Array.from({ length: 25 }, (_, i) => office(`o${i}`, 25 - i, i, 24)),
      office('none', 26, 0, 0),
    ]);
    const { best, worst } = onTimeExtremes(long);
    expect(best.map((r) => r.officeId)).toEqual(Array.from({ length: 10 }, (_, i) => `o${24 - i}`));
    expect(worst.map((r) => r.officeId)).toEqual(Array.from({ length: 10 }, (_, i) => `o${i}`));
    const short = onTimeExtremes(leagueRows([office('a', 2, 1, 4), office('b', 1, 3, 4), office('c', 3, 0, 0)]));
    expect(short.best.map((r) => r.officeId)).toEqual(['b', 'a']);
    expect(short.worst).toEqual([]);
  });

  it('rate each office on time, and leave offices that owed nothing unrated', () => {
    const [a, b] = leagueRows([office('a', 1, 3, 4), office('b', 2, 0, 0)]);
    expect(a?.onTimeRate).toBe(75);
    expect(b?.onTimeRate).toBeNull();
  });

  it('count the compliance cells of each frequency target', () => {
    const rows = complianceCounts([
      {
        targetId: 't1',
        text: '每月走访',
        cells: [
          { subject: 'a', periodKey: '2026-M10', count: 2, status: 'met' },
          { subject: 'b', periodKey: '2026-M10', count: 0, status: 'missed' },
          { subject: 'a', periodKey: '2026-M11', count: 0, status: 'open' },
          { subject: 'b', periodKey: '2026-M11', count: 1, status: 'met' },
        ],
      },
    ]);
    expect(rows).toEqual([{ targetId: 't1', text: '每月走访', met: 2, missed: 1, open: 1 }]);
  });

  it('read problems over the twelve months up to the date, across a year end', () => {
    expect(yearTo('2026-03-15')).toEqual({ from: '2025-04', to: '2026-03' });
    expect(yearTo('2026-12-31')).toEqual({ from: '2026-01', to: '2026-12' });
  });

  it('drop the year from period labels only when every period is of one year', () => {
    expect(shortPeriodLabel('2026-M03', true)).toBe('3月');
    expect(shortPeriodLabel('2026-Q2', true)).toBe('第2季度');
    expect(shortPeriodLabel('2026', true)).toBe('2026年度');
    expect(shortPeriodLabel('2026-M03', false)).toBe('2026年3月');
  });
});

/** The data of a chart's series, by series name. */
function seriesData(option: ReturnType<typeof sectionBars>): Map<string, unknown[]> {
  const list = Array.isArray(option.series) ? option.series : [option.series];
  return new Map(list.map((s) => [String(s?.name), (s?.data ?? []) as unknown[]]));
}

describe('dashboard charts', () => {
  it('draw every status as a slice named in Chinese, hiding labels of empty slices', () => {
    const option = statusPie(statusCounts(dashboard.statuses), t);
    const pie = (Array.isArray(option.series) ? option.series[0] : option.series) as {
      data: { name: string; value: number; label: { show: boolean } }[];
    };
    expect(pie.data.map((d) => [d.name, d.value, d.label.show])).toEqual([
      ['正常推进', 5, true],
      ['存在风险', 0, false],
      ['已滞后', 2, true],
      ['已完成', 0, false],
      ['暂无报送', 19, true],
    ]);
  });

  it('stack each section’s tasks by status, the stacks adding up to the section', () => {
    const option = sectionBars(dashboard.sections, t, false);
    const data = seriesData(option);
    expect(data.get('正常推进')).toEqual([3, 0]);
    expect(data.get('已滞后')).toEqual([1, 0]);
    expect(data.get('暂无报送')).toEqual([0, 4]);
    const totals = [0, 1].map((i) => [...data.values()].reduce((n: number, d) => n + Number(d[i]), 0));
    expect(totals).toEqual([4, 4]);
    expect((option.yAxis as { data: string[] }).data).toEqual(['一、组织建设', '二、阵地建设']);
  });

  it('show reports owed, in and on time per period, months without the year', () => {
    const option = reportingBars(dashboard.reporting, t);
    const data = seriesData(option);
    expect(data.get('应报')).toEqual([30, 30]);
    expect(data.get('已报')).toEqual([28, 4]);
    expect(data.get('按时报')).toEqual([25, 4]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['10月', '11月']);
  });

  it('draw problems opened and closed as lines over the open ones as bars', () => {
    const trend: ProblemTrend = {
      months: [
        { month: '2026-10', opened: 3, closed: 1, openAtEnd: 2 },
        { month: '2026-11', opened: 1, closed: 2, openAtEnd: 1 },
      ],
      byCategory: [],
    };
    const option = problemLines(trend, t);
    const list = option.series as { type: string; name: string; data: number[] }[];
    expect(list.map((s) => [s.type, s.name, s.data])).toEqual([
      ['bar', '月末未解决', [2, 1]],
      ['line', '新增问题', [3, 1]],
      ['line', '解决问题', [1, 2]],
    ]);
  });
});

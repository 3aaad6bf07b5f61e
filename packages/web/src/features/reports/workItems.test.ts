import { describe, expect, it } from 'vitest';
import type { PlanView } from '../plans/api';
import type { ReportSummary } from './api';
import { planPeriods, runsIn, workItems } from './workItems';

const plan = (id: string, year: number | null): PlanView =>
  ({
    id,
    title: id,
    year,
    sections: [
      {
        id: `${id}-s`,
        tasks: [
          {
            id: `${id}-t`,
            number: '1',
            assignments: [{ role: 'lead', office: { id: 'o1', name: '区卫生局' }, group: null }],
          },
          {
            id: `${id}-t2`,
            number: '2',
            assignments: [{ role: 'support', office: { id: 'o1', name: '区卫生局' }, group: null }],
          },
        ],
      },
    ],
  }) as unknown as PlanView;

const report = (taskId: string, periodKey: string, status: ReportSummary['status']): ReportSummary =>
  ({
    id: `${taskId}-${periodKey}`,
    taskId,
    officeId: 'o1',
    periodKey,
    status,
    dueDate: `${periodKey.slice(0, 4)}-${periodKey.slice(6)}-28`,
    nextReviewer: null,
  }) as unknown as ReportSummary;

describe('the reporter page’s periods', () => {
  it('puts each plan in its own period: this month, or the last month of a plan whose year has ended', () => {
    const periods = planPeriods([plan('old', 2007), plan('now', 2026)], '2026-12-08');
    expect(Object.fromEntries(periods)).toEqual({ old: '2007-M12', now: '2026-M12' });
  });

  it('asks only plans of the period’s year for reports', () => {
    expect(runsIn({ year: 2007 }, '2007-M06')).toBe(true);
    expect(runsIn({ year: 2007 }, '2026-M06')).toBe(false);
    expect(runsIn({ year: null }, '2026-M06')).toBe(true);
  });

  it('lists what is owed under every plan, each in its period, with returned and overdue first', () => {
    const plans = [plan('old', 2007), plan('now', 2026)];
    const periods = planPeriods(plans, '2026-12-08');
    const items = workItems({
      plans,
      reports: [report('now-t', '2026-M12', 'draft'), report('old-t2', '2007-M06', 'returned')],
      officeId: 'o1',
      periodOf: (p) => periods.get(p.id) ?? null,
      outstanding: true,
      today: '2026-12-08',
      viewer: 'reporter',
    });
    expect(items.map((i) => [i.task.id, i.periodKey, i.state, i.overdue])).toEqual([
      ['old-t2', '2007-M06', 'returned', true],
      ['old-t', '2007-M12', 'owed', true],
      ['old-t2', '2007-M12', 'owed', true],
      ['now-t', '2026-M12', 'draft', false],
      ['now-t2', '2026-M12', 'owed', false],
    ]);
  });

  it('shows one period alone when asked, without other periods’ returns', () => {
    const plans = [plan('old', 2007), plan('now', 2026)];
    const items = workItems({
      plans,
      reports: [report('old-t2', '2007-M06', 'returned')],
      officeId: null,
      periodOf: (p) => (runsIn(p, '2026-M11') ? '2026-M11' : null),
      outstanding: false,
      today: '2026-11-10',
      viewer: 'reporter',
    });
    expect(items.map((i) => i.plan.id)).toEqual(['now', 'now']);
    expect(items[0]).toMatchObject({ officeId: 'o1', role: 'lead', state: 'owed', dueDate: '2026-11-30' });
  });
});

describe('a task assigned mid-year on the reporter page', () => {
  it('is owed from its start date’s first full period, not before', () => {
    const p = plan('mid', 2007);
    const task = p.sections[0]?.tasks[0] as { startDate?: string | null };
    task.startDate = '2007-08-01';
    const owed = (period: string) =>
      workItems({
        plans: [p],
        reports: [],
        officeId: 'o1',
        periodOf: () => period,
        outstanding: false,
        today: '2007-12-08',
        viewer: 'reporter',
      }).map((i) => i.task.id);
    expect(owed('2007-M07')).toEqual(['mid-t2']);
    expect(owed('2007-M08')).toEqual(['mid-t', 'mid-t2']);
  });
});

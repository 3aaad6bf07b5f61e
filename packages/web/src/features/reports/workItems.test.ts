import { describe, expect, it } from 'vitest';
import type { PlanView } from '../plans/api';
import type { ReportSummary } from './api';
import { dueOf, periodIn, runsIn, taskPeriod, workItems } from './workItems';

const monthly = { cadence: 'monthly', dueWorkingDays: 5 };

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
  it('puts each task in its own period: this month, or the last month of a plan whose year has ended', () => {
    expect(taskPeriod({ year: 2007, date: null }, { cadence: null }, monthly, '2026-12-08')).toBe('2007-M12');
    expect(taskPeriod({ year: 2026, date: null }, { cadence: null }, monthly, '2026-12-08')).toBe('2026-M12');
  });

  it('reads the task’s own cadence, else the plan’s, as the status owes it', () => {
    const quarterly = { cadence: 'quarterly', dueWorkingDays: 5 };
    expect(taskPeriod({ year: 2007, date: null }, { cadence: null }, quarterly, '2026-12-08')).toBe('2007-Q4');
    expect(taskPeriod({ year: 2007, date: null }, { cadence: 'half-yearly' }, monthly, '2007-03-08')).toBe('2007-H1');
    expect(periodIn('2007-M11', { year: 2007 }, { cadence: null }, quarterly)).toBe('2007-Q4');
  });

  it('owes nothing before the first full period after the plan was issued', () => {
    expect(taskPeriod({ year: 2007, date: '2007-06-19' }, { cadence: null }, monthly, '2007-06-25')).toBe('2007-M07');
  });

  it('dates a period by the working-day rule, not its last day', () => {
    expect(dueOf(monthly, '2026-M11')).toBe('2026-12-07');
  });

  it('asks only plans of the period’s year for reports', () => {
    expect(runsIn({ year: 2007 }, '2007-M06')).toBe(true);
    expect(runsIn({ year: 2007 }, '2026-M06')).toBe(false);
    expect(runsIn({ year: null }, '2026-M06')).toBe(true);
  });

  it('lists what is owed under every plan, each in its period, with returned and overdue first', () => {
    const plans = [plan('old', 2007), plan('now', 2026)];
    const items = workItems({
      plans,
      reports: [report('now-t', '2026-M12', 'draft'), report('old-t2', '2007-M06', 'returned')],
      officeId: 'o1',
      periodOf: (p, k) => taskPeriod(p, k, monthly, '2026-12-08'),
      dueDateOf: (_, key) => dueOf(monthly, key),
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
      periodOf: (p, k) => periodIn('2026-M11', p, k, monthly),
      dueDateOf: (_, key) => dueOf(monthly, key),
      outstanding: false,
      today: '2026-11-10',
      viewer: 'reporter',
    });
    expect(items.map((i) => i.plan.id)).toEqual(['now', 'now']);
    expect(items[0]).toMatchObject({ officeId: 'o1', role: 'lead', state: 'owed', dueDate: '2026-12-07' });
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
        dueDateOf: () => null,
        outstanding: false,
        today: '2007-12-08',
        viewer: 'reporter',
      }).map((i) => i.task.id);
    expect(owed('2007-M07')).toEqual(['mid-t2']);
    expect(owed('2007-M08')).toEqual(['mid-t', 'mid-t2']);
  });
});

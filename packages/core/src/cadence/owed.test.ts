import { describe, expect, it } from 'vitest';
import {
  answersPeriod,
  effectiveCadence,
  firstOwedPeriod,
  owedPeriods,
  owesReport,
  periodToReport,
  reportDueDate,
} from './owed.ts';
import { dueDate, periodOfKey, periodsOf } from './periods.ts';

const rule = { year: 2007, issued: '2007-06-19', dueWorkingDays: 5 } as const;

describe('firstOwedPeriod', () => {
  it('is the first full period after a mid-year issue', () => {
    expect(firstOwedPeriod('monthly', '2007-06-19')?.key).toBe('2007-M07');
    expect(firstOwedPeriod('quarterly', '2007-06-19')?.key).toBe('2007-Q3');
    expect(firstOwedPeriod('half-yearly', '2007-06-19')?.key).toBe('2007-H2');
    expect(firstOwedPeriod('weekly', '2007-06-19')?.key).toBe('2007-W26');
  });
  it('is the period itself when the plan is issued on its first day', () => {
    expect(firstOwedPeriod('monthly', '2007-07-01')?.key).toBe('2007-M07');
    expect(firstOwedPeriod('yearly', '2007-01-01')?.key).toBe('2007');
  });
  it('is none when no period of the year starts after the issue', () => {
    expect(firstOwedPeriod('yearly', '2007-06-19')).toBeNull();
  });
});

describe('owedPeriods', () => {
  it('owes monthly reports from July, each due five working days after its month', () => {
    const owed = owedPeriods({ ...rule, cadence: 'monthly' }, 2007);
    expect(owed.map((p) => p.key)).toEqual(['2007-M07', '2007-M08', '2007-M09', '2007-M10', '2007-M11', '2007-M12']);
    // National Day week: September's report is due well into October.
    expect(owed.find((p) => p.key === '2007-M09')?.due).toBe('2007-10-12');
  });
  it('owes Q3 and Q4 of a quarterly plan issued in June, every quarter without an issue date', () => {
    expect(owedPeriods({ ...rule, cadence: 'quarterly' }, 2007).map((p) => p.key)).toEqual(['2007-Q3', '2007-Q4']);
    expect(owedPeriods({ ...rule, cadence: 'quarterly', issued: null }, 2007)).toHaveLength(4);
  });
});

describe('reportDueDate', () => {
  it('is core’s working-day due date, not the month’s last day', () => {
    expect(reportDueDate('2007-M06', 5)).toBe('2007-07-06');
    expect(reportDueDate('2007-Q4', 5)).toBe(dueDate(periodOfKey('2007-Q4') as never, 5));
    expect(reportDueDate('June', 5)).toBeNull();
  });
});

describe('answersPeriod', () => {
  const q4 = periodOfKey('2007-Q4') as NonNullable<ReturnType<typeof periodOfKey>>;
  it('takes the period’s own report and the report of its last month', () => {
    expect(answersPeriod('2007-Q4', q4)).toBe(true);
    expect(answersPeriod('2007-M12', q4)).toBe(true);
  });
  it('does not take an earlier month, another quarter or the year', () => {
    expect(answersPeriod('2007-M11', q4)).toBe(false);
    expect(answersPeriod('2007-Q3', q4)).toBe(false);
    expect(answersPeriod('2007', q4)).toBe(false);
  });
});

describe('periodToReport', () => {
  it('is the period of the day judged, in the task’s cadence', () => {
    expect(periodToReport({ ...rule, cadence: 'quarterly' }, '2007-12-31')?.key).toBe('2007-Q4');
    expect(periodToReport({ ...rule, cadence: 'monthly' }, '2007-11-05')?.key).toBe('2007-M11');
    expect(periodToReport({ ...rule, cadence: 'weekly' }, '2007-12-31')?.key).toBe('2007-W52');
  });
  it('is the first owed period before it begins', () => {
    expect(periodToReport({ ...rule, cadence: 'monthly' }, '2007-06-25')?.key).toBe('2007-M07');
    expect(periodToReport({ ...rule, cadence: 'half-yearly' }, '2007-03-01')?.key).toBe('2007-H2');
  });
  it('is none when the plan owes nothing of the cadence', () => {
    expect(periodToReport({ ...rule, cadence: 'yearly' }, '2007-12-31')).toBeNull();
  });
});

describe('effectiveCadence', () => {
  it('is the task’s own, else the plan’s, else monthly', () => {
    expect(effectiveCadence('quarterly', 'monthly')).toBe('quarterly');
    expect(effectiveCadence(null, 'half-yearly')).toBe('half-yearly');
    expect(effectiveCadence(null, 'fortnightly')).toBe('monthly');
  });
});

describe('owesReport', () => {
  it('owes every period when the task has no start date', () => {
    expect(periodsOf('monthly', 2007).filter((p) => owesReport(p, null))).toHaveLength(12);
  });

  it('owes from the first full period on or after the start date, for every cadence', () => {
    const owed = (cadence: Parameters<typeof periodsOf>[0], start: string) =>
      periodsOf(cadence, 2007)
        .filter((p) => owesReport(p, start))
        .map((p) => p.key);
    expect(owed('monthly', '2007-08-01')[0]).toBe('2007-M08');
    expect(owed('monthly', '2007-08-15')[0]).toBe('2007-M09');
    expect(owed('quarterly', '2007-08-01')).toEqual(['2007-Q4']);
    expect(owed('quarterly', '2007-07-01')).toEqual(['2007-Q3', '2007-Q4']);
    expect(owed('yearly', '2007-03-01')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { chinaDate } from './dates.ts';
import {
  CADENCES,
  dueDate,
  frequencyPeriods,
  isLate,
  isWorkingDay,
  lockDate,
  lockedSince,
  periodAt,
  periodOfKey,
  periodsOf,
  type ReportingPeriod,
  type Span,
} from './periods.ts';

describe('periodsOf', () => {
  it.each([
    ['monthly', 2007, 12, { key: '2007-M01', start: '2007-01-01', end: '2007-01-31' }, '2007-M12'],
    ['bimonthly', 2007, 6, { key: '2007-B1', start: '2007-01-01', end: '2007-02-28' }, '2007-B6'],
    ['quarterly', 2007, 4, { key: '2007-Q1', start: '2007-01-01', end: '2007-03-31' }, '2007-Q4'],
    ['half-yearly', 2007, 2, { key: '2007-H1', start: '2007-01-01', end: '2007-06-30' }, '2007-H2'],
    ['yearly', 2007, 1, { key: '2007', start: '2007-01-01', end: '2007-12-31' }, '2007'],
    ['weekly', 2007, 52, { key: '2007-W01', start: '2007-01-01', end: '2007-01-07' }, '2007-W52'],
    ['weekly', 2020, 53, { key: '2020-W01', start: '2019-12-30', end: '2020-01-05' }, '2020-W53'],
    ['daily', 2024, 366, { key: '2024-01-01', start: '2024-01-01', end: '2024-01-01' }, '2024-12-31'],
  ] as const)('%s %i has %i periods from %o to %s', (span, year, count, first, lastKey) => {
    const periods = periodsOf(span, year);
    expect(periods).toHaveLength(count);
    expect(periods[0]).toEqual(first);
    expect(periods.at(-1)?.key).toBe(lastKey);
  });

  it.each([...CADENCES, 'daily', 'bimonthly'] as Span[])('%s periods tile the year without gaps', (span) => {
    const periods = periodsOf(span, 2024);
    for (const [i, p] of periods.entries()) {
      expect(periodAt(span, p.start)).toEqual(p);
      expect(periodAt(span, p.end)).toEqual(p);
      const next = periods[i + 1];
      if (next) expect(new Date(next.start).getTime() - new Date(p.end).getTime()).toBe(86_400_000);
    }
  });

  it('has the June month, Q2, H1 and ISO week 23 of 2007', () => {
    expect(periodAt('monthly', '2007-06-15')).toEqual({ key: '2007-M06', start: '2007-06-01', end: '2007-06-30' });
    expect(periodAt('quarterly', '2007-06-15').key).toBe('2007-Q2');
    expect(periodAt('half-yearly', '2007-06-15').key).toBe('2007-H1');
    expect(periodAt('weekly', '2007-06-06')).toEqual({ key: '2007-W23', start: '2007-06-04', end: '2007-06-10' });
    expect(periodAt('yearly', '2007-06-15').key).toBe('2007');
  });
});

describe('ISO weeks across a year end', () => {
  it.each([
    ['2024-12-29', '2024-W52', '2024-12-23', '2024-12-29'],
    ['2024-12-30', '2025-W01', '2024-12-30', '2025-01-05'],
    ['2025-01-01', '2025-W01', '2024-12-30', '2025-01-05'],
    ['2021-01-01', '2020-W53', '2020-12-28', '2021-01-03'],
    ['2021-01-04', '2021-W01', '2021-01-04', '2021-01-10'],
    ['2008-12-29', '2009-W01', '2008-12-29', '2009-01-04'],
    ['2010-01-03', '2009-W53', '2009-12-28', '2010-01-03'],
  ])('%s is in %s (%s – %s)', (date, key, start, end) => {
    expect(periodAt('weekly', date)).toEqual({ key, start, end });
  });
});

describe('working days', () => {
  it.each([
    ['2024-09-29', true, '调休 Sunday before 国庆'],
    ['2024-10-01', false, '国庆'],
    ['2024-10-07', false, '国庆 last day'],
    ['2024-10-12', true, '调休 Saturday after 国庆'],
    ['2024-02-04', true, '调休 Sunday before 春节'],
    ['2024-02-10', false, '春节'],
    ['2024-02-17', false, '春节 last day'],
    ['2024-02-18', true, '调休 Sunday after 春节'],
    ['2024-11-30', false, 'ordinary Saturday'],
    ['2024-11-29', true, 'ordinary Friday'],
  ])('%s working: %s (%s)', (date, working) => expect(isWorkingDay(date)).toBe(working));
});

describe('dueDate', () => {
  const p = (end: string): ReportingPeriod => ({ key: 'x', start: end, end });

  it.each([
    // September 2024 ends Monday 30th; 10-01…07 are off; 10-08…11 are days 1–4 and the 调休 Saturday 10-12 is day 5.
    [periodAt('monthly', '2024-09-01'), 5, '2024-10-12'],
    [periodAt('monthly', '2024-09-01'), 4, '2024-10-11'],
    // ISO week 39 ends on the 调休 Sunday 09-29, which does not count: 09-30 is day 1, then straight to 10-08.
    [periodAt('weekly', '2024-09-25'), 5, '2024-10-11'],
    // A period ending Friday 09-27: the 调休 Sunday 09-29 counts as day 1.
    [p('2024-09-27'), 1, '2024-09-29'],
    [p('2024-09-27'), 3, '2024-10-08'],
    // Q3 2024 ends on 09-30 like September.
    [periodAt('quarterly', '2024-08-01'), 5, '2024-10-12'],
    // ISO week 6 of 2024 ends Sunday 02-11 in 春节 (02-10…17 off); 调休 Sunday 02-18 is day 1.
    [periodAt('weekly', '2024-02-05'), 1, '2024-02-18'],
    [periodAt('weekly', '2024-02-05'), 5, '2024-02-22'],
    // January 2024: the 调休 Sunday 02-04 counts (02-01, 02-02, 02-04, 02-05, 02-06).
    [periodAt('monthly', '2024-01-10'), 5, '2024-02-06'],
    // An ordinary month: November 2024 ends on a Saturday; the next Monday–Friday.
    [periodAt('monthly', '2024-11-10'), 5, '2024-12-06'],
    [periodAt('monthly', '2024-11-10'), 0, '2024-11-30'],
  ])('%o due after %i working days on %s', (period, days, due) => expect(dueDate(period, days)).toBe(due));

  it('defaults to five working days', () => {
    expect(dueDate(periodAt('monthly', '2024-09-15'))).toBe('2024-10-12');
  });
});

describe('lockDate', () => {
  it('counts working days after the due date', () => {
    // Due 10-12 (调休 Saturday); Sunday 10-13 is off; 10-14 and 10-15 are the next two.
    expect(lockDate(periodAt('monthly', '2024-09-15'), 5, 2)).toBe('2024-10-15');
    expect(lockDate(periodAt('monthly', '2024-11-15'), 5, 0)).toBe('2024-12-06');
  });
});

describe('isLate', () => {
  it.each([
    ['2024-10-12', '2024-10-12', false],
    ['2024-10-13', '2024-10-12', true],
    ['2024-10-11', '2024-10-12', false],
    // 23:30 in Beijing on the due day is 15:30 UTC: on time.
    ['2024-10-12T15:30:00.000Z', '2024-10-12', false],
    // 00:30 in Beijing the day after is 16:30 UTC on the due day: late.
    ['2024-10-12T16:30:00.000Z', '2024-10-12', true],
    ['2024-10-12T23:59:00+08:00', '2024-10-12', false],
    ['2024-10-12T23:59:00', '2024-10-12', false],
  ])('submitted %s, due %s: late %s', (submittedAt, due, late) => expect(isLate(submittedAt, due)).toBe(late));

  it('reads timestamps on the China calendar', () => {
    expect(chinaDate('2024-12-31T16:00:00Z')).toBe('2025-01-01');
  });
});

describe('periodOfKey', () => {
  it('reads the key of every span', () => {
    expect(periodOfKey('2007-M06')).toEqual({ key: '2007-M06', start: '2007-06-01', end: '2007-06-30' });
    expect(periodOfKey('2007-Q2')?.end).toBe('2007-06-30');
    expect(periodOfKey('2007-H2')?.start).toBe('2007-07-01');
    expect(periodOfKey('2007')?.end).toBe('2007-12-31');
    expect(periodOfKey('2020-W53')?.end).toBe('2021-01-03');
  });
  it('knows no other key', () => {
    expect(periodOfKey('2007-X1')).toBeNull();
    expect(periodOfKey('2007-M13')).toBeNull();
    expect(periodOfKey('June')).toBeNull();
  });
});

describe('lockedSince', () => {
  it('is open up to the lock date, locked from the day after', () => {
    expect(lockedSince('2026-11-20', [], '2026-11-20')).toBeNull();
    expect(lockedSince('2026-11-20', [], '2026-11-21')).toBe('2026-11-21');
  });
  it('stays open while an exception runs', () => {
    expect(lockedSince('2026-11-20', ['2026-11-25'], '2026-11-25')).toBeNull();
    expect(lockedSince('2026-11-20', ['2026-11-25'], '2026-11-26')).toBe('2026-11-21');
  });
});

describe('frequencyPeriods', () => {
  it('counts 每天 over the working days of the Chinese calendar, other periods whole', () => {
    const days = frequencyPeriods('day', 2007);
    // 2007: 365 days less weekends and holidays, plus make-up working weekends.
    expect(days.length).toBeLessThan(260);
    expect(days.length).toBeGreaterThan(240);
    expect(days.some((d) => d.key === '2007-10-03')).toBe(false); // National Day holiday
    expect(days.some((d) => d.key === '2007-09-29')).toBe(true); // a make-up Saturday
    expect(days.some((d) => d.key === '2007-06-16')).toBe(false); // an ordinary Saturday
    expect(frequencyPeriods('quarter', 2007).map((p) => p.key)).toEqual(['2007-Q1', '2007-Q2', '2007-Q3', '2007-Q4']);
  });
});

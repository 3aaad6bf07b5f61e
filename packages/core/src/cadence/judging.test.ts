import { describe, expect, it } from 'vitest';
import { judgingDate, reportingPeriod } from './judging.ts';

describe('judgingDate', () => {
  it('is today while the plan’s year runs', () => {
    expect(judgingDate(2026, '2026-12-08')).toBe('2026-12-08');
  });
  it('is the last day of the plan’s year once the year has ended', () => {
    expect(judgingDate(2007, '2026-12-08')).toBe('2007-12-31');
  });
  it('is today for a plan of no known year', () => {
    expect(judgingDate(null, '2026-12-08')).toBe('2026-12-08');
  });
});

describe('reportingPeriod', () => {
  it('is this month for a plan of this year', () => {
    expect(reportingPeriod(2026, '2026-12-08').key).toBe('2026-M12');
    expect(reportingPeriod(2026, '2026-03-01').key).toBe('2026-M03');
  });
  it('is the plan’s last month once its year has ended, not the calendar’s month', () => {
    expect(reportingPeriod(2007, '2026-12-08')).toEqual({ key: '2007-M12', start: '2007-12-01', end: '2007-12-31' });
    expect(reportingPeriod(2007, '2026-06-15').key).toBe('2007-M12');
  });
  it('is the plan’s first period before its year begins', () => {
    expect(reportingPeriod(2027, '2026-12-08').key).toBe('2027-M01');
  });
  it('follows the cadence it is given', () => {
    expect(reportingPeriod(2007, '2026-12-08', 'quarterly').key).toBe('2007-Q4');
    expect(reportingPeriod(2026, '2026-05-08', 'quarterly').key).toBe('2026-Q2');
  });
  it('is today’s period for a plan of no known year', () => {
    expect(reportingPeriod(null, '2026-12-08').key).toBe('2026-M12');
  });
});

import { describe, expect, it } from 'vitest';
import { owesReport } from './owed.ts';
import { periodsOf } from './periods.ts';

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

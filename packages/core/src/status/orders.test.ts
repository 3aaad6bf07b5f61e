import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../cadence/periods.ts';
import { escalationLevel, orderColour, workingDaysBetween } from './orders.ts';

describe('orderColour', () => {
  it('is green with more than three working days left', () => {
    // Mon 2025-03-03 to Mon 2025-03-10: five working days.
    expect(orderColour('2025-03-10', '2025-03-03')).toBe('green');
  });

  it('turns yellow within three working days, counting weekends out', () => {
    // Thu 2025-03-06 → Tue 2025-03-11: Fri, Mon, Tue.
    expect(orderColour('2025-03-11', '2025-03-06')).toBe('yellow');
    expect(orderColour('2025-03-12', '2025-03-06')).toBe('green');
    expect(orderColour('2025-03-10', '2025-03-10')).toBe('yellow');
  });

  it('counts the National Day holiday out, and make-up Saturdays in', () => {
    // 2025: 1–8 October are off; Saturday 11 October is a make-up working day.
    expect(isWorkingDay('2025-10-01')).toBe(false);
    expect(isWorkingDay('2025-10-11')).toBe(true);
    // 30 September → 10 October: nine, ten (two working days) although ten calendar days.
    expect(workingDaysBetween('2025-09-30', '2025-10-10')).toBe(2);
    // Mon–Fri counting alone would have said eight days, green.
    expect(orderColour('2025-10-10', '2025-09-30')).toBe('yellow');
    // The make-up Saturday counts: 9, 10, 11 and 13 October are four.
    expect(workingDaysBetween('2025-09-30', '2025-10-13')).toBe(4);
    expect(orderColour('2025-10-13', '2025-09-30')).toBe('green');
  });

  it('is red once the deadline is past', () => {
    expect(orderColour('2025-03-10', '2025-03-11')).toBe('red');
  });

  it('takes another margin', () => {
    expect(orderColour('2025-03-12', '2025-03-06', 5)).toBe('yellow');
    expect(orderColour('2025-03-07', '2025-03-06', 0)).toBe('green');
  });
});

describe('escalationLevel', () => {
  it('is 0 up to the deadline, then rises at 1, 5 and 10 days overdue', () => {
    expect(escalationLevel('2025-03-10', '2025-03-01')).toBe(0);
    expect(escalationLevel('2025-03-10', '2025-03-10')).toBe(0);
    expect(escalationLevel('2025-03-10', '2025-03-11')).toBe(1);
    expect(escalationLevel('2025-03-10', '2025-03-14')).toBe(1);
    expect(escalationLevel('2025-03-10', '2025-03-15')).toBe(2);
    expect(escalationLevel('2025-03-10', '2025-03-20')).toBe(3);
    expect(escalationLevel('2025-03-10', '2026-03-20')).toBe(3);
  });

  it('counts calendar days across a month end, with other thresholds', () => {
    expect(escalationLevel('2025-02-27', '2025-03-02', [2, 3])).toBe(2);
    expect(escalationLevel('2025-02-27', '2025-03-01', [2, 3])).toBe(1);
  });
});

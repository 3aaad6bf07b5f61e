import { describe, expect, it } from 'vitest';
import { consequence, referenceDate } from './consequence';

describe('what reporting settings mean for the periods around a day', () => {
  it('holds the day inside the plan year', () => {
    expect(referenceDate('2026-11-28', 2007)).toBe('2007-12-31');
    expect(referenceDate('2026-11-28', 2030)).toBe('2030-01-01');
    expect(referenceDate('2026-11-28', 2026)).toBe('2026-11-28');
    expect(referenceDate('2026-11-28', null)).toBe('2026-11-28');
  });

  it('gives monthly due and lock dates in working days, skipping the Dragon Boat holiday', () => {
    // May 2026 ends on a Sunday: June 1–5 are its five working days. Ten more from June 8 run
    // over 端午 (Friday June 19 off), so the last day to report is Monday June 22.
    const [may, june] = consequence('monthly', 5, 10, '2026-06-15');
    expect(may).toEqual({
      key: '2026-M05',
      start: '2026-05-01',
      end: '2026-05-31',
      due: '2026-06-05',
      locksOn: '2026-06-23',
    });
    // June ends on a Tuesday: July 1, 2, 3, 6, 7; then ten working days to July 21.
    expect(june).toMatchObject({ key: '2026-M06', due: '2026-07-07', locksOn: '2026-07-22' });
  });

  it('steps back over a year end for weekly reporting', () => {
    const [before, week] = consequence('weekly', 1, 0, '2026-01-01');
    expect(week).toMatchObject({ key: '2026-W01', start: '2025-12-29', end: '2026-01-04' });
    // Sunday December 28 ends week 52; Monday the 29th is its first working day, and with no lock days it locks the day after.
    expect(before).toMatchObject({ key: '2025-W52', end: '2025-12-28', due: '2025-12-29', locksOn: '2025-12-30' });
  });
});

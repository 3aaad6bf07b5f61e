import { describe, expect, it } from 'vitest';
import { chinaToday, fixedClock, nowIso } from './clock.ts';

describe('the clock', () => {
  it('reads today on China’s calendar: 17:00 UTC is already the next day in Beijing', () => {
    expect(chinaToday(fixedClock('2007-12-31T17:00:00Z'))).toBe('2008-01-01');
    expect(chinaToday(fixedClock('2007-12-31T15:59:59Z'))).toBe('2007-12-31');
  });
  it('takes a bare date as noon in China, so the day never slips', () => {
    expect(chinaToday(fixedClock('2007-06-19'))).toBe('2007-06-19');
    expect(nowIso(fixedClock('2007-06-19'))).toBe('2007-06-19T04:00:00.000Z');
  });
  it('refuses what is no time', () => {
    expect(() => fixedClock('tomorrow')).toThrow(RangeError);
  });
});

import { fixedClock } from '@duban/core';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, NO_TIME, todayInChina } from './time';

describe('the one date and time format', () => {
  it('writes instants on China time as YYYY-MM-DD HH:mm', () => {
    expect(formatDateTime('2007-12-26T00:03:00.000Z')).toBe('2007-12-26 08:03');
    expect(formatDateTime('2007-12-26T16:30:59Z')).toBe('2007-12-27 00:30');
    expect(formatDateTime(new Date('2007-12-26T08:03:00+08:00'))).toBe('2007-12-26 08:03');
  });

  it('keeps calendar dates as they are and gives an instant its day in China', () => {
    expect(formatDate('2007-12-26')).toBe('2007-12-26');
    expect(formatDate('2007-12-26T17:00:00Z')).toBe('2007-12-27');
    expect(todayInChina(fixedClock('2026-12-07T23:00:00Z'))).toBe('2026-12-08');
  });

  it('shows a dash for nothing', () => {
    expect(formatDate(null)).toBe(NO_TIME);
    expect(formatDateTime(undefined)).toBe(NO_TIME);
    expect(formatDateTime('')).toBe(NO_TIME);
  });
});

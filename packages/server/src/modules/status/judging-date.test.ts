import { chinaDate } from '@duban/core';
import { describe, expect, it } from 'vitest';
import { judgingDate } from './judging-date.ts';

describe('the day a plan is judged on by default', () => {
  it('is the last day of the plan’s year once that year has ended', () => {
    expect(judgingDate(2007, '2026-11-28')).toBe('2007-12-31');
    expect(judgingDate(2007, '2008-01-01')).toBe('2007-12-31');
  });

  it('is today while the plan’s year runs, up to and including its last day', () => {
    expect(judgingDate(2026, '2026-11-28')).toBe('2026-11-28');
    expect(judgingDate(2026, '2026-12-31')).toBe('2026-12-31');
  });

  it('is today for a plan of a later year or of no known year', () => {
    expect(judgingDate(2030, '2026-11-28')).toBe('2026-11-28');
    expect(judgingDate(null, '2026-11-28')).toBe('2026-11-28');
  });

  it('reads today in China when not told', () => {
    const today = chinaDate(new Date().toISOString());
    expect(judgingDate(null)).toBe(today);
    expect(judgingDate(1999)).toBe('1999-12-31');
    expect(judgingDate(Number(today.slice(0, 4)))).toBe(today);
  });
});

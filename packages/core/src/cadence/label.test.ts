import { describe, expect, it } from 'vitest';
import { periodLabel } from './label.ts';

describe('periodLabel', () => {
  it.each([
    ['2026-M11', '2026年11月'],
    ['2026-Q2', '2026年第2季度'],
    ['2026-H1', '2026年上半年'],
    ['2026-H2', '2026年下半年'],
    ['2026-W23', '2026年第23周'],
    ['2026-B3', '2026年第3个双月'],
    ['2026', '2026年度'],
    ['2026-06-01', '2026-06-01'],
  ])('reads %s as %s', (key, label) => expect(periodLabel(key)).toBe(label));
});

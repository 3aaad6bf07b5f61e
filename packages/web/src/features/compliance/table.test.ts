import { describe, expect, it } from 'vitest';
import { cellTally, periodName, periodTitle, RECENT_PERIODS, shownPeriods } from './table';

describe('compliance table helpers', () => {
  it('titles period columns without the year the whole table shares', () => {
    expect(periodTitle('2007-M06', 'zh-CN')).toBe('6月');
    expect(periodTitle('2007-Q2', 'zh-CN')).toBe('第2季度');
    expect(periodTitle('2007-H1', 'zh-CN')).toBe('上半年');
    expect(periodTitle('2007-W05', 'zh-CN')).toBe('第5周');
    expect(periodTitle('2007-B3', 'zh-CN')).toBe('第3个双月');
    // A yearly column is the year itself.
    expect(periodTitle('2007', 'zh-CN')).toBe('2007年度');
    expect(periodTitle('2007-03-05', 'zh-CN')).toBe('03-05');
    expect(periodTitle('2007-Q2', 'en')).toBe('Q2');
    expect(periodTitle('2007', 'en')).toBe('2007');
    expect(periodTitle('2007-03-05', 'en')).toBe('03-05');
  });

  it('names a period in Chinese, or by its key in English', () => {
    expect(periodName('2026-M11', 'zh-CN')).toBe('2026年11月');
    expect(periodName('2026-M11', 'en')).toBe('2026-M11');
  });

  it('shows the latest periods of a long span first', () => {
    const days = Array.from({ length: 30 }, (_, i) => {
      const key = `2007-01-${String(i + 1).padStart(2, '0')}`;
      return { key, start: key, end: key, closed: i < 29 };
    });
    const recent = shownPeriods(days, false);
    expect(recent).toHaveLength(RECENT_PERIODS);
    expect(recent[0]?.key).toBe(`2007-01-${String(30 - RECENT_PERIODS + 1).padStart(2, '0')}`);
    expect(recent.at(-1)?.key).toBe('2007-01-30');
    expect(shownPeriods(days, true)).toHaveLength(30);
  });

  it('tallies cells by status', () => {
    const cell = (status: 'met' | 'missed' | 'open') => ({ subject: 'a', periodKey: 'k', count: 0, status });
    expect(cellTally([cell('met'), cell('missed'), cell('missed'), cell('open')])).toEqual({
      met: 1,
      missed: 2,
      open: 1,
    });
  });
});

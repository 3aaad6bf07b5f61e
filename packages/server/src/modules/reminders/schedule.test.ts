import { afterEach, describe, expect, it, vi } from 'vitest';
import { msUntilNext, parseTimeOfDay, scheduleDailyReminders } from './schedule.ts';

const at0830 = { hour: 8, minute: 30 };
const log = { info: vi.fn(), error: vi.fn() };

describe('msUntilNext', () => {
  it.each([
    // China is UTC+8: 08:30 in China is 00:30 UTC.
    ['2026-11-27T00:00:00Z', 30 * 60_000],
    ['2026-11-27T00:29:59Z', 1_000],
    ['2026-11-27T00:30:00Z', 24 * 3600_000],
    ['2026-11-27T00:30:01Z', 24 * 3600_000 - 1_000],
    // 23:00 China time the evening before.
    ['2026-11-26T15:00:00Z', 9.5 * 3600_000],
  ])('from %s', (now, wait) => {
    expect(msUntilNext(new Date(now), at0830)).toBe(wait);
  });

  it('counts from China midnight, not UTC midnight', () => {
    // 16:00 UTC is 00:00 in China: 00:05 China is five minutes away.
    expect(msUntilNext(new Date('2026-11-27T16:00:00Z'), { hour: 0, minute: 5 })).toBe(5 * 60_000);
  });
});

describe('parseTimeOfDay', () => {
  it('reads HH:MM and refuses anything else', () => {
    expect(parseTimeOfDay('08:30')).toEqual({ hour: 8, minute: 30 });
    expect(parseTimeOfDay(' 23:59 ')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['8:30', '24:00', '08:60', '0830', 'morning']) expect(parseTimeOfDay(bad)).toBeNull();
  });
});

describe('scheduleDailyReminders', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at the time each day, and keeps going after a failed run', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-27T00:00:00Z'));
    const runs: string[] = [];
    let fail = true;
    const schedule = scheduleDailyReminders({} as never, {
      at: '08:30',
      log,
      run: async () => {
        runs.push(new Date().toISOString());
        if (fail) {
          fail = false;
          throw new Error('database away');
        }
        return { created: 0 };
      },
    });
    await vi.advanceTimersByTimeAsync(29 * 60_000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toEqual(['2026-11-27T00:30:00.000Z']);
    expect(log.error).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(runs).toEqual(['2026-11-27T00:30:00.000Z', '2026-11-28T00:30:00.000Z']);
    expect(log.info).toHaveBeenCalledTimes(1);
    schedule.stop();
    await vi.advanceTimersByTimeAsync(3 * 24 * 3600_000);
    expect(runs).toHaveLength(2);
  });

  it('refuses a time it cannot read', () => {
    expect(() => scheduleDailyReminders({} as never, { at: '8.30', log })).toThrow(/08:30/u);
  });
});

import { systemClock } from '@duban/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { runDailyReminders } from './reminders.service.ts';

/** China keeps one offset all year (no summer time): UTC+8. */
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/u;

/** Parse 'HH:MM' (China time); null when it is not such a time. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | null {
  const m = TIME_OF_DAY.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

/** Milliseconds from `now` to the next `at` o'clock in China; a run due this very millisecond is a day away. */
export function msUntilNext(now: Date, at: { hour: number; minute: number }): number {
  const chinaMs = now.getTime() + CHINA_OFFSET_MS;
  const intoDay = ((chinaMs % DAY_MS) + DAY_MS) % DAY_MS;
  const target = (at.hour * 60 + at.minute) * 60_000;
  const wait = target - intoDay;
  return wait > 0 ? wait : wait + DAY_MS;
}

export interface ReminderLog {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface ReminderSchedule {
  readonly stop: () => void;
}

/**
 * Run the daily reminder job every day at `at` (China time) while the server runs. The job
 * writes each notification once, so several instances or a restart on the same day repeat
 * nothing; a failed run is logged and the next day's still comes.
 */
export function scheduleDailyReminders(
  db: Kysely<Database>,
  options: {
    at: string;
    log: ReminderLog;
    run?: (db: Kysely<Database>) => Promise<unknown>;
    now?: () => Date;
  },
): ReminderSchedule {
  const at = parseTimeOfDay(options.at);
  if (!at) throw new Error(`reminder time "${options.at}" is not a time like 08:30`);
  const run = options.run ?? ((d: Kysely<Database>) => runDailyReminders(d, { clock: systemClock }));
  const now = options.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const next = () => {
    if (stopped) return;
    timer = setTimeout(
      async () => {
        try {
          const counts = await run(db);
          options.log.info({ reminders: counts }, 'daily reminders ran');
        } catch (error) {
          options.log.error({ err: error }, 'daily reminders failed');
        }
        next();
      },
      msUntilNext(now(), at),
    );
    // The schedule alone must not keep a process alive (tests, a CLI that opened the app).
    timer.unref();
  };
  next();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

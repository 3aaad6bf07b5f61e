import { systemClock } from '@duban/core';
import type { Command } from 'commander';
import { openStore } from '../db/connect.ts';
import { AppError } from '../http/errors.ts';
import { runDailyReminders } from '../modules/reminders/reminders.service.ts';
import { CliError } from './errors.ts';
import type { CliIo } from './main.ts';
import { addStoreOptions, storeOptionsOf } from './store-options.ts';

interface RemindFlags {
  data?: string;
  database?: string;
  date?: string;
  json?: boolean;
}

/**
 * `duban remind`: run the daily reminder job once, for cron or a system timer when servers run
 * with --no-reminders. Running it twice on a day writes and posts nothing new.
 */
export function registerRemindCommand(program: Command, io: CliIo): void {
  addStoreOptions(
    program
      .command('remind')
      .description('run the daily reminders now: reports due in three working days, late reports, overdue orders')
      .option('--date <YYYY-MM-DD>', 'judge as of this day (default: today in China)')
      .option('--json', 'print the counts as JSON'),
  ).action(async (flags: RemindFlags) => {
    const store = await openStore(storeOptionsOf(flags));
    try {
      const counts = await runDailyReminders(store.db, { today: flags.date, clock: systemClock });
      io.stdout(
        flags.json
          ? `${JSON.stringify(counts)}\n`
          : `reminders for ${counts.date}: ${counts.created} new (${counts.dueSoon} due soon, ${counts.late} late, ` +
              `${counts.overdueOrders} overdue orders); webhooks ${counts.delivered} delivered, ${counts.failed} failed\n`,
      );
    } catch (error) {
      if (error instanceof AppError) throw new CliError(error.message);
      throw error;
    } finally {
      await store.close();
    }
  });
}

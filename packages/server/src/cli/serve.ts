import type { Command } from 'commander';
import { openStore } from '../db/connect.ts';
import { boundPort, portOf, startServer } from '../main.ts';
import { parseTimeOfDay } from '../modules/reminders/schedule.ts';
import { CliError } from './errors.ts';
import type { CliIo } from './main.ts';
import { addStoreOptions, storeOptionsOf } from './store-options.ts';

export interface ServeFlags {
  data?: string;
  database?: string;
  port?: string;
  host?: string;
  reminders?: boolean;
  remindersAt?: string;
}

/**
 * When the daily reminder job runs: --reminders-at, else $DUBAN_REMINDERS_AT, else 08:30 China
 * time, the start of an office day; --no-reminders (or $DUBAN_REMINDERS_AT=off) for none.
 */
export function remindersAtOf(flags: ServeFlags): string | null {
  if (flags.reminders === false) return null;
  const at = flags.remindersAt ?? process.env.DUBAN_REMINDERS_AT ?? '08:30';
  if (at === 'off') return null;
  if (!parseTimeOfDay(at)) throw new CliError(`the reminder time "${at}" is not a China time like 08:30`);
  return at.trim();
}

export function addServeOptions(command: Command): Command {
  return addStoreOptions(command)
    .option('--port <port>', 'port to listen on (default: $PORT, else 3000)')
    .option('--host <host>', 'address to listen on (default: $HOST, else 127.0.0.1)')
    .option('--reminders-at <HH:MM>', 'China time of the daily reminder job (default: $DUBAN_REMINDERS_AT, else 08:30)')
    .option('--no-reminders', 'run no daily reminder job in this server (cron runs `duban remind`)');
}

/** Open the store and serve until stopped. */
export async function serve(flags: ServeFlags, io: CliIo): Promise<void> {
  let port: number;
  try {
    port = portOf(flags.port);
  } catch (error) {
    throw new CliError(String((error as Error).message));
  }
  const host = flags.host ?? process.env.HOST ?? '127.0.0.1';
  const remindersAt = remindersAtOf(flags);
  const store = await openStore(storeOptionsOf(flags));
  const app = await startServer({ store, port, host, remindersAt });
  io.stdout(
    `Duban is serving on http://${host === '0.0.0.0' ? 'localhost' : host}:${boundPort(app, port)} (${store.dialect})\n`,
  );
  // Keep the command alive: the server runs until SIGINT/SIGTERM.
  await new Promise<never>(() => {});
}

export function registerServeCommand(program: Command, io: CliIo): void {
  addServeOptions(program.command('serve').description('run the Duban server (no demo data)')).action(
    (flags: ServeFlags) => serve(flags, io),
  );
}

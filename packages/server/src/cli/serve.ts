import type { Command } from 'commander';
import { openStore } from '../db/connect.ts';
import { boundPort, portOf, startServer } from '../main.ts';
import { CliError } from './errors.ts';
import type { CliIo } from './main.ts';
import { addStoreOptions, storeOptionsOf } from './store-options.ts';

interface ServeFlags {
  data?: string;
  database?: string;
  port?: string;
  host?: string;
}

export function addServeOptions(command: Command): Command {
  return addStoreOptions(command)
    .option('--port <port>', 'port to listen on (default: $PORT, else 3000)')
    .option('--host <host>', 'address to listen on (default: $HOST, else 127.0.0.1)');
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
  const store = await openStore(storeOptionsOf(flags));
  const app = await startServer({ store, port, host });
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

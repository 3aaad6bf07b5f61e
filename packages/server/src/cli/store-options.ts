import type { Command } from 'commander';
import type { StoreOptions } from '../db/connect.ts';

/** The options every command that opens the store shares. */
export function addStoreOptions(command: Command): Command {
  return command
    .option('--data <dir>', 'data folder of the embedded SQLite database and uploaded files', 'data')
    .option('--database <url>', 'a postgres:// URL: use PostgreSQL (default: $DATABASE_URL, else SQLite)');
}

/** Store options from the parsed command options and the environment. */
export function storeOptionsOf(options: { data?: string; database?: string }): StoreOptions {
  const databaseUrl = options.database ?? process.env.DATABASE_URL;
  return { dataDir: options.data ?? 'data', ...(databaseUrl ? { databaseUrl } : {}) };
}

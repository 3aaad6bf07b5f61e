import type { Command } from 'commander';
import { isPostgresUrl, type StoreOptions } from '../db/connect.ts';
import { CliError } from './errors.ts';

/** The options every command that opens the store shares. */
export function addStoreOptions(command: Command): Command {
  return command
    .option('--data <dir>', 'data folder of the embedded SQLite database (default: ./data)')
    .option(
      '--database <url>',
      'a postgres:// URL: use PostgreSQL (default: $DATABASE_URL when set and --data is not)',
    );
}

/**
 * Store options from the command line and the environment: --database, else an explicit
 * --data (which wins over $DATABASE_URL), else $DATABASE_URL, else ./data.
 */
export function storeOptionsOf(options: { data?: string; database?: string }): StoreOptions {
  if (options.database !== undefined) {
    if (!isPostgresUrl(options.database))
      throw new CliError(`--database takes a postgres:// URL, not "${options.database}"`);
    return { databaseUrl: options.database };
  }
  if (options.data !== undefined) return { dataDir: options.data };
  const env = process.env.DATABASE_URL;
  return isPostgresUrl(env) ? { databaseUrl: env } : { dataDir: 'data' };
}

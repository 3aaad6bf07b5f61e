import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Command } from 'commander';
import { isPostgresUrl, SQLITE_FILE } from '../db/connect.ts';
import { CliError } from './errors.ts';
import type { CliIo } from './main.ts';
import { addStoreOptions, storeOptionsOf } from './store-options.ts';

function fail(message: string): never {
  throw new CliError(message);
}

/** `duban backup FILE` and `duban restore FILE`. */
export function registerBackupCommands(program: Command, io: CliIo): void {
  addStoreOptions(
    program
      .command('backup')
      .description('copy the database to FILE while the server runs (SQLite online backup)')
      .argument('<file>', 'where to write the backup'),
  ).action(async (file: string, options: { data?: string; database?: string }) => {
    const { dataDir, databaseUrl } = storeOptionsOf(options);
    if (isPostgresUrl(databaseUrl)) {
      io.stdout(
        `PostgreSQL is backed up with its own tool:\n  pg_dump --format=custom --file ${quote(file)} ${quote(databaseUrl)}\n`,
      );
      return;
    }
    const source = join(resolve(dataDir ?? 'data'), SQLITE_FILE);
    if (!existsSync(source)) fail(`no database at ${source}`);
    if (existsSync(file)) fail(`${file} exists already; choose a new file name`);
    const db = new SQLite(source, { readonly: true, fileMustExist: true });
    try {
      await db.backup(file);
    } finally {
      db.close();
    }
    io.stdout(`backed up ${source} to ${file} (${statSync(file).size} bytes)\n`);
  });

  addStoreOptions(
    program
      .command('restore')
      .description('restore a backup made by `duban backup` into an empty data folder')
      .argument('<file>', 'the backup file'),
  ).action(async (file: string, options: { data?: string; database?: string }) => {
    const { dataDir, databaseUrl } = storeOptionsOf(options);
    if (isPostgresUrl(databaseUrl)) {
      io.stdout(
        `PostgreSQL is restored with its own tool, into an empty database:\n  pg_restore --no-owner --dbname ${quote(databaseUrl)} ${quote(file)}\n`,
      );
      return;
    }
    if (!existsSync(file)) fail(`no backup file ${file}`);
    const target = join(resolve(dataDir ?? 'data'), SQLITE_FILE);
    if (existsSync(target))
      fail(`${target} exists: restore goes into an empty data folder only, so nothing is overwritten`);
    checkBackup(file);
    mkdirSync(resolve(dataDir ?? 'data'), { recursive: true });
    copyFileSync(file, target);
    io.stdout(`restored ${file} into ${target}\n`);
  });
}

/** Refuse anything that is not a Duban SQLite database. */
function checkBackup(file: string): void {
  let db: SQLite.Database | null = null;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const row = db
      .prepare(
        "select count(*) as n from sqlite_master where type = 'table' and name in ('plans', 'audit_log', 'users')",
      )
      .get() as { n: number };
    if (row.n !== 3) fail(`${file} is a SQLite database but not a Duban backup`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    fail(`${file} is not a SQLite database`);
  } finally {
    db?.close();
  }
}

function quote(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/u.test(s) ? s : `'${s.replace(/'/gu, `'\\''`)}'`;
}

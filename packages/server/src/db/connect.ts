import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface StoreOptions {
  /** Folder of the SQLite database and uploaded files; default ./data. */
  readonly dataDir?: string;
  /** A postgres:// URL: use PostgreSQL instead of SQLite. */
  readonly databaseUrl?: string;
  /** PostgreSQL schema to work in (tests run each in their own); created when missing. */
  readonly pgSchema?: string;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The SQLite file, for backups; null on PostgreSQL. */
  readonly sqlitePath: string | null;
  readonly close: () => Promise<void>;
}

export const SQLITE_FILE = 'duban.sqlite';

/** Whether a URL names a PostgreSQL database. */
export function isPostgresUrl(url: string | undefined): url is string {
  return typeof url === 'string' && /^postgres(?:ql)?:\/\//u.test(url);
}

/** The schema PostgreSQL creates tables in for this connection; undefined when none exists. */
async function currentSchema(db: Kysely<Database>): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

/** Open the store and bring its schema up to date. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const store = isPostgresUrl(options.databaseUrl)
    ? await openPostgres(options.databaseUrl, options.pgSchema)
    : openSqlite(resolve(options.dataDir ?? 'data'));
  try {
    // Kysely looks for its migration tables in any schema unless told which: name the one in use
    // (given, or the URL's search_path, or public), or another schema's tables would be taken.
    const schema = isPostgresUrl(options.databaseUrl)
      ? (options.pgSchema ?? (await currentSchema(store.db)))
      : undefined;
    await migrateToLatest(store.db as Kysely<unknown>, schema);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function openSqlite(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, SQLITE_FILE);
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // WAL with NORMAL sync is durable across application crashes and much faster per write.
  database.pragma('synchronous = NORMAL');
  // Checkpoint the WAL less often (about 16 MB instead of 4): half a write's commit cost was
  // checkpoints syncing to disk.
  database.pragma('wal_autocheckpoint = 4000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { db, dialect: 'sqlite', sqlitePath: path, close: () => db.destroy() };
}

/** Most statements repeat (a query builder emits the same SQL for the same shape). */
const STATEMENT_CACHE_SIZE = 512;

/**
 * Kysely prepares every query anew, and preparing costs SQLite about as much as running a
 * small query: keep prepared statements by their SQL text. better-sqlite3 statements are
 * reusable, and this connection runs one query at a time.
 */
function withStatementCache(database: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, key) {
      if (key !== 'prepare') {
        const value: unknown = Reflect.get(target, key, target);
        // Native methods must be called on the database itself, not on the proxy.
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (source: string) => {
        let statement = cache.get(source);
        if (statement === undefined) {
          if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
          statement = prepare(source);
          cache.set(source, statement);
        }
        return statement;
      };
    },
  });
}

async function openPostgres(url: string, schema: string | undefined): Promise<Store> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/u.test(schema)) throw new Error(`bad schema name ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Fail now, with the server's reason, rather than at the first request.
  const client = await pool.connect();
  client.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', sqlitePath: null, close: () => db.destroy() };
}

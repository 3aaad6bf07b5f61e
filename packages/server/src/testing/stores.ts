import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../db/connect.ts';

/**
 * Every store test runs against both databases (STYLE.md habit 8). PostgreSQL is the one on
 * this machine (127.0.0.1:5432, user postgres, database test) or DUBAN_TEST_DATABASE_URL;
 * when it cannot be reached the tests fail, they are not skipped.
 */
export const TEST_PG_URL = process.env.DUBAN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export interface TestStore extends Store {
  /** Close and remove the test's database (its folder or its schema). */
  readonly drop: () => Promise<void>;
  /** Open the same database again, as a restart would. */
  readonly reopen: () => Promise<Store>;
}

let counter = 0;

/** A fresh, migrated, empty store of the given dialect. */
export async function openTestStore(dialect: TestDialect): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'duban-test-'));
    const store = await openStore({ dataDir });
    return {
      ...store,
      reopen: () => openStore({ dataDir }),
      drop: async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const store = await openStore({ databaseUrl: TEST_PG_URL, pgSchema: schema });
  return {
    ...store,
    reopen: () => openStore({ databaseUrl: TEST_PG_URL, pgSchema: schema }),
    drop: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../packages/server/src/db/connect.ts';

/** PostgreSQL for the city: $BENCH_DATABASE_URL, else the tests' database on this machine. */
export const CITY_PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type CityDialect = 'sqlite' | 'postgres';

/** Where a city store lives, as the server process (serve.ts) opens it again. */
export type CityLocation =
  | { dialect: 'sqlite'; dataDir: string }
  | { dialect: 'postgres'; url: string; schema: string };

export interface CityStore {
  readonly store: Store;
  readonly location: CityLocation;
  /** Close the store and remove the city: its folder, or its PostgreSQL schema. */
  readonly drop: () => Promise<void>;
}

/** Open the store at a location and bring its schema up to date. */
export function openCity(location: CityLocation): Promise<Store> {
  return location.dialect === 'sqlite'
    ? openStore({ dataDir: location.dataDir })
    : openStore({ databaseUrl: location.url, pgSchema: location.schema });
}

/** A fresh, migrated, empty store: a temporary folder, or a schema of its own (as testing/stores.ts does). */
export async function createCityStore(dialect: CityDialect): Promise<CityStore> {
  const location: CityLocation =
    dialect === 'sqlite'
      ? { dialect, dataDir: mkdtempSync(join(tmpdir(), 'duban-city-')) }
      : { dialect, url: CITY_PG_URL, schema: `city_${process.pid}_${Date.now().toString(36)}` };
  const store = await openCity(location);
  const drop = async () => {
    await store.close();
    if (location.dialect === 'sqlite') {
      rmSync(location.dataDir, { recursive: true, force: true });
      return;
    }
    const client = new pg.Client({ connectionString: location.url });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${location.schema} CASCADE`);
    } finally {
      await client.end();
    }
  };
  return { store, location, drop };
}

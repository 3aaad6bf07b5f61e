import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../testing/stores.ts';
import { newId } from './ids.ts';

describe.each(DIALECTS)('store on %s', (dialect) => {
  let store: TestStore | null = null;
  afterEach(async () => {
    await store?.drop();
    store = null;
  });

  it('migrates an empty database and keeps rows across a reopen', async () => {
    store = await openTestStore(dialect);
    const now = new Date().toISOString();
    const id = newId();
    await store.db
      .insertInto('offices')
      .values({
        id,
        name: '区发展改革局',
        kind: 'government-department',
        parent_id: null,
        aliases: '["区发改局"]',
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const again = await store.reopen();
    try {
      const row = await again.db.selectFrom('offices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ name: '区发展改革局', aliases: '["区发改局"]', version: 1 });
    } finally {
      await again.close();
    }
  });

  it('enforces foreign keys', async () => {
    store = await openTestStore(dialect);
    const now = new Date().toISOString();
    await expect(
      store.db
        .insertInto('offices')
        .values({
          id: newId(),
          name: 'x',
          kind: 'other',
          parent_id: 'missing',
          aliases: '[]',
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute(),
    ).rejects.toThrow();
  });

  it('stores fractional target values exactly enough', async () => {
    store = await openTestStore(dialect);
    const r = await sql<{ v: number }>`select ${2.8} * 1.0 as v`.execute(store.db);
    expect(Number(r.rows[0]?.v)).toBeCloseTo(2.8);
  });
});

describe('newId', () => {
  it('sorts by creation', () => {
    const ids = Array.from({ length: 50 }, () => newId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
  });
});

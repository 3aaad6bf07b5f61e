import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../db/connect.ts';
import { newId } from '../db/ids.ts';
import { type CliIo, run } from './main.ts';

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdin: [] };
  const code = await run(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('duban backup and restore', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duban-backup-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('backs up a live SQLite database and restores it into an empty data folder', async () => {
    const data = join(dir, 'data');
    const store = await openStore({ dataDir: data });
    const now = new Date().toISOString();
    await store.db
      .insertInto('offices')
      .values({
        id: newId(),
        name: '区民政局',
        kind: 'government-department',
        parent_id: null,
        aliases: '[]',
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    // The store stays open: backup is online.
    const backup = join(dir, 'b.sqlite');
    const b = await cli(['backup', backup, '--data', data]);
    await store.close();
    expect(b.code).toBe(0);
    expect(existsSync(backup)).toBe(true);

    const restored = join(dir, 'restored');
    const r = await cli(['restore', backup, '--data', restored]);
    expect(r.code).toBe(0);
    const again = await openStore({ dataDir: restored });
    const rows = await again.db.selectFrom('offices').select('name').execute();
    await again.close();
    expect(rows.map((x) => x.name)).toEqual(['区民政局']);
  });

  it('refuses to overwrite: restore into a folder that has a database, backup onto an existing file', async () => {
    const data = join(dir, 'data');
    (await openStore({ dataDir: data })).close();
    const backup = join(dir, 'b.sqlite');
    expect((await cli(['backup', backup, '--data', data])).code).toBe(0);
    const again = await cli(['backup', backup, '--data', data]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists already/u);
    const r = await cli(['restore', backup, '--data', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/empty data folder/u);
  });

  it('refuses a file that is no Duban backup, and a missing database', async () => {
    const junk = join(dir, 'junk');
    await writeFile(junk, 'not a database');
    const r = await cli(['restore', junk, '--data', join(dir, 'x')]);
    expect(r).toMatchObject({ code: 2 });
    expect(r.stderr).toMatch(/not a SQLite database/u);
    const b = await cli(['backup', join(dir, 'o'), '--data', join(dir, 'none')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/no database/u);
  });

  it('tells the pg_dump command for PostgreSQL', async () => {
    const r = await cli(['backup', 'x.dump', '--database', 'postgres://postgres@127.0.0.1:5432/test']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pg_dump --format=custom --file x.dump postgres://postgres@127.0.0.1:5432/test');
  });
});

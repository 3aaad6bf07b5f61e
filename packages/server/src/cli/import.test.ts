import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseText } from '@duban/core';
import { Command, CommanderError } from 'commander';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/connect.ts';
import { TEST_PG_URL } from '../testing/stores.ts';
import { registerImportCommand } from './import.ts';
import type { CliIo } from './main.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const EXAMPLE = join(ROOT, 'examples/luohu-2007-jichu.txt');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `duban import …` in-process as main.ts would: exit code 2 on a CommanderError. */
async function runImport(argv: string[]): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), stdin: [] };
  const program = new Command('duban').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerImportCommand(program, io);
  let code = 0;
  try {
    await program.parseAsync(['import', ...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = error.exitCode;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** The example's distinct mentions: with an empty directory, each becomes a new office. */
async function exampleMentions(): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const plan = parseText(await readFile(EXAMPLE, 'utf8'));
  return new Set(plan.sections.flatMap((s) => s.items.flatMap((i) => [...i.lead, ...i.support]))).size;
}

async function expectStored(store: Store, planId: string, offices: number): Promise<void> {
  const count = async (table: 'plans' | 'sections' | 'tasks' | 'targets' | 'offices' | 'imports') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  expect(await count('plans')).toBe(1);
  expect(await count('sections')).toBe(5);
  expect(await count('tasks')).toBe(26);
  expect(await count('targets')).toBe(42);
  expect(await count('offices')).toBe(offices);
  const plan = await store.db.selectFrom('plans').selectAll().executeTakeFirstOrThrow();
  expect(plan).toMatchObject({ id: planId, title: '罗湖区“基层基础年”活动2007年工作要点', year: 2007 });
  const imported = await store.db.selectFrom('imports').selectAll().executeTakeFirstOrThrow();
  expect(imported).toMatchObject({ status: 'committed', plan_id: planId, file_name: 'luohu-2007-jichu.txt' });
  const unresolved = await store.db
    .selectFrom('task_assignments')
    .select('id')
    .where('office_id', 'is', null)
    .where('group_id', 'is', null)
    .execute();
  expect(unresolved).toEqual([]);
  const audits = await store.db.selectFrom('audit_log').select(['action', 'entity', 'user_id']).execute();
  expect(audits.filter((a) => a.entity === 'office' && a.action === 'create')).toHaveLength(offices);
  expect(audits.filter((a) => a.action === 'commit')).toHaveLength(1);
  expect(audits.every((a) => a.user_id === null)).toBe(true);
}

describe('duban import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duban-import-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports the example into a SQLite data folder, creating an office per unresolved mention', async () => {
    const data = join(dir, 'data');
    const n = await exampleMentions();
    const r = await runImport([EXAMPLE, '--data', data]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const match = /^imported plan (\S+): 5 sections, 26 tasks, 42 targets, (\d+) offices created\n$/u.exec(r.stdout);
    expect(match, r.stdout).not.toBeNull();
    expect(Number(match?.[2])).toBe(n);
    const store = await openStore({ dataDir: data });
    try {
      await expectStored(store, match?.[1] as string, n);
    } finally {
      await store.close();
    }
  });

  it('imports into PostgreSQL with --database', async () => {
    const schema = `t_cli_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      const url = new URL(TEST_PG_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const r = await runImport([EXAMPLE, '--database', url.toString()]);
      expect(r.stderr).toBe('');
      const match = /^imported plan (\S+): 5 sections, 26 tasks, 42 targets, (\d+) offices created\n$/u.exec(r.stdout);
      expect(match, r.stdout).not.toBeNull();
      const store = await openStore({ databaseUrl: TEST_PG_URL, pgSchema: schema });
      try {
        await expectStored(store, match?.[1] as string, await exampleMentions());
      } finally {
        await store.close();
      }
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });

  it('fails with one line on stderr and exit code 2', async () => {
    const missing = await runImport([join(dir, 'nope.txt'), '--data', join(dir, 'data2')]);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: `duban: cannot read ${join(dir, 'nope.txt')}: no such file\n`,
    });
    const binary = join(dir, 'x.bin');
    await writeFile(binary, new Uint8Array([0, 1, 2, 0, 0, 0, 9, 0, 0, 1, 0, 0]));
    const bad = await runImport([binary, '--data', join(dir, 'data2')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^duban: cannot read .*x\.bin: it is a binary file[^\n]*\n$/u);
    const url = await runImport([EXAMPLE, '--database', 'mysql://somewhere']);
    expect(url).toEqual({
      code: 2,
      stdout: '',
      stderr: 'duban: --database takes a postgres:// URL, not "mysql://somewhere"\n',
    });
    const noPlan = join(dir, 'note.txt');
    await writeFile(noPlan, '会议通知\n请准时参加。\n');
    const empty = await runImport([noPlan, '--data', join(dir, 'data2')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('duban: The document gave no tasks: there is nothing to commit\n');
  });
});

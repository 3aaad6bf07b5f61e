import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../db/connect.ts';
import { newId } from '../db/ids.ts';
import { verifyPassword } from '../modules/auth/passwords.ts';
import { DIALECTS, TEST_PG_URL } from '../testing/stores.ts';
import type { CliIo } from './main.ts';
import { registerUserCommand } from './user.ts';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `duban …` in-process the way main.ts does: exit code 2 for anything Commander refuses. */
async function duban(argv: string[], stdin = ''): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    stdin: [new TextEncoder().encode(stdin)],
  };
  const program = new Command('duban').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerUserCommand(program, io);
  let code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = error.exitCode === 0 ? 0 : 2;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** Where the command writes: a temp SQLite folder, or a fresh PostgreSQL schema named in the URL. */
interface Target {
  readonly args: string[];
  readonly url: string | null;
  readonly open: () => Promise<Store>;
  readonly drop: () => Promise<void>;
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'duban-cli-user-'));
  return {
    args: ['--data', dir],
    url: null,
    open: () => openStore({ dataDir: dir }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTarget(): Target {
  const schema = `cli_${process.pid}_${Date.now().toString(36)}`;
  // pg takes connection parameters from the URL's query: the schema rides in `options`.
  const url = `${TEST_PG_URL}${TEST_PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    args: ['--database', url],
    url,
    open: () => openStore({ databaseUrl: TEST_PG_URL, pgSchema: schema }),
    drop: async () => {
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

describe.each(DIALECTS)('duban user add on %s', (dialect) => {
  let target: Target;
  let store: Store;
  let officeId: string;

  beforeAll(async () => {
    target = dialect === 'sqlite' ? sqliteTarget() : postgresTarget();
    // Opening the store first creates the schema (and, on PostgreSQL, the schema the URL names).
    store = await target.open();
    officeId = newId();
    const now = new Date().toISOString();
    await store.db
      .insertInto('offices')
      .values({
        id: officeId,
        name: '翠竹街道办事处',
        kind: 'street-office',
        parent_id: null,
        aliases: '[]',
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  afterAll(async () => {
    await store.close();
    await target.drop();
  });

  const add = (args: string[], stdin = 'a-long-password\n') => duban(['user', 'add', ...args, ...target.args], stdin);
  const userNamed = (username: string) =>
    store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

  it('creates an administrator from a password on standard input and prints its id', async () => {
    const r = await add(['root', '--role', 'admin', '--password-stdin']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const id = r.stdout.trim();
    expect(r.stdout).toBe(`${id}\n`);
    const row = await userNamed('root');
    expect(row).toMatchObject({ id, role: 'admin', office_id: null, display_name: 'root' });
    // The trailing newline is not part of the password.
    expect(await verifyPassword(row?.password_hash ?? '', 'a-long-password')).toBe(true);
    const audit = await store.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entity: 'user', user_id: null, before: null });
    expect(audit[0]?.after).not.toMatch(/argon2/u);
  });

  it('finds the office of a reporter by its exact name or by its id', async () => {
    const byName = await add(['cuizhu', '--role', 'reporter', '--office', '翠竹街道办事处', '--password-stdin']);
    expect(byName.code).toBe(0);
    expect((await userNamed('cuizhu'))?.office_id).toBe(officeId);
    const byId = await add([
      'cuizhu2',
      '--role',
      'reporter',
      '--office',
      officeId,
      '--display-name',
      '翠竹',
      '--password-stdin',
    ]);
    expect(byId.code).toBe(0);
    expect(await userNamed('cuizhu2')).toMatchObject({ office_id: officeId, display_name: '翠竹' });
  });

  it.each([
    [
      'an unknown office',
      ['nobody', '--role', 'reporter', '--office', '翠竹街道', '--password-stdin'],
      'no office is named "翠竹街道"',
    ],
    ['a reporter without an office', ['nobody', '--role', 'reporter', '--password-stdin'], 'must belong to an office'],
    ['an unknown role', ['nobody', '--role', 'boss', '--password-stdin'], 'unknown role "boss"'],
    ['a missing --password-stdin', ['nobody', '--role', 'leader'], '--password-stdin'],
    ['a bad username', ['no body', '--role', 'leader', '--password-stdin'], 'username'],
  ])('refuses %s with exit code 2 and one line', async (_, args, message) => {
    const r = await add(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.startsWith('duban: ')).toBe(true);
    expect(await userNamed('nobody')).toBeUndefined();
  });

  it.each([
    ['a short password', 'short\n', 'at least 8 characters'],
    ['an empty standard input', '', 'at least 8 characters'],
    ['a password of two lines', 'first-line\nsecond-line\n', 'one line'],
  ])('refuses %s', async (_, stdin, message) => {
    const r = await add(['nobody', '--role', 'leader', '--password-stdin'], stdin);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(await userNamed('nobody')).toBeUndefined();
  });

  it('refuses a username that is taken', async () => {
    expect((await add(['twice', '--role', 'leader', '--password-stdin'])).code).toBe(0);
    const again = await add(['twice', '--role', 'leader', '--password-stdin']);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('duban: The username twice is taken\n');
  });

  it('keeps a password’s inner spaces and takes only the final line ending off', async () => {
    expect((await add(['spacey', '--role', 'leader', '--password-stdin'], ' pass word \r\n')).code).toBe(0);
    expect(await verifyPassword((await userNamed('spacey'))?.password_hash ?? '', ' pass word ')).toBe(true);
  });

  if (dialect === 'postgres') {
    it('uses DATABASE_URL when neither --data nor --database is given', async () => {
      vi.stubEnv('DATABASE_URL', target.url ?? '');
      try {
        const r = await duban(['user', 'add', 'from-env', '--role', 'leader', '--password-stdin'], 'a-long-password');
        expect(r).toMatchObject({ code: 0, stderr: '' });
        expect(await userNamed('from-env')).toBeDefined();
      } finally {
        vi.unstubAllEnvs();
      }
    });
  }
});

describe('duban user add', () => {
  it('refuses a --database that is not a postgres:// URL', async () => {
    const r = await duban(
      ['user', 'add', 'x-user', '--role', 'leader', '--database', 'mysql://h/db', '--password-stdin'],
      'a-long-password',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--database takes a postgres:// URL');
  });

  it('reports a database it cannot open in one line', async () => {
    const r = await duban(
      [
        'user',
        'add',
        'x-user',
        '--role',
        'leader',
        '--database',
        'postgres://nobody@127.0.0.1:1/none',
        '--password-stdin',
      ],
      'a-long-password',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^duban: cannot open the database: .+\n$/u);
  });
});

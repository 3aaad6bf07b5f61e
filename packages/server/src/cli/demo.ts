import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { openStore } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { boundPort, portOf, startServer } from '../main.ts';
import { seedDirectory } from '../modules/offices/offices.service.ts';
import { createUser } from '../modules/users/users.service.ts';
import { CliError } from './errors.ts';
import { importDocument } from './import.ts';
import type { CliIo } from './main.ts';
import { addServeOptions, remindersAtOf, type ServeFlags } from './serve.ts';
import { storeOptionsOf } from './store-options.ts';

/** The example plan this project was asked to run: what the demo loads. */
export const EXAMPLE_PLAN = fileURLToPath(new URL('../../../../examples/luohu-2007-jichu.txt', import.meta.url));

export interface DemoData {
  readonly planId: string;
  readonly username: string;
  readonly password: string;
}

/**
 * Load the demo into an empty store: Luohu's office directory, the example plan and an admin
 * account with a fresh random password. Returns null, touching nothing, when the store has
 * users already (a restart keeps what is there).
 */
export async function loadDemo(db: Kysely<Database>): Promise<DemoData | null> {
  const users = await db.selectFrom('users').select('id').limit(1).execute();
  if (users.length > 0) return null;
  await seedDirectory(db, null);
  const bytes = await readFile(EXAMPLE_PLAN);
  const { planId } = await importDocument(db, { bytes, fileName: 'luohu-2007-jichu.txt' });
  const password = randomBytes(12).toString('base64url');
  await createUser(db, null, { username: 'admin', displayName: '区委基层办', role: 'admin', password });
  return { planId, username: 'admin', password };
}

export function registerDemoCommand(program: Command, io: CliIo): void {
  addServeOptions(
    program
      .command('demo')
      .description('load the demo (directory, example plan, admin account) into an empty data folder, then serve'),
  ).action(async (flags: ServeFlags) => {
    let port: number;
    try {
      port = portOf(flags.port);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    const host = flags.host ?? process.env.HOST ?? '127.0.0.1';
    const remindersAt = remindersAtOf(flags);
    const store = await openStore(storeOptionsOf(flags));
    const demo = await loadDemo(store.db);
    const app = await startServer({ store, port, host, remindersAt });
    const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${boundPort(app, port)}`;
    if (demo) {
      io.stdout(
        [
          '',
          `Duban demo is ready at ${url}`,
          `  plan:      罗湖区“基层基础年”活动2007年工作要点 (${url}/api/plans/${demo.planId})`,
          `  sign in:   ${demo.username} / ${demo.password}`,
          '  This password is shown only now; keep it. (`duban user add` creates more accounts.)',
          '',
        ].join('\n'),
      );
    } else {
      io.stdout(`Duban is serving the existing data at ${url} (${store.dialect})\n`);
    }
    await new Promise<never>(() => {});
  });
}

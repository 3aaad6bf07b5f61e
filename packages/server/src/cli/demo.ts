import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { systemClock } from '@duban/core';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { openStore } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { boundPort, portOf, startServer } from '../main.ts';
import { seedDirectory } from '../modules/offices/offices.service.ts';
import { changeSettings } from '../modules/status/status.service.ts';
import { createUser } from '../modules/users/users.service.ts';
import { type DemoActivity, loadDemoActivity, writeDemoRosters } from './demo-activity.ts';
import { fitDemoTargets } from './demo-targets.ts';
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
  /** The year of activity loaded with it; null for the plain demo. */
  readonly activity: DemoActivity | null;
}

/**
 * Load the demo into an empty store: Luohu's office directory, the example plan and an admin
 * account with a fresh random password; with `activity`, a year of 2007's reports, ledgers,
 * problems, orders and reminders and the accounts that wrote them (demo-activity.ts). Returns
 * null, touching nothing, when the store has users already (a restart keeps what is there).
 */
export async function loadDemo(db: Kysely<Database>, options: { activity?: boolean } = {}): Promise<DemoData | null> {
  const users = await db.selectFrom('users').select('id').limit(1).execute();
  if (users.length > 0) return null;
  await seedDirectory(db, null);
  const bytes = await readFile(EXAMPLE_PLAN);
  const { planId } = await importDocument(db, { bytes, fileName: 'luohu-2007-jichu.txt' });
  await fitDemoTargets(db, planId as string);
  const password = randomBytes(12).toString('base64url');
  const admin = await createUser(db, null, { username: 'admin', displayName: '区委基层办', role: 'admin', password });
  // 区委基层办 runs the plan: a leader reviews its own reports, and the league leaves it out.
  const planOffice = await db.selectFrom('offices').select('id').where('name', '=', '区委基层办').executeTakeFirst();
  if (planOffice) await changeSettings(db, admin, { planId, version: 1, planOfficeId: planOffice.id }, systemClock);
  await writeDemoRosters(db, { id: admin.id, role: 'admin' });
  const activity = options.activity ? await loadDemoActivity(db, { planId, adminId: admin.id }) : null;
  return { planId, username: 'admin', password, activity };
}

interface DemoFlags extends ServeFlags {
  /** False with --no-activity. */
  activity?: boolean;
}

/** What `duban demo` prints once the demo is loaded. */
export function demoBanner(url: string, demo: DemoData): string {
  const lines = [
    '',
    `Duban demo is ready at ${url}`,
    `  plan:      罗湖区“基层基础年”活动2007年工作要点 (${url}/api/plans/${demo.planId})`,
    `  sign in:   ${demo.username} / ${demo.password}`,
    '  This password is shown only now; keep it. (`duban user add` creates more accounts.)',
  ];
  const activity = demo.activity;
  if (activity) {
    lines.push(
      `  demo accounts, password ${activity.password}:`,
      ...activity.accounts.map((a) => `    ${a.username.padEnd(13)} ${a.role.padEnd(10)} ${a.office ?? a.displayName}`),
      `  2007 as it went: ${activity.reports} reports, ${activity.ledgerEntries} ledger entries, ${activity.problems} problems, ${activity.orders} supervision orders, ${activity.notifications} reminders.`,
      '  A plan whose year has ended is judged as on its last day (2007-12-31).',
    );
  }
  lines.push('');
  return lines.join('\n');
}

export function registerDemoCommand(program: Command, io: CliIo): void {
  addServeOptions(
    program
      .command('demo')
      .description(
        'load the demo into an empty data folder, then serve: the directory, the example plan, an admin account ' +
          'and a year of 2007 activity (reports, ledgers, problems, orders, reminders) with demo accounts to see it by',
      )
      .option(
        '--no-activity',
        'load only the directory, the example plan and the admin account, without the 2007 activity',
      ),
  ).action(async (flags: DemoFlags) => {
    let port: number;
    try {
      port = portOf(flags.port);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    const host = flags.host ?? process.env.HOST ?? '127.0.0.1';
    const remindersAt = remindersAtOf(flags);
    const store = await openStore(storeOptionsOf(flags));
    const demo = await loadDemo(store.db, { activity: flags.activity !== false });
    const app = await startServer({ store, port, host, remindersAt });
    const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${boundPort(app, port)}`;
    if (demo) {
      io.stdout(demoBanner(url, demo));
    } else {
      io.stdout(`Duban is serving the existing data at ${url} (${store.dialect})\n`);
    }
    await new Promise<never>(() => {});
  });
}

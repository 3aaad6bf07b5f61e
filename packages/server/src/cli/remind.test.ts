import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../db/connect.ts';
import { loadStatusData } from '../modules/status/status.repository.ts';
import { loadDemo } from './demo.ts';
import { run } from './main.ts';

async function duban(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), stdin: [] });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('duban remind', () => {
  let dir: string;
  let leads: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duban-cli-remind-'));
    const store = await openStore({ dataDir: dir });
    await loadDemo(store.db);
    // Reports are owed only from the day a plan entered Duban: date the 2007 plan back to its year.
    await store.db.updateTable('plans').set({ created_at: '2007-01-01T00:00:00.000Z' }).execute();
    // Who owes a report: the lead offices, with groups (各街道办事处) expanded as the job does.
    const plan = await store.db.selectFrom('plans').select('id').executeTakeFirstOrThrow();
    const { leads: leadsOf } = await loadStatusData(store.db, plan.id, { date: '2007-12-31' });
    leads = [...leadsOf.values()].reduce((n, offices) => n + offices.length, 0);
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each late report once, however often it runs', async () => {
    // The plan, issued 19 June, owes from July; July's reports were due on 7 August 2007: by
    // 20 August every one is late.
    const first = await duban(['remind', '--data', dir, '--date', '2007-08-20', '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const counts = JSON.parse(first.stdout);
    expect(leads).toBeGreaterThan(20);
    expect(counts).toMatchObject({ date: '2007-08-20', late: leads, created: leads, dueSoon: 0 });

    const again = await duban(['remind', '--data', dir, '--date', '2007-08-20']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^reminders for 2007-08-20: 0 new/u);
  });

  it('says what is wrong with a bad date', async () => {
    const bad = await duban(['remind', '--data', dir, '--date', '2007-13-40']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a date/u);
  });
});

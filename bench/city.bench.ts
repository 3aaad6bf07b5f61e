import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chinaDate } from '@duban/core';
import type { Kysely } from 'kysely';
import type { Database } from '../packages/server/src/db/schema.ts';
import { lockReason } from '../packages/server/src/modules/reports/reports.service.ts';
import {
  CITY_ADMIN,
  CITY_AS_OF,
  CITY_PASSWORD,
  CITY_SPEC,
  type CitySummary,
  generateCity,
  OPEN_PERIOD,
} from './city/generate.ts';
import { drive, measureRead, type ReadOutcome, start, type WriteOutcome, type WriteRequest } from './city/measure.ts';
import { Random } from './city/random.ts';
import { type CityDialect, type CityStore, createCityStore } from './city/stores.ts';
import { figureFor } from './city/targets.ts';

/**
 * `npm run bench:city [-- --scale 0.01] [--only sqlite|postgres]`: the real server over a
 * generated city (city/generate.ts) on SQLite and on PostgreSQL. Measures the 2026 plan's
 * dashboard, office league table and status, and the problem trend (sequential latency, then
 * under load), and how many reports per second offices can create and submit. Ratios are
 * against a bare Fastify route measured in the same run: these machines are noisy.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    only: { type: 'string' },
    samples: { type: 'string', default: '100' },
  },
});
const SCALE = Number(flags.scale);
if (!(SCALE > 0)) throw new Error(`--scale takes a number above 0, not ${flags.scale}`);
if (flags.only !== undefined && flags.only !== 'sqlite' && flags.only !== 'postgres') {
  throw new Error(`--only takes sqlite or postgres, not ${flags.only}`);
}
const DIALECTS: CityDialect[] = flags.only ? [flags.only as CityDialect] : ['sqlite', 'postgres'];
const SAMPLES = Number(flags.samples);
const WARMUP = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;
/** Submissions to send in all (a round per batch of drafts, each round on fresh drafts). */
const SUBMISSIONS = 3000;
const MAX_ROUNDS = 20;
const AIM_READ_P95_MS = 150;
const AIM_SUBMISSIONS_PER_S = 500;

const READS = [
  {
    name: 'dashboard',
    label: 'GET /api/plans/:id/dashboard',
    path: (plan: string) => `/api/plans/${plan}/dashboard?date=${CITY_AS_OF}`,
  },
  {
    name: 'league',
    label: 'GET /api/plans/:id/league',
    path: (plan: string) => `/api/plans/${plan}/league?date=${CITY_AS_OF}`,
  },
  {
    name: 'status',
    label: 'GET /api/plans/:id/status',
    path: (plan: string) => `/api/plans/${plan}/status?date=${CITY_AS_OF}`,
  },
  { name: 'trend', label: 'GET /api/problems/trend', path: () => '/api/problems/trend?from=2022-01&to=2026-12' },
] as const;
type ReadName = (typeof READS)[number]['name'];

interface WriteTotals {
  readonly requests: number;
  readonly ok: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: Map<number, { count: number; body: string }>;
}

/** The bare route: sequential p95, and requests per second under load. */
interface Bare {
  readonly p95: number;
  readonly perSecond: number;
}

interface DialectResult {
  readonly dialect: CityDialect;
  readonly summary: CitySummary;
  readonly bare: Bare;
  readonly reads: Map<ReadName, ReadOutcome>;
  readonly create: WriteTotals;
  readonly submit: WriteTotals;
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const DIALECT_NAMES: Record<CityDialect, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

function describeDataset(): void {
  const c = CITY_SPEC;
  console.log(
    [
      `city at scale ${SCALE} (full scale: ${c.offices} offices, ${c.tasksPerPlan} tasks and ${c.targetsPerPlan} targets a plan, ` +
        `${c.ledgerEntries.toLocaleString('en')} ledger entries, ${c.problems.toLocaleString('en')} problems, ~${c.orders.toLocaleString('en')} orders):`,
      '  offices: district departments, street offices, each with communities under it (parent_id); one reporter each;',
      '  five annual plans 2022–2026 (60 monthly periods), tasks with 1–3 lead and 0–3 support offices (some',
      '  supported by the group 各街道办事处), targets of the parser’s kinds (90%以上, 控制在3%以内, 新建12家, 2—3个,',
      '  比上年度减少15%以上, 同比下降, 每季度不少于1次, 累计不少于12天);',
      `  a report of every lead office on every task for every month up to 2026-M11 (about 4% never handed in, 2%`,
      '  drafts, 3% returned, 8% of the rest late, most accepted), with figures (a third of the shares as',
      `  numerator/denominator), report events and a few exceptions; ${OPEN_PERIOD} is left open for the write test;`,
      '  ledger entries spread over visits 40%, diaries 50%, meetings 6%, trainings 4% (links extra, two a community);',
      '  problems from visits and diaries that raised them, inspections, the hotline and reports, mostly closed;',
      '  supervision orders (90% on problems, 10% on plan tasks) in every state, some overdue, with their events.',
      `  The city stands on ${CITY_AS_OF}; reads judge the 2026 plan on that day. SQLite gets no ANALYZE (the app`,
      '  runs none); PostgreSQL gets VACUUM (ANALYZE) after the load, as autovacuum would.',
    ].join('\n'),
  );
}

async function login(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: CITY_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login of ${username} failed: ${r.status} ${await r.text()}`);
  return (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** Run `work` over `items`, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

function total(rounds: readonly WriteOutcome[]): WriteTotals {
  const failures = new Map<number, { count: number; body: string }>();
  for (const r of rounds) {
    for (const [status, f] of r.failures) {
      const seen = failures.get(status);
      failures.set(status, { count: (seen?.count ?? 0) + f.count, body: seen?.body ?? f.body });
    }
  }
  const ok = rounds.reduce((n, r) => n + r.ok, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const p50s = rounds.map((r) => r.p50).sort((a, b) => a - b);
  return {
    requests: rounds.reduce((n, r) => n + r.requests, 0),
    ok,
    perSecond: seconds > 0 ? ok / seconds : 0,
    p50: p50s[Math.floor(p50s.length / 2)] ?? Number.NaN,
    p99: rounds.length > 0 ? Math.max(...rounds.map((r) => r.p99)) : Number.NaN,
    failures,
  };
}

function writeLine(label: string, t: WriteTotals, bareRate: number): string {
  const failed = t.requests - t.ok;
  return (
    `  ${label.padEnd(40)} ${t.perSecond.toFixed(0).padStart(6)}/s  p50 ${fmt(t.p50).padStart(7)}  p99 ${fmt(t.p99).padStart(7)}` +
    `  ratio to bare ${(t.perSecond / bareRate).toFixed(3)}  ${t.ok}/${t.requests} ok${failed ? `, ${failed} FAILED` : ''}`
  );
}

function printFailures(t: WriteTotals): void {
  for (const [status, f] of t.failures) console.log(`    ${status || 'no answer'} ×${f.count}: ${f.body}`);
}

/** Generate the city into a fresh store of the dialect, printing what it took. */
async function generate(dialect: CityDialect): Promise<{ city: CityStore; summary: CitySummary }> {
  const city = await createCityStore(dialect);
  const cpu0 = process.cpuUsage();
  const summary = await generateCity(city.store, { scale: SCALE, log: console.log });
  const cpu = process.cpuUsage(cpu0);
  const rows = Object.values(summary.rows).reduce((n, r) => n + r, 0);
  console.log(
    `generated ${rows.toLocaleString('en')} rows in ${(summary.ms / 1000).toFixed(1)} s ` +
      `(CPU of this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s` +
      `${summary.foreignKeysChecked ? '' : '; foreign keys checked by the tests, not during the load'})`,
  );
  console.log(
    `  ${Object.entries(summary.rows)
      .map(([table, n]) => `${table} ${n.toLocaleString('en')}`)
      .join(', ')}`,
  );
  return { city, summary };
}

const READ_OPTIONS = { samples: SAMPLES, warmup: WARMUP, seconds: SECONDS, connections: CONNECTIONS };

/** The four reads, and the bare route's latency and rate just before them. */
async function measureReads(
  base: string,
  admin: string,
  planId: string,
  bareUrl: string,
): Promise<{ bare: Bare; reads: Map<ReadName, ReadOutcome> }> {
  const bareRead = await measureRead(bareUrl, '', READ_OPTIONS);
  if (bareRead.kind !== 'ok') throw new Error('the bare route did not answer');
  const bare = { p95: bareRead.p95, perSecond: bareRead.load.requests.average };
  console.log(
    `reads of the 2026 plan (${SAMPLES} one after another after ${WARMUP} warm-up; then ${CONNECTIONS} connections × ${SECONDS} s):`,
  );
  const readLine = (label: string, r: Extract<ReadOutcome, { kind: 'ok' }>) =>
    `  ${label.padEnd(30)} p50 ${fmt(r.p50).padStart(7)}  p95 ${fmt(r.p95).padStart(7)}  (${(r.p95 / bare.p95).toFixed(1)}× bare)` +
    `  ${(r.bytes / 1024).toFixed(1).padStart(6)} kB | loaded ${r.load.requests.average.toFixed(0).padStart(5)} req/s` +
    `  p50 ${fmt(r.load.latency.p50).padStart(7)}  p99 ${fmt(r.load.latency.p99).padStart(7)}` +
    `${r.load.non2xx + r.load.errors ? `  (${r.load.non2xx + r.load.errors} failed)` : ''}`;
  console.log(readLine('bare route (report JSON)', bareRead));
  const reads = new Map<ReadName, ReadOutcome>();
  for (const read of READS) {
    const outcome = await measureRead(`${base}${read.path(planId)}`, admin, READ_OPTIONS);
    reads.set(read.name, outcome);
    if (outcome.kind === 'ok') console.log(readLine(read.label, outcome));
    else if (outcome.kind === 'missing') console.log(`  ${read.label.padEnd(30)} missing (404: no such route yet)`);
    else console.log(`  ${read.label.padEnd(30)} FAILED: ${outcome.status} ${outcome.body}`);
  }
  return { bare, reads };
}

/**
 * Drafts (POST /api/reports) then submissions (POST /api/reports/:id/submit) of the open month
 * by every office assigned a 2026 task, lead or support, each signed in as its own reporter:
 * rounds on fresh drafts, the first to warm up.
 */
async function measureWrites(
  db: Kysely<Database>,
  base: string,
  planId: string,
): Promise<{ create: WriteTotals; submit: WriteTotals; pairs: number; rounds: number; figures: number }> {
  const assigned = await db
    .selectFrom('task_assignments')
    .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
    .select(['task_assignments.task_id', 'task_assignments.office_id'])
    .where('tasks.plan_id', '=', planId)
    .where('task_assignments.office_id', 'is not', null)
    .orderBy('task_assignments.id')
    .execute();
  const targets = await db
    .selectFrom('targets')
    .innerJoin('tasks', 'tasks.id', 'targets.task_id')
    .select(['targets.id', 'targets.task_id', 'targets.unit', 'targets.op', 'targets.value'])
    .where('tasks.plan_id', '=', planId)
    .orderBy('targets.task_id')
    .orderBy('targets.position')
    .execute();
  const targetsOf = new Map<string, typeof targets>();
  for (const t of targets) targetsOf.set(t.task_id, [...(targetsOf.get(t.task_id) ?? []), t]);
  const officeIds = [...new Set(assigned.map((a) => a.office_id as string))];
  const reporters = await db
    .selectFrom('users')
    .select(['username', 'office_id'])
    .where('role', '=', 'reporter')
    .where('office_id', 'in', officeIds)
    .execute();
  const cookieOf = new Map<string, string>();
  const t0 = performance.now();
  await inParallel(reporters, 4, async (u) => {
    cookieOf.set(u.office_id as string, await login(base, u.username));
  });
  console.log(`signed in ${reporters.length} office reporters in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const today = chinaDate(new Date().toISOString());
  if (lockReason({ periodKey: OPEN_PERIOD, dueWorkingDays: 5, lockDays: 10, exceptionsUntil: [], today }) !== null) {
    // Run after the month has locked: the plan office lets the offices report late, as it would.
    await db
      .insertInto('report_exceptions')
      .values(
        officeIds.map((officeId, i) => ({
          id: `bench-exception-${i}`,
          plan_id: planId,
          office_id: officeId,
          period_key: OPEN_PERIOD,
          until: '2099-12-31',
          granted_by: null,
          created_at: new Date().toISOString(),
        })),
      )
      .execute();
    console.log(`${OPEN_PERIOD} has locked by ${today}: granted its offices an exception to report`);
  }

  const random = new Random(7);
  const drafts: WriteRequest[] = assigned.map((a) => ({
    method: 'POST',
    path: '/api/reports',
    cookie: cookieOf.get(a.office_id as string) as string,
    body: {
      taskId: a.task_id,
      periodKey: OPEN_PERIOD,
      progress: 'in-progress',
      narrative: '本月按计划推进,已召开专题会议研究部署。',
      figures: (targetsOf.get(a.task_id) ?? []).map((t) => {
        const f = figureFor(random, { unit: t.unit, op: t.op, value: Number(t.value) });
        return f.numerator === null
          ? { targetId: t.id, value: f.value }
          : { targetId: t.id, numerator: f.numerator, denominator: f.denominator };
      }),
    },
  }));
  const rounds = Math.min(MAX_ROUNDS, Math.max(1, Math.ceil(SUBMISSIONS / drafts.length)));
  const creates: WriteOutcome[] = [];
  const submits: WriteOutcome[] = [];
  // Round 0 warms the server up (JIT, caches, connections) and is not counted.
  for (let round = 0; round <= rounds; round++) {
    const created = await drive(base, drafts, 201, CONNECTIONS);
    const submissions: WriteRequest[] = created.bodies.map((body) => {
      const r = JSON.parse(body) as { id: string; version: number; officeId: string };
      return {
        method: 'POST',
        path: `/api/reports/${r.id}/submit`,
        cookie: cookieOf.get(r.officeId) as string,
        body: { version: r.version },
      };
    });
    const submitted = submissions.length > 0 ? await drive(base, submissions, 200, CONNECTIONS) : null;
    if (round > 0) {
      creates.push(created);
      if (submitted) submits.push(submitted);
    }
    // Fresh drafts for the next round: the open month's reports go (figures and events with them).
    await db
      .deleteFrom('reports')
      .where('period_key', '=', OPEN_PERIOD)
      .where('task_id', 'in', (eb) => eb.selectFrom('tasks').select('id').where('plan_id', '=', planId))
      .execute();
  }
  return {
    create: total(creates),
    submit: total(submits),
    pairs: drafts.length,
    rounds,
    figures: targets.length / Math.max(1, new Set(targets.map((t) => t.task_id)).size),
  };
}

async function benchDialect(dialect: CityDialect): Promise<DialectResult> {
  const children: ChildProcess[] = [];
  let city: CityStore | null = null;
  const scratch = mkdtempSync(join(tmpdir(), 'duban-city-bench-'));
  try {
    console.log(`\n== ${DIALECT_NAMES[dialect]} ==`);
    const generated = await generate(dialect);
    city = generated.city;
    const { summary } = generated;
    const db = city.store.db;
    const plan = summary.plans.find((p) => p.year === 2026);
    if (!plan) throw new Error('no 2026 plan');

    const server = await start(ROOT, ['--import', 'tsx', 'bench/city/serve.ts', JSON.stringify(city.location)]);
    children.push(server.child);
    const base = `http://127.0.0.1:${server.port}`;
    const admin = await login(base, CITY_ADMIN);
    // The bare route answers what a submission answers: a report's detail.
    const sample = await db
      .selectFrom('reports')
      .select('id')
      .where('status', '=', 'accepted')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const detail = await fetch(`${base}/api/reports/${sample.id}`, { headers: { cookie: admin } });
    if (detail.status !== 200) throw new Error(`GET /api/reports/:id answered ${detail.status}`);
    const bodyFile = join(scratch, 'bare-body.json');
    writeFileSync(bodyFile, await detail.text());
    const bareServer = await start(ROOT, ['--import', 'tsx', 'bench/bare-server.ts', '0', bodyFile]);
    children.push(bareServer.child);
    const bareUrl = `http://127.0.0.1:${bareServer.port}/bare`;

    const { bare, reads } = await measureReads(base, admin, plan.id, bareUrl);
    const writes = await measureWrites(db, base, plan.id);
    const bareAfter = await measureRead(bareUrl, '', READ_OPTIONS);
    const bareRate = bareAfter.kind === 'ok' ? (bareAfter.load.requests.average + bare.perSecond) / 2 : bare.perSecond;
    console.log(
      `writes for ${OPEN_PERIOD}: ${writes.pairs} (task, office) pairs × ${writes.rounds} rounds after a warm-up round, ` +
        `${CONNECTIONS} connections, each request a different report; bare route ${bareRate.toFixed(0)} req/s (before and after):`,
    );
    console.log(writeLine(`POST /api/reports (draft, ${writes.figures.toFixed(1)} figures)`, writes.create, bareRate));
    printFailures(writes.create);
    console.log(writeLine('POST /api/reports/:id/submit', writes.submit, bareRate));
    printFailures(writes.submit);
    return {
      dialect,
      summary,
      bare: { p95: bare.p95, perSecond: bareRate },
      reads,
      create: writes.create,
      submit: writes.submit,
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await city?.drop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

const NOT_RUN = 'not run (see above)';

function readCell(r: DialectResult | undefined, name: ReadName, aim: number | null): string {
  if (!r) return NOT_RUN;
  const o = r.reads.get(name);
  if (!o || o.kind === 'missing') return 'missing';
  if (o.kind === 'failed') return `FAILED (${o.status})`;
  const value = `${fmt(o.p95)} (${(o.p95 / r.bare.p95).toFixed(0)}× bare)`;
  return aim === null ? value : `${value} ${o.p95 < aim ? 'met' : 'MISSED'}`;
}

function printTable(results: readonly DialectResult[]): void {
  const of = (d: CityDialect) => results.find((r) => r.dialect === d);
  const rows: [string, (r: DialectResult | undefined) => string][] = [
    [`plan dashboard p95 < ${AIM_READ_P95_MS} ms`, (r) => readCell(r, 'dashboard', AIM_READ_P95_MS)],
    [`office league table p95 < ${AIM_READ_P95_MS} ms`, (r) => readCell(r, 'league', AIM_READ_P95_MS)],
    [
      `report submissions >= ${AIM_SUBMISSIONS_PER_S}/s`,
      (r) => {
        if (!r) return NOT_RUN;
        const failed = r.submit.requests - r.submit.ok;
        const met = r.submit.perSecond >= AIM_SUBMISSIONS_PER_S && failed === 0;
        const ratio = (r.submit.perSecond / r.bare.perSecond).toFixed(3);
        return `${r.submit.perSecond.toFixed(0)}/s (${ratio} of bare) ${met ? 'met' : 'MISSED'}${failed ? ` (${failed} failed)` : ''}`;
      },
    ],
    ['plan status p95 (no aim)', (r) => readCell(r, 'status', null)],
    ['problem trend p95 (no aim)', (r) => readCell(r, 'trend', null)],
    [
      'draft creations/s (no aim)',
      (r) =>
        r
          ? `${r.create.perSecond.toFixed(0)}/s (${(r.create.perSecond / r.bare.perSecond).toFixed(3)} of bare)`
          : NOT_RUN,
    ],
    ['city generation (no aim)', (r) => (r ? `${(r.summary.ms / 1000).toFixed(1)} s` : NOT_RUN)],
  ];
  console.log(`\n${'aim'.padEnd(40)} ${'SQLite'.padEnd(34)} PostgreSQL`);
  for (const [label, cell] of rows)
    console.log(`${label.padEnd(40)} ${cell(of('sqlite')).padEnd(34)} ${cell(of('postgres'))}`);
  console.log(
    `(p95 of ${SAMPLES} sequential requests after warm-up; rates with ${CONNECTIONS} connections; ` +
      `bare: a bare Fastify route in the same run; scale ${SCALE})`,
  );
}

describeDataset();
const results: DialectResult[] = [];
for (const dialect of DIALECTS) {
  try {
    results.push(await benchDialect(dialect));
  } catch (error) {
    // One database failing (PostgreSQL not reachable…) still leaves the other's figures.
    console.error(`${DIALECT_NAMES[dialect]} failed:`, error);
    process.exitCode = 1;
  }
}
printTable(results);

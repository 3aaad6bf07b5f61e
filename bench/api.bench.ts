import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

type Result = Awaited<ReturnType<typeof autocannon>>;

import { loadDemo } from '../packages/server/src/cli/demo.ts';
import { openStore } from '../packages/server/src/db/connect.ts';

/**
 * `npm run bench:api`: requests per second and p99 latency, with autocannon on 127.0.0.1, of
 * (1) a bare Fastify route answering the plan's JSON body, (2) GET /api/plans/:id on the
 * example plan, (3) an audited write (PATCH /api/tasks/:id), each server in its own process.
 * Ratios are against the bare route measured in the same run: these machines are noisy.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;

/** Start a server on a free port; resolves with the process and the port it printed. */
function start(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout?.setEncoding('utf8').on('data', (s: string) => {
      const m = /(?:ready |serving on http:\/\/[\d.]+:)(\d+)/u.exec(s);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function line(name: string, r: Result, base?: Result): string {
  const ratio = base ? `  ratio ${(r.requests.average / base.requests.average).toFixed(2)}` : '';
  const bad = r.non2xx + r.errors + r.timeouts;
  return `${name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(7)} req/s  p99 ${String(r.latency.p99).padStart(4)} ms${ratio}${bad ? `  (${bad} failed)` : ''}`;
}

const dir = mkdtempSync(join(tmpdir(), 'duban-bench-'));
const children: ChildProcess[] = [];
try {
  const store = await openStore({ dataDir: dir });
  const demo = await loadDemo(store.db);
  await store.close();
  if (!demo) throw new Error('demo did not load');

  const app = await start(['packages/server/bin/duban.js', 'serve', '--data', dir, '--port', '0']);
  children.push(app.child);
  const base = `http://127.0.0.1:${app.port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: demo.username, password: demo.password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const planRes = await fetch(`${base}/api/plans/${demo.planId}`, { headers: { cookie } });
  const planBody = await planRes.text();
  const plan = JSON.parse(planBody) as { sections: { tasks: { id: string; version: number }[] }[] };
  const tasks = plan.sections.flatMap((s) => s.tasks);

  const bodyFile = join(dir, 'plan.json');
  writeFileSync(bodyFile, planBody);
  const bareServer = await start(['--import', 'tsx', 'bench/bare-server.ts', '0', bodyFile]);
  children.push(bareServer.child);
  const bareUrl = `http://127.0.0.1:${bareServer.port}/bare`;

  const run = (opts: Parameters<typeof autocannon>[0]) =>
    autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts });
  // Warm both servers (JIT, SQLite page cache) before measuring.
  await run({ url: bareUrl, duration: 2 });
  await run({ url: `${base}/api/plans/${demo.planId}`, headers: { cookie }, duration: 2 });

  const bare = await run({ url: bareUrl });
  const read = await run({ url: `${base}/api/plans/${demo.planId}`, headers: { cookie } });
  // Each connection edits its own task and counts its version (one autocannon client per
  // task, since a client's requests go one at a time): no write is a 409.
  const writers = tasks.slice(0, CONNECTIONS).map((task) => {
    let version = task.version;
    return autocannon({
      url: base,
      connections: 1,
      duration: DURATION,
      requests: [
        {
          method: 'PATCH',
          setupRequest: (req) => {
            const v = version++;
            return {
              ...req,
              path: `/api/tasks/${task.id}`,
              headers: { cookie, 'content-type': 'application/json' },
              body: JSON.stringify({ version: v, title: `任务标题 ${v}` }),
            };
          },
        },
      ],
    });
  });
  const parts = await Promise.all(writers);
  const write = {
    requests: { average: parts.reduce((n, r) => n + r.requests.average, 0) },
    latency: { p99: Math.max(...parts.map((r) => r.latency.p99)) },
    non2xx: parts.reduce((n, r) => n + r.non2xx, 0),
    errors: parts.reduce((n, r) => n + r.errors, 0),
    timeouts: parts.reduce((n, r) => n + r.timeouts, 0),
  } as Result;
  console.log(
    `plan body ${(planBody.length / 1024).toFixed(1)} kB, ${CONNECTIONS} connections, ${DURATION} s each, SQLite`,
  );
  console.log(line('bare route (same JSON body)', bare));
  console.log(line('GET /api/plans/:id', read, bare));
  console.log(line('PATCH /api/tasks/:id (audited)', write, bare));
  console.log(
    `aims: plan read >= 30% of bare ${read.requests.average / bare.requests.average >= 0.3 ? 'met' : 'MISSED'}; ` +
      `audited writes >= 1000/s ${write.requests.average >= 1000 ? 'met' : 'MISSED'}`,
  );
} finally {
  for (const c of children) c.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

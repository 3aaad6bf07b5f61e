import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

/** Measuring tools of `npm run bench:city`: servers in their own processes, latencies, load. */

export type Result = Awaited<ReturnType<typeof autocannon>>;

/** Start a server script on a free port; resolves with the process and the port it printed. */
export function start(root: string, args: string[]): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout?.setEncoding('utf8').on('data', (s: string) => {
      const m = /ready (\d+)/u.exec(s);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** The value below which `p` percent of the sorted samples lie (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export type ReadOutcome =
  | { kind: 'ok'; bytes: number; p50: number; p95: number; load: Result }
  /** The route is not there (yet): 404 "No route". */
  | { kind: 'missing' }
  | { kind: 'failed'; status: number; body: string };

/**
 * Latency of a GET: `warmup` requests first, then `samples` one after another (p50, p95), then
 * autocannon with `connections` for `seconds`. A route that answers 404 "No route" is missing.
 */
export async function measureRead(
  url: string,
  cookie: string,
  opts: { samples: number; warmup: number; seconds: number; connections: number },
): Promise<ReadOutcome> {
  const get = () => fetch(url, { headers: { cookie } });
  const first = await get();
  const body = await first.text();
  if (first.status === 404 && body.includes('No route')) return { kind: 'missing' };
  if (first.status !== 200) return { kind: 'failed', status: first.status, body: body.slice(0, 300) };
  for (let i = 1; i < opts.warmup; i++) await (await get()).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < opts.samples; i++) {
    const t0 = performance.now();
    const r = await get();
    await r.arrayBuffer();
    times.push(performance.now() - t0);
    if (r.status !== 200) return { kind: 'failed', status: r.status, body: '' };
  }
  times.sort((a, b) => a - b);
  const load = await autocannon({ url, headers: { cookie }, connections: opts.connections, duration: opts.seconds });
  return { kind: 'ok', bytes: Buffer.byteLength(body), p50: percentile(times, 50), p95: percentile(times, 95), load };
}

/** One request of a write run: where it goes, as whom, with what body. */
export interface WriteRequest {
  readonly method: 'POST' | 'PATCH';
  readonly path: string;
  readonly cookie: string;
  readonly body: unknown;
}

export interface WriteOutcome {
  readonly requests: number;
  readonly ok: number;
  /** Answers other than `okStatus`, by status (0: none), with the first body seen of each. */
  readonly failures: Map<number, { count: number; body: string }>;
  /** Successful requests per second, from the first request sent to the last answer. */
  readonly perSecond: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  /** Bodies of the successful answers. */
  readonly bodies: string[];
}

/**
 * Send each request once, over `connections` connections with autocannon (each connection one
 * request at a time), and count the answers: `okStatus` is a success, anything else a failure.
 */
export async function drive(
  base: string,
  requests: readonly WriteRequest[],
  okStatus: number,
  connections: number,
): Promise<WriteOutcome> {
  let next = 0;
  let last = 0;
  const failures = new Map<number, { count: number; body: string }>();
  const bodies: string[] = [];
  // `amount` (send this many, then stop) is autocannon's, missing from bench/autocannon.d.ts:
  // passed as a variable, not checked as a literal.
  type Request = NonNullable<Parameters<typeof autocannon>[0]['requests']>[number];
  const request: Request = {
    setupRequest: (req) => {
      const r = requests[next++] as WriteRequest;
      return {
        ...req,
        method: r.method,
        path: r.path,
        headers: { cookie: r.cookie, 'content-type': 'application/json' },
        body: JSON.stringify(r.body),
      };
    },
    onResponse: (status, body) => {
      last = performance.now();
      if (status === okStatus) bodies.push(body);
      else {
        const f = failures.get(status) ?? { count: 0, body: body.slice(0, 300) };
        f.count += 1;
        failures.set(status, f);
      }
    },
  };
  const options = {
    url: base,
    connections: Math.min(connections, requests.length),
    amount: requests.length,
    requests: [request],
  };
  const t0 = performance.now();
  const result = await autocannon(options);
  const seconds = (last - t0) / 1000;
  if (result.errors > 0) failures.set(0, { count: result.errors, body: 'no answer (connection error or timeout)' });
  return {
    requests: requests.length,
    ok: bodies.length,
    failures,
    perSecond: bodies.length / seconds,
    seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bodies,
  };
}

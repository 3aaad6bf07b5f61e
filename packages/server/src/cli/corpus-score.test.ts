import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

// The parser's score on the shared corpus, through the real `duban` command, exactly as the
// project's evaluation runs it. Paths are relative to the repository root, where ../shared lies
// beside the checkout.

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CORPUS = resolve(ROOT, '../shared/corpus');
const SCORE_ARGS = [
  '../shared/eval/score.mjs',
  '--dir',
  '../shared/corpus',
  '--cmd',
  'npx duban parse {file} --json',
  '--json',
];
const TIMEOUT = 60_000;

/** What every document must reach: the floor for each metric. */
const FLOORS = [
  ['items recall', (m: Metrics) => m.items.recall, 1],
  ['items precision', (m: Metrics) => m.items.precision, 1],
  ['titles accuracy', (m: Metrics) => m.titles.accuracy, 1],
  ['units F1', (m: Metrics) => m.units.f1, 1],
  ['indicators F1', (m: Metrics) => m.indicators.f1, 0.98],
  ['fields accuracy', (m: Metrics) => m.fields.accuracy, 0.98],
] as const;

interface Metrics {
  items: { recall: number; precision: number };
  titles: { accuracy: number };
  units: { f1: number };
  indicators: { f1: number };
  fields: { accuracy: number };
}

interface ScoredDocument {
  name: string;
  error: string | null;
  metrics?: Metrics;
}

const corpusPresent = existsSync(CORPUS);
const inCi = process.env.CI === 'true';
const documents = corpusPresent
  ? readdirSync(CORPUS)
      .filter((name) => name.endsWith('.gold.json'))
      .map((name) => name.slice(0, -'.gold.json'.length))
  : [];

if (!corpusPresent && !inCi) {
  console.warn(`corpus score skipped: ${CORPUS} is missing (the shared corpus lies beside the checkout as ../shared)`);
}

describe.skipIf(!corpusPresent)('parser on the shared corpus', () => {
  let scored: ScoredDocument[] = [];

  beforeAll(async () => {
    const { stdout } = await promisify(execFile)('node', SCORE_ARGS, {
      cwd: ROOT,
      timeout: TIMEOUT,
      maxBuffer: 64 * 1024 * 1024,
    });
    scored = (JSON.parse(stdout) as { documents: ScoredDocument[] }).documents;
  }, TIMEOUT);

  it.each(documents)('%s: all items, titles and offices; indicators and their fields ≥ 0.98', (name) => {
    const doc = scored.find((d) => d.name === name);
    expect(doc?.error ?? null).toBeNull();
    const metrics = doc?.metrics;
    if (metrics === undefined) throw new Error(`${name} was not scored`);
    const shortfalls = FLOORS.filter(([, get, floor]) => get(metrics) < floor).map(
      ([label, get, floor]) => `${label} ${get(metrics).toFixed(3)} < ${floor}`,
    );
    expect(shortfalls).toEqual([]);
  });
});

it.runIf(!corpusPresent && inCi)('finds the shared corpus in CI', () => {
  expect.fail(`${CORPUS} is missing: CI must score the parser on the shared corpus`);
});

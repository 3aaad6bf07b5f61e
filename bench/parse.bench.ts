// `npm run bench:parse`: how fast the parser reads plan text. The corpus documents (or the
// bundled examples when ../shared/corpus is missing) are read as the CLI reads them, repeated to
// at least 10 MB and parsed as one text. A split-and-regex pass over the same text runs beside
// it, because a ratio to a baseline says more than MB/s on a noisy machine.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseText } from '@duban/core';
import { readDocument } from '@duban/server';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = resolve(ROOT, '../shared/corpus');
const EXAMPLES = join(ROOT, 'examples');
const SEED = join(EXAMPLES, 'luohu-2007-jichu.txt');
const MB = 1024 * 1024;
const MIN_BYTES = 10 * MB;
const THROUGHPUT_RUNS = 5;
const SEED_RUNS = 200;
const AIM_MB_PER_S = 5;
const AIM_SEED_MS = 5;

/** A document as plain text; a .docx's table rows become tab-separated lines, as parseText reads tables. */
async function readText(path: string): Promise<string> {
  const document = await readDocument(readFileSync(path), path);
  if (document.format === 'text') return document.text;
  return document.blocks
    .map((block) => (block.type === 'paragraph' ? block.text : block.rows.map((row) => row.join('\t')).join('\n')))
    .join('\n');
}

async function corpusText(): Promise<{ dir: string; count: number; text: string }> {
  const dir = existsSync(CORPUS) ? CORPUS : EXAMPLES;
  const names = readdirSync(dir)
    .filter((name) => /\.(txt|docx)$/u.test(name))
    .sort();
  const texts = await Promise.all(names.map((name) => readText(join(dir, name))));
  return { dir, count: names.length, text: texts.join('\n') };
}

function repeatTo(text: string, minBytes: number): string {
  const times = Math.ceil(minBytes / Buffer.byteLength(text));
  return Array(times).fill(text).join('\n');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median milliseconds of `runs` calls of `fn`, after `warmup` untimed calls. */
function time(fn: () => unknown, runs: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

/** The baseline: what merely touching every line costs. */
function splitAndMatch(text: string): number {
  let numbered = 0;
  for (const line of text.split('\n')) if (/^\s*(\d+|[一二三四五六七八九十]+)[.、]/u.test(line)) numbered++;
  return numbered;
}

const fixed = (n: number, digits: number): string => n.toFixed(digits);
const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');

const corpus = await corpusText();
const big = repeatTo(corpus.text, MIN_BYTES);
const bigMb = Buffer.byteLength(big) / MB;
console.log(
  `corpus: ${corpus.count} documents from ${relative(ROOT, corpus.dir) || '.'} ` +
    `(${fixed(Buffer.byteLength(corpus.text) / 1024, 1)} kB), repeated to ${fixed(bigMb, 1)} MB`,
);

const parseMs = time(() => parseText(big), THROUGHPUT_RUNS, 1);
const baselineMs = time(() => splitAndMatch(big), THROUGHPUT_RUNS, 1);
const parseRate = bigMb / (parseMs / 1000);
const baselineRate = bigMb / (baselineMs / 1000);
console.log(
  `parse throughput: ${fixed(parseRate, 1)} MB/s over ${fixed(bigMb, 1)} MB ` +
    `(baseline split+regex ${fixed(baselineRate, 0)} MB/s, ratio ${fixed(parseRate / baselineRate, 3)}; ` +
    `median of ${THROUGHPUT_RUNS})`,
);

const seed = await readText(SEED);
const seedMs = time(() => parseText(seed), SEED_RUNS, 20);
console.log(`seed document warm parse: ${fixed(seedMs, 2)} ms (median of ${SEED_RUNS})`);
console.log(
  `aims: throughput >= ${AIM_MB_PER_S} MB/s ${verdict(parseRate >= AIM_MB_PER_S)}; ` +
    `seed parse < ${AIM_SEED_MS} ms ${verdict(seedMs < AIM_SEED_MS)}`,
);

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../../../scripts/ensure-web.ts';
import { ROOT } from './harness.ts';

/** Vite's build manifest: each source entry, its file and the chunks it imports. */
type Manifest = Record<string, { file: string; imports?: string[]; isEntry?: boolean }>;

const DIST = join(ROOT, 'dist/web');
const LIMIT = 500 * 1024;

/** The files a chunk loads before it can run: itself and its static imports, transitively. */
function closure(manifest: Manifest, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`no chunk ${key} in the manifest`);
    files.add(chunk.file);
    for (const i of chunk.imports ?? []) visit(i);
  };
  for (const k of keys) visit(k);
  return files;
}

function gzipSize(files: Set<string>): number {
  let total = 0;
  for (const f of files) if (f.endsWith('.js')) total += gzipSync(readFileSync(join(DIST, f))).length;
  return total;
}

describe('the web bundle', () => {
  ensureWebBuild(() => {});
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry) as string;

  it('loads at most 500 KB of gzipped JavaScript for the sign-in page', () => {
    expect(gzipSize(closure(manifest, [entry]))).toBeLessThanOrEqual(LIMIT);
  });

  it('loads at most 500 KB of gzipped JavaScript for the plan board', () => {
    const board = Object.keys(manifest).find((k) => k.endsWith('pages/PlanBoardPage.tsx')) as string;
    const size = gzipSize(closure(manifest, [entry, board]));
    console.info(`plan board initial JavaScript: ${(size / 1024).toFixed(0)} KB gzip`);
    expect(size).toBeLessThanOrEqual(LIMIT);
  });
});

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../../../scripts/ensure-web.ts';
import { ROOT } from './harness.ts';

/** Vite's build manifest: each source entry, its file and the chunks it imports. */
type Manifest = Record<string, { file: string; imports?: string[]; isEntry?: boolean }>;

const DIST = join(ROOT, 'dist/web');
/** Compressed JavaScript a page may load before it shows (the bar). */
const LIMIT = 300 * 1024;

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

/** What the server sends a browser for these files: the .br the build wrote beside each. */
function brotliSize(files: Set<string>): number {
  let total = 0;
  for (const f of files) if (f.endsWith('.js')) total += statSync(join(DIST, `${f}.br`)).size;
  return total;
}

const find = (manifest: Manifest, page: string) => {
  const key = Object.keys(manifest).find((k) => k.endsWith(page));
  if (!key) throw new Error(`no ${page} in the manifest`);
  return key;
};

describe('the web bundle', () => {
  ensureWebBuild(() => {});
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry) as string;

  it('loads under 300 KB of compressed JavaScript for the sign-in page', () => {
    const size = brotliSize(closure(manifest, [entry, find(manifest, 'pages/LoginPage.tsx')]));
    console.info(`sign-in page JavaScript: ${(size / 1024).toFixed(1)} KB brotli`);
    expect(size).toBeLessThan(LIMIT);
  });

  it('loads under 300 KB of compressed JavaScript for the plan board, and no chart', () => {
    const files = closure(manifest, [entry, find(manifest, 'pages/PlanBoardPage.tsx')]);
    const size = brotliSize(files);
    console.info(`plan board JavaScript: ${(size / 1024).toFixed(1)} KB brotli`);
    expect(size).toBeLessThan(LIMIT);
    // ECharts (its code names itself: `__ec_`, `echarts`) comes with the dashboard only.
    const charts = closure(manifest, [find(manifest, 'pages/DashboardPage.tsx')]);
    const withCharts = [...charts].filter(
      (f) => f.endsWith('.js') && /__ec_|echarts/u.test(readFileSync(join(DIST, f), 'utf8')),
    );
    expect(withCharts.length).toBeGreaterThan(0);
    for (const f of withCharts) expect(files.has(f), f).toBe(false);
  });
});

import { request } from 'node:http';
import type { BrowserContext } from 'playwright-core';

/** The JavaScript a page loads, as the server sends it compressed. */
export interface Transfer {
  /** Each /assets/*.js the page requested, with the bytes the server sent for it. */
  readonly scripts: readonly { readonly path: string; readonly bytes: number; readonly encoding: string }[];
  readonly bytes: number;
}

/** The bytes the server sends for a path to a client that accepts brotli and gzip (what goes over the wire). */
export function compressedBytes(url: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode}`));
        else resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Open `path` in a fresh page of `context` (whose cache is empty), note every script the page
 * requests until it shows `ready`, then fetch each over real HTTP with `Accept-Encoding: br, gzip`
 * and count the bytes that come back.
 */
export async function scriptTransfer(
  context: BrowserContext,
  base: string,
  path: string,
  ready: string,
): Promise<Transfer> {
  const page = await context.newPage();
  const requested = new Set<string>();
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/assets/') && u.pathname.endsWith('.js')) requested.add(u.pathname);
  });
  await page.goto(`${base}${path}`);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.close();
  const scripts = [];
  for (const p of [...requested].sort()) scripts.push({ path: p, ...(await compressedBytes(`${base}${p}`)) });
  return { scripts, bytes: scripts.reduce((sum, s) => sum + s.bytes, 0) };
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

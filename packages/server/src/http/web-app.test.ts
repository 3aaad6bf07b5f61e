import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { IMMUTABLE, REVALIDATE, registerWebApp } from './web-app.ts';

const INDEX =
  '<!doctype html><html><body><div id="root"></div><script src="/assets/index-Ab12.js"></script></body></html>';
const SCRIPT = `console.log(${JSON.stringify('督办 '.repeat(500))});`;

describe('the web app served at /', () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duban-web-'));
    mkdirSync(join(dir, 'assets'));
    // What the build writes: each file with its brotli and gzip siblings.
    for (const [name, text] of [
      ['index.html', INDEX],
      ['assets/index-Ab12.js', SCRIPT],
    ] as const) {
      writeFileSync(join(dir, name), text);
      writeFileSync(join(dir, `${name}.br`), brotliCompressSync(text));
      writeFileSync(join(dir, `${name}.gz`), gzipSync(text));
    }
    app = Fastify();
    await registerWebApp(app, dir);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a hashed asset brotli-compressed to a browser that accepts it, cached for a year', async () => {
    const r = await app.inject({ url: '/assets/index-Ab12.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/javascript/u);
    expect(r.headers['cache-control']).toBe(IMMUTABLE);
    expect(r.headers.vary).toMatch(/accept-encoding/iu);
    expect(r.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 5);
    expect(r.rawPayload.equals(brotliCompressSync(SCRIPT))).toBe(true);
  });

  it('sends gzip to a client without brotli, and the plain file to one that accepts neither', async () => {
    const gz = await app.inject({ url: '/assets/index-Ab12.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.equals(gzipSync(SCRIPT))).toBe(true);
    const plain = await app.inject({ url: '/assets/index-Ab12.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('has the browser revalidate index.html, and answers an unchanged one with 304', async () => {
    const r = await app.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe(REVALIDATE);
    expect(r.headers['content-encoding']).toBe('br');
    const etag = r.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await app.inject({ url: '/', headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
  });

  it("answers the browser router's paths with index.html, revalidated", async () => {
    const r = await app.inject({ url: '/plans/3/dashboard', headers: { 'accept-encoding': 'identity' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/u);
    expect(r.headers['cache-control']).toBe(REVALIDATE);
    expect(r.body).toBe(INDEX);
  });

  it('answers a missing asset and an unknown API path with 404, not the page', async () => {
    const asset = await app.inject({ url: '/assets/index-OldHash.js' });
    expect(asset.statusCode).toBe(404);
    const api = await app.inject({ url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'not-found' } });
  });
});

describe('a server whose web app was never built', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { webRoot: join(tmpdir(), 'duban-no-such-build') });
  });
  afterAll(async () => t.close());

  it('answers / with a page that says how to build the web app', async () => {
    const r = await t.app.inject({ url: '/' });
    expect(r.headers['content-type']).toMatch(/text\/html/u);
    expect(r.statusCode).toBe(503);
    expect(r.body).toContain('npm run build');
    expect(r.body).toContain('网页应用尚未构建');
  });

  it('says the same for any page path, and keeps JSON for the API', async () => {
    expect((await t.app.inject({ url: '/plans' })).body).toContain('npm run build');
    const api = await t.app.inject({ url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'not-found' } });
  });
});

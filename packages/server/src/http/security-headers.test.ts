import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestStore, type TestStore } from '../testing/stores.ts';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | string[] | number | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of String(header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/u);
    if (name) out.set(name, values);
  }
  return out;
}

describe('security headers', () => {
  let store: TestStore;
  let app: FastifyInstance;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'duban-web-'));
    writeFileSync(
      join(webRoot, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="/a.js"></script>',
    );
    writeFileSync(join(webRoot, 'a.js'), 'console.log(1)');
    store = await openTestStore('sqlite');
    app = await buildApp({ store, logger: false, webRoot });
  });
  afterAll(async () => {
    await app.close();
    await store.drop();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const answers = [
    ['the page', '/'],
    ['a page the browser routes', '/plans/x/dashboard'],
    ['a script file', '/a.js'],
    ['an API answer', '/api/health'],
    ['an API error', '/api/users'],
    ['an unknown API path', '/api/nothing-here'],
    ['the API docs', '/api/docs/'],
  ] as const;

  it.each(answers)('%s (%s) allows script from this server only, and no framing or sniffing', async (_, url) => {
    const r = await app.inject({ method: 'GET', url });
    expect(r.statusCode).toBeLessThan(500);
    const csp = directives(r.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    // Plain HTTP on an intranet address must keep working.
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['strict-transport-security']).toBeUndefined();
  });

  it('the API docs page loads its scripts from files, which the policy allows', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(r.statusCode, r.body).toBe(200);
    // No inline script: each <script> has a src.
    expect(r.body.match(/<script(?![^>]*\bsrc=)[^>]*>/giu) ?? []).toEqual([]);
    expect(r.body).toContain('<script src=');
  });
});

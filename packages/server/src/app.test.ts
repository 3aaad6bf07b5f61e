import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from './db/ids.ts';
import { ROLES, type Role } from './db/schema.ts';
import type { Access } from './http/access.ts';
import { insertSession, newSessionToken } from './modules/auth/sessions.repository.ts';
import { createTestApp, type TestApp } from './testing/app.ts';
import { DIALECTS } from './testing/stores.ts';

/** A route as it was declared: method, URL pattern and the access it states. */
interface DeclaredRoute {
  readonly method: string;
  readonly url: string;
  readonly access: Access | undefined;
}

// Every Fastify instance the app builds gets an onRoute hook first, before any module registers:
// the access matrix below then covers every route, hidden from the OpenAPI document or not,
// including the ones modules add later, without a list to keep up to date.
const declared = vi.hoisted(() => new WeakMap<object, DeclaredRoute[]>());
vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof import('fastify')>();
  const recording = ((options?: Parameters<typeof real.default>[0]) => {
    const app = real.default(options);
    const routes: DeclaredRoute[] = [];
    declared.set(app, routes);
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url, access: route.config?.access });
    });
    return app;
  }) as typeof real.default;
  return { ...real, default: recording, fastify: recording };
});

const WHO = ['anonymous', ...ROLES] as const;
type Who = (typeof WHO)[number];

/** A few routes whose access we know, to check that the declarations say what they should. */
const KNOWN: readonly [string, string, Access][] = [
  ['GET', '/api/health', 'public'],
  ['GET', '/api/openapi.json', 'public'],
  ['POST', '/api/auth/login', 'public'],
  ['GET', '/api/auth/me', 'signed-in'],
  ['POST', '/api/auth/logout', 'signed-in'],
  ['GET', '/api/users', ['admin']],
  ['POST', '/api/users', ['admin']],
  ['GET', '/api/users/:id', ['admin']],
  ['PATCH', '/api/users/:id', ['admin']],
  ['POST', '/api/users/:id/password', ['admin']],
  ['POST', '/api/users/:id/unlock', ['admin']],
  ['GET', '/api/users/me', 'signed-in'],
  ['PATCH', '/api/users/me', 'signed-in'],
  ['POST', '/api/users/me/password', 'signed-in'],
  ['GET', '/api/audit', ['admin']],
];

/** A stack trace or a source path in a response body would tell an attacker about the server. */
const LEAK = /\bat .*:\d+:\d+|"stack"|node_modules|\/src\/|\.ts\b/u;

function apiRoutes(app: FastifyInstance): DeclaredRoute[] {
  const routes = declared.get(app);
  if (!routes) throw new Error('the app was not built through the recording Fastify');
  // HEAD routes are Fastify's copies of the GET ones.
  return routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
}

function allowed(access: Access | undefined, who: Who): boolean {
  if (access === 'public') return true;
  if (who === 'anonymous') return false;
  return access === 'signed-in' || (access?.includes(who) ?? false);
}

async function addOffice(t: TestApp): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await t.store.db
    .insertInto('offices')
    .values({
      id,
      name: '区财政局',
      kind: 'government-department',
      parent_id: null,
      aliases: '[]',
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

describe.each(DIALECTS)('the app on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('declares the expected access on the routes we know', () => {
    const routes = apiRoutes(t.app);
    for (const [method, url, access] of KNOWN) {
      expect(routes.find((r) => r.method === method && r.url === url)?.access, `${method} ${url}`).toEqual(access);
    }
  });

  it('records every route the OpenAPI document lists', async () => {
    await t.app.ready();
    const routes = apiRoutes(t.app);
    const paths = (t.app.swagger() as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
    const listed = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/gu, ':$1')}`),
    );
    expect(listed.length).toBeGreaterThan(5);
    const recorded = new Set(routes.map((r) => `${r.method} ${r.url}`));
    expect(listed.filter((r) => !r.startsWith('HEAD ') && !recorded.has(r))).toEqual([]);
  });

  it('enforces every route’s declared access for anonymous callers and each role', async () => {
    const officeId = await addOffice(t);
    const userIds = new Map<Role, string>();
    for (const role of ROLES)
      userIds.set(role, await t.addUser(`matrix-${role}`, role, role === 'reporter' ? officeId : null));
    // A new session for every request, so that a logout in the matrix ends only its own.
    const cookieOf = async (who: Who): Promise<Record<string, string>> => {
      if (who === 'anonymous') return {};
      const { token, id } = newSessionToken();
      const now = Date.now();
      const userId = userIds.get(who) as string;
      await insertSession(t.store.db, {
        id,
        userId,
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + 3_600_000).toISOString(),
      });
      return { cookie: `duban_session=${token}` };
    };

    const routes = apiRoutes(t.app);
    expect(routes.length).toBeGreaterThanOrEqual(KNOWN.length);
    const failures: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:\w+/gu, 'no-such-id').replace(/\*$/u, 'x');
      const withBody = ['POST', 'PATCH', 'PUT'].includes(route.method);
      for (const who of WHO) {
        const request: InjectOptions = {
          method: route.method as InjectOptions['method'],
          url,
          headers: await cookieOf(who),
          ...(withBody ? { payload: {} } : {}),
        };
        const r = await t.app.inject(request);
        const where = `${route.method} ${route.url} as ${who} (access ${JSON.stringify(route.access)}): ${r.statusCode}`;
        const passed = r.statusCode !== 401 && r.statusCode !== 403;
        if (allowed(route.access, who)) {
          if (!passed) failures.push(`${where}, expected neither 401 nor 403`);
        } else if (who === 'anonymous') {
          if (r.statusCode !== 401) failures.push(`${where}, expected 401`);
        } else if (r.statusCode !== 403) failures.push(`${where}, expected 403`);
        // A dummy id and an empty body are bad input: a person gets a 4xx, never a 500.
        if (r.statusCode >= 500) failures.push(`${where}, a server error: ${r.body}`);
        if (LEAK.test(r.body)) failures.push(`${where}, leaks server details: ${r.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe.each(DIALECTS)('errors on %s', (dialect) => {
  let t: TestApp;
  const post = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload });

  beforeAll(async () => {
    // A small upload limit keeps the oversized body small (the JSON limit is this plus 1 MiB).
    t = await createTestApp(dialect, { uploadLimitBytes: 1024 });
    t.app.get('/api/test-failure', { config: { access: 'public' } }, async () => {
      throw new Error('database password is hunter2');
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const expectError = (r: LightMyRequestResponse, status: number, code: string) => {
    expect(r.statusCode).toBe(status);
    expect(r.headers['content-type']).toMatch(/^application\/json/u);
    const body = r.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    expect(r.body).not.toMatch(LEAK);
    return body.error as { code: string; message: string; field?: string };
  };

  it('answers malformed JSON with a 400 JSON error', async () => {
    expectError(await post('{"username": "a", '), 400, 'bad-input');
  });

  it('answers wrong types with a 400 that names the field', async () => {
    const error = expectError(await post(JSON.stringify({ username: 5, password: ['x'] })), 400, 'bad-input');
    expect(error.field).toBe('body.username');
    expect(error.message).toContain('body.username');
  });

  it('answers an unknown route with a 404 JSON error, signed in or not', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }), 404, 'not-found');
    const cookie = await t.cookieFor('admin');
    expectError(await t.app.inject({ method: 'DELETE', url: '/api/health', headers: { cookie } }), 404, 'not-found');
  });

  it('answers a JSON body over the limit with 413', async () => {
    const huge = JSON.stringify({ username: 'x', password: 'y', padding: 'z'.repeat(1024 * 1024 + 2048) });
    expectError(await post(huge), 413, 'too-large');
  });

  it('answers an unexpected failure with a 500 that keeps the details to the server', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/test-failure' });
    const error = expectError(r, 500, 'internal');
    expect(r.body).not.toContain('hunter2');
    expect(error.message).toBe('Something went wrong on the server');
  });
});

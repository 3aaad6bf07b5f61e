import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from './auth.service.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { insertSession, newSessionToken } from './sessions.repository.ts';

function sessionCookie(response: LightMyRequestResponse): string {
  const c = response.cookies.find((x) => x.name === 'duban_session');
  if (!c) throw new Error(`no session cookie: ${response.body}`);
  return `duban_session=${c.value}`;
}

describe('passwords', () => {
  it('are hashed with argon2id and verified', async () => {
    const hash = await hashPassword('correct-horse-9');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'correct-horse-9')).toBe(true);
    expect(await verifyPassword(hash, 'correct-horse-8')).toBe(false);
    // A damaged stored hash is a failed check, not a crash.
    expect(await verifyPassword('not-a-hash', 'correct-horse-9')).toBe(false);
  });
});

describe.each(DIALECTS)('sign-in on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  const lockAudits = (userId: string) =>
    t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'lock')
      .where('entity', '=', 'user')
      .where('entity_id', '=', userId)
      .execute();

  it('sets an httpOnly, SameSite=Lax session cookie that /api/auth/me accepts', async () => {
    const id = await t.addUser('alice', 'leader');
    const r = await login('alice', TEST_PASSWORD);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ user: { id, username: 'alice', role: 'leader', officeId: null } });
    const cookie = r.cookies.find((c) => c.name === 'duban_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // Cookie dates have whole seconds.
    expect(cookie?.expires?.getTime()).toBe(Math.floor(new Date(r.json().expiresAt).getTime() / 1000) * 1000);
    // The database keeps a hash of the token, never the token.
    const stored = await t.store.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie?.value);

    const who = await me(sessionCookie(r));
    expect(who.statusCode).toBe(200);
    expect(who.json()).toEqual({
      id,
      username: 'alice',
      displayName: 'alice',
      role: 'leader',
      officeId: null,
      locale: 'zh-CN',
    });
  });

  it('answers 401 without a session, or with a made-up one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const r = await me('duban_session=made-up-token');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('unauthenticated');
  });

  it('ends the session on logout', async () => {
    await t.addUser('bob', 'inspector');
    const cookie = sessionCookie(await login('bob', TEST_PASSWORD));
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'duban_session')?.value).toBe('');
    expect((await me(cookie)).statusCode).toBe(401);
    const audit = await t.store.db.selectFrom('audit_log').select('action').where('action', '=', 'logout').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses an expired session', async () => {
    const userId = await t.addUser('carol', 'leader');
    const { token, id } = newSessionToken();
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await insertSession(t.store.db, {
      id,
      userId,
      createdAt: hourAgo,
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect((await me(`duban_session=${token}`)).statusCode).toBe(401);
    // The same session still in time works, so it was the expiry that refused it.
    await t.store.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() + 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
    expect((await me(`duban_session=${token}`)).statusCode).toBe(200);
  });

  it('gives an unknown username the same answer as a wrong password', async () => {
    await t.addUser('dave', 'leader');
    const wrong = await login('dave', 'wrong-password');
    const unknown = await login('nobody-here', 'wrong-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.cookies).toEqual([]);
  });

  it('refuses a login without a password with 400', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dave' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.field).toBe('body.password');
  });

  it('locks an account after five wrong passwords, even against the right one, until the lock ends', async () => {
    const id = await t.addUser('erin', 'reporter');
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) statuses.push((await login('erin', `wrong-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);

    const right = await login('erin', TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('locked');
    expect(right.cookies).toEqual([]);

    const row = await t.store.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const minutes = (new Date(row.locked_until ?? 0).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(LOCK_MINUTES - 1);
    expect(minutes).toBeLessThanOrEqual(LOCK_MINUTES);

    const audits = await lockAudits(id);
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]?.after ?? '{}')).toEqual({ locked_until: row.locked_until });

    // The lock ends: the right password works again and the count starts over.
    await t.store.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    const after = await login('erin', TEST_PASSWORD);
    expect(after.statusCode).toBe(200);
    expect((await me(sessionCookie(after))).statusCode).toBe(200);
    const reset = await t.store.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(reset).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it('counts each of several wrong passwords sent at once', async () => {
    const id = await t.addUser('frank', 'leader');
    const results = await Promise.all(
      Array.from({ length: MAX_FAILED_LOGINS }, (_, i) => login('frank', `parallel-wrong-${i}`)),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([401, 401, 401, 401, 423]);
    expect((await login('frank', TEST_PASSWORD)).statusCode).toBe(423);
    expect(await lockAudits(id)).toHaveLength(1);
  });

  it('forgets earlier failures after a good login', async () => {
    await t.addUser('grace', 'leader');
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) expect((await login('grace', 'nope-nope')).statusCode).toBe(401);
    expect((await login('grace', TEST_PASSWORD)).statusCode).toBe(200);
    expect((await login('grace', 'nope-nope')).statusCode).toBe(401);
  });
});

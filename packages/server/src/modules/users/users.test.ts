import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.ts';
import type { Database } from '../../db/schema.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';

const NEW_PASSWORD = 'a-new-password-42';

async function addOffice(db: Kysely<Database>, name: string): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('offices')
    .values({
      id,
      name,
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

async function login(t: TestApp, username: string, password: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

function sessionCookie(response: LightMyRequestResponse): string {
  const c = response.cookies.find((x) => x.name === 'duban_session');
  if (!c) throw new Error(`no session cookie: ${response.body}`);
  return `duban_session=${c.value}`;
}

describe.each(DIALECTS)('users on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let officeId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.cookieFor('admin');
    officeId = await addOffice(t.store.db, '区发展改革局');
  });
  afterAll(async () => {
    await t.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie = admin) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  const create = (body: Record<string, unknown>) =>
    call('POST', '/api/users', { displayName: 'Someone', role: 'leader', password: TEST_PASSWORD, ...body });

  it('creates, lists, reads and edits a user, without ever showing a password hash', async () => {
    const created = await create({ username: 'zhang.san', displayName: '张三', role: 'reporter', officeId });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ username: 'zhang.san', displayName: '张三', role: 'reporter', officeId, version: 1 });
    expect(user.locale).toBe('zh-CN');

    const list = await call('GET', '/api/users');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((u: { username: string }) => u.username)).toContain('zhang.san');
    expect(list.body).not.toMatch(/argon2|password/iu);

    const one = await call('GET', `/api/users/${user.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(user);
    expect(one.body).not.toMatch(/argon2|password/iu);

    const edited = await call('PATCH', `/api/users/${user.id}`, { version: 1, displayName: '张三丰', locale: 'en' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ displayName: '张三丰', locale: 'en', version: 2 });

    const stale = await call('PATCH', `/api/users/${user.id}`, { version: 1, displayName: 'Lost edit' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale-version');

    // Saving what is already there is no edit: the version stays.
    const same = await call('PATCH', `/api/users/${user.id}`, { version: 2, displayName: '张三丰' });
    expect(same.json().version).toBe(2);

    expect((await call('GET', `/api/users/${newId()}`)).statusCode).toBe(404);
    expect((await call('PATCH', `/api/users/${newId()}`, { version: 1, displayName: 'x' })).statusCode).toBe(404);
  });

  it('accepts Chinese usernames and signs in with them', async () => {
    const r = await create({ username: '欧阳修', role: 'inspector' });
    expect(r.statusCode).toBe(201);
    expect((await login(t, '欧阳修', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a duplicate username with 409', async () => {
    expect((await create({ username: 'twice' })).statusCode).toBe(201);
    const again = await create({ username: 'twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict', field: 'username' });
    expect(again.json().error.message).toContain('twice');
  });

  it.each([
    ['an unknown role', { username: 'bad-role', role: 'superuser' }, 'body.role'],
    ['a number for a name', { username: 'bad-type', displayName: 42 }, 'body.displayName'],
    ['a short password', { username: 'short-pw', password: 'short' }, 'body.password'],
    ['a username with spaces', { username: 'two words' }, 'body.username'],
    ['a one-letter username', { username: 'a' }, 'body.username'],
    ['a reporter without an office', { username: 'no-office', role: 'reporter' }, 'officeId'],
    ['a reporter with a null office', { username: 'null-office', role: 'reporter', officeId: null }, 'officeId'],
    ['an office that does not exist', { username: 'ghost-office', role: 'reporter', officeId: 'nope' }, 'officeId'],
    ['an unknown locale', { username: 'bad-locale', locale: 'fr' }, 'body.locale'],
  ])('refuses %s with 400', async (_, body, field) => {
    const r = await create(body);
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'bad-input', field });
    expect(r.json().error.message).toBeTruthy();
  });

  it('refuses a version that is not a number with 400', async () => {
    const u = (await create({ username: 'text-version' })).json();
    const r = await call('PATCH', `/api/users/${u.id}`, { version: '1', displayName: 'x' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.field).toBe('body.version');
  });

  it('refuses to make a reporter of a user without an office, and accepts it with one', async () => {
    const u = (await create({ username: 'to-reporter', role: 'leader' })).json();
    const bad = await call('PATCH', `/api/users/${u.id}`, { version: 1, role: 'reporter' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('officeId');
    const good = await call('PATCH', `/api/users/${u.id}`, { version: 1, role: 'reporter', officeId });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ role: 'reporter', officeId, version: 2 });
  });

  it('ends the sessions of a user whose password an admin resets', async () => {
    const u = (await create({ username: 'forgetful' })).json();
    const cookie = sessionCookie(await login(t, 'forgetful', TEST_PASSWORD));
    expect((await call('GET', '/api/auth/me', undefined, cookie)).statusCode).toBe(200);

    expect((await call('POST', `/api/users/${u.id}/password`, { password: 'short' })).statusCode).toBe(400);
    const reset = await call('POST', `/api/users/${u.id}/password`, { password: NEW_PASSWORD });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().version).toBe(2);

    expect((await call('GET', '/api/auth/me', undefined, cookie)).statusCode).toBe(401);
    expect((await login(t, 'forgetful', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(t, 'forgetful', NEW_PASSWORD)).statusCode).toBe(200);
    // The admin's own session is untouched.
    expect((await call('GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('unlocks a locked account', async () => {
    const u = (await create({ username: 'locked-out' })).json();
    const until = new Date(Date.now() + 600_000).toISOString();
    await t.store.db
      .updateTable('users')
      .set({ locked_until: until, failed_logins: 3 })
      .where('id', '=', u.id)
      .execute();
    expect((await login(t, 'locked-out', TEST_PASSWORD)).statusCode).toBe(423);
    const unlocked = await call('POST', `/api/users/${u.id}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ lockedUntil: null, failedLogins: 0 });
    expect((await login(t, 'locked-out', TEST_PASSWORD)).statusCode).toBe(200);
    expect((await call('POST', `/api/users/${newId()}/unlock`)).statusCode).toBe(404);
  });

  it('lets a signed-in user change their own name and language, and nothing else', async () => {
    await create({ username: 'self-edit', role: 'inspector' });
    const cookie = sessionCookie(await login(t, 'self-edit', TEST_PASSWORD));
    const me = await call('GET', '/api/users/me', undefined, cookie);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'self-edit', version: 1 });

    const edited = await call('PATCH', '/api/users/me', { version: 1, displayName: '自己', locale: 'en' }, cookie);
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ displayName: '自己', locale: 'en', version: 2, role: 'inspector' });
    expect((await call('GET', '/api/auth/me', undefined, cookie)).json()).toMatchObject({
      displayName: '自己',
      locale: 'en',
    });

    const stale = await call('PATCH', '/api/users/me', { version: 1, displayName: 'old' }, cookie);
    expect(stale.statusCode).toBe(409);
    const promote = await call('PATCH', '/api/users/me', { version: 2, role: 'admin' }, cookie);
    expect(promote.statusCode).toBe(400);
    expect((await call('GET', '/api/users/me', undefined, cookie)).json().role).toBe('inspector');
    expect((await call('PATCH', '/api/users/me', { version: 2, locale: 'fr' }, cookie)).statusCode).toBe(400);
    // Only administrators reach the other account routes.
    expect((await call('GET', '/api/users', undefined, cookie)).statusCode).toBe(403);
  });

  it('lets a signed-in user change their password with the current one, ending their other sessions', async () => {
    await create({ username: 'changer' });
    const here = sessionCookie(await login(t, 'changer', TEST_PASSWORD));
    const elsewhere = sessionCookie(await login(t, 'changer', TEST_PASSWORD));

    const wrong = await call(
      'POST',
      '/api/users/me/password',
      { currentPassword: 'not-the-password', newPassword: NEW_PASSWORD },
      here,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('currentPassword');
    const short = await call(
      'POST',
      '/api/users/me/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'x' },
      here,
    );
    expect(short.statusCode).toBe(400);

    const ok = await call(
      'POST',
      '/api/users/me/password',
      { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
      here,
    );
    expect(ok.statusCode).toBe(200);
    expect((await call('GET', '/api/auth/me', undefined, here)).statusCode).toBe(200);
    expect((await call('GET', '/api/auth/me', undefined, elsewhere)).statusCode).toBe(401);
    expect((await login(t, 'changer', NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('locks the account after five wrong current passwords', async () => {
    await create({ username: 'guesser' });
    const cookie = sessionCookie(await login(t, 'guesser', TEST_PASSWORD));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const body = { currentPassword: `guess-${i}-wrong`, newPassword: NEW_PASSWORD };
      statuses.push((await call('POST', '/api/users/me/password', body, cookie)).statusCode);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 423, 423]);
    expect((await login(t, 'guesser', TEST_PASSWORD)).statusCode).toBe(423);
  });

  it('records every write in the audit, with password hashes left out', async () => {
    const u = (await create({ username: 'audited', role: 'reporter', officeId })).json();
    await call('PATCH', `/api/users/${u.id}`, { version: 1, displayName: 'Audited' });
    await call('POST', `/api/users/${u.id}/password`, { password: NEW_PASSWORD });
    await call('POST', `/api/users/${u.id}/unlock`);
    const rows = await t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'user')
      .where('entity_id', '=', u.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'update', 'update']);
    const me = await call('GET', '/api/auth/me');
    expect(new Set(rows.map((r) => r.user_id))).toEqual(new Set([me.json().id]));
    expect(rows[0]?.before).toBeNull();
    expect(JSON.parse(rows[0]?.after ?? 'null')).toMatchObject({ username: 'audited', role: 'reporter' });
    expect(JSON.parse(rows[1]?.before ?? 'null')).toMatchObject({ displayName: 'Someone', version: 1 });
    expect(JSON.parse(rows[1]?.after ?? 'null')).toMatchObject({ displayName: 'Audited', version: 2 });
    expect(JSON.parse(rows[2]?.after ?? 'null')).toMatchObject({ passwordChanged: true, version: 3 });

    const everything = await t.store.db.selectFrom('audit_log').selectAll().execute();
    for (const r of everything) {
      expect(`${r.before} ${r.after}`).not.toMatch(/argon2|password_?hash/iu);
    }
  });
});

describe.each(DIALECTS)('the last administrator on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('may not be demoted, while another administrator may', async () => {
    const cookie = await t.cookieFor('admin');
    const me = (await t.app.inject({ method: 'GET', url: '/api/users/me', headers: { cookie } })).json();
    const demote = (id: string, version: number) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/users/${id}`,
        headers: { cookie },
        payload: { version, role: 'leader' },
      });

    const refused = await demote(me.id, me.version);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict');
    expect(refused.json().error.message).toMatch(/last administrator/u);

    const other = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { username: 'second-admin', displayName: 'Second', role: 'admin', password: TEST_PASSWORD },
    });
    expect(other.statusCode).toBe(201);
    expect((await demote(other.json().id, 1)).statusCode).toBe(200);
    // Now the caller is the last one again.
    expect((await demote(me.id, me.version)).statusCode).toBe(409);
  });

  it('survives two administrators demoted at the same time', async () => {
    const ids = await Promise.all([t.addUser('race-a', 'admin'), t.addUser('race-b', 'admin')]);
    // Every other admin steps down, through the store, so that only the two remain; each then
    // demotes the other at once.
    await t.store.db
      .updateTable('users')
      .set({ role: 'leader' })
      .where('role', '=', 'admin')
      .where('id', 'not in', ids)
      .execute();
    const cookies = await Promise.all(
      ['race-a', 'race-b'].map(async (u) => sessionCookie(await login(t, u, TEST_PASSWORD))),
    );
    const results = await Promise.all(
      ids.map((_, i) =>
        t.app.inject({
          method: 'PATCH',
          url: `/api/users/${ids[1 - i]}`,
          headers: { cookie: cookies[i] as string },
          payload: { version: 1, role: 'inspector' },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const admins = await t.store.db.selectFrom('users').select('id').where('role', '=', 'admin').execute();
    expect(admins).toHaveLength(1);
  });
});

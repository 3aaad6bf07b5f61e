import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { insertAudit } from './audit.repository.ts';

interface Item {
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** The answer of GET /api/audit, or its error. */
interface Page {
  items: Item[];
  nextBefore: string | null;
  error?: { code: string; field?: string };
}

describe.each(DIALECTS)('the audit on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let created: { id: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.cookieFor('admin');
    adminId = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: admin } })).json().id;
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: { username: 'audited', displayName: 'Before', role: 'leader', password: TEST_PASSWORD },
    });
    created = r.json();
    await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${created.id}`,
      headers: { cookie: admin },
      payload: { version: 1, displayName: 'After' },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const list = async (query = '', cookie = admin): Promise<{ status: number; body: Page }> => {
    const r = await t.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: { cookie } });
    return { status: r.statusCode, body: r.json() };
  };

  it('lists records newest first with the acting username and parsed before and after', async () => {
    const r = await list('?entity=user');
    expect(r.status).toBe(200);
    const items = r.body.items as Item[];
    expect(items.map((i) => i.action)).toEqual(['update', 'create']);
    expect(items[0]).toMatchObject({
      userId: adminId,
      username: expect.stringMatching(/^admin-/u),
      entity: 'user',
      entityId: created.id,
      before: { displayName: 'Before', version: 1 },
      after: { displayName: 'After', version: 2 },
    });
    expect(items[1]).toMatchObject({ action: 'create', before: null, after: { username: 'audited' } });
    expect(r.body.nextBefore).toBeNull();
  });

  it('names the users, offices and other things its records mention by id', async () => {
    const office = await t.app.inject({
      method: 'POST',
      url: '/api/offices',
      headers: { cookie: admin },
      payload: { name: '区审计测试局', kind: 'government-department' },
    });
    const officeId = office.json().id as string;
    await insertAudit(t.store.db, {
      userId: adminId,
      action: 'update',
      entity: 'order',
      entityId: created.id,
      before: { leadOfficeId: null, supportOfficeIds: [] },
      after: { leadOfficeId: officeId, supportOfficeIds: [officeId], note: officeId },
    });
    const r = await list('?entity=order');
    expect(r.status).toBe(200);
    const names = (r.body as unknown as { names: Record<string, string> }).names;
    expect(names[officeId]).toBe('区审计测试局');
    expect(names[created.id]).toBe('After');
  });

  it('offers every entity kind the log holds for filtering, from the server', async () => {
    await insertAudit(t.store.db, { userId: null, action: 'update', entity: 'report_exception', entityId: 'x1' });
    const r = await t.app.inject({ method: 'GET', url: '/api/audit/entities', headers: { cookie: admin } });
    expect(r.statusCode).toBe(200);
    const kinds = r.json().entities as string[];
    expect(kinds).toEqual(expect.arrayContaining(['office', 'order', 'report_exception', 'session', 'user']));
    expect(kinds).toEqual([...kinds].sort());
    const reporter = await t.cookieFor('reporter');
    const denied = await t.app.inject({ method: 'GET', url: '/api/audit/entities', headers: { cookie: reporter } });
    expect(denied.statusCode).toBe(403);
  });

  it('filters by user, entity, entity id and time', async () => {
    const all = (await list()).body.items as Item[];
    // The admin's login (entity 'session') and the two user writes, at least.
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.every((i, n) => n === 0 || (all[n - 1] as Item).id > i.id)).toBe(true);

    const byUser = (await list(`?userId=${adminId}`)).body.items as Item[];
    expect(byUser.length).toBeGreaterThanOrEqual(3);
    expect(byUser.every((i) => i.userId === adminId)).toBe(true);
    expect((await list('?userId=nobody')).body.items).toEqual([]);

    const byEntity = (await list(`?entity=user&entityId=${created.id}`)).body.items as Item[];
    expect(byEntity).toHaveLength(2);
    expect((await list('?entity=session')).body.items.every((i) => i.entity === 'session')).toBe(true);

    const update = byEntity[0] as Item;
    const at = encodeURIComponent(update.at);
    expect(((await list(`?entity=user&from=${at}`)).body.items as Item[]).map((i) => i.id)).toContain(update.id);
    expect((await list(`?entity=user&to=${at}`)).body.items.map((i) => i.id)).toContain(update.id);
    const later = encodeURIComponent(new Date(Date.parse(update.at) + 60_000).toISOString());
    expect((await list(`?from=${later}`)).body.items).toEqual([]);
    // An offset is understood: the same instant written in China's time.
    const inChina = new Date(Date.parse(update.at) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect((await list(`?entity=user&from=${encodeURIComponent(inChina)}`)).body.items.map((i) => i.id)).toContain(
      update.id,
    );
  });

  it('pages with limit and the before cursor', async () => {
    for (let i = 0; i < 5; i++) {
      await insertAudit(t.store.db, { userId: null, action: 'update', entity: 'paging', entityId: `p${i}` });
    }
    const first = await list('?entity=paging&limit=2');
    expect(first.body.items.map((i) => i.entityId)).toEqual(['p4', 'p3']);
    expect(first.body.nextBefore).toBe(first.body.items[1]?.id);
    const second = await list(`?entity=paging&limit=2&before=${first.body.nextBefore}`);
    expect(second.body.items.map((i) => i.entityId)).toEqual(['p2', 'p1']);
    const third = await list(`?entity=paging&limit=2&before=${second.body.nextBefore}`);
    expect(third.body.items.map((i) => i.entityId)).toEqual(['p0']);
    expect(third.body.nextBefore).toBeNull();
    // A record without an actor shows no username.
    expect(third.body.items[0]).toMatchObject({ userId: null, username: null, before: null, after: null });
  });

  it.each([
    ['limit=0', 'querystring.limit'],
    ['limit=501', 'querystring.limit'],
    ['limit=ten', 'querystring.limit'],
    ['from=yesterday', 'querystring.from'],
    ['to=2024-13-01T00:00:00Z', 'querystring.to'],
  ])('refuses %s with 400', async (query, field) => {
    const r = await list(`?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'bad-input', field });
  });

  it('accepts the largest limit and defaults to 100', async () => {
    for (let i = 0; i < 101; i++) {
      await insertAudit(t.store.db, { userId: null, action: 'update', entity: 'many', entityId: `m${i}` });
    }
    expect((await list('?entity=many')).body.items).toHaveLength(100);
    expect((await list('?entity=many&limit=500')).body.items).toHaveLength(101);
  });

  it('is for administrators only', async () => {
    expect((await list('', await t.cookieFor('leader'))).status).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });
});

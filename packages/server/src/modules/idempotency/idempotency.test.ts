import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { seedLedgerUsers } from '../ledgers/testbed.ts';

describe.each(DIALECTS)('idempotent creates on %s', (dialect) => {
  let t: TestApp;
  let street: string;
  const cookies: Record<string, string> = {};

  const post = (who: string, url: string, payload: object, key?: string) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookies[who] as string, ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });
  const count = async (table: 'meetings' | 'problems' | 'orders') =>
    Number(
      (
        await t.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ street } = await seedLedgerUsers(t, cookies));
  });
  afterAll(async () => {
    await t.close();
  });

  const meeting = { level: 'street', date: '2026-03-05', topic: '安全生产例会', attendance: 12 };
  const problem = { title: '消防通道被占', category: 'safety-hazard', source: 'inspection' };

  it('creates one ledger entry for two same-key POSTs sent at once, and answers both alike', async () => {
    const before = await count('meetings');
    const [a, b] = await Promise.all([
      post('reporter', '/api/ledgers/meetings', meeting, 'form-open-0001'),
      post('reporter', '/api/ledgers/meetings', meeting, 'form-open-0001'),
    ]);
    expect(a.statusCode, a.body).toBe(201);
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toEqual(a.json());
    expect(await count('meetings')).toBe(before + 1);
    // A later repeat still gets the first answer, marked as replayed.
    const c = await post('reporter', '/api/ledgers/meetings', meeting, 'form-open-0001');
    expect(c.statusCode).toBe(201);
    expect(c.json()).toEqual(a.json());
    expect([a, b, c].filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    expect(await count('meetings')).toBe(before + 1);
  });

  it('creates two entries for two different keys, or without a key', async () => {
    const before = await count('meetings');
    const a = await post('reporter', '/api/ledgers/meetings', meeting, 'form-open-0002');
    const b = await post('reporter', '/api/ledgers/meetings', meeting, 'form-open-0003');
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(a.json().id).not.toBe(b.json().id);
    await post('reporter', '/api/ledgers/meetings', meeting);
    expect(await count('meetings')).toBe(before + 3);
  });

  it('creates one problem for two same-key POSTs; different keys make two', async () => {
    const before = await count('problems');
    const [a, b] = await Promise.all([
      post('inspector', '/api/problems', { ...problem, ownerOfficeId: street }, 'problem-form-1'),
      post('inspector', '/api/problems', { ...problem, ownerOfficeId: street }, 'problem-form-1'),
    ]);
    expect(a.statusCode, a.body).toBe(201);
    expect(b.json()).toEqual(a.json());
    expect(await count('problems')).toBe(before + 1);
    await post('inspector', '/api/problems', { ...problem, ownerOfficeId: street }, 'problem-form-2');
    expect(await count('problems')).toBe(before + 2);
  });

  it('keeps a key per user and per route', async () => {
    const before = await count('problems');
    const a = await post('inspector', '/api/problems', { ...problem, ownerOfficeId: street }, 'shared-key-1');
    const b = await post('admin', '/api/problems', { ...problem, ownerOfficeId: street }, 'shared-key-1');
    expect(a.json().id).not.toBe(b.json().id);
    expect(await count('problems')).toBe(before + 2);
    const m = await post('admin', '/api/ledgers/meetings', { ...meeting, officeId: street }, 'shared-key-1');
    expect(m.statusCode, m.body).toBe(201);
  });

  it('refuses a key reused for a different request, in both languages', async () => {
    await post('reporter', '/api/ledgers/meetings', meeting, 'form-open-0004');
    const r = await post('reporter', '/api/ledgers/meetings', { ...meeting, attendance: 13 }, 'form-open-0004');
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toMatch(/different request/u);
    const zh = await t.app.inject({
      method: 'POST',
      url: '/api/ledgers/meetings',
      headers: { cookie: cookies.reporter as string, 'idempotency-key': 'form-open-0004', 'accept-language': 'zh-CN' },
      payload: { ...meeting, attendance: 14 },
    });
    expect(zh.json().error.message).toMatch(/请求标识/u);
    const bad = await post('reporter', '/api/ledgers/meetings', meeting, 'x');
    expect(bad.statusCode).toBe(400);
  });

  it('lets a failed first request go, so that a retry with its key may succeed', async () => {
    const before = await count('problems');
    const failed = await post(
      'inspector',
      '/api/problems',
      { ...problem, ownerOfficeId: 'no-such-office' },
      'retry-key-1',
    );
    expect(failed.statusCode).toBe(400);
    const retried = await post('inspector', '/api/problems', { ...problem, ownerOfficeId: street }, 'retry-key-1');
    expect(retried.statusCode, retried.body).toBe(201);
    expect(await count('problems')).toBe(before + 1);
  });

  it('forgets a key after a day', async () => {
    const before = await count('meetings');
    const first = await post('reporter', '/api/ledgers/meetings', meeting, 'day-old-key');
    const dayAgo = new Date(Date.now() - 25 * 3_600_000).toISOString();
    await t.store.db
      .updateTable('idempotency_keys')
      .set({ created_at: dayAgo })
      .where('key', '=', 'day-old-key')
      .execute();
    const again = await post('reporter', '/api/ledgers/meetings', meeting, 'day-old-key');
    expect(again.statusCode).toBe(201);
    expect(again.json().id).not.toBe(first.json().id);
    expect(await count('meetings')).toBe(before + 2);
  });
});

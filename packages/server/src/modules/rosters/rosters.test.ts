import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { seedDirectory } from '../offices/offices.service.ts';

interface Person {
  id: string;
  category: string;
  name: string;
  title: string;
  officeId: string | null;
  version: number;
}

describe.each(DIALECTS)('rosters on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let reporter: string;
  let street: string;

  const call = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: who, 'accept-language': 'zh-CN' },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = (r: LightMyRequestResponse, status = 200) => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    const offices = await t.store.db.selectFrom('offices').select(['id', 'name']).execute();
    street = offices.find((o) => o.name === '桂园街道办事处')?.id as string;
    admin = await t.cookieFor('admin');
    reporter = await t.cookieFor('reporter', street);
  });
  afterAll(async () => {
    await t.close();
  });

  it('adds, edits (409 on a stale version) and removes a person, each audited', async () => {
    const created: Person = ok(
      await call(admin, 'POST', '/api/rosters', {
        category: '区级领导',
        name: '陈明',
        title: '副区长',
        officeId: null,
      }),
      201,
    );
    expect(created).toMatchObject({ category: '区级领导', name: '陈明', title: '副区长', version: 1 });
    // One name once in a category.
    expect((await call(admin, 'POST', '/api/rosters', { category: '区级领导', name: '陈明' })).statusCode).toBe(409);
    const edited: Person = ok(
      await call(admin, 'PATCH', `/api/rosters/${created.id}`, { version: 1, officeId: street, title: '区委常委' }),
    );
    expect(edited).toMatchObject({ officeId: street, title: '区委常委', version: 2 });
    const stale = await call(admin, 'PATCH', `/api/rosters/${created.id}`, { version: 1, title: '区长' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('已被他人修改');
    const badOffice = await call(admin, 'PATCH', `/api/rosters/${created.id}`, { version: 2, officeId: 'nope' });
    expect(badOffice.statusCode).toBe(400);
    expect(badOffice.json().error.message).toBe('没有这个单位');
    // Reporters read the rosters but do not write them.
    expect((await call(reporter, 'GET', '/api/rosters?category=区级领导')).statusCode).toBe(200);
    expect((await call(reporter, 'POST', '/api/rosters', { category: '区级领导', name: '王' })).statusCode).toBe(403);

    expect((await call(admin, 'DELETE', `/api/rosters/${created.id}?version=1`)).statusCode).toBe(409);
    expect((await call(admin, 'DELETE', `/api/rosters/${created.id}?version=2`)).statusCode).toBe(204);
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'roster_person')
      .where('entity_id', '=', created.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('imports CSV with a header, updates known people and refuses a row naming no office', async () => {
    const csv = [
      '姓名,类别,单位,职务',
      '刘一,驻社区干部,桂园街道,科员',
      '"周二",执法人员,东门街道办事处,队员',
      '',
    ].join('\n');
    expect(ok(await call(admin, 'POST', '/api/rosters/import', { csv }))).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    // No header: 类别, 姓名, 职务, 单位. 刘一 moves office; 周二 is as before.
    const again = '驻社区干部,刘一,科员,黄贝街道\r\n执法人员,周二,队员,东门街道办事处\n驻社区干部,吴三,,';
    expect(ok(await call(admin, 'POST', '/api/rosters/import', { csv: again }))).toEqual({
      created: 1,
      updated: 1,
      unchanged: 1,
    });
    const cadres: Person[] = ok(await call(admin, 'GET', '/api/rosters?category=驻社区干部')).items;
    expect(cadres.map((p) => p.name)).toEqual(['刘一', '吴三']);
    const bad = await call(admin, 'POST', '/api/rosters/import', {
      csv: '驻社区干部,郑四,,不存在的单位\n驻社区干部,孙五',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('第 1 行:单位目录中没有“不存在的单位”');
    // All or nothing: the good row after the bad one was not kept either.
    const after: Person[] = ok(await call(admin, 'GET', '/api/rosters?category=驻社区干部')).items;
    expect(after.map((p) => p.name)).toEqual(['刘一', '吴三']);
  });
});

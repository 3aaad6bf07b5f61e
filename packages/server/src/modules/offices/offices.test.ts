import { readFileSync } from 'node:fs';
import { buildResolver, parseText, type Resolution } from '@duban/core';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.ts';
import type { Database } from '../../db/schema.ts';
import { DEMO_GROUPS, DEMO_OFFICES } from '../../demo/directory.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../testing/stores.ts';
import { createOffice, loadDirectory, seedDirectory, updateOffice } from './offices.service.ts';

const EXAMPLE = new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url);

/** A task of a fresh plan assigned to an office or a group, as an import would leave it. */
async function addAssignment(db: Kysely<Database>, to: { officeId?: string; groupId?: string }): Promise<void> {
  const now = new Date().toISOString();
  const planId = newId();
  const sectionId = newId();
  const taskId = newId();
  await db
    .insertInto('plans')
    .values({
      id: planId,
      title: '计划',
      notice: null,
      issuers: '[]',
      date: null,
      year: 2007,
      import_id: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('sections')
    .values({ id: sectionId, plan_id: planId, position: 0, number: '一', title: '部分', version: 1 })
    .execute();
  await db
    .insertInto('tasks')
    .values({
      id: taskId,
      plan_id: planId,
      section_id: sectionId,
      position: 0,
      number: '1',
      title: '事项',
      text: '',
      deadline: null,
      leaders: '[]',
      span_start: null,
      span_end: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('task_assignments')
    .values({
      id: newId(),
      task_id: taskId,
      role: 'lead',
      position: 0,
      mention: 'x',
      office_id: to.officeId ?? null,
      group_id: to.groupId ?? null,
      version: 1,
    })
    .execute();
}

describe.each(DIALECTS)('offices on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let reporter: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.cookieFor('admin');
    reporter = await t.cookieFor('reporter');
  });
  afterAll(async () => {
    await t.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, cookie = admin) =>
    t.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const audits = (entityId: string) =>
    t.store.db.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).orderBy('id').execute();

  it('creates, lists, reads, edits and deletes an office, auditing each change', async () => {
    const created = await call('POST', '/api/offices', {
      name: ' 区民政局 ',
      kind: 'government-department',
      aliases: ['民政局', '区民政局', '民政局 ', '區民政局'],
    });
    expect(created.statusCode).toBe(201);
    const office = created.json();
    // Trimmed; aliases each once, none equal to the name, compared as the resolver compares them.
    expect(office).toMatchObject({
      name: '区民政局',
      kind: 'government-department',
      parentId: null,
      aliases: ['民政局'],
      version: 1,
      groups: [],
    });

    const list = await call('GET', '/api/offices', undefined, reporter);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((o: { name: string }) => o.name)).toContain('区民政局');

    const one = await call('GET', `/api/offices/${office.id}`, undefined, reporter);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(office);

    const edited = await call('PATCH', `/api/offices/${office.id}`, {
      version: 1,
      name: '区民政局(老龄办)',
      aliases: ['区老龄办'],
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ name: '区民政局(老龄办)', aliases: ['区老龄办'], version: 2 });

    // Saving what is there already is no edit.
    const same = await call('PATCH', `/api/offices/${office.id}`, { version: 2, aliases: ['区老龄办'] });
    expect(same.json().version).toBe(2);

    const stale = await call('PATCH', `/api/offices/${office.id}`, { version: 1, kind: 'other' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale-version');

    expect((await call('DELETE', `/api/offices/${office.id}?version=1`)).statusCode).toBe(409);
    const deleted = await call('DELETE', `/api/offices/${office.id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await call('GET', `/api/offices/${office.id}`)).statusCode).toBe(404);

    const records = await audits(office.id);
    expect(records.map((r) => [r.entity, r.action])).toEqual([
      ['office', 'create'],
      ['office', 'update'],
      ['office', 'delete'],
    ]);
    const [c, u, d] = records;
    expect(c?.before).toBeNull();
    expect(JSON.parse(c?.after ?? 'null')).toMatchObject({ name: '区民政局', version: 1 });
    expect(JSON.parse(u?.before ?? 'null')).toMatchObject({ name: '区民政局', aliases: ['民政局'], version: 1 });
    expect(JSON.parse(u?.after ?? 'null')).toMatchObject({
      name: '区民政局(老龄办)',
      aliases: ['区老龄办'],
      version: 2,
    });
    expect(JSON.parse(d?.before ?? 'null')).toMatchObject({ name: '区民政局(老龄办)', version: 2 });
    expect(d?.after).toBeNull();
    for (const r of records) expect(r.user_id).not.toBeNull();
  });

  it('refuses a name or alias another office or group answers to, with 409', async () => {
    const a = (
      await call('POST', '/api/offices', { name: '区财政局', kind: 'government-department', aliases: ['财政局'] })
    ).json();
    const dup = await call('POST', '/api/offices', { name: '区财政局', kind: 'other' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'conflict', field: 'name' });
    expect(dup.json().error.message).toContain('区财政局');
    // Traditional characters and white space do not make a new name.
    expect((await call('POST', '/api/offices', { name: '區 財政局', kind: 'other' })).statusCode).toBe(409);
    // Nor may a name be another office's alias, or an alias another office's name.
    expect((await call('POST', '/api/offices', { name: '财政局', kind: 'other' })).statusCode).toBe(409);
    const aliasTaken = await call('POST', '/api/offices', { name: '区审计局', kind: 'other', aliases: ['区财政局'] });
    expect(aliasTaken.statusCode).toBe(409);
    expect(aliasTaken.json().error).toMatchObject({ code: 'conflict', field: 'aliases' });
    const b = (await call('POST', '/api/offices', { name: '区审计局', kind: 'government-department' })).json();
    const rename = await call('PATCH', `/api/offices/${b.id}`, { version: 1, name: '区财政局' });
    expect(rename.statusCode).toBe(409);
    // An office keeps its own name and aliases through an edit.
    const own = await call('PATCH', `/api/offices/${a.id}`, { version: 1, aliases: ['财政局', '区财政办'] });
    expect(own.statusCode).toBe(200);
    // Groups share the names space.
    const g = await call('POST', '/api/office-groups', { name: '区审计局' });
    expect(g.statusCode).toBe(409);
  });

  it('answers 400 to a bad kind, wrong types and a missing parent, 404 to an unknown id', async () => {
    const badKind = await call('POST', '/api/offices', { name: '区某局', kind: 'ministry' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error).toMatchObject({ code: 'bad-input', field: 'body.kind' });
    for (const body of [
      { name: 123, kind: 'other' },
      { name: '', kind: 'other' },
      { name: '   ', kind: 'other' },
      { name: '区某局', kind: 'other', aliases: '区某' },
      { name: '区某局', kind: 'other', aliases: [1] },
      { name: '区某局' },
      { name: 'x'.repeat(101), kind: 'other' },
    ]) {
      const r = await call('POST', '/api/offices', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.code).toBe('bad-input');
    }
    const noParent = await call('POST', '/api/offices', { name: '区某局', kind: 'other', parentId: 'missing' });
    expect(noParent.statusCode).toBe(400);
    expect(noParent.json().error.field).toBe('parentId');
    const o = (await call('POST', '/api/offices', { name: '区某局', kind: 'other' })).json();
    expect((await call('PATCH', `/api/offices/${o.id}`, { name: '区某某局' })).statusCode).toBe(400);
    expect((await call('PATCH', `/api/offices/${o.id}`, { version: '1' })).statusCode).toBe(400);
    expect((await call('PATCH', `/api/offices/${o.id}`, { version: 1, kind: 'ministry' })).statusCode).toBe(400);
    expect((await call('PATCH', `/api/offices/${o.id}`, { version: 1, parentId: o.id })).statusCode).toBe(400);
    expect((await call('GET', '/api/offices?kind=ministry')).statusCode).toBe(400);

    const missing = newId();
    expect((await call('GET', `/api/offices/${missing}`)).statusCode).toBe(404);
    expect((await call('PATCH', `/api/offices/${missing}`, { version: 1, name: 'x局' })).statusCode).toBe(404);
    expect((await call('DELETE', `/api/offices/${missing}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/office-groups/${missing}`)).statusCode).toBe(404);
    expect((await call('PATCH', `/api/office-groups/${missing}`, { version: 1 })).statusCode).toBe(404);
    expect((await call('DELETE', `/api/office-groups/${missing}`)).statusCode).toBe(404);
  });

  it('keeps parents acyclic', async () => {
    const top = (await call('POST', '/api/offices', { name: '区委统战部', kind: 'party-department' })).json();
    const child = (
      await call('POST', '/api/offices', { name: '区民宗局', kind: 'government-department', parentId: top.id })
    ).json();
    expect(child.parentId).toBe(top.id);
    const loop = await call('PATCH', `/api/offices/${top.id}`, { version: 1, parentId: child.id });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.field).toBe('parentId');
    const refused = await call('DELETE', `/api/offices/${top.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'conflict' });
    expect(refused.json().error.message).toMatch(/区委统战部 cannot be deleted: 1 child office/u);
  });

  it('refuses to delete an office a task or a user refers to', async () => {
    const o = (await call('POST', '/api/offices', { name: '区教育局', kind: 'government-department' })).json();
    await addAssignment(t.store.db, { officeId: o.id });
    await t.addUser(`edu-${newId().slice(-6)}`, 'reporter', o.id);
    const r = await call('DELETE', `/api/offices/${o.id}`);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toBe(
      '区教育局 cannot be deleted: 1 task assignment, 1 user refer to it. Reassign them first.',
    );
    expect((await call('GET', `/api/offices/${o.id}`)).statusCode).toBe(200);
  });

  it('lets readers read but only admins write', async () => {
    const o = (await call('POST', '/api/offices', { name: '区司法局', kind: 'government-department' })).json();
    const g = (await call('POST', '/api/office-groups', { name: '政法单位' })).json();
    for (const [method, url, payload] of [
      ['POST', '/api/offices', { name: '区某办', kind: 'other' }],
      ['PATCH', `/api/offices/${o.id}`, { version: 1, name: '区某办' }],
      ['DELETE', `/api/offices/${o.id}`, undefined],
      ['POST', '/api/office-groups', { name: '某组' }],
      ['PATCH', `/api/office-groups/${g.id}`, { version: 1, name: '某组' }],
      ['DELETE', `/api/office-groups/${g.id}`, undefined],
    ] as const) {
      const r = await call(method, url, payload, reporter);
      expect(r.statusCode, `${method} ${url}`).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
    }
    for (const url of ['/api/offices', `/api/offices/${o.id}`, '/api/office-groups', `/api/office-groups/${g.id}`]) {
      expect((await call('GET', url, undefined, reporter)).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });

  it('filters offices by kind and by a name or alias containing q', async () => {
    await call('POST', '/api/offices', { name: '罗湖税务分局', kind: 'vertical-agency', aliases: ['区地税局'] });
    const byKind = (await call('GET', '/api/offices?kind=vertical-agency')).json().items;
    expect(byKind.length).toBeGreaterThan(0);
    for (const o of byKind) expect(o.kind).toBe('vertical-agency');
    const byName = (await call('GET', `/api/offices?q=${encodeURIComponent('税务')}`)).json().items;
    expect(byName.map((o: { name: string }) => o.name)).toEqual(['罗湖税务分局']);
    const byAlias = (await call('GET', `/api/offices?q=${encodeURIComponent('地稅')}`)).json().items;
    expect(byAlias.map((o: { name: string }) => o.name)).toEqual(['罗湖税务分局']);
    expect((await call('GET', `/api/offices?q=${encodeURIComponent('不存在')}`)).json().items).toEqual([]);
  });

  it('manages groups and their members, auditing each change', async () => {
    const east = (await call('POST', '/api/offices', { name: '东门街道办事处', kind: 'street-office' })).json();
    const south = (await call('POST', '/api/offices', { name: '南湖街道办事处', kind: 'street-office' })).json();
    const created = await call('POST', '/api/office-groups', {
      name: '各街道办事处',
      aliases: ['各街道办', '各街道', '各街道办'],
      members: [east.id, east.id],
    });
    expect(created.statusCode).toBe(201);
    const group = created.json();
    expect(group).toMatchObject({
      name: '各街道办事处',
      aliases: ['各街道办', '各街道'],
      mode: 'fixed',
      version: 1,
      members: [{ id: east.id, name: '东门街道办事处', kind: 'street-office' }],
    });

    const edited = await call('PATCH', `/api/office-groups/${group.id}`, {
      version: 1,
      aliases: ['各街道'],
      members: [east.id, south.id],
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ aliases: ['各街道'], version: 2 });
    expect(
      edited
        .json()
        .members.map((m: { name: string }) => m.name)
        .sort(),
    ).toEqual(['东门街道办事处', '南湖街道办事处'].sort());
    expect((await call('GET', `/api/offices/${south.id}`)).json().groups).toEqual([
      { id: group.id, name: '各街道办事处' },
    ]);
    const listed = (await call('GET', '/api/offices')).json().items.find((o: { id: string }) => o.id === east.id);
    expect(listed.groups).toEqual([{ id: group.id, name: '各街道办事处' }]);

    const stale = await call('PATCH', `/api/office-groups/${group.id}`, { version: 1, name: '街道' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale-version');
    const unknown = await call('PATCH', `/api/office-groups/${group.id}`, { version: 2, members: ['nope'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('members');
    expect((await call('PATCH', `/api/office-groups/${group.id}`, { version: 2, mode: 'sometimes' })).statusCode).toBe(
      400,
    );

    const groups = (await call('GET', '/api/office-groups', undefined, reporter)).json().items;
    expect(groups.find((g: { id: string }) => g.id === group.id).members).toHaveLength(2);

    // A fill-in group starts empty; the plan office fills it.
    const fill = (await call('POST', '/api/office-groups', { name: '有关职能部门', mode: 'fill-in' })).json();
    expect(fill).toMatchObject({ mode: 'fill-in', members: [] });

    await addAssignment(t.store.db, { groupId: group.id });
    const refused = await call('DELETE', `/api/office-groups/${group.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('各街道办事处 cannot be deleted: 1 task assignment');
    expect((await call('DELETE', `/api/office-groups/${fill.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/office-groups/${fill.id}`)).statusCode).toBe(404);

    // Deleting a member office leaves the group, and the group's history, in place.
    expect((await call('DELETE', `/api/offices/${south.id}`)).statusCode).toBe(204);
    expect(
      (await call('GET', `/api/office-groups/${group.id}`)).json().members.map((m: { id: string }) => m.id),
    ).toEqual([east.id]);

    const records = await audits(group.id);
    expect(records.map((r) => [r.entity, r.action])).toEqual([
      ['office-group', 'create'],
      ['office-group', 'update'],
    ]);
    expect(JSON.parse(records[1]?.before ?? 'null').members).toEqual([{ id: east.id, name: '东门街道办事处' }]);
    expect(JSON.parse(records[1]?.after ?? 'null').members).toHaveLength(2);
    expect((await audits(fill.id)).map((r) => r.action)).toEqual(['create', 'delete']);
  });

  it('lets other services create and edit offices inside their own transaction', async () => {
    const id = await t.store.db.transaction().execute(async (trx) => {
      const o = await createOffice(trx, null, { name: '区科技局', kind: 'government-department' });
      await updateOffice(trx, null, { id: o.id, version: 1, aliases: ['区科学技术局'] });
      return o.id;
    });
    expect((await call('GET', `/api/offices/${id}`)).json()).toMatchObject({ aliases: ['区科学技术局'], version: 2 });
    await expect(createOffice(t.store.db, null, { name: '区科技局', kind: 'other' })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(createOffice(t.store.db, null, { name: '区某某', kind: 'ministry' })).rejects.toMatchObject({
      code: 'bad-input',
      field: 'kind',
    });
  });
});

describe.each(DIALECTS)('seedDirectory on %s', (dialect) => {
  let store: TestStore;
  let resolve: (mention: string) => Resolution;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    expect(await seedDirectory(store.db, null)).toEqual({ offices: DEMO_OFFICES.length, groups: DEMO_GROUPS.length });
    resolve = buildResolver(await loadDirectory(store.db));
  });
  afterAll(async () => {
    await store.drop();
  });

  it('loads the demo directory once, audited', async () => {
    expect(await seedDirectory(store.db, null)).toEqual({ offices: 0, groups: 0 });
    const offices = await store.db.selectFrom('offices').select('id').execute();
    expect(offices).toHaveLength(DEMO_OFFICES.length);
    const audit = await store.db.selectFrom('audit_log').select(['entity', 'action']).execute();
    expect(audit.filter((a) => a.entity === 'office' && a.action === 'create')).toHaveLength(DEMO_OFFICES.length);
    expect(audit.filter((a) => a.entity === 'office-group' && a.action === 'create')).toHaveLength(DEMO_GROUPS.length);
    const directory = await loadDirectory(store.db);
    const child = directory.offices.find((o) => o.name === '区委基层办');
    expect(directory.offices.find((o) => o.id === child?.parentId)?.name).toBe('区委组织部');
  });

  it('resolves every lead and support mention of the example plan', () => {
    const plan = parseText(readFileSync(EXAMPLE, 'utf8'));
    const mentions = plan.sections.flatMap((s) => s.items.flatMap((i) => [...i.lead, ...i.support]));
    expect(plan.sections.flatMap((s) => s.items)).toHaveLength(26);
    expect(mentions.length).toBeGreaterThan(50);
    expect(mentions.filter((m) => resolve(m).kind === 'unresolved')).toEqual([]);
  });

  it.each([
    ['区发改局', 'office', '区发展改革局'],
    ['区发展改革局', 'office', '区发展改革局'],
    ['各街道办', 'group', '各街道办事处'],
    ['各街道', 'group', '各街道办事处'],
    ['区纪委(监察局)', 'office', '区纪委'],
    ['区委组织部(基层办)', 'office', '区委基层办'],
    ['区维稳综治办(人口办)', 'office', '区维稳综治办'],
    ['罗湖工商分局', 'office', '罗湖工商分局'],
    ['区人事局(编办)', 'office', '区人事局'],
    ['区应急指挥中心(信访办)', 'office', '区应急指挥中心'],
    ['各基层党(工)委', 'group', '各基层党(工)委'],
    ['区有关职能部门', 'group', '有关职能部门'],
    ['區紀委（監察局）', 'office', '区纪委'],
  ])('resolves %s to the %s %s', (mention, kind, name) => {
    expect(resolve(mention)).toMatchObject({ kind, name });
  });

  it('gives each street office its group and party committee', async () => {
    const directory = await loadDirectory(store.db);
    const streets = directory.offices.filter((o) => o.kind === 'street-office');
    expect(streets.map((o) => o.name).sort()).toEqual(
      ['桂园', '黄贝', '东门', '翠竹', '东晓', '南湖', '笋岗', '清水河', '莲塘', '东湖']
        .map((s) => `${s}街道办事处`)
        .sort(),
    );
    expect(resolve('清水河街道')).toMatchObject({ kind: 'office', name: '清水河街道办事处' });
    const members = await store.db
      .selectFrom('office_group_members as m')
      .innerJoin('office_groups as g', 'g.id', 'm.group_id')
      .select(['g.name', 'm.office_id'])
      .execute();
    const count = (name: string) => members.filter((m) => m.name === name).length;
    expect(count('各街道办事处')).toBe(10);
    expect(count('各街道党工委')).toBe(10);
    expect(count('各基层党(工)委')).toBeGreaterThanOrEqual(12);
    expect(count('区直机关')).toBeGreaterThan(20);
    expect(count('有关职能部门')).toBe(0);
  });
});

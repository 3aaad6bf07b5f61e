import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { commitImport, createImport } from '../imports/imports.service.ts';
import { seedDirectory } from '../offices/offices.service.ts';
import { changesOf } from './history.service.ts';

const EXAMPLE = readFileSync(fileURLToPath(new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url)));

interface Change {
  field: string;
  before: unknown;
  after: unknown;
}
interface Entry {
  id: string;
  at: string;
  username: string | null;
  action: string;
  entity: string;
  entityId: string;
  subject: string | null;
  changes: Change[];
}
interface TaskPage {
  id: string;
  number: string;
  title: string;
  version: number;
  plan: { id: string; title: string; year: number | null };
  section: { id: string; number: string; title: string };
  assignments: { role: string; office: { name: string } | null; group: { members: unknown[] } | null }[];
  targets: { id: string; text: string; version: number; value: unknown }[];
}

describe('changesOf', () => {
  it('lists the listed fields that differ, assignments as role and name', () => {
    expect(
      changesOf(['title', 'text', 'leaders'], { title: 'a', text: 'x', leaders: '[]' }, { title: 'b', text: 'x' }),
    ).toEqual([
      { field: 'title', before: 'a', after: 'b' },
      { field: 'leaders', before: [], after: null },
    ]);
    expect(
      changesOf(
        ['assignments'],
        { assignments: [{ role: 'lead', mention: '卫生局', office: { name: '区卫生局' }, group: null }] },
        { assignments: [{ role: 'lead', mention: '各街道', office: null, group: { name: '各街道办事处' } }] },
      ),
    ).toEqual([
      {
        field: 'assignments',
        before: [{ role: 'lead', name: '区卫生局' }],
        after: [{ role: 'lead', name: '各街道办事处' }],
      },
    ]);
    expect(changesOf(['passwordHash'], null, null)).toEqual([]);
  });
});

describe.each(DIALECTS)('task pages and their history on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let reporter: string;
  let planId: string;
  let task13: TaskPage;

  const get = async (url: string, cookie?: string) => {
    const r = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    return { status: r.statusCode, body: r.json() };
  };
  const history = async (id: string, cookie = reporter): Promise<Entry[]> => {
    const r = await get(`/api/tasks/${id}/history`, cookie);
    expect(r.status).toBe(200);
    return r.body.items;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    admin = await t.cookieFor('admin');
    reporter = await t.cookieFor('reporter');
    const preview = await createImport(t.store.db, null, { bytes: EXAMPLE, fileName: 'luohu.txt', maxBytes: 1e8 });
    planId = (await commitImport(t.store.db, null, { id: preview.id, version: preview.version })).planId;
    const plan = (await get(`/api/plans/${planId}`, admin)).body as { sections: { tasks: { id: string }[] }[] };
    const id = plan.sections[1]?.tasks[5]?.id as string;
    task13 = (await get(`/api/tasks/${id}`, reporter)).body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reads one task with its plan, section, offices and targets for anyone signed in', async () => {
    expect(task13).toMatchObject({
      number: '13',
      title: '解决群众看病难看病贵问题',
      version: 1,
      plan: { id: planId, title: '罗湖区“基层基础年”活动2007年工作要点', year: 2007 },
      section: { number: '二' },
      targets: [{ text: '年内全区新建12家社康中心', value: 12 }],
    });
    expect(task13.assignments.map((a) => [a.role, a.office?.name])).toEqual([
      ['lead', '区卫生局'],
      ['support', '区财政局'],
    ]);
    expect((await get(`/api/tasks/${task13.id}`)).status).toBe(401);
    const missing = await get('/api/tasks/nope', reporter);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not-found');
    expect((await get('/api/tasks/nope/history', reporter)).status).toBe(404);
  });

  it('starts with the plan it was imported with', async () => {
    const items = await history(task13.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      action: 'create',
      entity: 'plan',
      entityId: planId,
      subject: '罗湖区“基层基础年”活动2007年工作要点',
      username: null,
      changes: [],
    });
  });

  it('shows edits of the task, its offices and targets, newest first, with who and what changed', async () => {
    const send = (method: 'PATCH' | 'PUT', url: string, payload: object) =>
      t.app.inject({ method, url, headers: { cookie: admin }, payload });
    const edited = await send('PATCH', `/api/tasks/${task13.id}`, { version: 1, title: '解决看病难看病贵' });
    expect(edited.statusCode, edited.body).toBe(200);
    const target = task13.targets[0] as TaskPage['targets'][number];
    const retarget = await send('PATCH', `/api/targets/${target.id}`, { version: target.version, value: 15 });
    expect(retarget.statusCode, retarget.body).toBe(200);
    const offices = new Map(
      (await t.store.db.selectFrom('offices').select(['id', 'name']).execute()).map((o) => [o.name, o.id]),
    );
    const reassigned = await send('PUT', `/api/tasks/${task13.id}/assignments`, {
      version: 2,
      assignments: [{ role: 'lead', officeId: offices.get('区卫生局') }],
    });
    expect(reassigned.statusCode, reassigned.body).toBe(200);

    const items = await history(task13.id);
    expect(items.map((i) => [i.entity, i.action])).toEqual([
      ['task', 'update'],
      ['target', 'update'],
      ['task', 'update'],
      ['plan', 'create'],
    ]);
    const username = expect.stringMatching(/^admin-/u);
    expect(items[0]).toMatchObject({
      username,
      entityId: task13.id,
      changes: [
        {
          field: 'assignments',
          before: [
            { role: 'lead', name: '区卫生局' },
            { role: 'support', name: '区财政局' },
          ],
          after: [{ role: 'lead', name: '区卫生局' }],
        },
      ],
    });
    expect(items[1]).toMatchObject({
      username,
      entityId: target.id,
      subject: '年内全区新建12家社康中心',
      changes: [{ field: 'value', before: 12, after: 15 }],
    });
    expect(items[2]).toMatchObject({
      username,
      changes: [{ field: 'title', before: '解决群众看病难看病贵问题', after: '解决看病难看病贵' }],
    });
    // Only the task's own fields: no versions, timestamps or ids of other rows.
    expect(items.flatMap((i) => i.changes.map((c) => c.field))).toEqual(['assignments', 'value', 'title']);
    // Another task's history does not show these.
    const plan = (await get(`/api/plans/${planId}`, admin)).body as { sections: { tasks: { id: string }[] }[] };
    const other = plan.sections[0]?.tasks[0]?.id as string;
    expect((await history(other)).map((i) => i.entity)).toEqual(['plan']);
  });
});

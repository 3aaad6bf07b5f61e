import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Store } from '../../db/connect.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { commitImport, createImport } from '../imports/imports.service.ts';
import { seedDirectory } from '../offices/offices.service.ts';
import { PlanCache, planYear, readPlanJson } from './plans.service.ts';

const EXAMPLE = readFileSync(fileURLToPath(new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url)));

interface Assignment {
  id: string;
  role: 'lead' | 'support';
  mention: string;
  office: { id: string; name: string; kind: string } | null;
  group: { id: string; name: string; members: { id: string; name: string }[] } | null;
  unresolved: boolean;
}
interface Target {
  id: string;
  op: string;
  value: number | [number, number];
  unit: string;
  version: number;
}
interface Task {
  id: string;
  number: string;
  title: string;
  text: string;
  leaders: string[];
  deadline: string | null;
  version: number;
  span: [number, number] | null;
  assignments: Assignment[];
  targets: Target[];
}
interface Plan {
  id: string;
  title: string;
  year: number | null;
  date: string | null;
  version: number;
  sections: { id: string; number: string; title: string; version: number; tasks: Task[] }[];
}

describe('planYear', () => {
  it('takes the year from the date, else from a four-digit year in the title', () => {
    expect(planYear('2007-06-19', '罗湖区2008年工作要点')).toBe(2007);
    expect(planYear(null, '罗湖区“基层基础年”活动2007年工作要点')).toBe(2007);
    expect(planYear(null, '罗湖区２０１０年工作要点')).toBe(2010);
    expect(planYear(null, '第12345号文件')).toBeNull();
    expect(planYear(null, '罗湖区工作要点')).toBeNull();
  });
});

describe('PlanCache', () => {
  const entry = (n: number) => ({ plan: n, directory: 1, body: Promise.resolve(Buffer.from(String(n))) });

  it('keeps the most recently used plans, up to its capacity', () => {
    const cache = new PlanCache(2);
    const a = entry(1);
    cache.set('a', a);
    cache.set('b', entry(1));
    expect(cache.get('a', { plan: 1, directory: 1 })).toBe(a);
    cache.set('c', entry(1));
    expect(cache.size).toBe(2);
    expect(cache.get('b', { plan: 1, directory: 1 })).toBeUndefined();
    expect(cache.get('a', { plan: 1, directory: 1 })).toBe(a);
  });

  it('answers only for the revisions an entry was read at', () => {
    const cache = new PlanCache();
    cache.set('a', entry(3));
    expect(cache.get('a', { plan: 4, directory: 1 })).toBeUndefined();
    expect(cache.get('a', { plan: 3, directory: 2 })).toBeUndefined();
    expect(cache.get('a', { plan: 3, directory: 1 })).toBeDefined();
  });
});

describe.each(DIALECTS)('plans on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let reporter: string;
  let offices: Map<string, string>;
  let groups: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    admin = await t.cookieFor('admin');
    reporter = await t.cookieFor('reporter');
    offices = new Map(
      (await t.store.db.selectFrom('offices').select(['id', 'name']).execute()).map((o) => [o.name, o.id]),
    );
    groups = new Map(
      (await t.store.db.selectFrom('office_groups').select(['id', 'name']).execute()).map((g) => [g.name, g.id]),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Import and commit the example plan (again: each test wants a plan of its own); its id. */
  const newPlan = async (): Promise<string> => {
    const preview = await createImport(t.store.db, null, { bytes: EXAMPLE, fileName: 'luohu.txt', maxBytes: 1e8 });
    return (await commitImport(t.store.db, null, { id: preview.id, version: preview.version, confirmDuplicate: true }))
      .planId;
  };
  const get = async (planId: string, cookie = admin): Promise<Plan> => {
    const r = await t.app.inject({ method: 'GET', url: `/api/plans/${planId}`, headers: { cookie } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const send = (method: 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object, cookie = admin) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const audits = (entity: string, entityId: string) =>
    t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .orderBy('id')
      .execute();
  const lastAudit = async (entity: string, entityId: string) => {
    const all = await audits(entity, entityId);
    const last = all[all.length - 1];
    return { ...last, before: JSON.parse(last?.before ?? 'null'), after: JSON.parse(last?.after ?? 'null') };
  };

  describe('reading', () => {
    let planId: string;
    beforeAll(async () => {
      planId = await newPlan();
    });

    it('lists plans with their counts to anyone signed in', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/plans', headers: { cookie: reporter } });
      expect(r.statusCode, r.body).toBe(200);
      const listed = r.json().find((p: { id: string }) => p.id === planId);
      expect(listed).toMatchObject({
        title: '罗湖区“基层基础年”活动2007年工作要点',
        year: 2007,
        date: '2007-06-19',
        issuers: ['中共深圳市罗湖区委办公室', '深圳市罗湖区人民政府办公室'],
        sectionCount: 5,
        taskCount: 26,
        targetCount: 42,
      });
      expect((await t.app.inject({ method: 'GET', url: '/api/plans' })).statusCode).toBe(401);
    });

    it('gives a whole plan: sections, tasks, offices, groups with members, targets', async () => {
      const plan = await get(planId, reporter);
      expect(plan).toMatchObject({ id: planId, year: 2007, version: 1 });
      expect(plan.sections.map((s) => s.number)).toEqual(['一', '二', '三', '四', '五']);
      expect(plan.sections.map((s) => s.tasks.length)).toEqual([7, 9, 4, 3, 3]);
      const first = plan.sections[0]?.tasks[0] as Task;
      expect(first).toMatchObject({ number: '1', title: '扩大党的组织和工作覆盖面', leaders: [], deadline: null });
      expect(first.span).toEqual([expect.any(Number), expect.any(Number)]);
      expect(first.assignments[0]).toMatchObject({
        role: 'lead',
        mention: '区委组织部',
        office: { id: offices.get('区委组织部'), name: '区委组织部', kind: 'party-department' },
        group: null,
        unresolved: false,
      });
      expect(first.assignments.map((a) => a.role)).toEqual([
        'lead',
        'lead',
        ...Array(first.assignments.length - 2).fill('support'),
      ]);
      const group = first.assignments[1]?.group;
      expect(group?.id).toBe(groups.get('各基层党(工)委'));
      expect(group?.members.length).toBeGreaterThan(5);
      expect(first.targets).toMatchObject([{ op: '>=', value: 90, unit: '%', kind: 'level', version: 1 }]);
    });

    it('answers 404 for a plan that is not there', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/plans/nope', headers: { cookie: admin } });
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('not-found');
    });
  });

  describe('editing', () => {
    let planId: string;
    let plan: Plan;
    beforeAll(async () => {
      planId = await newPlan();
      plan = await get(planId);
    });

    it('edits a plan: title, date and the year they give; stale versions and reporters refused', async () => {
      const r = await send('PATCH', `/api/plans/${planId}`, { version: 1, title: '罗湖区2008年工作要点', date: null });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ title: '罗湖区2008年工作要点', date: null, year: 2008, version: 2 });
      const stale = await send('PATCH', `/api/plans/${planId}`, { version: 1, title: 'x' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'stale-version' });
      expect(stale.json().error.message).toMatch(/Plan was changed by someone else/);
      expect((await send('PATCH', `/api/plans/${planId}`, { version: 2, title: 'x' }, reporter)).statusCode).toBe(403);
      const bad = await send('PATCH', `/api/plans/${planId}`, { version: 2, date: '19 June' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('body.date');
      const audit = await lastAudit('plan', planId);
      expect(audit).toMatchObject({ action: 'update' });
      expect(audit.before).toMatchObject({ title: '罗湖区“基层基础年”活动2007年工作要点', version: 1, year: 2007 });
      expect(audit.after).toMatchObject({ title: '罗湖区2008年工作要点', version: 2, year: 2008 });
      const explicit = await send('PATCH', `/api/plans/${planId}`, { version: 2, year: 2007 });
      expect(explicit.json()).toMatchObject({ year: 2007, version: 3 });
    });

    it('edits a section', async () => {
      const section = plan.sections[1] as Plan['sections'][number];
      const r = await send('PATCH', `/api/sections/${section.id}`, { version: 1, title: '新的标题' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ id: section.id, planId, number: '二', title: '新的标题', version: 2 });
      expect((await send('PATCH', `/api/sections/${section.id}`, { version: 1, title: 'x' })).statusCode).toBe(409);
      expect((await lastAudit('section', section.id)).after).toMatchObject({ title: '新的标题', version: 2 });
    });

    it('edits a task and answers with the whole task', async () => {
      const task = plan.sections[0]?.tasks[2] as Task;
      const r = await send('PATCH', `/api/tasks/${task.id}`, {
        version: 1,
        title: '改过的标题',
        deadline: '年底前',
        leaders: ['张某某'],
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({
        id: task.id,
        planId,
        sectionId: plan.sections[0]?.id,
        title: '改过的标题',
        text: task.text,
        deadline: '年底前',
        leaders: ['张某某'],
        version: 2,
      });
      expect(r.json().assignments).toEqual(task.assignments);
      expect((await send('PATCH', `/api/tasks/${task.id}`, { version: 1, title: 'x' })).statusCode).toBe(409);
      const wrong = await send('PATCH', `/api/tasks/${task.id}`, { version: 2, leaders: 'x' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.field).toBe('body.leaders');
      const audit = await lastAudit('task', task.id);
      expect(audit.before).toMatchObject({ title: task.title, version: 1, leaders: [] });
      expect(audit.after).toMatchObject({ title: '改过的标题', version: 2, leaders: ['张某某'] });
      expect((await get(planId)).sections[0]?.tasks[2]?.title).toBe('改过的标题');
    });

    it('edits a target: a between value is [low, high] with low ≤ high', async () => {
      const target = plan.sections[0]?.tasks[0]?.targets[0] as Target;
      const url = `/api/targets/${target.id}`;
      const noRange = await send('PATCH', url, { version: 1, op: 'between' });
      expect(noRange.statusCode).toBe(400);
      expect(noRange.json().error.field).toBe('value');
      const upsideDown = await send('PATCH', url, { version: 1, op: 'between', value: [5, 3] });
      expect(upsideDown.statusCode).toBe(400);
      const rangeForOne = await send('PATCH', url, { version: 1, value: [1, 2] });
      expect(rangeForOne.statusCode).toBe(400);
      const badKind = await send('PATCH', url, { version: 1, kind: 'vibe' });
      expect(badKind.json().error.field).toBe('body.kind');
      const r = await send('PATCH', url, { version: 1, op: 'between', value: [85, 95], period: 'quarter' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ id: target.id, op: 'between', value: [85, 95], period: 'quarter', version: 2 });
      const back = await send('PATCH', url, { version: 2, op: '>=', value: 90 });
      expect(back.json()).toMatchObject({ op: '>=', value: 90, version: 3 });
      expect((await send('PATCH', url, { version: 2, unit: '个' })).statusCode).toBe(409);
      const audits3 = await audits('target', target.id);
      expect(audits3).toHaveLength(2);
      expect(JSON.parse(audits3[0]?.before ?? '{}')).toMatchObject({ op: '>=', value: 90, version: 1 });
      expect(JSON.parse(audits3[0]?.after ?? '{}')).toMatchObject({ op: 'between', value: [85, 95], version: 2 });
      expect(JSON.parse(audits3[1]?.after ?? '{}')).toMatchObject({ op: '>=', value: 90, version: 3 });
      const stored = await t.store.db.selectFrom('targets').selectAll().where('id', '=', target.id).executeTakeFirst();
      expect(stored).toMatchObject({ op: '>=', value: 90, value_high: null });
    });

    it("replaces a task's assignments, with the task's version", async () => {
      const task = plan.sections[0]?.tasks[3] as Task;
      const url = `/api/tasks/${task.id}/assignments`;
      const unknown = await send('PUT', url, { version: 1, assignments: [{ role: 'lead', officeId: 'nope' }] });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.field).toBe('assignments.0.officeId');
      const unknownGroup = await send('PUT', url, {
        version: 1,
        assignments: [
          { role: 'lead', officeId: offices.get('区委组织部') },
          { role: 'support', groupId: 'nope' },
        ],
      });
      expect(unknownGroup.json().error.field).toBe('assignments.1.groupId');
      const r = await send('PUT', url, {
        version: 1,
        assignments: [
          { role: 'lead', officeId: offices.get('区民政局') },
          { role: 'support', groupId: groups.get('各街道办事处'), mention: '各街道' },
          { role: 'support', mention: '某某协会' },
        ],
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().version).toBe(2);
      expect(r.json().assignments).toMatchObject([
        { role: 'lead', mention: '区民政局', office: { name: '区民政局' }, group: null, unresolved: false },
        { role: 'support', mention: '各街道', office: null, group: { name: '各街道办事处' }, unresolved: false },
        { role: 'support', mention: '某某协会', office: null, group: null, unresolved: true },
      ]);
      expect(r.json().assignments[1].group.members).toHaveLength(10);
      expect(r.json().targets).toEqual(task.targets);
      expect((await send('PUT', url, { version: 1, assignments: [] })).statusCode).toBe(409);
      const audit = await lastAudit('task', task.id);
      expect(audit.before.assignments.map((a: { mention: string }) => a.mention)).toEqual(
        task.assignments.map((a) => a.mention),
      );
      expect(audit.after.assignments.map((a: { mention: string }) => a.mention)).toEqual([
        '区民政局',
        '各街道',
        '某某协会',
      ]);
      const reread = (await get(planId)).sections[0]?.tasks[3];
      expect(reread?.assignments).toEqual(r.json().assignments);
    });

    it('answers 404 for parts that are not there', async () => {
      expect((await send('PATCH', '/api/tasks/nope', { version: 1, title: 'x' })).statusCode).toBe(404);
      expect((await send('PATCH', '/api/targets/nope', { version: 1, unit: 'x' })).statusCode).toBe(404);
      expect((await send('PATCH', '/api/sections/nope', { version: 1, title: 'x' })).statusCode).toBe(404);
      expect((await send('PUT', '/api/tasks/nope/assignments', { version: 1, assignments: [] })).statusCode).toBe(404);
    });
  });

  describe('cached reads', () => {
    let planId: string;
    let plan: Plan;
    // A second server on the same database, as behind a load balancer: its own connection and
    // its own cache. Sessions live in the database, so the same cookie signs in on both.
    let otherStore: Store;
    let other: FastifyInstance;
    beforeAll(async () => {
      planId = await newPlan();
      plan = await get(planId);
      otherStore = await t.store.reopen();
      other = await buildApp({ store: otherStore, logger: false });
    });
    afterAll(async () => {
      await other?.close();
      await otherStore?.close();
    });

    const getFrom = async (app: FastifyInstance, id: string): Promise<Plan> => {
      const r = await app.inject({ method: 'GET', url: `/api/plans/${id}`, headers: { cookie: admin } });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    /** Read the plan on both servers, so that both have it cached before a write. */
    const readBoth = async () => {
      await get(planId);
      await getFrom(other, planId);
    };
    const firstTask = async (app: FastifyInstance) => (await getFrom(app, planId)).sections[0]?.tasks[0] as Task;

    it('sends the plan as JSON, the same bytes each time', async () => {
      const first = await t.app.inject({ method: 'GET', url: `/api/plans/${planId}`, headers: { cookie: admin } });
      const again = await t.app.inject({ method: 'GET', url: `/api/plans/${planId}`, headers: { cookie: admin } });
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(again.body).toBe(first.body);
      expect(again.json()).toEqual(plan);
      expect((await t.app.inject({ method: 'GET', url: `/api/plans/${planId}` })).statusCode).toBe(401);
    });

    it('shows a task edit at once, on the server that made it and on the other', async () => {
      const task = plan.sections[0]?.tasks[0] as Task;
      await readBoth();
      const r = await send('PATCH', `/api/tasks/${task.id}`, { version: task.version, title: '缓存之后的标题' });
      expect(r.statusCode, r.body).toBe(200);
      expect((await firstTask(t.app)).title).toBe('缓存之后的标题');
      expect((await firstTask(other)).title).toBe('缓存之后的标题');
      await readBoth();
      const back = await other.inject({
        method: 'PATCH',
        url: `/api/tasks/${task.id}`,
        headers: { cookie: admin },
        payload: { version: task.version + 1, title: task.title },
      });
      expect(back.statusCode, back.body).toBe(200);
      expect((await firstTask(t.app)).title).toBe(task.title);
      expect((await firstTask(other)).title).toBe(task.title);
    });

    it('shows target, section and plan edits at once on both servers', async () => {
      const target = plan.sections[0]?.tasks[0]?.targets[0] as Target;
      await readBoth();
      const r = await other.inject({
        method: 'PATCH',
        url: `/api/targets/${target.id}`,
        headers: { cookie: admin },
        payload: { version: target.version, value: 95 },
      });
      expect(r.statusCode, r.body).toBe(200);
      expect((await firstTask(t.app)).targets[0]).toMatchObject({ value: 95, version: target.version + 1 });
      expect((await firstTask(other)).targets[0]).toMatchObject({ value: 95, version: target.version + 1 });

      const section = plan.sections[2] as Plan['sections'][number];
      await readBoth();
      expect((await send('PATCH', `/api/sections/${section.id}`, { version: 1, title: '缓存部分' })).statusCode).toBe(
        200,
      );
      expect((await getFrom(other, planId)).sections[2]?.title).toBe('缓存部分');

      await readBoth();
      expect((await send('PATCH', `/api/plans/${planId}`, { version: 1, notice: '缓存通知' })).statusCode).toBe(200);
      expect(await getFrom(other, planId)).toMatchObject({ notice: '缓存通知', version: 2 });
    });

    it("shows a task's new assignments at once on both servers", async () => {
      const task = (await get(planId)).sections[1]?.tasks[0] as Task;
      await readBoth();
      const r = await send('PUT', `/api/tasks/${task.id}/assignments`, {
        version: task.version,
        assignments: [{ role: 'lead', officeId: offices.get('区民政局') }],
      });
      expect(r.statusCode, r.body).toBe(200);
      for (const app of [t.app, other]) {
        const reread = (await getFrom(app, planId)).sections[1]?.tasks[0];
        expect(reread?.assignments.map((a) => a.mention)).toEqual(['区民政局']);
        expect(reread?.version).toBe(task.version + 1);
      }
    });

    it('shows a renamed office and a changed group at once on both servers', async () => {
      const assigned = (await firstTask(t.app)).assignments;
      const office = assigned[0]?.office as NonNullable<Assignment['office']>;
      const group = assigned[1]?.group as NonNullable<Assignment['group']>;
      const officeVersion = async () =>
        (await t.app.inject({ method: 'GET', url: `/api/offices/${office.id}`, headers: { cookie: admin } })).json()
          .version as number;
      const groupVersion = async () =>
        (
          await t.app.inject({ method: 'GET', url: `/api/office-groups/${group.id}`, headers: { cookie: admin } })
        ).json().version as number;

      await readBoth();
      const renamed = await other.inject({
        method: 'PATCH',
        url: `/api/offices/${office.id}`,
        headers: { cookie: admin },
        payload: { version: await officeVersion(), name: `${office.name}（新）` },
      });
      expect(renamed.statusCode, renamed.body).toBe(200);
      for (const app of [t.app, other]) {
        expect((await firstTask(app)).assignments[0]?.office?.name).toBe(`${office.name}（新）`);
      }

      await readBoth();
      const fewer = group.members.slice(1).map((m) => m.id);
      const changed = await send('PATCH', `/api/office-groups/${group.id}`, {
        version: await groupVersion(),
        members: fewer,
      });
      expect(changed.statusCode, changed.body).toBe(200);
      for (const app of [t.app, other]) {
        expect((await firstTask(app)).assignments[1]?.group?.members.map((m) => m.id)).toEqual(fewer);
      }

      // Put the directory back as the other tests know it.
      await send('PATCH', `/api/offices/${office.id}`, { version: await officeVersion(), name: office.name });
      await send('PATCH', `/api/office-groups/${group.id}`, {
        version: await groupVersion(),
        members: group.members.map((m) => m.id),
      });
      expect((await firstTask(other)).assignments[1]?.group?.members).toEqual(group.members);
    });

    it('answers 404 on both servers once the plan is deleted', async () => {
      const doomed = await newPlan();
      await get(doomed);
      await getFrom(other, doomed);
      expect((await send('DELETE', `/api/plans/${doomed}`)).statusCode).toBe(204);
      for (const app of [t.app, other]) {
        const r = await app.inject({ method: 'GET', url: `/api/plans/${doomed}`, headers: { cookie: admin } });
        expect(r.statusCode).toBe(404);
      }
    });

    it('keeps at most its capacity of plans, and shares one read between concurrent misses', async () => {
      const cache = new PlanCache(2);
      const [a, b, c] = [planId, await newPlan(), await newPlan()];
      const [one, two] = await Promise.all([readPlanJson(t.store.db, cache, a), readPlanJson(t.store.db, cache, a)]);
      expect(two).toBe(one);
      await readPlanJson(t.store.db, cache, b);
      expect(await readPlanJson(t.store.db, cache, a)).toBe(one);
      await readPlanJson(t.store.db, cache, c);
      expect(cache.size).toBe(2);
      // b was the least recently used: it went, a stayed.
      expect(await readPlanJson(t.store.db, cache, a)).toBe(one);
      const bAgain = await readPlanJson(t.store.db, cache, b);
      expect(JSON.parse(bAgain.toString('utf8')).id).toBe(b);
      expect(cache.size).toBe(2);
      await expect(readPlanJson(t.store.db, cache, 'nope')).rejects.toMatchObject({ code: 'not-found' });
    });
  });

  describe('deleting', () => {
    it('deletes a plan with everything in it, keeping the whole plan in the audit', async () => {
      const planId = await newPlan();
      const plan = await get(planId);
      expect((await send('DELETE', `/api/plans/${planId}`, undefined, reporter)).statusCode).toBe(403);
      expect((await send('DELETE', `/api/plans/${planId}?version=7`)).statusCode).toBe(409);
      const r = await send('DELETE', `/api/plans/${planId}?version=1`);
      expect(r.statusCode, r.body).toBe(204);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/plans/${planId}`, headers: { cookie: admin } })).statusCode,
      ).toBe(404);
      const taskIds = plan.sections.flatMap((s) => s.tasks.map((task) => task.id));
      const left = await t.store.db.selectFrom('tasks').select('id').where('id', 'in', taskIds).execute();
      expect(left).toEqual([]);
      const targets = await t.store.db.selectFrom('targets').select('id').where('task_id', 'in', taskIds).execute();
      expect(targets).toEqual([]);
      const audit = await lastAudit('plan', planId);
      expect(audit).toMatchObject({ action: 'delete', after: null });
      expect(audit.before).toEqual(plan);
      expect((await send('DELETE', `/api/plans/${planId}`)).statusCode).toBe(404);
    });
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { commitImport, createImport } from '../imports/imports.service.ts';
import { seedDirectory } from '../offices/offices.service.ts';

/**
 * Issue 10, edits after import: tasks and targets the parser missed, and tasks a leader assigns
 * mid-year, are added to a live plan; tasks and targets are removed unless reports stand on them.
 */

const EXAMPLE = readFileSync(fileURLToPath(new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url)));

interface Target {
  id: string;
  taskId: string;
  text: string;
  op: string;
  value: number | [number, number];
  version: number;
}
interface Task {
  id: string;
  planId: string;
  sectionId: string;
  number: string;
  title: string;
  source: string | null;
  assignedBy: string | null;
  startDate: string | null;
  version: number;
  assignments: { role: string; office: { name: string } | null; group: { name: string } | null }[];
  targets: Target[];
}
interface Plan {
  id: string;
  sections: { id: string; number: string; tasks: Task[] }[];
}

describe.each(DIALECTS)('edits of a live plan on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let reporter: string;
  let offices: Map<string, string>;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    admin = await t.cookieFor('admin');
    reporter = await t.cookieFor('reporter');
    offices = new Map(
      (await t.store.db.selectFrom('offices').select(['id', 'name']).execute()).map((o) => [o.name, o.id]),
    );
    const preview = await createImport(t.store.db, null, { bytes: EXAMPLE, fileName: 'luohu.txt', maxBytes: 1e8 });
    planId = (await commitImport(t.store.db, null, { id: preview.id, version: preview.version })).planId;
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, cookie = admin) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const plan = async (): Promise<Plan> => (await call('GET', `/api/plans/${planId}`)).json();
  const taskNumbered = async (number: string): Promise<Task> => {
    const found = (await plan()).sections.flatMap((s) => s.tasks).find((x) => x.number === number);
    if (!found) throw new Error(`no task ${number}`);
    return found;
  };
  const audit = (entity: string, entityId: string) =>
    t.store.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .orderBy('id')
      .execute();
  /** A report of an office on a task, with a figure for `targetId` when given. */
  const report = async (taskId: string, targetId?: string) => {
    const id = newId();
    const now = '2007-08-01T02:00:00.000Z';
    await t.store.db
      .insertInto('reports')
      .values({
        id,
        task_id: taskId,
        office_id: offices.get('区委基层办') as string,
        period_key: `2007-M07-${id.slice(-6)}`,
        status: 'submitted',
        progress: 'in-progress',
        narrative: '',
        good_practice: 0,
        good_practice_summary: null,
        submitted_at: now,
        due_date: null,
        late: 0,
        reviewed_by: null,
        reviewed_at: null,
        review_comment: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (targetId) {
      await t.store.db
        .insertInto('report_figures')
        .values({
          id: newId(),
          report_id: id,
          target_id: targetId,
          value: 1,
          numerator: null,
          denominator: null,
          cumulative: 0,
        })
        .execute();
    }
  };

  it('adds a task a leader assigned mid-year, with its source, who assigned it and its start date', async () => {
    const section = (await plan()).sections[4];
    const r = await call('POST', `/api/sections/${section?.id}/tasks`, {
      title: '建成街道综治中心',
      text: '各街道年内建成街道综治中心,实现综治、信访、司法、治安“一站式”服务。',
      source: '区委常委会议纪要〔2007〕12号',
      assignedBy: '区委副书记王建国',
      startDate: '2007-08-01',
      deadline: '2007-12-31',
      assignments: [
        { role: 'lead', officeId: offices.get('区维稳综治办') },
        { role: 'support', mention: '各街道办事处' },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const created: Task = r.json();
    // The example has 26 tasks: the next number is 27.
    expect(created).toMatchObject({
      number: '27',
      sectionId: section?.id,
      source: '区委常委会议纪要〔2007〕12号',
      assignedBy: '区委副书记王建国',
      startDate: '2007-08-01',
      version: 1,
    });
    expect(created.assignments.map((a) => a.office?.name ?? null)).toEqual(['区维稳综治办', null]);
    const onBoard = await taskNumbered('27');
    expect(onBoard.startDate).toBe('2007-08-01');
    expect((await plan()).sections[4]?.tasks.at(-1)?.id).toBe(created.id);
    const page = await call('GET', `/api/tasks/${created.id}`);
    expect(page.json()).toMatchObject({ source: '区委常委会议纪要〔2007〕12号', startDate: '2007-08-01' });
    const [record] = await audit('task', created.id);
    expect(record?.action).toBe('create');
    expect(JSON.parse(record?.after ?? '{}')).toMatchObject({
      title: '建成街道综治中心',
      assignedBy: '区委副书记王建国',
    });
  });

  it('owes the reports of a task assigned mid-year from its start date on, in the status', async () => {
    // Tracked since the document's date, as if imported then: periods due from June on are owed.
    await t.store.db
      .updateTable('plans')
      .set({ created_at: '2007-06-20T02:00:00.000Z' })
      .where('id', '=', planId)
      .execute();
    const task = await taskNumbered('27');
    const status = await call('GET', `/api/plans/${planId}/status?date=2007-12-31`);
    expect(status.statusCode, status.body).toBe(200);
    const reports = (id: string) =>
      status.json().tasks.find((x: { taskId: string }) => x.taskId === id)?.reports as {
        expected: number;
        missing: number;
      };
    // August to November for the task started on 1 August; July to November for one of the plan's
    // own (issued on 19 June, it owes from its first full month).
    expect(reports(task.id)).toMatchObject({ expected: 4, missing: 4 });
    // Task 1's leads (groups expanded) owe five months each.
    const own = await taskNumbered('1');
    expect(reports(own.id).expected % 5).toBe(0);
    expect(reports(own.id).expected).toBeGreaterThan(0);
  });

  it('refuses a task number the plan has, a missing section, a bad start date and a reporter', async () => {
    const section = (await plan()).sections[0];
    const taken = await call('POST', `/api/sections/${section?.id}/tasks`, { number: '3', title: 'x' });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.message).toContain('task 3');
    const zh = await t.app.inject({
      method: 'POST',
      url: `/api/sections/${section?.id}/tasks`,
      headers: { cookie: admin, 'accept-language': 'zh-CN' },
      payload: { number: '3', title: 'x' },
    });
    expect(zh.json().error.message).toContain('已有第 3 项');
    expect((await call('POST', '/api/sections/nope/tasks', { title: 'x' })).statusCode).toBe(404);
    expect(
      (await call('POST', `/api/sections/${section?.id}/tasks`, { title: 'x', startDate: '8月1日' })).statusCode,
    ).toBe(400);
    expect((await call('POST', `/api/sections/${section?.id}/tasks`, { title: 'x' }, reporter)).statusCode).toBe(403);
  });

  it('edits where a task came from and from when it is owed, with 409 on a stale version', async () => {
    const task = await taskNumbered('5');
    const r = await call('PATCH', `/api/tasks/${task.id}`, {
      version: task.version,
      source: '区委书记办公会',
      assignedBy: '区委书记',
      startDate: '2007-07-01',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ source: '区委书记办公会', startDate: '2007-07-01', version: task.version + 1 });
    const stale = await call('PATCH', `/api/tasks/${task.id}`, { version: task.version, startDate: null });
    expect(stale.statusCode).toBe(409);
    const cleared = await call('PATCH', `/api/tasks/${task.id}`, {
      version: task.version + 1,
      source: '',
      startDate: null,
    });
    expect(cleared.json()).toMatchObject({ source: null, startDate: null });
    const history = await call('GET', `/api/tasks/${task.id}/history`);
    const fields = history.json().items.flatMap((i: { changes: { field: string }[] }) => i.changes.map((c) => c.field));
    expect(fields).toEqual(expect.arrayContaining(['source', 'startDate']));
  });

  it('adds a target the parser missed and removes it while it has no figures', async () => {
    const task = await taskNumbered('4');
    const added = await call('POST', `/api/tasks/${task.id}/targets`, {
      version: task.version,
      text: '社区党组织书记和居委会主任“一肩挑”比例达到80%',
      kind: 'level',
      op: '>=',
      value: 80,
      unit: '%',
      deadline: '年底前',
    });
    expect(added.statusCode, added.body).toBe(201);
    const target: Target = added.json();
    expect(target).toMatchObject({ taskId: task.id, value: 80, version: 1 });
    const after = await taskNumbered('4');
    expect(after.version).toBe(task.version + 1);
    expect(after.targets.at(-1)?.id).toBe(target.id);
    // The task's version guards the add: a second add on the old version is stale.
    const stale = await call('POST', `/api/tasks/${task.id}/targets`, {
      version: task.version,
      text: 'x',
      kind: 'level',
      op: '>=',
      value: 1,
    });
    expect(stale.statusCode).toBe(409);
    const between = await call('POST', `/api/tasks/${task.id}/targets`, {
      version: after.version,
      text: 'x',
      kind: 'level',
      op: 'between',
      value: 3,
    });
    expect(between.statusCode).toBe(400);

    expect((await call('DELETE', `/api/targets/${target.id}?version=9`)).statusCode).toBe(409);
    expect((await call('DELETE', `/api/targets/${target.id}?version=1`)).statusCode).toBe(204);
    expect((await taskNumbered('4')).targets.some((x) => x.id === target.id)).toBe(false);
    const records = await audit('target', target.id);
    expect(records.map((x) => x.action)).toEqual(['create', 'delete']);
    expect(JSON.parse(records[1]?.before ?? '{}')).toMatchObject({
      text: '社区党组织书记和居委会主任“一肩挑”比例达到80%',
    });
  });

  it('refuses to remove a target with reported figures, and keeps them', async () => {
    const task = await taskNumbered('13');
    const target = task.targets[0] as Target;
    await report(task.id, target.id);
    const r = await call('DELETE', `/api/targets/${target.id}?version=${target.version}`);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toContain('1 reported figures');
    const figures = await t.store.db
      .selectFrom('report_figures')
      .select('id')
      .where('target_id', '=', target.id)
      .execute();
    expect(figures).toHaveLength(1);
  });

  it('removes a task without reports, and refuses one with reports', async () => {
    const section = (await plan()).sections[1];
    const spare: Task = (await call('POST', `/api/sections/${section?.id}/tasks`, { title: '三线下地' })).json();
    expect((await call('DELETE', `/api/tasks/${spare.id}?version=2`)).statusCode).toBe(409);
    expect((await call('DELETE', `/api/tasks/${spare.id}?version=1`, undefined, reporter)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/tasks/${spare.id}?version=1`)).statusCode).toBe(204);
    expect((await call('GET', `/api/tasks/${spare.id}`)).statusCode).toBe(404);
    const records = await audit('task', spare.id);
    expect(records.map((x) => x.action)).toEqual(['create', 'delete']);
    expect(JSON.parse(records[1]?.before ?? '{}')).toMatchObject({ title: '三线下地' });

    const used = await taskNumbered('2');
    await report(used.id);
    const refused = await call('DELETE', `/api/tasks/${used.id}?version=${used.version}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('1 reports');
    expect((await call('GET', `/api/tasks/${used.id}`)).statusCode).toBe(200);
  });

  it('refuses to remove a task whose milestone an office has begun on, and removes one whose milestones are untouched', async () => {
    const section = (await plan()).sections[2];
    const spare: Task = (
      await call('POST', `/api/sections/${section?.id}/tasks`, { title: '街道综治中心建成' })
    ).json();
    const added = await call('POST', `/api/tasks/${spare.id}/milestones`, {
      text: '建成街道综治中心',
      due: '2007-10-31',
    });
    expect(added.statusCode).toBe(201);
    const milestone = added.json() as { id: string };
    await t.store.db.updateTable('milestones').set({ state: 'in-progress' }).where('id', '=', milestone.id).execute();
    const current = (await call('GET', `/api/tasks/${spare.id}`)).json() as Task;
    const refused = await call('DELETE', `/api/tasks/${spare.id}?version=${current.version}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('1 milestones under way');
    expect((await call('GET', `/api/tasks/${spare.id}/milestones`)).json()).toHaveLength(1);

    await t.store.db.updateTable('milestones').set({ state: 'not-started' }).where('id', '=', milestone.id).execute();
    expect((await call('DELETE', `/api/tasks/${spare.id}?version=${current.version}`)).statusCode).toBe(204);
  });
});

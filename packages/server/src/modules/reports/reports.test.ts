import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../cli/import.ts';
import { newId } from '../../db/ids.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { seedDirectory } from '../offices/offices.service.ts';
import { unitKind } from './reports.service.ts';

/** A multipart/form-data request body with one file. */
function form(fileName: string, bytes: Uint8Array, mime = 'application/pdf') {
  const boundary = `----duban${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      `Content-Type: ${mime}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const EXAMPLE = new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url);

describe('report helpers', () => {
  it('classifies units', () => {
    expect(unitKind('%')).toBe('percent');
    for (const u of ['次', '个', '家', '人', '篇', '人次']) expect(unitKind(u)).toBe('count');
    for (const u of ['平方米', '万元', '亿元', '天', '公里', '']) expect(unitKind(u)).toBe('measure');
  });
});

describe.each(DIALECTS)('reports on %s', (dialect) => {
  let t: TestApp;
  const office = new Map<string, string>();
  /** Task id by its number in the plan, and its targets with their units. */
  const task = new Map<string, { id: string; targets: { id: string; unit: string }[] }>();
  let admin: string;
  /** PostgreSQL has no SQLite file to put files beside: the tests name a folder. */
  let pgFiles: string | null = null;

  const call = async (
    cookie: string,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const reporter = (name: string) => t.cookieFor('reporter', office.get(name) as string);
  const taskOf = (n: string) => task.get(n) as { id: string; targets: { id: string; unit: string }[] };
  /** What a submission needs on task n besides its figures: a narrative, and a reason for each figure left out. */
  const owed = (n: string) => ({
    narrative: '按计划推进',
    missingFigures: taskOf(n).targets.map((x) => ({ targetId: x.id, reason: '数据待区统计局发布' })),
  });
  const targetOf = (n: string, unit: string, nth = 0) =>
    (taskOf(n).targets.filter((x) => x.unit === unit)[nth] as { id: string }).id;

  beforeAll(async () => {
    if (dialect === 'postgres') {
      pgFiles = mkdtempSync(join(tmpdir(), 'duban-files-'));
      process.env.DUBAN_FILES_DIR = pgFiles;
    }
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    const { planId } = await importDocument(t.store.db, {
      bytes: readFileSync(EXAMPLE),
      fileName: 'luohu-2007-jichu.txt',
    });
    for (const o of await t.store.db.selectFrom('offices').select(['id', 'name']).execute()) office.set(o.name, o.id);
    // 2007's periods locked long ago (locks.test.ts): every office may still report them here.
    const keys = ['2007', '2007-Q2', '2007-Q3', '2007-M06', '2007-M07', '2007-M08', '2007-M09'];
    const rows = [...office.values()].flatMap((officeId) =>
      keys.map((periodKey) => ({
        id: newId(),
        plan_id: planId as string,
        office_id: officeId,
        period_key: periodKey,
        until: '9999-12-31',
        granted_by: null,
        created_at: new Date().toISOString(),
      })),
    );
    await t.store.db.insertInto('report_exceptions').values(rows).execute();
    const tasks = await t.store.db.selectFrom('tasks').select(['id', 'number']).execute();
    for (const x of tasks) {
      const targets = await t.store.db
        .selectFrom('targets')
        .select(['id', 'unit'])
        .where('task_id', '=', x.id)
        .orderBy('position')
        .execute();
      task.set(x.number, { id: x.id, targets });
    }
    admin = await t.cookieFor('admin');
  });
  afterAll(async () => {
    await t.close();
    if (pgFiles) {
      delete process.env.DUBAN_FILES_DIR;
      rmSync(pgFiles, { recursive: true, force: true });
    }
  });

  it('runs draft → submit → return → edit → resubmit → accept, keeping the history', async () => {
    const labour = await reporter('区劳动局');
    const created = await call(labour, 'POST', '/api/reports', {
      ...owed('8'),
      taskId: taskOf('8').id,
      periodKey: '2007-M06',
      progress: 'in-progress',
      narrative: '签订就业目标责任书',
      figures: [
        { targetId: targetOf('8', '%', 0), value: 2.5 },
        { targetId: targetOf('8', '%', 1), numerator: 9, denominator: 10, cumulative: true },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({
      status: 'draft',
      officeId: office.get('区劳动局'),
      // Core's due date under the plan's settings (five working days after June), as the status's.
      dueDate: '2007-07-06',
      late: false,
      version: 1,
    });
    expect(r.figures.map((f: { value: number }) => f.value)).toEqual([2.5, 90]);
    expect(r.figures[1]).toMatchObject({ numerator: 9, denominator: 10, cumulative: true });
    const url = `/api/reports/${r.id}`;
    // A write answers from what it wrote: exactly what reading the report back gives.
    expect(r).toEqual((await call(labour, 'GET', url)).json());

    const submitted = await call(labour, 'POST', `${url}/submit`, { version: 1 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toEqual((await call(labour, 'GET', url)).json());
    // Handed in long after its due date, but within the office's exception (补报例外) for June:
    // on time, as the status counts it.
    expect(submitted.json()).toMatchObject({ status: 'submitted', late: false, version: 2 });
    expect(submitted.json().submittedAt).toBeTruthy();

    const locked = await call(labour, 'PATCH', url, { version: 2, narrative: 'x' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toMatch(/submitted/u);
    expect((await call(labour, 'POST', `${url}/return`, { version: 2, comment: 'no' })).statusCode).toBe(403);
    const noComment = await call(admin, 'POST', `${url}/return`, { version: 2, comment: '  ' });
    expect(noComment.statusCode).toBe(400);

    const returned = await call(admin, 'POST', `${url}/return`, { version: 2, comment: '请补充失业率数据来源' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: '请补充失业率数据来源', version: 3 });

    const edited = await call(labour, 'PATCH', url, {
      version: 3,
      narrative: '签订就业目标责任书;失业率据区统计局',
      figures: [{ targetId: targetOf('8', '%', 0), value: 2.8 }],
      missingFigures: owed('8').missingFigures,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'returned', version: 4 });
    expect(edited.json().figures).toHaveLength(1);

    const stale = await call(labour, 'PATCH', url, { version: 3, narrative: 'late edit' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale-version');

    expect((await call(labour, 'POST', `${url}/submit`, { version: 4 })).statusCode).toBe(200);
    const accepted = await call(admin, 'POST', `${url}/accept`, { version: 5 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: 6, reviewComment: null });
    const again = await call(admin, 'POST', `${url}/accept`, { version: 6 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/accepted/u);
    expect((await call(labour, 'POST', `${url}/submit`, { version: 6 })).statusCode).toBe(409);

    const detail = (await call(labour, 'GET', url)).json();
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'return',
      'edit',
      'submit',
      'accept',
    ]);
    expect(detail.events[2].comment).toBe('请补充失业率数据来源');
    // Nothing is overwritten: the first snapshot still has the first text and figures.
    expect(detail.events[0].snapshot.report.narrative).toBe('签订就业目标责任书');
    expect(detail.events[0].snapshot.figures).toHaveLength(2);
    expect(detail.events[3].snapshot.report.narrative).toBe('签订就业目标责任书;失业率据区统计局');

    const audit = await t.store.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity', '=', 'report')
      .where('entity_id', '=', r.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update', 'update', 'update']);
    expect(audit[0]?.before).toBeNull();
    expect(JSON.parse(audit[5]?.after ?? '{}').report.status).toBe('accepted');
    expect(JSON.parse(audit[5]?.before ?? '{}').report.status).toBe('submitted');
  });

  it('keeps another office out, and lets in an office the task reaches through a group', async () => {
    const labour = await reporter('区劳动局');
    const mine = await call(labour, 'POST', '/api/reports', {
      ...owed('8'),
      taskId: taskOf('8').id,
      periodKey: '2007-M07',
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const url = `/api/reports/${mine.json().id}`;

    const education = await reporter('区教育局');
    expect((await call(education, 'GET', url)).statusCode).toBe(403);
    expect((await call(education, 'PATCH', url, { version: 1, narrative: 'x' })).statusCode).toBe(403);
    expect((await call(education, 'POST', `${url}/submit`, { version: 1 })).statusCode).toBe(403);
    const notTheirs = await call(education, 'POST', '/api/reports', {
      ...owed('8'),
      taskId: taskOf('8').id,
      periodKey: '2007-M07',
    });
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json().error.code).toBe('forbidden');
    const forOther = await call(education, 'POST', '/api/reports', {
      ...owed('12'),
      taskId: taskOf('12').id,
      officeId: office.get('区劳动局'),
      periodKey: '2007-M07',
    });
    expect(forOther.statusCode).toBe(403);
    expect((await call(education, 'GET', '/api/reports?periodKey=2007-M07')).json().items).toEqual([]);

    // 黄贝街道办事处 is on task 8 only as a member of 各街道办事处.
    const street = await reporter('黄贝街道办事处');
    const viaGroup = await call(street, 'POST', '/api/reports', {
      ...owed('8'),
      taskId: taskOf('8').id,
      periodKey: '2007-M07',
    });
    expect(viaGroup.statusCode, viaGroup.body).toBe(201);
    const streetList = (await call(street, 'GET', '/api/reports?periodKey=2007-M07')).json().items;
    expect(streetList.map((x: { id: string }) => x.id)).toEqual([viaGroup.json().id]);
    const all = (await call(admin, 'GET', `/api/reports?periodKey=2007-M07&taskId=${taskOf('8').id}`)).json().items;
    expect(all).toHaveLength(2);
    const leader = await t.cookieFor('leader');
    expect((await call(leader, 'GET', url)).statusCode).toBe(200);
    expect((await call(leader, 'POST', '/api/reports', { taskId: taskOf('8').id, periodKey: '2007' })).statusCode).toBe(
      403,
    );

    const twice = await call(street, 'POST', '/api/reports', {
      ...owed('8'),
      taskId: taskOf('8').id,
      periodKey: '2007-M07',
    });
    expect(twice.statusCode).toBe(409);
    const ownDueDate = await call(street, 'POST', '/api/reports', {
      ...owed('8'),
      taskId: taskOf('8').id,
      periodKey: '2007-M08',
      dueDate: '2099-01-01',
    });
    expect(ownDueDate.statusCode).toBe(403);
  });

  it('refuses figures that do not fit their target, naming the field', async () => {
    const street = await reporter('桂园街道办事处');
    const post = (taskNumber: string, figures: unknown[]) =>
      call(street, 'POST', '/api/reports', { taskId: taskOf(taskNumber).id, periodKey: '2007-Q2', figures });
    const expect400 = async (r: Promise<LightMyRequestResponse>, field: string) => {
      const res = await r;
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.field).toBe(field);
    };
    await expect400(post('8', [{ targetId: targetOf('8', '%'), value: 120 }]), 'figures.0.value');
    await expect400(
      post('8', [
        { targetId: targetOf('8', '%', 0), value: 3 },
        { targetId: targetOf('8', '%', 1), numerator: 11, denominator: 10 },
      ]),
      'figures.1.numerator',
    );
    await expect400(
      post('8', [{ targetId: targetOf('8', '%'), numerator: 0, denominator: 0 }]),
      'figures.0.denominator',
    );
    // Task 4 counts 次 and reaches street offices through 各街道.
    await expect400(post('4', [{ targetId: targetOf('4', '次'), value: 2.5 }]), 'figures.0.value');
    await expect400(post('4', [{ targetId: targetOf('4', '次'), value: -1 }]), 'figures.0.value');
    await expect400(post('8', [{ targetId: targetOf('4', '次'), value: 2 }]), 'figures.0.targetId');
    await expect400(post('8', [{ targetId: 'no-such-target', value: 2 }]), 'figures.0.targetId');
    const ok = await post('4', [{ targetId: targetOf('4', '次'), value: 3 }]);
    expect(ok.statusCode, ok.body).toBe(201);
    const bad = await call(street, 'PATCH', `/api/reports/${ok.json().id}`, {
      version: 1,
      figures: [{ targetId: targetOf('4', '次'), value: 1.5 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('figures.0.value');
    // A refused edit changes nothing.
    expect((await call(street, 'GET', `/api/reports/${ok.json().id}`)).json()).toMatchObject({ version: 1 });
  });

  it('lets an administrator set a due date and report for an assigned office only', async () => {
    const onTime = await call(admin, 'POST', '/api/reports', {
      ...owed('8'),
      taskId: taskOf('8').id,
      officeId: office.get('东门街道办事处'),
      periodKey: '2007-Q3',
      dueDate: '2999-12-31',
    });
    expect(onTime.statusCode, onTime.body).toBe(201);
    const submitted = await call(admin, 'POST', `/api/reports/${onTime.json().id}/submit`, { version: 1 });
    expect(submitted.json()).toMatchObject({ status: 'submitted', late: false });

    const unassigned = await call(admin, 'POST', '/api/reports', {
      ...owed('8'),
      taskId: taskOf('8').id,
      officeId: office.get('区教育局'),
      periodKey: '2007-Q3',
    });
    expect(unassigned.statusCode).toBe(400);
    expect(unassigned.json().error.field).toBe('officeId');
    const badDate = await call(admin, 'POST', '/api/reports', {
      ...owed('8'),
      taskId: taskOf('8').id,
      officeId: office.get('区劳动局'),
      periodKey: '2007-Q3',
      dueDate: '2007-13-01',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.field).toBe('dueDate');
    const badPeriod = await call(admin, 'POST', '/api/reports', {
      ...owed('8'),
      taskId: taskOf('8').id,
      officeId: office.get('区劳动局'),
      periodKey: 'June',
    });
    expect(badPeriod.json().error.field).toBe('periodKey');
    expect((await call(admin, 'GET', '/api/reports/no-such-id')).statusCode).toBe(404);
    expect((await call(admin, 'POST', '/api/reports/no-such-id/accept', { version: 1 })).statusCode).toBe(404);
  });

  it('refuses to submit an untouched draft; takes a narrative and a figure or a stated reason per target', async () => {
    const labour = await reporter('区劳动局');
    // An untouched draft: no narrative, no figure, 未启动.
    const created = await call(labour, 'POST', '/api/reports', { taskId: taskOf('8').id, periodKey: '2007-M09' });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/api/reports/${created.json().id}`;
    const untouched = await call(labour, 'POST', `${url}/submit`, { version: 1 });
    expect(untouched.statusCode).toBe(400);
    expect(untouched.json().error).toMatchObject({ code: 'bad-input', field: 'narrative' });
    const zh = await t.app.inject({
      method: 'POST',
      url: `${url}/submit`,
      headers: { cookie: labour, 'accept-language': 'zh-CN' },
      payload: { version: 1 },
    });
    expect(zh.json().error.message).toBe('提交前请填写本期工作进展(进展情况)');

    // A narrative, one figure of three: the second target is named.
    const written = await call(labour, 'PATCH', url, {
      version: 1,
      narrative: '签订就业目标责任书',
      figures: [{ targetId: targetOf('8', '%', 0), value: 2.6 }],
    });
    expect(written.statusCode, written.body).toBe(200);
    const short = await call(labour, 'POST', `${url}/submit`, { version: 2 });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe('targets.1');
    expect(short.json().error.message).toMatch(/^Give a figure for the target "[^"]+", or say why it is missing/u);

    // A blank reason is no reason; a stated one is kept with the report and its history.
    const blank = await call(labour, 'PATCH', url, {
      version: 2,
      missingFigures: [
        { targetId: targetOf('8', '%', 1), reason: '  ' },
        { targetId: targetOf('8', '%', 2), reason: '区统计局10月发布' },
      ],
    });
    expect(blank.statusCode, blank.body).toBe(200);
    expect(blank.json().missingFigures).toEqual([{ targetId: targetOf('8', '%', 2), reason: '区统计局10月发布' }]);
    expect((await call(labour, 'POST', `${url}/submit`, { version: 3 })).json().error.field).toBe('targets.1');
    const explained = await call(labour, 'PATCH', url, {
      version: 3,
      missingFigures: taskOf('8')
        .targets.slice(1)
        .map((x) => ({ targetId: x.id, reason: '推荐台账尚在汇总' })),
    });
    expect(explained.statusCode, explained.body).toBe(200);
    const submitted = await call(labour, 'POST', `${url}/submit`, { version: 4 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', missingFigures: explained.json().missingFigures });
    expect(submitted.json().events.at(-1).snapshot.report.status).toBe('submitted');

    // A reason for a target of another task is refused, naming the field.
    const foreign = await call(admin, 'POST', '/api/reports', {
      taskId: taskOf('8').id,
      officeId: office.get('区劳动局'),
      periodKey: '2007-Q3',
      missingFigures: [{ targetId: targetOf('13', '家'), reason: 'x' }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.field).toBe('missingFigures.0.targetId');
  });

  it('lets a report on a task without targets be saved, submitted, returned and resubmitted with a narrative', async () => {
    const noTargets = [...task.entries()].find(([, x]) => x.targets.length === 0);
    expect(noTargets).toBeDefined();
    const [number, k] = noTargets as [string, { id: string }];
    const assignment = await t.store.db
      .selectFrom('task_assignments')
      .select('office_id')
      .where('task_id', '=', k.id)
      .where('office_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const officeId = assignment.office_id as string;
    const created = await call(admin, 'POST', '/api/reports', { taskId: k.id, officeId, periodKey: '2007-M07' });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/api/reports/${created.json().id}`;
    expect((await call(admin, 'POST', `${url}/submit`, { version: 1 })).json().error.field).toBe('narrative');
    const saved = await call(admin, 'PATCH', url, { version: 1, narrative: `第${number}项:已制定方案`, figures: [] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await call(admin, 'POST', `${url}/submit`, { version: 2 })).statusCode).toBe(200);
    expect((await call(admin, 'POST', `${url}/return`, { version: 3, comment: '请补充进度' })).statusCode).toBe(200);
    const fixed = await call(admin, 'PATCH', url, { version: 4, narrative: '已制定方案,试点两个社区', figures: [] });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const resubmitted = await call(admin, 'POST', `${url}/submit`, { version: 5 });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json().status).toBe('submitted');
  });

  it('withdraws a submitted report before review, recorded in its history and the audit log', async () => {
    const labour = await reporter('区劳动局');
    const created = await call(labour, 'POST', '/api/reports', {
      ...owed('8'),
      taskId: taskOf('8').id,
      periodKey: '2007-Q3',
    });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/api/reports/${created.json().id}`;
    expect((await call(labour, 'POST', `${url}/withdraw`, { version: 1 })).statusCode).toBe(409);
    expect((await call(labour, 'POST', `${url}/submit`, { version: 1 })).statusCode).toBe(200);
    const other = await reporter('区教育局');
    expect((await call(other, 'POST', `${url}/withdraw`, { version: 2 })).statusCode).toBe(403);
    expect((await call(labour, 'POST', `${url}/withdraw`, { version: 1 })).statusCode).toBe(409);
    const withdrawn = await call(labour, 'POST', `${url}/withdraw`, { version: 2 });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'draft', submittedAt: null, late: false, version: 3 });
    expect(withdrawn.json().events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'withdraw']);
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('entity', '=', 'report')
      .where('entity_id', '=', created.json().id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after ?? '{}').report.status)).toEqual(['draft', 'submitted', 'draft']);

    // Once reviewed, it is the reviewer's: no withdrawing an accepted report.
    expect((await call(labour, 'POST', `${url}/submit`, { version: 3 })).statusCode).toBe(200);
    expect((await call(admin, 'POST', `${url}/accept`, { version: 4 })).statusCode).toBe(200);
    const late = await call(labour, 'POST', `${url}/withdraw`, { version: 5 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/accepted/u);
  });

  it('says on a report when its period locked for its office, and nothing while it is open', async () => {
    const labour = await reporter('区劳动局');
    const open = (await call(labour, 'GET', '/api/reports?periodKey=2007-Q3')).json().items[0];
    expect((await call(labour, 'GET', `/api/reports/${open.id}`)).json().lockedSince).toBeNull();
    // 2007-M10 has no exception: a report kept from then reads as locked.
    const id = newId();
    await t.store.db
      .insertInto('reports')
      .values({
        id,
        task_id: taskOf('8').id,
        office_id: office.get('区劳动局') as string,
        period_key: '2007-M10',
        status: 'returned',
        progress: 'in-progress',
        narrative: '十月进展',
        good_practice: 0,
        good_practice_summary: null,
        submitted_at: '2007-10-31T08:00:00.000Z',
        due_date: '2007-10-31',
        late: 0,
        reviewed_by: null,
        reviewed_at: null,
        review_comment: '请补充数据',
        version: 3,
        created_at: '2007-10-30T08:00:00.000Z',
        updated_at: '2007-11-01T08:00:00.000Z',
      })
      .execute();
    const locked = (await call(labour, 'GET', `/api/reports/${id}`)).json();
    expect(locked.lockedSince).toMatch(/^2007-11-\d\d$/u);
    expect(locked.missingFigures).toEqual([]);
    expect((await call(labour, 'POST', `/api/reports/${id}/submit`, { version: 3 })).statusCode).toBe(409);
  });

  it('answers each write with the report as it reads back, its evidence and history included', async () => {
    const labour = await reporter('区劳动局');
    const created = await call(labour, 'POST', '/api/reports', {
      ...owed('8'),
      taskId: taskOf('8').id,
      periodKey: '2007-Q2',
      figures: [{ targetId: targetOf('8', '%', 0), value: 3.1 }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/api/reports/${created.json().id}`;
    const readBack = async () => (await call(labour, 'GET', url)).json();
    expect(created.json()).toEqual(await readBack());
    const file = form('二季度台账.pdf', Buffer.from('%PDF-1.4 二季度台账'));
    const attached = await t.app.inject({
      method: 'POST',
      url: `${url}/evidence?version=1`,
      payload: file.payload,
      headers: { ...file.headers, cookie: labour },
    });
    expect(attached.statusCode, attached.body).toBe(201);
    expect(attached.json()).toEqual(await readBack());
    const submitted = await call(labour, 'POST', `${url}/submit`, { version: 2 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const after = await readBack();
    expect(submitted.json()).toEqual(after);
    expect(after.evidence.map((e: { name: string }) => e.name)).toEqual(['二季度台账.pdf']);
    expect(after.events.map((e: { action: string }) => e.action)).toEqual(['create', 'attach', 'submit']);
    const names = new Set(after.events.map((e: { userName: string | null }) => e.userName));
    expect(names.size).toBe(1);
    expect(names.has(null)).toBe(false);
  });

  it('keeps evidence files by content, for the office and reviewers to download', async () => {
    const street = await reporter('翠竹街道办事处');
    const created = await call(street, 'POST', '/api/reports', {
      ...owed('8'),
      taskId: taskOf('8').id,
      periodKey: '2007-M09',
    });
    const url = `/api/reports/${created.json().id}`;
    const bytes = Buffer.from('%PDF-1.4 就业台账');
    const body = form('台账.pdf', bytes);
    const ok = await t.app.inject({
      method: 'POST',
      url: `${url}/evidence?version=1`,
      payload: body.payload,
      headers: { ...body.headers, cookie: street },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(ok.json()).toMatchObject({
      version: 2,
      evidence: [{ name: '台账.pdf', mime: 'application/pdf', size: bytes.length, sha256: sha }],
    });
    expect(ok.json().events.at(-1)).toMatchObject({ action: 'attach', fileName: '台账.pdf', comment: null });
    const dir = pgFiles ?? join(dirname(t.store.sqlitePath as string), 'files');
    expect(existsSync(join(dir, sha.slice(0, 2), sha))).toBe(true);

    const fileId = ok.json().evidence[0].id;
    const download = await call(admin, 'GET', `${url}/evidence/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers['content-disposition']).toMatch(/^attachment/u);
    expect((await call(await reporter('区教育局'), 'GET', `${url}/evidence/${fileId}`)).statusCode).toBe(403);
    expect((await call(admin, 'GET', `${url}/evidence/no-such-file`)).statusCode).toBe(404);

    const stale = form('b.pdf', Buffer.from('%PDF-1.4 b'));
    const r = await t.app.inject({
      method: 'POST',
      url: `${url}/evidence?version=1`,
      payload: stale.payload,
      headers: { ...stale.headers, cookie: street },
    });
    expect(r.statusCode).toBe(409);
    const notMultipart = await call(street, 'POST', `${url}/evidence?version=2`, { file: 'x' });
    expect(notMultipart.statusCode).toBe(400);
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select('entity')
      .where('entity', '=', 'evidence_file')
      .where('entity_id', '=', fileId)
      .execute();
    expect(audit).toHaveLength(1);

    // Taking the file off keeps its bytes and its name in the history.
    const del = (version: number, id = fileId) =>
      t.app.inject({ method: 'DELETE', url: `${url}/evidence/${id}?version=${version}`, headers: { cookie: street } });
    expect((await del(1)).statusCode).toBe(409);
    expect((await del(2, 'no-such-file')).statusCode).toBe(404);
    const other = await t.app.inject({
      method: 'DELETE',
      url: `${url}/evidence/${fileId}?version=2`,
      headers: { cookie: await reporter('区教育局') },
    });
    expect(other.statusCode).toBe(403);
    const removed = await del(2);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ version: 3, evidence: [] });
    expect(removed.json().events.at(-1)).toMatchObject({ action: 'detach', fileName: '台账.pdf', comment: null });
    expect(existsSync(join(dir, sha.slice(0, 2), sha))).toBe(true);
    const deletions = await t.store.db
      .selectFrom('audit_log')
      .select(['action', 'before'])
      .where('entity', '=', 'evidence_file')
      .where('entity_id', '=', fileId)
      .orderBy('id')
      .execute();
    expect(deletions.map((a) => a.action)).toEqual(['create', 'delete']);
    expect(JSON.parse(deletions[1]?.before ?? '{}').name).toBe('台账.pdf');
    expect((await call(street, 'POST', `${url}/submit`, { version: 3 })).statusCode).toBe(200);
    expect((await del(4)).statusCode).toBe(404);

    // An upload recorded before uploads had their own action still reads as one.
    await t.store.db
      .insertInto('report_events')
      .values({
        id: newId(),
        report_id: created.json().id,
        at: new Date().toISOString(),
        user_id: null,
        action: 'edit',
        comment: 'evidence: 旧台账.png',
        snapshot: '{}',
      })
      .execute();
    const legacy = (await call(street, 'GET', url)).json().events.at(-1);
    expect(legacy).toMatchObject({ action: 'attach', fileName: '旧台账.png', comment: null, userName: null });
  });

  describe('review by the office above', () => {
    let community: string;
    let street: string;
    /** Signed-in users, by display name. */
    const as = new Map<string, string>();
    const signIn = async (name: string, role: 'reporter' | 'admin', officeId: string | null) => {
      await t.addUser(name, role, officeId);
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: name, password: TEST_PASSWORD },
      });
      const c = r.cookies.find((x) => x.name === 'duban_session');
      as.set(name, `duban_session=${c?.value}`);
    };
    const who = (name: string) => as.get(name) as string;

    beforeAll(async () => {
      street = office.get('黄贝街道办事处') as string;
      const made = await call(admin, 'POST', '/api/offices', {
        name: '黄贝岭社区',
        kind: 'community',
        parentId: street,
      });
      expect(made.statusCode, made.body).toBe(201);
      community = made.json().id;
      // The demo plan names no community: make the community a lead office of task 8.
      await t.store.db
        .insertInto('task_assignments')
        .values({
          id: newId(),
          task_id: taskOf('8').id,
          role: 'lead',
          position: 99,
          mention: '黄贝岭社区',
          office_id: community,
          group_id: null,
          version: 1,
        })
        .execute();
      const planId = (
        await t.store.db
          .selectFrom('tasks')
          .select('plan_id')
          .where('id', '=', taskOf('8').id)
          .executeTakeFirstOrThrow()
      ).plan_id;
      await t.store.db
        .insertInto('report_exceptions')
        .values(
          ['2007-M08', '2007-M09'].map((periodKey) => ({
            id: newId(),
            plan_id: planId,
            office_id: community,
            period_key: periodKey,
            until: '9999-12-31',
            granted_by: null,
            created_at: new Date().toISOString(),
          })),
        )
        .execute();
      await signIn('社区填报员', 'reporter', community);
      await signIn('街道审核员', 'reporter', street);
      await signIn('桂园填报员', 'reporter', office.get('桂园街道办事处') as string);
      await signIn('基层办管理员', 'admin', null);
    });

    it('sends the reports of an office filed under a department, not a community, straight to the plan office', async () => {
      // The demo files 区委基层办 under 区委组织部: membership, not a review line.
      const plans = await t.store.db.selectFrom('offices').select(['id', 'parent_id']).where('name', '=', '区委基层办');
      const planOffice = await plans.executeTakeFirstOrThrow();
      expect(planOffice.parent_id).not.toBeNull();
      const task = await t.store.db
        .selectFrom('task_assignments')
        .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
        .select(['tasks.id', 'tasks.plan_id'])
        .where('task_assignments.office_id', '=', planOffice.id)
        .where('task_assignments.role', '=', 'lead')
        .executeTakeFirstOrThrow();
      await t.store.db
        .insertInto('report_exceptions')
        .values({
          id: newId(),
          plan_id: task.plan_id,
          office_id: planOffice.id,
          period_key: '2007-M08',
          until: '9999-12-31',
          granted_by: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      await signIn('基层办填报员', 'reporter', planOffice.id);
      const created = await call(who('基层办填报员'), 'POST', '/api/reports', {
        taskId: task.id,
        periodKey: '2007-M08',
        narrative: '按计划推进',
        figures: [],
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().reviewOfficeId).toBeNull();
      const id = created.json().id as string;
      const submitted = await call(who('基层办填报员'), 'POST', `/api/reports/${id}/submit`, { version: 1 });
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json().nextReviewer).toBe('plan-office');
      const accepted = await call(who('基层办管理员'), 'POST', `/api/reports/${id}/accept`, {
        version: submitted.json().version,
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json().status).toBe('accepted');
    });

    it('passes a community report through its street office, then the plan office accepts it', async () => {
      const created = await call(who('社区填报员'), 'POST', '/api/reports', {
        ...owed('8'),
        taskId: taskOf('8').id,
        periodKey: '2007-M08',
        narrative: '社区就业援助',
        figures: [{ targetId: targetOf('8', '%', 0), value: 2.9 }],
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ reviewOfficeId: street, nextReviewer: null });
      const id = created.json().id as string;
      const url = `/api/reports/${id}`;
      const ids = (items: { id: string }[]) => items.map((x) => x.id);
      const toReview = async (name: string) =>
        ids((await call(who(name), 'GET', '/api/reports?toReview=true')).json().items);

      // A draft is the community's own business.
      expect((await call(who('街道审核员'), 'GET', url)).statusCode).toBe(403);
      expect(ids((await call(who('街道审核员'), 'GET', '/api/reports')).json().items)).not.toContain(id);

      const submitted = await call(who('社区填报员'), 'POST', `${url}/submit`, { version: 1 });
      expect(submitted.json()).toMatchObject({ status: 'submitted', nextReviewer: 'office-above', version: 2 });

      // Waiting for the street office: it sees it; another street office and the plan office do not yet.
      expect(await toReview('街道审核员')).toEqual([id]);
      expect(await toReview('桂园填报员')).toEqual([]);
      expect(await toReview('基层办管理员')).not.toContain(id);
      expect(await toReview('社区填报员')).toEqual([]);
      expect((await call(who('街道审核员'), 'GET', url)).statusCode).toBe(200);
      expect((await call(who('桂园填报员'), 'GET', url)).statusCode).toBe(403);
      expect(ids((await call(who('街道审核员'), 'GET', '/api/reports?periodKey=2007-M08')).json().items)).toContain(id);

      // The plan office may not act before the street office.
      const early = await call(who('基层办管理员'), 'POST', `${url}/accept`, { version: 2 });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toMatch(/^黄贝街道办事处 reviews this report first/u);
      const earlyReturn = await call(who('基层办管理员'), 'POST', `${url}/return`, { version: 2, comment: '不行' });
      expect(earlyReturn.statusCode).toBe(409);
      // Nor may anyone but a reporter of the street office review it first.
      for (const name of ['桂园填报员', '社区填报员']) {
        const r = await call(who(name), 'POST', `${url}/review`, { version: 2, decision: 'pass' });
        expect(r.statusCode, name).toBe(403);
        expect(r.json().error.code).toBe('forbidden');
      }
      expect(
        (await call(who('基层办管理员'), 'POST', `${url}/review`, { version: 2, decision: 'pass' })).statusCode,
      ).toBe(403);
      const noReason = await call(who('街道审核员'), 'POST', `${url}/review`, { version: 2, decision: 'return' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.field).toBe('comment');

      const returned = await call(who('街道审核员'), 'POST', `${url}/review`, {
        version: 2,
        decision: 'return',
        comment: '请附社区台账',
      });
      expect(returned.statusCode, returned.body).toBe(200);
      expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: '请附社区台账', version: 3 });
      expect(await toReview('街道审核员')).toEqual([]);
      expect((await call(who('社区填报员'), 'POST', `${url}/submit`, { version: 3 })).statusCode).toBe(200);

      const stale = await call(who('街道审核员'), 'POST', `${url}/review`, { version: 3, decision: 'pass' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('stale-version');
      const passed = await call(who('街道审核员'), 'POST', `${url}/review`, {
        version: 4,
        decision: 'pass',
        comment: '情况属实',
      });
      expect(passed.statusCode, passed.body).toBe(200);
      expect(passed.json()).toMatchObject({ status: 'reviewed', nextReviewer: 'plan-office', version: 5 });
      const twice = await call(who('街道审核员'), 'POST', `${url}/review`, { version: 5, decision: 'pass' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message).toMatch(/plan office/u);
      // Handed in, so still unchangeable by the community.
      expect((await call(who('社区填报员'), 'PATCH', url, { version: 5, narrative: 'x' })).statusCode).toBe(409);

      expect(await toReview('街道审核员')).toEqual([]);
      expect(await toReview('基层办管理员')).toContain(id);
      const accepted = await call(who('基层办管理员'), 'POST', `${url}/accept`, { version: 5 });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json()).toMatchObject({ status: 'accepted', nextReviewer: null, version: 6 });
      expect(await toReview('基层办管理员')).not.toContain(id);

      const events = (await call(who('街道审核员'), 'GET', url)).json().events as {
        action: string;
        userName: string | null;
        comment: string | null;
      }[];
      expect(events.map((e) => [e.action, e.userName])).toEqual([
        ['create', '社区填报员'],
        ['submit', '社区填报员'],
        ['return', '街道审核员'],
        ['submit', '社区填报员'],
        ['review', '街道审核员'],
        ['accept', '基层办管理员'],
      ]);
      expect(events[4]?.comment).toBe('情况属实');

      const audit = await t.store.db
        .selectFrom('audit_log')
        .select(['before', 'after'])
        .where('entity', '=', 'report')
        .where('entity_id', '=', id)
        .orderBy('id')
        .execute();
      const statuses = audit.map((a) => JSON.parse(a.after ?? '{}').report.status);
      expect(statuses).toEqual(['draft', 'submitted', 'returned', 'submitted', 'reviewed', 'accepted']);
    });

    it('sends the report of an office with no office above straight to the plan office', async () => {
      const labour = await reporter('区劳动局');
      const r = await call(labour, 'POST', '/api/reports', {
        ...owed('8'),
        taskId: taskOf('8').id,
        periodKey: '2007-M08',
      });
      const id = r.json().id as string;
      const submitted = await call(labour, 'POST', `/api/reports/${id}/submit`, { version: 1 });
      expect(submitted.json()).toMatchObject({ reviewOfficeId: null, nextReviewer: 'plan-office' });
      const street = await call(who('街道审核员'), 'POST', `/api/reports/${id}/review`, {
        version: 2,
        decision: 'pass',
      });
      expect(street.statusCode).toBe(403);
      expect((await call(who('基层办管理员'), 'POST', `/api/reports/${id}/accept`, { version: 2 })).statusCode).toBe(
        200,
      );
      expect((await call(who('基层办管理员'), 'POST', '/api/reports/no-such-id/review', {})).statusCode).toBe(403);
      expect(
        (await call(who('街道审核员'), 'POST', '/api/reports/no-such-id/review', { version: 1, decision: 'pass' }))
          .statusCode,
      ).toBe(404);
    });
  });
});

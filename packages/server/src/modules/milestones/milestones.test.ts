import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../cli/import.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { seedDirectory } from '../offices/offices.service.ts';

const EXAMPLE = new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url);

interface MilestoneBody {
  id: string;
  taskId: string;
  text: string;
  due: string | null;
  ownerOfficeId: string | null;
  state: string;
  version: number;
  returnReason: string | null;
  evidence: { id: string; name: string }[];
}

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

describe.each(DIALECTS)('milestones on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let admin: string;
  const office = new Map<string, string>();
  const task = new Map<string, string>();
  let pgFiles: string | null = null;

  const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const reporter = (name: string) => t.cookieFor('reporter', office.get(name) as string);
  const list = async (n: string) =>
    (await call(admin, 'GET', `/api/tasks/${task.get(n)}/milestones`)).json<MilestoneBody[]>();
  const status = async (n: string, date: string) => {
    const r = await call(admin, 'GET', `/api/plans/${planId}/status?date=${date}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json<{ tasks: { taskId: string; status: string; milestones: unknown }[] }>();
    return body.tasks.find((x) => x.taskId === task.get(n));
  };

  beforeAll(async () => {
    if (dialect === 'postgres') {
      pgFiles = mkdtempSync(join(tmpdir(), 'duban-files-'));
      process.env.DUBAN_FILES_DIR = pgFiles;
    }
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    const r = await importDocument(t.store.db, { bytes: readFileSync(EXAMPLE), fileName: 'luohu-2007-jichu.txt' });
    planId = r.planId;
    // Kept in Duban from the start of its year, so its 2007 due dates are Duban's to judge.
    await t.store.db.updateTable('plans').set({ created_at: '2007-01-01T00:00:00.000Z' }).execute();
    for (const o of await t.store.db.selectFrom('offices').select(['id', 'name']).execute()) office.set(o.name, o.id);
    for (const x of await t.store.db.selectFrom('tasks').select(['id', 'number']).execute()) task.set(x.number, x.id);
    admin = await t.cookieFor('admin');
  });
  afterAll(async () => {
    await t.close();
    if (pgFiles) {
      delete process.env.DUBAN_FILES_DIR;
      rmSync(pgFiles, { recursive: true, force: true });
    }
  });

  it('keeps the milestones the parser proposed on import, owned by the task’s first lead office', async () => {
    const ten = await list('10');
    expect(ten.map((m) => m.text)).toContain('成立罗湖慈善会');
    for (const m of ten) {
      expect(m).toMatchObject({ state: 'not-started', ownerOfficeId: office.get('区民政局'), version: 1 });
    }
    const withMilestones = await t.store.db.selectFrom('milestones').select('task_id').distinct().execute();
    expect(withMilestones.length).toBeGreaterThanOrEqual(20);
  });

  it('moves 未开始 → 推进中 → 申请确认 → 已确认: the owner submits, only the plan office confirms', async () => {
    const [m] = (await list('10')).filter((x) => x.text === '成立罗湖慈善会') as MilestoneBody[];
    const owner = await reporter('区民政局');
    const other = await reporter('区卫生局');

    // Another office may not move it; the plan office does not submit for the owner.
    expect((await call(other, 'POST', `/api/milestones/${m?.id}/start`, { version: 1 })).statusCode).toBe(403);
    const started = await call(owner, 'POST', `/api/milestones/${m?.id}/start`, { version: 1 });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ state: 'in-progress', version: 2 });
    // A stale version is refused.
    expect((await call(owner, 'POST', `/api/milestones/${m?.id}/submit`, { version: 1 })).statusCode).toBe(409);

    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const file = form('章程.pdf', pdf);
    const attached = await t.app.inject({
      method: 'POST',
      url: `/api/milestones/${m?.id}/evidence?version=2`,
      headers: { cookie: owner, ...file.headers },
      payload: file.payload,
    });
    expect(attached.statusCode, attached.body).toBe(201);
    expect(attached.json<MilestoneBody>().evidence.map((e) => e.name)).toEqual(['章程.pdf']);

    const submitted = await call(owner, 'POST', `/api/milestones/${m?.id}/submit`, { version: 3, note: '已成立' });
    expect(submitted.json()).toMatchObject({ state: 'submitted', version: 4 });
    // The owner cannot confirm its own deliverable: the route is the plan office's.
    expect((await call(owner, 'POST', `/api/milestones/${m?.id}/confirm`, { version: 4 })).statusCode).toBe(403);

    // Sent back with a reason, submitted again, then confirmed.
    expect((await call(admin, 'POST', `/api/milestones/${m?.id}/return`, { version: 4, reason: '' })).statusCode).toBe(
      400,
    );
    const returned = await call(admin, 'POST', `/api/milestones/${m?.id}/return`, { version: 4, reason: '缺登记证书' });
    expect(returned.json()).toMatchObject({ state: 'in-progress', returnReason: '缺登记证书' });
    await call(owner, 'POST', `/api/milestones/${m?.id}/submit`, { version: 5 });
    const confirmed = await call(admin, 'POST', `/api/milestones/${m?.id}/confirm`, { version: 6 });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ state: 'confirmed', version: 7, returnReason: null });
    // Once confirmed, no more submitting.
    expect((await call(owner, 'POST', `/api/milestones/${m?.id}/submit`, { version: 7 })).statusCode).toBe(409);

    const audit = await t.store.db
      .selectFrom('audit_log')
      .select('entity')
      .where('entity_id', '=', m?.id as string)
      .execute();
    expect(audit.length).toBe(1 + 6);
  });

  it('lets the plan office not confirm a milestone of its own office', async () => {
    const organisation = office.get('区委组织部') as string;
    const [m] = await list('1');
    expect(m?.ownerOfficeId).toBe(organisation);
    const owner = await reporter('区委组织部');
    await call(owner, 'POST', `/api/milestones/${m?.id}/submit`, { version: 1 });
    const ownAdmin = await t.cookieFor('admin', organisation);
    const refused = await call(ownAdmin, 'POST', `/api/milestones/${m?.id}/confirm`, { version: 2 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('own office');
    expect((await call(admin, 'POST', `/api/milestones/${m?.id}/confirm`, { version: 2 })).statusCode).toBe(200);
  });

  it('adds, edits and removes milestones on a live plan, versioned; only the plan office', async () => {
    const n = task.get('21') as string;
    const body = { text: '建成街道综治中心', due: '2007-09-30' };
    expect((await call(await reporter('区维稳综治办'), 'POST', `/api/tasks/${n}/milestones`, body)).statusCode).toBe(
      403,
    );
    expect((await call(admin, 'POST', `/api/tasks/${n}/milestones`, { ...body, due: '2007-02-30' })).statusCode).toBe(
      400,
    );
    const added = await call(admin, 'POST', `/api/tasks/${n}/milestones`, body);
    expect(added.statusCode, added.body).toBe(201);
    const m = added.json<MilestoneBody>();
    expect(m).toMatchObject({ ...body, ownerOfficeId: office.get('区维稳综治办'), state: 'not-started' });

    const edited = await call(admin, 'PATCH', `/api/milestones/${m.id}`, { version: 1, due: '2007-10-31' });
    expect(edited.json()).toMatchObject({ due: '2007-10-31', version: 2 });
    expect((await call(admin, 'PATCH', `/api/milestones/${m.id}`, { version: 1, text: 'x' })).statusCode).toBe(409);
    expect((await call(admin, 'DELETE', `/api/milestones/${m.id}?version=1`)).statusCode).toBe(409);
    expect((await call(admin, 'DELETE', `/api/milestones/${m.id}?version=2`)).statusCode).toBe(204);
    expect((await list('21')).some((x) => x.id === m.id)).toBe(false);
    const audit = await t.store.db.selectFrom('audit_log').select('action').where('entity_id', '=', m.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('counts milestones in the task’s status: overdue makes it late, met needs every one confirmed', async () => {
    // Task 13 has one target and no milestone; give it one due at the end of August.
    const n = task.get('13') as string;
    const m = (
      await call(admin, 'POST', `/api/tasks/${n}/milestones`, { text: '出台社康中心管理办法', due: '2007-08-31' })
    ).json<MilestoneBody>();
    expect(await status('13', '2007-08-31')).toMatchObject({ milestones: { total: 1, confirmed: 0, overdue: 0 } });
    const late = await status('13', '2007-09-03');
    expect(late).toMatchObject({ status: 'late', milestones: { total: 1, confirmed: 0, overdue: 1 } });

    const owner = await reporter('区卫生局');
    await call(owner, 'POST', `/api/milestones/${m.id}/submit`, { version: 1 });
    await call(admin, 'POST', `/api/milestones/${m.id}/confirm`, { version: 2 });
    expect(await status('13', '2007-09-03')).toMatchObject({ milestones: { total: 1, confirmed: 1, overdue: 0 } });
  });

  it('holds no due date against a task that passed before the plan entered Duban', async () => {
    const n = task.get('14') as string;
    await call(admin, 'POST', `/api/tasks/${n}/milestones`, { text: '建成街道综治中心', due: '2007-08-31' });
    const plan = await t.store.db.selectFrom('plans').select(['id', 'created_at']).executeTakeFirstOrThrow();
    const before = (await status('14', '2007-09-03')) as { milestones: { total: number; overdue: number } };
    expect(before.milestones.overdue).toBeGreaterThan(0);
    // Imported after the due date (as a past year's plan is): the lapse was never Duban's to see.
    await t.store.db.updateTable('plans').set({ created_at: '2007-10-01T02:00:00.000Z' }).execute();
    try {
      expect(await status('14', '2007-10-08')).toMatchObject({
        milestones: { total: before.milestones.total, overdue: 0 },
      });
    } finally {
      await t.store.db.updateTable('plans').set({ created_at: plan.created_at }).where('id', '=', plan.id).execute();
    }
  });

  it('lets a person keep, edit, drop and add proposed milestones in the import preview', async () => {
    const text = [
      '青川区2024年重点工作任务',
      '一、改革',
      '1.深化改革。6月底前出台社区工作者管理办法。成立青川慈善会。开展社区议事试点工作。',
      '牵头单位:区民政局',
    ].join('\n');
    const created = await call(admin, 'POST', '/api/imports', { text });
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json<{
      id: string;
      version: number;
      plan: { sections: { items: { milestones?: { text: string; due: string | null }[] }[] }[] };
    }>();
    expect(p.plan.sections[0]?.items[0]?.milestones).toEqual([
      { text: '6月底前出台社区工作者管理办法', due: '2024-06-30' },
      { text: '成立青川慈善会', due: null },
      { text: '开展社区议事试点工作', due: null },
    ]);
    const bad = await call(admin, 'PATCH', `/api/imports/${p.id}`, {
      version: p.version,
      milestones: [{ section: 0, item: 0, milestone: 7, remove: true }],
    });
    expect(bad.statusCode).toBe(400);
    const corrected = await call(admin, 'PATCH', `/api/imports/${p.id}`, {
      version: p.version,
      milestones: [
        { section: 0, item: 0, milestone: 1, due: '2024-09-30' },
        { section: 0, item: 0, milestone: 2, remove: true },
        { section: 0, item: 0, text: '建成社区议事厅', due: '2024-12-31' },
      ],
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const kept = [
      { text: '6月底前出台社区工作者管理办法', due: '2024-06-30' },
      { text: '成立青川慈善会', due: '2024-09-30' },
      { text: '建成社区议事厅', due: '2024-12-31' },
    ];
    expect(corrected.json().plan.sections[0].items[0].milestones).toEqual(kept);
    const committed = await call(admin, 'POST', `/api/imports/${p.id}/commit`, { version: p.version + 1 });
    expect(committed.statusCode, committed.body).toBe(200);
    const taskRow = await t.store.db
      .selectFrom('tasks')
      .select('id')
      .where('plan_id', '=', committed.json().planId)
      .executeTakeFirstOrThrow();
    const saved = (await call(admin, 'GET', `/api/tasks/${taskRow.id}/milestones`)).json<MilestoneBody[]>();
    expect(saved.map((m) => ({ text: m.text, due: m.due }))).toEqual(kept);
  });
});

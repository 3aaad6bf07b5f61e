import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../cli/import.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { callAs, ok } from '../ledgers/testbed.ts';
import { seedDirectory } from '../offices/offices.service.ts';

const EXAMPLE = new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url);

/** No one judges their own work: the plan office's own reports go to a leader. */
describe.each(DIALECTS)('the plan office’s own reports on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  const cookies: Record<string, string> = {};
  const call = callAs(() => t, cookies);
  const office: Record<string, string> = {};
  const task: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const db = t.store.db;
    await seedDirectory(db, null);
    planId = (await importDocument(db, { bytes: readFileSync(EXAMPLE), fileName: 'luohu-2007-jichu.txt' }))
      .planId as string;
    for (const o of await db.selectFrom('offices').select(['id', 'name']).execute()) office[o.name] = o.id;
    for (const k of await db.selectFrom('tasks').select(['id', 'number']).where('plan_id', '=', planId).execute())
      task[k.number] = k.id;
    // Every period of 2007 stays open for these tests.
    await db
      .insertInto('report_exceptions')
      .values(
        [office.区委基层办, office.区卫生局].map((officeId, i) => ({
          id: `open-${i}`,
          plan_id: planId,
          office_id: officeId as string,
          period_key: '2007-M03',
          until: '9999-12-31',
          granted_by: null,
          created_at: '2007-01-01T00:00:00.000Z',
        })),
      )
      .execute();
    cookies.admin = await t.cookieFor('admin');
    cookies.leader = await t.cookieFor('leader');
    cookies.health = await t.cookieFor('reporter', office.区卫生局);
  });
  afterAll(async () => {
    await t.close();
  });

  /** An office's March report on a task, handed in; its id and version. */
  const handIn = async (who: string, taskId: string, officeId: string) => {
    const targets = await t.store.db.selectFrom('targets').select('id').where('task_id', '=', taskId).execute();
    const created = ok(
      await call(who, 'POST', '/api/reports', {
        taskId,
        officeId,
        periodKey: '2007-M03',
        narrative: '三月进展',
        missingFigures: targets.map((x) => ({ targetId: x.id, reason: '数据待统计' })),
      }),
      201,
    );
    const submitted = ok(await call(who, 'POST', `/api/reports/${created.id}/submit`, { version: created.version }));
    return { id: submitted.id as string, version: submitted.version as number };
  };
  const toReview = async (who: string) =>
    (ok(await call(who, 'GET', '/api/reports?toReview=true')).items as { id: string }[]).map((r) => r.id);

  it('names the plan office in the plan’s settings (versioned, audited), a known office only', async () => {
    const read = ok(await call('leader', 'GET', `/api/plans/${planId}/settings`));
    expect(read.planOfficeId).toBeNull();
    const bad = await call('admin', 'PATCH', `/api/plans/${planId}/settings`, {
      version: read.version,
      planOfficeId: 'nope',
    });
    expect(bad.statusCode).toBe(400);
    const set = ok(
      await call('admin', 'PATCH', `/api/plans/${planId}/settings`, {
        version: read.version,
        planOfficeId: office.区委基层办,
      }),
    );
    expect(set).toMatchObject({ planOfficeId: office.区委基层办, version: read.version + 1 });
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity', '=', 'plan_settings')
      .where('entity_id', '=', planId)
      .execute();
    expect(audit.some((a) => String(a.after).includes(office.区委基层办 as string))).toBe(true);
  });

  it('refuses the plan office’s review of its own report and lets a leader accept it', async () => {
    // Task 4: 区委组织部(基层办)为责任单位.
    const own = await handIn('admin', task['4'] as string, office.区委基层办 as string);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${own.id}/accept`,
      headers: { cookie: cookies.admin as string, 'accept-language': 'zh-CN' },
      payload: { version: own.version },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('须由区领导审核');
    const returned = await call('admin', 'POST', `/api/reports/${own.id}/return`, {
      version: own.version,
      comment: '请补充',
    });
    expect(returned.statusCode).toBe(403);
    // The report says so, for the web to offer the review to a leader only.
    expect(ok(await call('leader', 'GET', `/api/reports/${own.id}`)).ofPlanOffice).toBe(true);
    // It waits for the leader, not the plan office.
    expect(await toReview('leader')).toEqual([own.id]);
    expect(await toReview('admin')).not.toContain(own.id);

    const accepted = ok(await call('leader', 'POST', `/api/reports/${own.id}/accept`, { version: own.version }));
    expect(accepted.status).toBe('accepted');
    const leaderId = (await t.store.db.selectFrom('users').select('id').where('role', '=', 'leader').executeTakeFirst())
      ?.id;
    expect(accepted.reviewedBy).toBe(leaderId);
  });

  it('keeps any other office’s report the plan office’s to review, not a leader’s', async () => {
    const other = await handIn('health', task['13'] as string, office.区卫生局 as string);
    expect(await toReview('admin')).toContain(other.id);
    expect(await toReview('leader')).not.toContain(other.id);
    expect(ok(await call('admin', 'GET', `/api/reports/${other.id}`)).ofPlanOffice).toBe(false);
    const refused = await call('leader', 'POST', `/api/reports/${other.id}/accept`, { version: other.version });
    expect(refused.statusCode).toBe(403);
    ok(await call('admin', 'POST', `/api/reports/${other.id}/accept`, { version: other.version }));
  });

  it('leaves the plan office out of the league, and ranks it again once no plan office is named', async () => {
    const league = async () =>
      (
        ok(await call('leader', 'GET', `/api/plans/${planId}/league?date=2007-12-31`)).offices as { officeId: string }[]
      ).map((o) => o.officeId);
    expect(await league()).not.toContain(office.区委基层办);
    const read = ok(await call('admin', 'GET', `/api/plans/${planId}/settings`));
    ok(await call('admin', 'PATCH', `/api/plans/${planId}/settings`, { version: read.version, planOfficeId: null }));
    expect(await league()).toContain(office.区委基层办);
  });
});

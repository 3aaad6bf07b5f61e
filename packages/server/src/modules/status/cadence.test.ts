import { readFileSync } from 'node:fs';
import { type Clock, fixedClock } from '@duban/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../cli/import.ts';
import { restampDueDates } from '../../db/migrations/014-task-cadence.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { seedDirectory } from '../offices/offices.service.ts';

const EXAMPLE = new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url);

/**
 * Issue 10, "two due dates" and "only monthly works": a report's own due date and lateness, the
 * status, the dashboard and the reminders read one rule for every cadence, a task may report on
 * its own, and a plan issued on 19 June owes from its first full period. "Now" is the test's clock.
 */
describe.each(DIALECTS)('cadences on %s', (dialect) => {
  let t: TestApp;
  let today = '2007-07-20';
  const clock: Clock = { now: () => fixedClock(today).now() };
  let admin: string;
  let planId: string;
  /** A task led by one office alone, that office, and another such task. */
  let task: { id: string; officeId: string; targets: string[] };
  let other: { id: string; officeId: string };

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
  const status = async (date?: string) =>
    (await call(admin, 'GET', `/api/plans/${planId}/status${date ? `?date=${date}` : ''}`)).json();
  const reportsOf = (s: { tasks: { taskId: string; reports: unknown }[] }, taskId: string) =>
    s.tasks.find((x) => x.taskId === taskId)?.reports as Record<string, number>;
  const settings = async (cadence: string) => {
    const now = (await call(admin, 'GET', `/api/plans/${planId}/settings`)).json();
    const r = await call(admin, 'PATCH', `/api/plans/${planId}/settings`, { version: now.version, cadence });
    expect(r.statusCode, r.body).toBe(200);
  };
  /** A report of the task's office for a period, handed in on `day`. */
  const report = async (periodKey: string, day: string) => {
    today = day;
    const reporter = await t.cookieFor('reporter', task.officeId);
    const created = await call(reporter, 'POST', '/api/reports', {
      taskId: task.id,
      periodKey,
      narrative: '按计划推进',
      missingFigures: task.targets.map((targetId) => ({ targetId, reason: '数据待统计部门发布' })),
    });
    expect(created.statusCode, created.body).toBe(201);
    const submitted = await call(reporter, 'POST', `/api/reports/${created.json().id}/submit`, { version: 1 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    return submitted.json();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock });
    await seedDirectory(t.store.db, null);
    planId = (await importDocument(t.store.db, { bytes: readFileSync(EXAMPLE), fileName: 'luohu-2007-jichu.txt' }))
      .planId as string;
    // In Duban from the start of 2007; issued (the document's date) on 19 June.
    await t.store.db
      .updateTable('plans')
      .set({ created_at: '2007-01-01T00:00:00.000Z' })
      .where('id', '=', planId)
      .execute();
    const leads = await t.store.db
      .selectFrom('task_assignments')
      .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
      .select(['task_assignments.task_id', 'task_assignments.office_id'])
      .where('task_assignments.role', '=', 'lead')
      .where('tasks.plan_id', '=', planId)
      .orderBy('tasks.position')
      .execute();
    const single = [...new Set(leads.map((l) => l.task_id))].flatMap((id) => {
      const mine = leads.filter((l) => l.task_id === id);
      return mine.length === 1 && mine[0]?.office_id ? [{ id, officeId: mine[0].office_id }] : [];
    });
    const [first, second] = single;
    if (!first || !second) throw new Error('the example has fewer than two tasks led by one office');
    const targets = await t.store.db.selectFrom('targets').select('id').where('task_id', '=', first.id).execute();
    task = { ...first, targets: targets.map((x) => x.id) };
    other = second;
    admin = await t.cookieFor('admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('owes monthly reports from July, the first full month after the plan was issued on 19 June', async () => {
    const dashboard = (await call(admin, 'GET', `/api/plans/${planId}/dashboard?date=2007-12-31`)).json();
    expect(dashboard.reporting.map((r: { periodKey: string }) => r.periodKey)).toEqual([
      '2007-M07',
      '2007-M08',
      '2007-M09',
      '2007-M10',
      '2007-M11',
    ]);
    // Judged on the clock's day when none is asked.
    today = '2007-08-20';
    const now = await status();
    expect(now.date).toBe('2007-08-20');
    expect(reportsOf(now, task.id)).toMatchObject({ expected: 1, missing: 1, late: 1 });
  });

  it('gives a report the due date and lateness the status judges it by', async () => {
    const r = await report('2007-M08', '2007-09-05');
    const judged = await status('2007-09-20');
    expect(judged.period.key).toBe('2007-M08');
    // Five working days after August, not the month's last day.
    expect(judged.period.due).toBe('2007-09-07');
    expect(r.dueDate).toBe(judged.period.due);
    // Handed in after the month ended but by its due date: on time on its page and in the status.
    expect(r.late).toBe(false);
    expect(reportsOf(judged, task.id)).toMatchObject({ expected: 2, submitted: 1, onTime: 1 });
  });

  it('judges a quarterly plan by quarters, the December report answering Q4', async () => {
    await report('2007-M12', '2007-12-20');
    await settings('quarterly');
    const judged = await status('2008-01-20');
    expect(judged.cadence).toBe('quarterly');
    // Q3 and Q4, from the first full quarter after 19 June: Q3 missing, Q4 answered in December.
    expect(reportsOf(judged, task.id)).toMatchObject({ expected: 2, submitted: 1, onTime: 1, missing: 1 });
    const dashboard = (await call(admin, 'GET', `/api/plans/${planId}/dashboard?date=2008-01-20`)).json();
    expect(dashboard.reporting.map((r: { periodKey: string }) => r.periodKey)).toEqual(['2007-Q3', '2007-Q4']);
    // The reminders owe what the status owes: Q3 is late for the office, Q4 is not.
    const run = await call(admin, 'POST', '/api/reminders/run', { date: '2008-01-20' });
    expect(run.statusCode, run.body).toBe(200);
    const notes = (await call(await t.cookieFor('reporter', task.officeId), 'GET', '/api/notifications')).json() as {
      kind: string;
      subjectId: string;
      periodKey: string;
    }[];
    const mine = notes.filter((n) => n.subjectId === task.id && n.kind === 'report-late').map((n) => n.periodKey);
    expect(mine).toEqual(['2007-Q3']);
  });

  it('lets a task report quarterly in a monthly plan, edited with its version and audited', async () => {
    await settings('monthly');
    const page = (await call(admin, 'GET', `/api/tasks/${task.id}`)).json();
    expect(page.cadence).toBeNull();
    const bad = await call(admin, 'PATCH', `/api/tasks/${task.id}`, { version: page.version, cadence: 'fortnightly' });
    expect(bad.statusCode).toBe(400);
    const set = await call(admin, 'PATCH', `/api/tasks/${task.id}`, { version: page.version, cadence: 'quarterly' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ cadence: 'quarterly', version: page.version + 1 });
    const stale = await call(admin, 'PATCH', `/api/tasks/${task.id}`, { version: page.version, cadence: null });
    expect(stale.statusCode).toBe(409);
    const audit = (await call(admin, 'GET', `/api/audit?entity=task&entityId=${task.id}`)).json();
    expect(JSON.stringify(audit)).toContain('quarterly');

    const judged = await status('2008-01-20');
    expect(judged.cadence).toBe('monthly');
    // This task owes Q3 and Q4; a task on the plan's cadence owes July to December.
    expect(reportsOf(judged, task.id)).toMatchObject({ expected: 2, submitted: 1 });
    expect(reportsOf(judged, other.id)).toMatchObject({ expected: 6 });
  });

  it('re-dates stored reports that carry the old month-end due date (migration 014), keeping a date an admin set', async () => {
    const row = (id: string, periodKey: string, due: string, submittedAt: string, late: number) => ({
      id,
      task_id: task.id,
      office_id: task.officeId,
      period_key: periodKey,
      status: 'accepted' as const,
      progress: 'in-progress' as const,
      narrative: '',
      good_practice: 0,
      good_practice_summary: null,
      submitted_at: submittedAt,
      due_date: due,
      late,
      reviewed_by: null,
      reviewed_at: null,
      review_comment: null,
      version: 3,
      created_at: submittedAt,
      updated_at: submittedAt,
    });
    await t.store.db
      .insertInto('reports')
      .values([
        // Late by the old rule (after 30 September); in time by the working-day rule (12 October).
        row('old-default', '2007-M09', '2007-09-30', '2007-10-08T02:00:00.000Z', 1),
        row('admin-set', '2007-M10', '2007-11-20', '2007-11-10T02:00:00.000Z', 0),
      ])
      .execute();
    await restampDueDates(t.store.db as never);
    const after = await t.store.db
      .selectFrom('reports')
      .select(['id', 'due_date', 'late'])
      .where('id', 'in', ['old-default', 'admin-set'])
      .orderBy('id')
      .execute();
    expect(after.map((r) => [r.id, r.due_date, Number(r.late)])).toEqual([
      ['admin-set', '2007-11-20', 0],
      ['old-default', '2007-10-12', 0],
    ]);
  });
});

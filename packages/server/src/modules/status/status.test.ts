import { readFileSync } from 'node:fs';
import { addDays, dueDate, periodsOf, type ReportingPeriod } from '@duban/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../cli/import.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { seedDirectory } from '../offices/offices.service.ts';

const EXAMPLE = new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url);

describe.each(DIALECTS)('plan status on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let leader: string;
  let planId: string;
  /** Tasks with one lead office (no group) and a target in %: [taskId, officeId, targetId]. */
  const picks: [string, string, string][] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    const committed = await importDocument(t.store.db, {
      bytes: readFileSync(EXAMPLE),
      fileName: 'luohu-2007-jichu.txt',
    });
    planId = committed.planId as string;
    // The plan was issued and entered Duban at the start of its year, so 2007's reports are expected.
    await t.store.db
      .updateTable('plans')
      .set({ created_at: '2007-01-01T00:00:00.000Z', date: '2007-01-01' })
      .where('id', '=', planId)
      .execute();
    const leads = await t.store.db
      .selectFrom('task_assignments')
      .select(['task_id', 'office_id', 'group_id'])
      .where('role', '=', 'lead')
      .execute();
    const targets = await t.store.db
      .selectFrom('targets')
      .select(['id', 'task_id', 'unit', 'kind', 'op'])
      .orderBy('position')
      .execute();
    const tasks = await t.store.db
      .selectFrom('tasks')
      .select('id')
      .where('plan_id', '=', planId)
      .orderBy('position')
      .execute();
    for (const task of tasks) {
      const own = leads.filter((l) => l.task_id === task.id);
      const target = targets.find(
        (x) => x.task_id === task.id && x.unit === '%' && x.kind === 'level' && x.op === '>=',
      );
      const only = own[0];
      if (own.length === 1 && only?.office_id && target && picks.length === 0) {
        picks.push([task.id, only.office_id, target.id]);
      }
    }
    // A second task with one lead office, another office than the first's, and no frequency
    // target (judged from the ledgers, whose empty months would make it late on their own).
    for (const task of tasks) {
      const own = leads.filter((l) => l.task_id === task.id);
      const only = own[0];
      const counted = targets.some((x) => x.task_id === task.id && x.kind === 'frequency');
      if (picks.length === 1 && own.length === 1 && only?.office_id && only.office_id !== picks[0]?.[1] && !counted) {
        picks.push([task.id, only.office_id, '']);
      }
    }
    admin = await t.cookieFor('admin');
    leader = await t.cookieFor('leader');
  });
  afterAll(async () => {
    await t.close();
  });

  const status = async (date: string) => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/status?date=${date}`,
      headers: { cookie: leader },
    });
    expect(r.statusCode).toBe(200);
    return r.json() as {
      tasks: {
        taskId: string;
        status: string;
        reporting: string;
        blocked: { officeId: string; periodKey: string; reason: string }[];
        reports: Record<string, number>;
        targets: { targetId: string; attainment: string; current: number | null }[];
      }[];
      offices: { officeId: string; expected: number; submitted: number; onTime: number }[];
      period: { key: string } | null;
    };
  };
  const taskOf = (s: Awaited<ReturnType<typeof status>>, id: string) => s.tasks.find((x) => x.taskId === id);

  it('reads, changes (versioned, audited) and refuses stale settings', async () => {
    expect(picks).toHaveLength(2);
    const url = `/api/plans/${planId}/settings`;
    const read = await t.app.inject({ method: 'GET', url, headers: { cookie: leader } });
    expect(read.json()).toMatchObject({ cadence: 'monthly', dueWorkingDays: 5, lockDays: 10, version: 1 });
    const forbidden = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { cookie: leader },
      payload: { version: 1 },
    });
    expect(forbidden.statusCode).toBe(403);
    const changed = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { cookie: admin },
      payload: { version: 1, lockDays: 7 },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ lockDays: 7, version: 2 });
    const stale = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { cookie: admin },
      payload: { version: 1, lockDays: 3 },
    });
    expect(stale.statusCode).toBe(409);
    const again = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { cookie: admin },
      payload: { version: 2, lockDays: 10 },
    });
    expect(again.json()).toMatchObject({ lockDays: 10, version: 3 });
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity', '=', 'plan_settings')
      .where('entity_id', '=', planId)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'update']);
    const bad = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { cookie: admin },
      payload: { version: 3, cadence: 'daily' },
    });
    expect(bad.statusCode).toBe(400);
    const none = await t.app.inject({ method: 'GET', url: '/api/plans/nope/settings', headers: { cookie: leader } });
    expect(none.statusCode).toBe(404);
  });

  it('moves a task from no data to on track or met once a report with figures is accepted', async () => {
    const [taskId, officeId, targetId] = picks[0] as [string, string, string];
    const before = taskOf(await status('2007-02-05'), taskId);
    expect(before?.status).toBe('no-data');
    expect(before?.reports).toMatchObject({ expected: 1, submitted: 0, missing: 1, late: 0 });

    // 2007-M01 locked long ago: open it for this office while the report is written and handed in.
    const opened = { id: 'status-test-open', plan_id: planId, office_id: officeId, period_key: '2007-M01' };
    await t.store.db
      .insertInto('report_exceptions')
      .values({ ...opened, until: '9999-12-31', granted_by: null, created_at: new Date().toISOString() })
      .execute();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { cookie: admin },
      payload: {
        taskId,
        officeId,
        periodKey: '2007-M01',
        narrative: '一月进展',
        figures: [{ targetId, value: 100, cumulative: true }],
        // A submission gives a figure or a reason for each target; a reason beside a figure is not kept.
        missingFigures: (
          await t.store.db.selectFrom('targets').select('id').where('task_id', '=', taskId).execute()
        ).map((x) => ({ targetId: x.id, reason: '数据待统计' })),
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const submitted = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${id}/submit`,
      headers: { cookie: admin },
      payload: { version: 1 },
    });
    expect(submitted.statusCode).toBe(200);
    await t.store.db.deleteFrom('report_exceptions').where('id', '=', opened.id).execute();
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${id}/accept`,
      headers: { cookie: admin },
      payload: { version: 2 },
    });
    expect(accepted.statusCode).toBe(200);

    const after = await status('2007-02-20');
    const task = taskOf(after, taskId);
    expect(['on-track', 'met']).toContain(task?.status);
    expect(task?.reports).toMatchObject({ expected: 1, submitted: 1, missing: 0, late: 0 });
    expect(after.period?.key).toBe('2007-M01');
    expect(after.offices.find((o) => o.officeId === officeId)?.submitted).toBeGreaterThanOrEqual(1);
  });

  it('counts a report missing after its due date as a reporting lapse (缺报), not lagging work, and an exception clears that', async () => {
    const [taskId, officeId] = picks[1] as [string, string, string];
    const lapsed = taskOf(await status('2007-02-20'), taskId);
    expect(lapsed?.reports.late).toBe(1);
    expect(lapsed?.reporting).toBe('missing');
    // Nothing about the work says it lags: no target missed, no order overdue.
    expect(lapsed?.status).toBe('no-data');

    const url = `/api/plans/${planId}/exceptions`;
    const refused = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: leader },
      payload: { officeId, periodKey: '2007-M01', until: '2007-02-28' },
    });
    expect(refused.statusCode).toBe(403);
    const granted = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: admin },
      payload: { officeId, periodKey: '2007-M01', until: '2007-02-28' },
    });
    expect(granted.statusCode).toBe(201);
    const listed = await t.app.inject({ method: 'GET', url, headers: { cookie: leader } });
    expect(listed.json().items).toHaveLength(1);
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'report_exception')
      .execute();
    expect(audit).toHaveLength(1);

    const cleared = taskOf(await status('2007-02-20'), taskId);
    expect(cleared?.status).toBe('no-data');
    expect(cleared?.reports.late).toBe(0);
    expect(cleared?.reporting).toBe('on-time');
    // Past the exception's date the missing report is late again.
    expect(taskOf(await status('2007-03-01'), taskId)?.reports.late).toBeGreaterThanOrEqual(1);

    const badOffice = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: admin },
      payload: { officeId: 'nope', periodKey: '2007-M01', until: '2007-02-28' },
    });
    expect(badOffice.statusCode).toBe(400);
  });

  it('combines the figures of several offices on one target before judging it', async () => {
    const db = t.store.db;
    const officeId = async (name: string) =>
      (await db.selectFrom('offices').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const taskId = async (number: string) =>
      (
        await db
          .selectFrom('tasks')
          .select('id')
          .where('plan_id', '=', planId)
          .where('number', '=', number)
          .executeTakeFirstOrThrow()
      ).id;
    const targetsOf = async (task: string) =>
      (await db.selectFrom('targets').select('id').where('task_id', '=', task).orderBy('position').execute()).map(
        (x) => x.id,
      );
    /** An administrator hands in an office's December report with figures (the period opened for it). */
    const handIn = async (task: string, office: string, figures: object[]) => {
      await db
        .insertInto('report_exceptions')
        .values({
          id: `open-${task}-${office}`,
          plan_id: planId,
          office_id: office,
          period_key: '2007-M12',
          until: '9999-12-31',
          granted_by: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/reports',
        headers: { cookie: admin },
        payload: {
          taskId: task,
          officeId: office,
          periodKey: '2007-M12',
          figures,
          // A submission gives a figure or a reason for each target; a reason beside a figure is not kept.
          narrative: '十二月进展',
          missingFigures: (await targetsOf(task)).map((targetId) => ({ targetId, reason: '本单位不涉及' })),
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const submitted = await t.app.inject({
        method: 'POST',
        url: `/api/reports/${created.json().id}/submit`,
        headers: { cookie: admin },
        payload: { version: 1 },
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
    };

    // Task 9: coverage of 96% or more. Two lead offices give it as fractions, 1 of 4 and 990 of
    // 1000: together 991 of 1004 (98.7%), met, where the mean of the shares (62%) is not. Its
    // last target they give as bare shares, 100% and 90%: the mean, 95%, misses 96%.
    const social = await taskId('9');
    const [coverage, , , insured] = (await targetsOf(social)) as [string, string, string, string];
    await handIn(social, await officeId('区劳动局'), [
      { targetId: coverage, numerator: 1, denominator: 4, cumulative: true },
      { targetId: insured, value: 100, cumulative: true },
    ]);
    await handIn(social, await officeId('罗湖社保分局'), [
      { targetId: coverage, numerator: 990, denominator: 1000, cumulative: true },
      { targetId: insured, value: 90, cumulative: true },
    ]);
    // Task 13: 12 new health centres; the lead office has built 5 and the supporting office 7.
    const health = await taskId('13');
    const [centres] = (await targetsOf(health)) as [string];
    await handIn(health, await officeId('区卫生局'), [{ targetId: centres, value: 5, cumulative: true }]);
    await handIn(health, await officeId('区财政局'), [{ targetId: centres, value: 7, cumulative: true }]);

    const judged = await status('2008-01-15');
    const attainment = (task: string, target: string) =>
      taskOf(judged, task)?.targets.find((x) => x.targetId === target)?.attainment;
    expect(attainment(social, coverage)).toBe('met');
    expect(attainment(social, insured)).toBe('missed');
    expect(attainment(health, centres)).toBe('met');
    // The figure judged, as the task page shows it beside the target ("12 / 12 家").
    const current = (task: string, target: string) =>
      taskOf(judged, task)?.targets.find((x) => x.targetId === target)?.current;
    expect(current(health, centres)).toBe(12);
    expect(current(social, coverage)).toBeCloseTo((991 / 1004) * 100, 6);
    expect(current(social, insured)).toBe(95);
  });

  it('counts a report on time until its due day ends in China, however its time is written', async () => {
    const db = t.store.db;
    // Tasks led by one office each that no other test reports on.
    const leads = await db
      .selectFrom('task_assignments')
      .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
      .select(['task_assignments.task_id', 'task_assignments.office_id'])
      .where('tasks.plan_id', '=', planId)
      .where('task_assignments.role', '=', 'lead')
      .orderBy('tasks.position')
      .execute();
    const taken = new Set(picks.map(([taskId]) => taskId));
    const single = [...new Set(leads.map((l) => l.task_id))]
      .map((taskId) => leads.filter((l) => l.task_id === taskId))
      .filter((own) => own.length === 1 && own[0]?.office_id && !taken.has(own[0].task_id))
      .map((own) => [own[0]?.task_id, own[0]?.office_id] as [string, string]);
    expect(single.length).toBeGreaterThanOrEqual(4);
    // April's reports are due on its fifth working day after the month.
    const april = periodsOf('monthly', 2007)[3] as ReportingPeriod;
    const due = dueDate(april, 5);
    const times = [
      `${due}T15:59:59.999Z`, // 23:59:59.999 in China on the due day: on time
      `${due}T16:00:00.000Z`, // midnight in China: the next day, late
      `${due}T23:30:00+08:00`, // the due day, written with China's offset: on time
      `${addDays(due, 1)}T00:00:00+08:00`, // the next day: late
    ];
    await db
      .insertInto('reports')
      .values(
        times.map((submittedAt, i) => {
          const [taskId, officeId] = single[i] as [string, string];
          return {
            id: `on-time-${i}`,
            task_id: taskId,
            office_id: officeId,
            period_key: april.key,
            status: 'accepted' as const,
            progress: 'in-progress' as const,
            narrative: '',
            good_practice: 0,
            good_practice_summary: null,
            submitted_at: submittedAt,
            due_date: due,
            late: 0,
            reviewed_by: null,
            reviewed_at: null,
            review_comment: null,
            version: 3,
            created_at: '2007-05-01T00:00:00.000Z',
            updated_at: '2007-05-01T00:00:00.000Z',
          };
        }),
      )
      .execute();

    const judged = await status('2007-05-31');
    expect(judged.period?.key).toBe('2007-M04');
    const onTime = times.map((_, i) => taskOf(judged, (single[i] as [string, string])[0])?.reports);
    expect(onTime.map((r) => r?.submitted)).toEqual([1, 1, 1, 1]);
    expect(onTime.map((r) => r?.onTime)).toEqual([1, 0, 1, 0]);
    // They are the plan's only April reports: its offices' figures for the period add up to them.
    const sum = (field: 'submitted' | 'onTime') => judged.offices.reduce((n, o) => n + o[field], 0);
    expect([sum('submitted'), sum('onTime')]).toEqual([4, 2]);
  });

  it('puts the work at risk while an office’s latest report says it is blocked (受阻), with its reason', async () => {
    const db = t.store.db;
    // A task no other test reports on: led by one office, not 9 or 13.
    const leads = await db
      .selectFrom('task_assignments')
      .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
      .select(['task_assignments.task_id', 'task_assignments.office_id', 'tasks.number'])
      .where('tasks.plan_id', '=', planId)
      .where('task_assignments.role', '=', 'lead')
      .orderBy('tasks.position', 'desc')
      .execute();
    const used = new Set([...picks.map(([id]) => id)]);
    const pick = leads.find(
      (l) =>
        l.office_id !== null &&
        !used.has(l.task_id) &&
        !['9', '13'].includes(l.number) &&
        leads.filter((x) => x.task_id === l.task_id).length === 1,
    );
    const [taskId, officeId] = [pick?.task_id as string, pick?.office_id as string];
    const report = (period: string, progress: 'in-progress' | 'blocked', narrative: string, submittedAt: string) => ({
      id: `blocked-${period}`,
      task_id: taskId,
      office_id: officeId,
      period_key: period,
      status: 'accepted' as const,
      progress,
      narrative,
      good_practice: 0,
      good_practice_summary: null,
      submitted_at: submittedAt,
      due_date: null,
      late: 0,
      reviewed_by: null,
      reviewed_at: null,
      review_comment: null,
      version: 3,
      created_at: submittedAt,
      updated_at: submittedAt,
    });
    const before = taskOf(await status('2007-11-20'), taskId);
    expect(before?.status).not.toBe('at-risk');
    await db
      .insertInto('reports')
      .values([
        report('2007-M10', 'in-progress', '按计划推进', '2007-11-05T02:00:00.000Z'),
        report('2007-M11', 'blocked', '征地补偿未谈妥,工程停工', '2007-12-05T02:00:00.000Z'),
      ])
      .execute();
    // Before the blocked report came in, the task is judged as before.
    expect(taskOf(await status('2007-12-04'), taskId)?.blocked).toEqual([]);
    const blocked = taskOf(await status('2007-12-20'), taskId);
    expect(blocked?.status).toBe('at-risk');
    expect(blocked?.blocked).toEqual([{ officeId, periodKey: '2007-M11', reason: '征地补偿未谈妥,工程停工' }]);
    // A later report that is no longer blocked lifts it.
    await db
      .insertInto('reports')
      .values(report('2007-M12', 'in-progress', '已复工', '2007-12-28T02:00:00.000Z'))
      .execute();
    const lifted = taskOf(await status('2007-12-31'), taskId);
    expect(lifted?.blocked).toEqual([]);
    expect(lifted?.status).not.toBe('at-risk');
  });

  it('refuses a bad date and an unknown plan without a 5xx', async () => {
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/status?date=2007-13-40`,
      headers: { cookie: leader },
    });
    expect(bad.statusCode).toBe(400);
    const none = await t.app.inject({ method: 'GET', url: '/api/plans/nope/status', headers: { cookie: leader } });
    expect(none.statusCode).toBe(404);
  });
});

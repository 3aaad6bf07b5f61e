import { readFileSync } from 'node:fs';
import { ATTAINMENTS, chinaDate, TASK_REPORTINGS, TASK_STATUSES } from '@duban/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../cli/import.ts';
import { newId } from '../../db/ids.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { callAs, ok } from '../ledgers/testbed.ts';
import { seedDirectory } from '../offices/offices.service.ts';

const EXAMPLE = new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url);
/** Judged on this day, January's and February's 2007 reports are expected (both past due). */
const DATE = '2007-03-20';

type Counts = { status: string; count: number }[];
interface Dashboard {
  statuses: Counts;
  reportings: { reporting: string; count: number }[];
  coordination: {
    taskId: string;
    number: string;
    title: string;
    officeId: string;
    officeName: string;
    periodKey: string;
    reason: string;
  }[];
  sections: { sectionId: string; statuses: Counts; reportings: { reporting: string; count: number }[] }[];
  targets: { attainment: string; count: number }[];
  reporting: { periodKey: string; due: string; expected: number; submitted: number; onTime: number }[];
  orders: { open: number; overdue: number; closed: number };
  period: { key: string } | null;
}
interface LeagueRow {
  officeId: string;
  name: string;
  expected: number;
  submitted: number;
  onTime: number;
  targetsTotal: number;
  targetsMet: number;
  openOrders: number;
  overdueOrders: number;
  rank: number;
}
interface Trend {
  months: { month: string; opened: number; closed: number; openAtEnd: number }[];
  byCategory: { category: string; opened: number; closed: number }[];
}

/** Who takes an order from drafted to closed: whoever rectifies may not verify. */
const CLOSING = [
  ['admin', 'approve'],
  ['admin', 'issue'],
  ['admin', 'sign'],
  ['admin', 'rectify'],
  ['inspector', 'verify'],
  ['inspector', 'close'],
] as const;

const total = (counts: Counts) => counts.reduce((n, c) => n + c.count, 0);

describe.each(DIALECTS)('dashboards on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  const cookies: Record<string, string> = {};
  const call = callAs(() => t, cookies);
  /** Office ids by name, and task ids by number, of the demo plan. */
  const office: Record<string, string> = {};
  const task: Record<string, string> = {};
  /** Each task's lead offices, groups expanded, as the plan's assignments say. */
  const leadsOf = new Map<string, Set<string>>();

  const dashboard = async (date = DATE) =>
    ok(await call('leader', 'GET', `/api/plans/${planId}/dashboard?date=${date}`)) as Dashboard;
  const league = async (date = DATE) =>
    (ok(await call('leader', 'GET', `/api/plans/${planId}/league?date=${date}`)) as { offices: LeagueRow[] }).offices;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const db = t.store.db;
    await seedDirectory(db, null);
    const committed = await importDocument(db, { bytes: readFileSync(EXAMPLE), fileName: 'luohu-2007-jichu.txt' });
    planId = committed.planId as string;
    // The plan was issued and entered Duban at the start of its year, so 2007's reports are expected.
    await db
      .updateTable('plans')
      .set({ created_at: '2007-01-01T00:00:00.000Z', date: '2007-01-01' })
      .where('id', '=', planId)
      .execute();
    for (const o of await db.selectFrom('offices').select(['id', 'name']).execute()) office[o.name] = o.id;
    for (const k of await db.selectFrom('tasks').select(['id', 'number']).where('plan_id', '=', planId).execute()) {
      task[k.number] = k.id;
      leadsOf.set(k.id, new Set());
    }
    const leads = await db
      .selectFrom('task_assignments')
      .select(['task_id', 'office_id', 'group_id'])
      .where('role', '=', 'lead')
      .execute();
    const members = await db.selectFrom('office_group_members').select(['group_id', 'office_id']).execute();
    for (const l of leads) {
      const set = leadsOf.get(l.task_id);
      if (!set) continue;
      if (l.office_id) set.add(l.office_id);
      for (const m of members) if (m.group_id === l.group_id) set.add(m.office_id);
    }
    cookies.admin = await t.cookieFor('admin');
    cookies.leader = await t.cookieFor('leader');
    cookies.inspector = await t.cookieFor('inspector');
    cookies.health = await t.cookieFor('reporter', office.区卫生局);
    cookies.education = await t.cookieFor('reporter', office.区教育局);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Open a locked period for an office (as an administrator's exception does) until `until`. */
  const openPeriod = async (officeId: string, periodKey: string) => {
    const id = newId();
    await t.store.db
      .insertInto('report_exceptions')
      .values({
        id,
        plan_id: planId,
        office_id: officeId,
        period_key: periodKey,
        until: '9999-12-31',
        granted_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    return id;
  };
  /** A reporter writes and hands in their office's report on a task. */
  const handIn = async (who: string, taskId: string, periodKey: string) => {
    // A submission needs a narrative, and a figure or a stated reason for each target.
    const targets = await t.store.db.selectFrom('targets').select('id').where('task_id', '=', taskId).execute();
    const missingFigures = targets.map((x) => ({ targetId: x.id, reason: '数据待统计' }));
    const created = ok(
      await call(who, 'POST', '/api/reports', { taskId, periodKey, narrative: '按计划推进', missingFigures }),
      201,
    );
    ok(await call(who, 'POST', `/api/reports/${created.id}/submit`, { version: created.version }));
  };

  it('counts every task by status overall and by section, every target, and the reports expected', async () => {
    const d = await dashboard();
    const tasks = await t.store.db
      .selectFrom('tasks')
      .select(['id', 'section_id'])
      .where('plan_id', '=', planId)
      .execute();
    const targets = await t.store.db
      .selectFrom('targets')
      .innerJoin('tasks', 'tasks.id', 'targets.task_id')
      .select('targets.id')
      .where('tasks.plan_id', '=', planId)
      .execute();
    expect(d.statuses.map((s) => s.status)).toEqual([...TASK_STATUSES]);
    expect(total(d.statuses)).toBe(tasks.length);
    expect(d.targets.map((x) => x.attainment)).toEqual([...ATTAINMENTS]);
    expect(d.targets.reduce((n, x) => n + x.count, 0)).toBe(targets.length);

    // The same statuses as the plan status of that day, section by section.
    const status = ok(await call('leader', 'GET', `/api/plans/${planId}/status?date=${DATE}`)) as {
      tasks: { taskId: string; status: string }[];
    };
    for (const s of TASK_STATUSES) {
      expect(d.statuses.find((x) => x.status === s)?.count).toBe(status.tasks.filter((x) => x.status === s).length);
    }
    expect(d.sections).toHaveLength(5);
    for (const section of d.sections) {
      const own = tasks.filter((x) => x.section_id === section.sectionId).map((x) => x.id);
      expect(total(section.statuses)).toBe(own.length);
      for (const s of TASK_STATUSES) {
        const want = status.tasks.filter((x) => own.includes(x.taskId) && x.status === s).length;
        expect(section.statuses.find((x) => x.status === s)?.count).toBe(want);
      }
    }

    // One report per lead office and task, for January and February; none handed in yet.
    const perPeriod = [...leadsOf.values()].reduce((n, set) => n + set.size, 0);
    expect(d.reporting.map((r) => r.periodKey)).toEqual(['2007-M01', '2007-M02']);
    for (const r of d.reporting) expect(r).toMatchObject({ expected: perPeriod, submitted: 0, onTime: 0 });
    expect(d.period?.key).toBe('2007-M02');
    expect(d.orders).toEqual({ open: 0, overdue: 0, closed: 0 });
  });

  it('counts tasks by reporting apart from their work: reports missing make no task late', async () => {
    const d = await dashboard();
    const status = ok(await call('leader', 'GET', `/api/plans/${planId}/status?date=${DATE}`)) as {
      tasks: { taskId: string; status: string; reporting: string; targets: { attainment: string }[] }[];
    };
    expect(d.reportings.map((r) => r.reporting)).toEqual([...TASK_REPORTINGS]);
    for (const r of TASK_REPORTINGS) {
      expect(d.reportings.find((x) => x.reporting === r)?.count).toBe(
        status.tasks.filter((x) => x.reporting === r).length,
      );
    }
    // Nothing handed in for January and February, both past due: every task 缺报, and none 滞后 for
    // it. A task is late only on its work: a frequency duty its ledgers show missed.
    expect(d.reportings.find((r) => r.reporting === 'missing')?.count).toBe(status.tasks.length);
    const late = status.tasks.filter((x) => x.status === 'late');
    expect(d.statuses.find((s) => s.status === 'late')?.count).toBe(late.length);
    expect(late.length).toBeLessThan(status.tasks.length);
    for (const x of late) expect(x.targets.map((g) => g.attainment)).toContain('missed');
    for (const section of d.sections)
      expect(total(section.statuses)).toBe(section.reportings.reduce((n, r) => n + r.count, 0));
    expect(d.coordination).toEqual([]);
  });

  it('lists a task an office reports blocked (受阻) under 需协调 with its reason, its work at risk', async () => {
    const db = t.store.db;
    // A task one office leads alone, not one the other tests report on (12, 13), and not already
    // late on its work (a frequency duty with empty ledgers is).
    const before = ok(await call('leader', 'GET', `/api/plans/${planId}/status?date=${DATE}`)) as {
      tasks: { taskId: string; status: string }[];
    };
    const lateBefore = new Set(before.tasks.filter((x) => x.status === 'late').map((x) => x.taskId));
    const [number, taskId] = Object.entries(task).find(
      ([n, id]) => !['12', '13'].includes(n) && leadsOf.get(id)?.size === 1 && !lateBefore.has(id),
    ) as [string, string];
    const officeId = [...(leadsOf.get(taskId) ?? [])][0] as string;
    const officeName = Object.entries(office).find(([, id]) => id === officeId)?.[0];
    await db
      .insertInto('reports')
      .values({
        id: 'blocked-report',
        task_id: taskId,
        office_id: officeId,
        period_key: '2007-M02',
        status: 'submitted',
        progress: 'blocked',
        narrative: '流动人口信息系统经费未落实',
        good_practice: 0,
        good_practice_summary: null,
        submitted_at: '2007-03-06T02:00:00.000Z',
        due_date: null,
        late: 0,
        reviewed_by: null,
        reviewed_at: null,
        review_comment: null,
        version: 2,
        created_at: '2007-03-05T02:00:00.000Z',
        updated_at: '2007-03-06T02:00:00.000Z',
      })
      .execute();
    try {
      const d = await dashboard();
      expect(d.coordination).toEqual([
        {
          taskId,
          number,
          title: expect.any(String),
          officeId,
          officeName,
          periodKey: '2007-M02',
          reason: '流动人口信息系统经费未落实',
        },
      ]);
      const status = ok(await call('leader', 'GET', `/api/plans/${planId}/status?date=${DATE}`)) as {
        tasks: { taskId: string; status: string; blocked: unknown[] }[];
      };
      expect(status.tasks.find((x) => x.taskId === taskId)).toMatchObject({ status: 'at-risk' });
      // Before it came in, nothing to coordinate.
      expect((await dashboard('2007-03-05')).coordination).toEqual([]);
    } finally {
      await db.deleteFrom('reports').where('id', '=', 'blocked-report').execute();
    }
  });

  it('moves submitted and on time with an on-time and a late report', async () => {
    const before = (await dashboard()).reporting.find((r) => r.periodKey === '2007-M02');
    // The health bureau hands February in within its exception: on time.
    await openPeriod(office.区卫生局 as string, '2007-M02');
    await handIn('health', task['13'] as string, '2007-M02');
    // The education bureau hands it in now, then loses the exception: late.
    const exception = await openPeriod(office.区教育局 as string, '2007-M02');
    await handIn('education', task['12'] as string, '2007-M02');
    await t.store.db.deleteFrom('report_exceptions').where('id', '=', exception).execute();

    const after = (await dashboard()).reporting.find((r) => r.periodKey === '2007-M02');
    expect(after).toMatchObject({
      expected: before?.expected,
      submitted: (before?.submitted ?? 0) + 2,
      onTime: (before?.onTime ?? 0) + 1,
    });
    // Not yet expected in January's judgement: February had not closed.
    expect((await dashboard('2007-02-20')).reporting.map((r) => r.periodKey)).toEqual(['2007-M01']);

    const rows = await league();
    const health = rows.find((r) => r.officeId === office.区卫生局);
    const education = rows.find((r) => r.officeId === office.区教育局);
    const leading = (officeId: string) => [...leadsOf].filter(([, set]) => set.has(officeId)).map(([id]) => id);
    expect(health).toMatchObject({ expected: 2 * leading(office.区卫生局 as string).length, submitted: 1, onTime: 1 });
    expect(education).toMatchObject({
      expected: 2 * leading(office.区教育局 as string).length,
      submitted: 1,
      onTime: 0,
    });
    // The only office with a report on time leads the table.
    expect(rows[0]?.officeId).toBe(office.区卫生局);
    expect(rows[0]?.rank).toBe(1);
  });

  it('lists each lead office once, ranked, with the targets of the tasks it leads', async () => {
    const rows = await league();
    const leading = new Set([...leadsOf.values()].flatMap((set) => [...set]));
    expect(rows.map((r) => r.officeId).sort()).toEqual([...leading].sort());
    const targets = await t.store.db
      .selectFrom('targets')
      .innerJoin('tasks', 'tasks.id', 'targets.task_id')
      .select('targets.task_id')
      .where('tasks.plan_id', '=', planId)
      .execute();
    for (const row of rows) {
      const own = targets.filter((x) => leadsOf.get(x.task_id)?.has(row.officeId));
      expect(row.targetsTotal).toBe(own.length);
      expect(row.targetsMet).toBeLessThanOrEqual(row.targetsTotal);
    }
    const onTimeRate = (r: LeagueRow) => (r.expected > 0 ? r.onTime / r.expected : -1);
    const metRate = (r: LeagueRow) => (r.targetsTotal > 0 ? r.targetsMet / r.targetsTotal : -1);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1] as LeagueRow, rows[i] as LeagueRow];
      const tied = onTimeRate(a) === onTimeRate(b) && metRate(a) === metRate(b) && a.overdueOrders === b.overdueOrders;
      expect(onTimeRate(a)).toBeGreaterThanOrEqual(onTimeRate(b));
      if (onTimeRate(a) === onTimeRate(b)) expect(metRate(a)).toBeGreaterThanOrEqual(metRate(b));
      // Tied offices share a rank; otherwise the rank is the place in the table.
      expect(b.rank).toBe(tied ? a.rank : i + 1);
    }
  });

  it('gives each plan’s progress for the plan list from the dashboard’s own derivation', async () => {
    const progress = ok(await call('leader', 'GET', '/api/plans/progress')).items as {
      planId: string;
      date: string;
      tasks: number;
      statuses: Counts;
      reportings: { reporting: string; count: number }[];
      expected: number;
      submitted: number;
      onTime: number;
    }[];
    const mine = progress.find((p) => p.planId === planId);
    if (mine === undefined) throw new Error('the plan has no progress');
    const board = ok(await call('leader', 'GET', `/api/plans/${planId}/dashboard`)) as Dashboard & { date: string };
    expect(mine.date).toBe(board.date);
    expect(mine.statuses).toEqual(board.statuses);
    expect(mine.reportings).toEqual(board.reportings);
    expect(mine.tasks).toBe(total(board.statuses));
    const sum = (k: 'expected' | 'submitted' | 'onTime') => board.reporting.reduce((n, r) => n + r[k], 0);
    expect([mine.expected, mine.submitted, mine.onTime]).toEqual([sum('expected'), sum('submitted'), sum('onTime')]);
    // The earlier tests handed reports in: the list says so rather than "no reports".
    expect(mine.submitted).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/plans/progress' })).statusCode).toBe(401);
  });

  it('counts the plan’s orders and each office’s open and overdue orders', async () => {
    // An overdue order on one of the plan's tasks, and an order on a problem: both the health bureau's.
    ok(
      await call('admin', 'POST', '/api/orders', {
        taskId: task['13'],
        leadOfficeId: office.区卫生局,
        deadline: '2007-03-10',
      }),
      201,
    );
    const problem = ok(
      await call('admin', 'POST', '/api/problems', {
        title: '社康中心选址未定',
        category: 'livelihood',
        source: 'inspection',
        ownerOfficeId: office.区卫生局,
        planId,
      }),
      201,
    );
    ok(
      await call('admin', 'POST', '/api/orders', {
        problemId: problem.id,
        leadOfficeId: office.区卫生局,
        deadline: '2099-12-31',
      }),
      201,
    );
    // An order on the education bureau's task, run to its close.
    let order = ok(
      await call('admin', 'POST', '/api/orders', {
        taskId: task['12'],
        leadOfficeId: office.区教育局,
        deadline: '2007-03-01',
      }),
      201,
    );
    for (const [who, step] of CLOSING) {
      order = ok(await call(who, 'POST', `/api/orders/${order.id}/${step}`, { version: order.version }));
    }
    expect(order.state).toBe('closed');

    expect((await dashboard()).orders).toEqual({ open: 1, overdue: 1, closed: 1 });
    // Before its deadline the task's order is open but not overdue.
    expect((await dashboard('2007-03-05')).orders).toEqual({ open: 1, overdue: 0, closed: 1 });
    const rows = await league();
    expect(rows.find((r) => r.officeId === office.区卫生局)).toMatchObject({ openOrders: 2, overdueOrders: 1 });
    expect(rows.find((r) => r.officeId === office.区教育局)).toMatchObject({ openOrders: 0, overdueOrders: 0 });
  });

  it('answers 404 for an unknown plan and 400 for a bad date', async () => {
    for (const path of ['dashboard', 'league']) {
      expect((await call('leader', 'GET', `/api/plans/nope/${path}`)).statusCode).toBe(404);
      const bad = await call('leader', 'GET', `/api/plans/${planId}/${path}?date=2007-02-30`);
      expect(bad.statusCode).toBe(400);
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/plans/${planId}/dashboard` })).statusCode).toBe(401);
  });

  it('records when a problem closes, by hand or with its order, and not for its reopening', async () => {
    const opened = ok(
      await call('admin', 'POST', '/api/problems', {
        title: '楼道堆物',
        category: 'safety-hazard',
        source: 'hotline',
        ownerOfficeId: office.区卫生局,
      }),
      201,
    );
    const closedAt = async (id: string) =>
      await t.store.db
        .selectFrom('problems')
        .select(['closed_at', 'updated_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    expect((await closedAt(opened.id)).closed_at).toBeNull();
    const progressing = ok(
      await call('admin', 'PATCH', `/api/problems/${opened.id}`, { version: 1, status: 'in-progress' }),
    );
    expect((await closedAt(opened.id)).closed_at).toBeNull();
    ok(await call('admin', 'PATCH', `/api/problems/${opened.id}`, { version: progressing.version, status: 'closed' }));
    const row = await closedAt(opened.id);
    expect(row.closed_at).toBe(row.updated_at);
    const reopened = ok(await call('admin', 'POST', `/api/problems/${opened.id}/reopen`, {}), 201);
    expect((await closedAt(reopened.id)).closed_at).toBeNull();
    expect((await closedAt(opened.id)).closed_at).toBe(row.closed_at);

    // A problem closes with its order.
    const withOrder = ok(
      await call('admin', 'POST', '/api/problems', {
        title: '路灯不亮',
        category: 'safety-hazard',
        source: 'visit',
        ownerOfficeId: office.区卫生局,
      }),
      201,
    );
    let order = ok(
      await call('admin', 'POST', '/api/orders', {
        problemId: withOrder.id,
        leadOfficeId: office.区卫生局,
        deadline: '2099-12-31',
      }),
      201,
    );
    for (const [who, step] of CLOSING) {
      order = ok(await call(who, 'POST', `/api/orders/${order.id}/${step}`, { version: order.version }));
      const expected = step === 'close' ? 'not-null' : null;
      expect((await closedAt(withOrder.id)).closed_at === null ? null : 'not-null').toBe(expected);
    }

    // This month's trend shows both closings and the openings of this test app.
    const trend = ok(await call('leader', 'GET', '/api/problems/trend')) as Trend;
    expect(trend.months).toHaveLength(12);
    const month = chinaDate(new Date().toISOString()).slice(0, 7);
    const created = await t.store.db.selectFrom('problems').select('created_at').execute();
    expect(trend.months.at(-1)).toMatchObject({
      month,
      opened: created.filter((p) => chinaDate(p.created_at).startsWith(month)).length,
      closed: 2,
    });
  });

  it('counts problems opened and closed by month in China time, and open at each month’s end', async () => {
    const streets = ['区民政局', '区劳动局'].map((name) => office[name] as string);
    const [a, b] = streets as [string, string];
    const problem = (owner: string, category: string, createdAt: string, closedAt: string | null) => ({
      id: newId(),
      title: '测试问题',
      description: '',
      category: category as 'dispute',
      place: '',
      source: 'inspection' as const,
      source_id: null,
      owner_office_id: owner,
      plan_id: null,
      deadline: null,
      status: closedAt === null ? ('open' as const) : ('closed' as const),
      reopened_from: null,
      closed_at: closedAt,
      version: 1,
      created_by: null,
      created_at: createdAt,
      updated_at: closedAt ?? createdAt,
    });
    await t.store.db
      .insertInto('problems')
      .values([
        // 1 February, 01:00 in China: February's.
        problem(a, 'dispute', '2024-01-31T17:00:00.000Z', '2024-03-31T15:59:59.000Z'),
        problem(b, 'livelihood', '2024-01-10T00:00:00.000Z', null),
        // Closed on 1 March, 00:00 in China: March's.
        problem(a, 'other', '2023-12-20T03:00:00.000Z', '2024-02-29T16:00:00.000Z'),
        problem(b, 'dispute', '2023-11-01T03:00:00.000Z', null),
        problem(b, 'dispute', '2023-10-01T03:00:00.000Z', '2023-12-01T03:00:00.000Z'),
      ])
      .execute();

    const all = ok(await call('leader', 'GET', '/api/problems/trend?from=2024-01&to=2024-04')) as Trend;
    // Open when January begins: two recorded before, one of them closed before.
    expect(all.months).toEqual([
      { month: '2024-01', opened: 1, closed: 0, openAtEnd: 3 },
      { month: '2024-02', opened: 1, closed: 0, openAtEnd: 4 },
      { month: '2024-03', opened: 0, closed: 2, openAtEnd: 2 },
      { month: '2024-04', opened: 0, closed: 0, openAtEnd: 2 },
    ]);
    expect(all.byCategory).toEqual([
      { category: 'safety-hazard', opened: 0, closed: 0 },
      { category: 'dispute', opened: 1, closed: 1 },
      { category: 'livelihood', opened: 1, closed: 0 },
      { category: 'other', opened: 0, closed: 1 },
    ]);

    // A reporter counts their office's problems only, as the problem list shows them.
    cookies.civil = await t.cookieFor('reporter', a);
    const own = ok(await call('civil', 'GET', '/api/problems/trend?from=2024-01&to=2024-04')) as Trend;
    expect(own.months.map((m) => [m.opened, m.closed, m.openAtEnd])).toEqual([
      [0, 0, 1],
      [1, 0, 2],
      [0, 2, 0],
      [0, 0, 0],
    ]);
    const listed = ok(await call('civil', 'GET', '/api/problems?from=2024-01-01&to=2024-12-31')).items as {
      ownerOfficeId: string;
    }[];
    expect(listed.every((p) => p.ownerOfficeId === a)).toBe(true);
  });

  it('refuses a bad window with a message', async () => {
    const cases = [
      ['from=2024-13', 'from'],
      ['from=2024-05&to=2024-04', 'from'],
      ['from=2019-01&to=2024-01', '60'],
      ['to=24-01', 'to'],
    ] as const;
    for (const [query, mention] of cases) {
      const r = await call('leader', 'GET', `/api/problems/trend?${query}`);
      expect(r.statusCode, query).toBe(400);
      expect(r.json().error.message).toContain(mention);
    }
    const sixty = ok(await call('leader', 'GET', '/api/problems/trend?from=2020-01&to=2024-12')) as Trend;
    expect(sixty.months).toHaveLength(60);
    expect(sixty.months[0]?.month).toBe('2020-01');
  });

  it('keeps another plan’s orders and problems off a fresh plan’s dashboard, league and trend', async () => {
    // The first plan has open and overdue orders (the earlier tests) and a problem of its own.
    const thisYear = Number(chinaDate(new Date().toISOString()).slice(0, 4));
    ok(
      await call('admin', 'POST', '/api/problems', {
        title: '占道经营',
        category: 'other',
        source: 'inspection',
        ownerOfficeId: office.区卫生局,
        planId,
        deadline: '2007-06-30',
      }),
      201,
    );
    const second = await importDocument(t.store.db, {
      bytes: readFileSync(EXAMPLE),
      fileName: 'luohu-2026.txt',
    });
    const fresh = second.planId as string;
    await t.store.db.updateTable('plans').set({ year: thisYear }).where('id', '=', fresh).execute();
    const today = chinaDate(new Date().toISOString());

    const board = ok(await call('leader', 'GET', `/api/plans/${fresh}/dashboard?date=${today}`)) as Dashboard;
    expect(board.orders).toEqual({ open: 0, overdue: 0, closed: 0 });
    const rows = (
      ok(await call('leader', 'GET', `/api/plans/${fresh}/league?date=${today}`)) as { offices: LeagueRow[] }
    ).offices;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.openOrders > 0 || r.overdueOrders > 0)).toEqual([]);
    // The first plan's league still counts its own.
    expect((await league()).some((r) => r.openOrders > 0)).toBe(true);

    const window = `from=${thisYear}-01&to=${thisYear}-12`;
    const freshTrend = ok(await call('leader', 'GET', `/api/problems/trend?${window}&planId=${fresh}`)) as Trend;
    expect(freshTrend.months.every((m) => m.opened === 0 && m.closed === 0 && m.openAtEnd === 0)).toBe(true);
    const firstTrend = ok(await call('leader', 'GET', `/api/problems/trend?${window}&planId=${planId}`)) as Trend;
    expect(firstTrend.months.some((m) => m.openAtEnd > 0)).toBe(true);
    expect(ok(await call('leader', 'GET', `/api/problems?planId=${fresh}`)).items).toEqual([]);
    const firsts = ok(await call('leader', 'GET', `/api/problems?planId=${planId}`)).items as { planId: string }[];
    expect(firsts.length).toBeGreaterThan(0);
    expect(firsts.every((p) => p.planId === planId)).toBe(true);

    // A problem recorded without naming a plan belongs to this year's plan, the fresh one.
    const recorded = ok(
      await call('admin', 'POST', '/api/problems', {
        title: '井盖缺失',
        category: 'safety-hazard',
        source: 'hotline',
        ownerOfficeId: office.区卫生局,
      }),
      201,
    );
    expect(recorded.planId).toBe(fresh);
    const after = ok(await call('leader', 'GET', `/api/problems/trend?${window}&planId=${fresh}`)) as Trend;
    expect(after.months.reduce((n, m) => n + m.opened, 0)).toBe(1);
    const unknown = await call('admin', 'POST', '/api/problems', {
      title: 'x',
      category: 'other',
      source: 'hotline',
      ownerOfficeId: office.区卫生局,
      planId: 'no-such-plan',
    });
    expect(unknown.statusCode).toBe(400);
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../cli/import.ts';
import { newId } from '../../db/ids.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { seedDirectory } from '../offices/offices.service.ts';

const EXAMPLE = new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url);

interface TargetRow {
  id: string;
  text: string;
  kind: string;
  unit: string;
  value: number;
  scope: string | null;
  version: number;
}

describe.each(DIALECTS)('targets that fit on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let admin: string;
  const office = new Map<string, string>();
  const tasks = new Map<string, string>();

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });
  const reporter = (name: string) => t.cookieFor('reporter', office.get(name) as string);
  const targetsOf = async (n: string): Promise<TargetRow[]> =>
    (await t.store.db
      .selectFrom('targets')
      .select(['id', 'text', 'kind', 'unit', 'value', 'scope', 'version'])
      .where('task_id', '=', tasks.get(n) as string)
      .orderBy('position')
      .execute()) as TargetRow[];
  /** Create and hand in a report of `name` on task n for a period, figures given and other targets explained. */
  const handIn = async (name: string, n: string, periodKey: string, figures: { targetId: string; value: number }[]) => {
    const cookie = await reporter(name);
    const reasons = (await targetsOf(n))
      .filter((x) => !figures.some((f) => f.targetId === x.id))
      .map((x) => ({ targetId: x.id, reason: '本单位不涉及' }));
    const created = await call(cookie, 'POST', '/api/reports', {
      taskId: tasks.get(n),
      periodKey,
      narrative: '按计划推进',
      figures,
      missingFigures: reasons,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, version } = created.json() as { id: string; version: number };
    const submitted = await call(cookie, 'POST', `/api/reports/${id}/submit`, { version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    return created;
  };
  const status = async (date: string) => {
    const r = await call(admin, 'GET', `/api/plans/${planId}/status?date=${date}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as {
      tasks: {
        taskId: string;
        targets: {
          targetId: string;
          attainment: string;
          current: number | null;
          each: { met: number; total: number } | null;
          baseline: number | null;
        }[];
      }[];
    };
  };
  const judged = async (date: string, targetId: string) =>
    (await status(date)).tasks.flatMap((x) => x.targets).find((x) => x.targetId === targetId);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    const committed = await importDocument(t.store.db, { bytes: readFileSync(EXAMPLE), fileName: 'luohu.txt' });
    planId = committed.planId as string;
    await t.store.db
      .updateTable('plans')
      .set({ created_at: '2007-01-01T00:00:00.000Z' })
      .where('id', '=', planId)
      .execute();
    for (const o of await t.store.db.selectFrom('offices').select(['id', 'name']).execute()) office.set(o.name, o.id);
    for (const x of await t.store.db.selectFrom('tasks').select(['id', 'number']).execute()) tasks.set(x.number, x.id);
    // 2007's periods locked long ago: every office may still report them here.
    const keys = ['2007-Q2', '2007-M06', '2007-M12'];
    await t.store.db
      .insertInto('report_exceptions')
      .values(
        [...office.values()].flatMap((officeId) =>
          keys.map((periodKey) => ({
            id: newId(),
            plan_id: planId,
            office_id: officeId,
            period_key: periodKey,
            until: '9999-12-31',
            granted_by: null,
            created_at: '2007-01-01T00:00:00.000Z',
          })),
        ),
      )
      .execute();
    admin = await t.cookieFor('admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('judges 比上年度减少15% on levels against a baseline entered by a responsible office, negative figures taken', async () => {
    const [change] = (await targetsOf('5')).filter((x) => x.kind === 'change');
    if (!change) throw new Error('task 5 has no change target');
    // Levels, not shares: 600 documents is no "share above 100 %", and a change figure may be negative.
    await handIn('区纪委', '5', '2007-M12', [{ targetId: change.id, value: 600 }]);
    await handIn('区委组织部', '5', '2007-M12', [{ targetId: change.id, value: -12 }]);
    expect((await judged('2008-01-05', change.id))?.attainment).toBe('no-data');

    const url = `/api/targets/${change.id}/baseline`;
    const payload = { version: change.version, value: 730, source: '2006年区公文统计' };
    expect((await call(await reporter('桂园街道办事处'), 'PUT', url, payload)).statusCode).toBe(403);
    const set = await call(await reporter('区纪委'), 'PUT', url, payload);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      baselineValue: 730,
      baselineSource: '2006年区公文统计',
      version: change.version + 1,
    });
    expect((await call(admin, 'PUT', url, payload)).statusCode).toBe(409);
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity', '=', 'target')
      .where('entity_id', '=', change.id)
      .execute();
    expect(audit.map((a) => JSON.parse(a.after ?? '{}').baselineValue)).toContain(730);
    const [level] = (await targetsOf('5')).filter((x) => x.kind !== 'change');
    const [anyLevel] = level ? [level] : (await targetsOf('8')).filter((x) => x.kind === 'level');
    const refused = await call(admin, 'PUT', `/api/targets/${anyLevel?.id}/baseline`, {
      version: anyLevel?.version,
      value: 5,
    });
    expect(refused.statusCode).toBe(400);

    // (600 − 12 − 730) / 730 = −19.5 %: at most −15 %, met at the year's end.
    expect(await judged('2008-01-05', change.id)).toMatchObject({ attainment: 'met', current: 588, baseline: 730 });
  });

  it('judges a per-person floor per office: three offices of 5 days do not meet 不少于12天', async () => {
    const [days] = await targetsOf('2');
    expect(days).toMatchObject({ unit: '天', value: 12, scope: 'each' });
    const id = (days as TargetRow).id;
    const group = await t.store.db
      .selectFrom('office_group_members')
      .innerJoin('office_groups', 'office_groups.id', 'office_group_members.group_id')
      .innerJoin('offices', 'offices.id', 'office_group_members.office_id')
      .select('offices.name')
      .where('office_groups.name', '=', '各基层党(工)委')
      .execute();
    const offices = ['区委组织部', ...group.map((g) => g.name).slice(0, 2)];
    for (const name of offices) await handIn(name, '2', '2007-M12', [{ targetId: id, value: 5 }]);
    const j = await judged('2008-01-05', id);
    expect(j?.attainment).toBe('missed');
    expect(j?.each).toEqual({ met: 0, total: 1 + group.length });
  });

  it('judges 每个街道600人以上 per street over the target’s own offices, absent streets not met', async () => {
    const [each] = (await targetsOf('15')).filter((x) => x.scope === 'each');
    if (!each) throw new Error('task 15 has no per-street target');
    const streets = ['桂园街道办事处', '黄贝街道办事处', '东门街道办事处'];
    const set = await call(admin, 'PUT', `/api/targets/${each.id}/offices`, {
      version: each.version,
      offices: streets.map((s) => office.get(s)),
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().offices).toEqual(streets.map((s) => office.get(s)));
    expect(
      (
        await call(await reporter('桂园街道办事处'), 'PUT', `/api/targets/${each.id}/offices`, {
          version: 2,
          offices: null,
        })
      ).statusCode,
    ).toBe(403);
    await handIn('桂园街道办事处', '15', '2007-Q2', [{ targetId: each.id, value: 620 }]);
    await handIn('黄贝街道办事处', '15', '2007-Q2', [{ targetId: each.id, value: 700 }]);
    // Summed, 1320 ≥ 600 would read met; per street, the third has nothing yet.
    expect(await judged('2007-07-10', each.id)).toMatchObject({ attainment: 'at-risk', each: { met: 2, total: 3 } });
    expect((await judged('2008-01-05', each.id))?.attainment).toBe('missed');
  });

  it('asks only a target’s own offices for its figure', async () => {
    const [medical, injury] = await targetsOf('9');
    if (!medical || !injury) throw new Error('task 9 has two targets first');
    const set = await call(admin, 'PUT', `/api/targets/${injury.id}/offices`, {
      version: injury.version,
      offices: [office.get('罗湖社保分局')],
    });
    expect(set.statusCode, set.body).toBe(200);
    const labour = await reporter('区劳动局');
    const refused = await call(labour, 'POST', '/api/reports', {
      taskId: tasks.get('9'),
      periodKey: '2007-Q2',
      figures: [{ targetId: injury.id, value: 90 }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('figures.0.targetId');
    // Handed in with no word on the injury-insurance figure: it is not 区劳动局's to give.
    const created = await call(labour, 'POST', '/api/reports', {
      taskId: tasks.get('9'),
      periodKey: '2007-Q2',
      narrative: '扩面征缴',
      figures: (await targetsOf('9')).filter((x) => x.id !== injury.id).map((x) => ({ targetId: x.id, value: 96 })),
    });
    expect(created.statusCode, created.body).toBe(201);
    const submitted = await call(labour, 'POST', `/api/reports/${created.json().id}/submit`, {
      version: created.json().version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
  });

  it('splits 四险全覆盖 into four targets with their own labels, versioned and audited', async () => {
    const before = await targetsOf('9');
    const whole = before.find((x) => x.text.includes('养老、工伤、医疗和失业保险'));
    if (!whole) throw new Error('no four-insurance target');
    const url = `/api/targets/${whole.id}/split`;
    const parts = ['养老保险', '工伤保险', '医疗保险', '失业保险'].map((label) => ({ label }));
    expect((await call(await reporter('区劳动局'), 'POST', url, { version: whole.version, parts })).statusCode).toBe(
      403,
    );
    const twice = await call(admin, 'POST', url, {
      version: whole.version,
      parts: [{ label: '养老' }, { label: '养老' }],
    });
    expect(twice.statusCode).toBe(400);
    const split = await call(admin, 'POST', url, { version: whole.version, parts });
    expect(split.statusCode, split.body).toBe(200);
    const made = split.json().targets as { id: string; label: string }[];
    expect(made.map((x) => x.label)).toEqual(['养老保险', '工伤保险', '医疗保险', '失业保险']);
    expect(made[0]?.id).toBe(whole.id);
    expect((await call(admin, 'POST', url, { version: whole.version, parts })).statusCode).toBe(409);
    const after = await targetsOf('9');
    expect(after).toHaveLength(before.length + 3);
    const at = after.findIndex((x) => x.id === whole.id);
    expect(after.slice(at, at + 4).map((x) => x.id)).toEqual(made.map((x) => x.id));
    // The plan read shows them with their labels.
    const plan = (await call(admin, 'GET', `/api/plans/${planId}`)).json() as {
      sections: { tasks: { id: string; targets: { id: string; label: string | null }[] }[] }[];
    };
    const task = plan.sections.flatMap((s) => s.tasks).find((x) => x.id === tasks.get('9'));
    expect(task?.targets.filter((x) => x.label !== null).map((x) => x.label)).toEqual(made.map((x) => x.label));
    const created = await t.store.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity', '=', 'target')
      .where('action', '=', 'create')
      .execute();
    expect(created.map((c) => c.entity_id)).toEqual(expect.arrayContaining(made.slice(1).map((x) => x.id)));
  });

  it('labels a target', async () => {
    const [medical] = await targetsOf('9');
    const r = await call(admin, 'PUT', `/api/targets/${medical?.id}/label`, {
      version: medical?.version,
      label: '劳务工医保',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ label: '劳务工医保' });
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { seedDirectory } from '../offices/offices.service.ts';

/**
 * Issue 10: the import preview flags what the parser cannot decide — a deadline phrase that names
 * no date (党的十七大召开之前), a mention of a group with no members (各派驻单位, 有关职能部门) —
 * and lets a person date the phrase before the plan is committed.
 */

const EXAMPLE = readFileSync(
  fileURLToPath(new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url)),
  'utf8',
);

interface Warning {
  code: string;
  message: string;
  section?: number;
  item?: string;
  target?: number;
  mention?: string;
  excerpt?: string;
}
interface Preview {
  id: string;
  version: number;
  warnings: Warning[];
  plan: {
    sections: { items: { number: string; deadline?: string | null; indicators: { deadline: string | null }[] }[] }[];
  };
}

describe.each(DIALECTS)('the import preview’s review on %s', (dialect) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    admin = await t.cookieFor('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: admin }, ...(payload ? { payload } : {}) });
  const importExample = async (): Promise<Preview> => {
    const r = await call('POST', '/api/imports', { text: EXAMPLE, name: 'luohu.txt' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };
  const undated = (p: Preview) => p.warnings.filter((w) => w.code === 'undated-deadline');
  const emptyGroups = (p: Preview) => p.warnings.filter((w) => w.code === 'empty-group');

  it('flags the deadline 党的十七大召开之前, and a date entered for it is kept through the commit', async () => {
    const preview = await importExample();
    expect(undated(preview)).toEqual([
      expect.objectContaining({ section: 0, item: '1', target: expect.any(Number), excerpt: '党的十七大召开之前' }),
    ]);
    const w = undated(preview)[0] as Warning;
    const itemIndex = preview.plan.sections[0]?.items.findIndex((i) => i.number === w.item) ?? -1;
    const dated = await call('PATCH', `/api/imports/${preview.id}`, {
      version: preview.version,
      targets: [{ section: w.section, item: itemIndex, target: w.target, deadline: '2007-10-15' }],
    });
    expect(dated.statusCode, dated.body).toBe(200);
    const after: Preview = dated.json();
    expect(undated(after)).toEqual([]);
    expect(after.plan.sections[0]?.items[itemIndex]?.indicators[w.target as number]?.deadline).toBe('2007-10-15');

    const committed = await call('POST', `/api/imports/${preview.id}/commit`, { version: after.version });
    expect(committed.statusCode, committed.body).toBe(200);
    const plan = (await call('GET', `/api/plans/${committed.json().planId}`)).json();
    const task = plan.sections[0].tasks.find((x: { number: string }) => x.number === '1');
    expect(task.targets.map((x: { deadline: string | null }) => x.deadline)).toContain('2007-10-15');
  });

  it('lets a person date an item’s own deadline', async () => {
    const preview = await importExample();
    const r = await call('PATCH', `/api/imports/${preview.id}`, {
      version: preview.version,
      items: [{ section: 1, item: 0, deadline: '会议召开之前' }],
    });
    expect(r.statusCode, r.body).toBe(200);
    const flagged: Preview = r.json();
    expect(undated(flagged).map((w) => [w.section, w.item, w.target])).toContainEqual([
      1,
      flagged.plan.sections[1]?.items[0]?.number,
      undefined,
    ]);
    const fixed = await call('PATCH', `/api/imports/${preview.id}`, {
      version: flagged.version,
      items: [{ section: 1, item: 0, deadline: '2007-09-30' }],
    });
    expect(fixed.json().plan.sections[1].items[0].deadline).toBe('2007-09-30');
    expect(undated(fixed.json()).filter((w) => w.section === 1)).toEqual([]);
  });

  it('warns of mentions that resolve to a group with no members, until the group has some', async () => {
    const preview = await importExample();
    const empty = emptyGroups(preview);
    // One warning per mention: 有关职能部门 and 区有关职能部门 both name the group 有关职能部门.
    expect(new Set(empty.map((w) => w.excerpt))).toEqual(new Set(['有关职能部门', '各派驻单位']));
    expect(new Set(empty.map((w) => w.mention)).size).toBe(empty.length);
    expect(empty[0]?.message).toContain('no member offices');

    const groups: { id: string; name: string; members: unknown[] }[] = (await call('GET', '/api/office-groups')).json()
      .items;
    const stationed = groups.find((g) => g.name === '各派驻单位');
    expect(stationed?.members).toEqual([]);
    const office = (await call('GET', '/api/offices'))
      .json()
      .items.find((o: { name: string }) => o.name === '罗湖公安分局');
    const group = (await call('GET', `/api/office-groups/${stationed?.id}`)).json();
    const filled = await call('PATCH', `/api/office-groups/${stationed?.id}`, {
      version: group.version,
      members: [office.id],
    });
    expect(filled.statusCode, filled.body).toBe(200);
    const again: Preview = (await call('GET', `/api/imports/${preview.id}`)).json();
    expect(new Set(emptyGroups(again).map((w) => w.excerpt))).toEqual(new Set(['有关职能部门']));
  });
});

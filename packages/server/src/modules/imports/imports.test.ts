import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph } from 'docx';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { DIALECTS } from '../../testing/stores.ts';
import { seedDirectory } from '../offices/offices.service.ts';

const EXAMPLE = readFileSync(fileURLToPath(new URL('../../../../../examples/luohu-2007-jichu.txt', import.meta.url)));

/** A multipart/form-data request body with one file. */
function form(fileName: string, bytes: Uint8Array, field = 'file') {
  const boundary = `----duban${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const withCookie = (f: ReturnType<typeof form>, cookie: string) => ({
  payload: f.payload,
  headers: { ...f.headers, cookie },
});

async function smallDocx(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('罗湖区2008年社区建设工作要点'),
          new Paragraph('一、加强社区党建'),
          new Paragraph('1.建立社区党员服务站。年内90%以上社区建立党员服务站。'),
          new Paragraph('责任单位:区委组织部;协办单位:区民政局'),
          new Paragraph('2.开展党员志愿服务。每季度至少开展1次志愿服务活动。'),
          new Paragraph('责任单位:各街道办事处'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

interface Indicator {
  text: string;
  op: string;
  value: number | [number, number];
  unit: string;
  span?: [number, number];
}
interface Item {
  number: string;
  title: string;
  lead: string[];
  support: string[];
  indicators: Indicator[];
  span?: [number, number];
}
interface Preview {
  id: string;
  version: number;
  status: string;
  fileName: string;
  format: string;
  planId: string | null;
  sourceText: string;
  plan: { title: string; date: string | null; sections: { number: string; title: string; items: Item[] }[] };
  mentions: {
    mention: string;
    appearances: { section: number; item: number; number: string; role: string }[];
    resolution: { kind: string; id?: string; name?: string; via?: string };
    corrected: boolean;
  }[];
  warnings: unknown[];
}

describe.each(DIALECTS)('plan imports on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let officeIds: Map<string, string>;
  let groupIds: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDirectory(t.store.db, null);
    admin = await t.cookieFor('admin');
    officeIds = new Map(
      (await t.store.db.selectFrom('offices').select(['id', 'name']).execute()).map((o) => [o.name, o.id]),
    );
    groupIds = new Map(
      (await t.store.db.selectFrom('office_groups').select(['id', 'name']).execute()).map((g) => [g.name, g.id]),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (fileName: string, bytes: Uint8Array, cookie = admin) =>
    t.app.inject({ method: 'POST', url: '/api/imports', ...withCookie(form(fileName, bytes), cookie) });
  const patch = (id: string, payload: object) =>
    t.app.inject({ method: 'PATCH', url: `/api/imports/${id}`, headers: { cookie: admin }, payload });
  /** Commit; `confirmDuplicate` for a document imported before (the example is, after the first commit). */
  const commit = (id: string, version: number, confirmDuplicate?: boolean) =>
    t.app.inject({
      method: 'POST',
      url: `/api/imports/${id}/commit`,
      headers: { cookie: admin },
      payload: { version, ...(confirmDuplicate === undefined ? {} : { confirmDuplicate }) },
    });
  const audits = (entity: string, entityId: string) =>
    t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .orderBy('id')
      .execute();
  const importCount = async () =>
    Number(
      (
        await t.store.db
          .selectFrom('imports')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('previews a text document: plan, spans into the source text, every mention resolved', async () => {
    const r = await upload('luohu-2007-jichu.txt', EXAMPLE);
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json<Preview>();
    expect(p).toMatchObject({ status: 'preview', version: 1, fileName: 'luohu-2007-jichu.txt', format: 'text' });
    expect(p.plan.title).toBe('罗湖区“基层基础年”活动2007年工作要点');
    expect(p.plan.sections).toHaveLength(5);
    expect(p.plan.sections.flatMap((s) => s.items)).toHaveLength(26);
    const first = p.plan.sections[0]?.items[0] as Item;
    const indicator = first.indicators[0] as Indicator;
    expect(p.sourceText.slice(...(indicator.span as [number, number]))).toBe(indicator.text);
    expect(p.sourceText.slice(...(first.span as [number, number]))).toContain(first.title);
    expect(p.mentions.length).toBeGreaterThan(40);
    const unresolved = p.mentions.filter((m) => m.resolution.kind !== 'office' && m.resolution.kind !== 'group');
    expect(unresolved.map((m) => m.mention)).toEqual([]);
    const streets = p.mentions.find((m) => m.mention === '各街道办事处');
    expect(streets?.resolution).toMatchObject({ kind: 'group', id: groupIds.get('各街道办事处') });
    expect(p.mentions.find((m) => m.mention === '区委组织部')?.appearances[0]).toEqual({
      section: 0,
      item: 0,
      number: '1',
      role: 'lead',
    });
    const [audit] = await audits('import', p.id);
    expect(audit).toMatchObject({ action: 'import', before: null });
    expect(JSON.parse(audit?.after ?? '{}')).toMatchObject({ status: 'preview', file_name: 'luohu-2007-jichu.txt' });
  });

  it('reads the same plan from a GB18030 copy', async () => {
    const utf8 = (await upload('utf8.txt', EXAMPLE)).json<Preview>();
    const r = await upload('gb.txt', iconv.encode(EXAMPLE.toString('utf8'), 'gb18030'));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json<Preview>().plan).toEqual(utf8.plan);
    expect(r.json<Preview>().sourceText).toBe(utf8.sourceText);
  });

  it('reads a .docx', async () => {
    const r = await upload('plan.docx', await smallDocx());
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json<Preview>();
    expect(p.format).toBe('docx');
    expect(p.plan.title).toBe('罗湖区2008年社区建设工作要点');
    const items = p.plan.sections.flatMap((s) => s.items);
    expect(items.map((i) => i.title)).toEqual(['建立社区党员服务站', '开展党员志愿服务']);
    expect(items[0]).toMatchObject({ lead: ['区委组织部'], support: ['区民政局'] });
    expect(p.mentions.map((m) => [m.mention, m.resolution.kind])).toEqual([
      ['区委组织部', 'office'],
      ['区民政局', 'office'],
      ['各街道办事处', 'group'],
    ]);
  });

  it('takes pasted text as JSON', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie: admin },
      payload: { text: EXAMPLE.toString('utf8'), name: '粘贴.txt' },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json<Preview>()).toMatchObject({ fileName: '粘贴.txt', format: 'text' });
    expect(r.json<Preview>().plan.sections).toHaveLength(5);
  });

  it('corrects a preview, commits it once, and the plan carries the corrections', async () => {
    const p = (await upload('luohu.txt', EXAMPLE)).json<Preview>();
    const ministry = officeIds.get('区委组织部') as string;
    // Section 0, item 0, target 0: ">= 90 %" before the correction.
    expect(p.plan.sections[0]?.items[0]?.indicators[0]).toMatchObject({ op: '>=', value: 90, unit: '%' });

    const c = await patch(p.id, {
      version: p.version,
      title: '罗湖区2007年基层基础年工作要点',
      mentions: { '区委组织部(基层办)': { officeId: ministry } },
      items: [{ section: 0, item: 1, title: '加强党员教育管理' }],
      targets: [{ section: 0, item: 0, target: 0, value: 95, deadline: '9月底前' }],
    });
    expect(c.statusCode, c.body).toBe(200);
    const corrected = c.json<Preview>();
    expect(corrected.version).toBe(2);
    expect(corrected.plan.title).toBe('罗湖区2007年基层基础年工作要点');
    expect(corrected.plan.sections[0]?.items[1]?.title).toBe('加强党员教育管理');
    expect(corrected.plan.sections[0]?.items[0]?.indicators[0]).toMatchObject({ value: 95, deadline: '9月底前' });
    expect(corrected.mentions.find((m) => m.mention === '区委组织部(基层办)')).toMatchObject({
      corrected: true,
      resolution: { kind: 'office', id: ministry, name: '区委组织部', via: 'correction' },
    });
    // GET shows the same corrected preview.
    const again = await t.app.inject({ method: 'GET', url: `/api/imports/${p.id}`, headers: { cookie: admin } });
    expect(again.json<Preview>()).toEqual(corrected);

    const [, update] = await audits('import', p.id);
    expect(update).toMatchObject({ action: 'update' });
    expect(JSON.parse(update?.before ?? '{}')).toMatchObject({
      version: 1,
      title: '罗湖区“基层基础年”活动2007年工作要点',
      'mentions.区委组织部(基层办)': null,
    });
    expect(JSON.parse(update?.after ?? '{}')).toMatchObject({
      version: 2,
      title: '罗湖区2007年基层基础年工作要点',
      'mentions.区委组织部(基层办)': { officeId: ministry },
    });

    // A stale version is refused, and so is a commit on it.
    expect((await patch(p.id, { version: 1, title: 'x' })).statusCode).toBe(409);
    const stale = await commit(p.id, 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/changed by someone else/);

    const done = await commit(p.id, 2);
    expect(done.statusCode, done.body).toBe(200);
    const { planId } = done.json<{ planId: string }>();

    const second = await commit(p.id, 3);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/already committed/);
    expect((await patch(p.id, { version: 3, title: 'y' })).statusCode).toBe(409);

    const committed = await t.app.inject({ method: 'GET', url: `/api/imports/${p.id}`, headers: { cookie: admin } });
    expect(committed.json<Preview>()).toMatchObject({ status: 'committed', planId, version: 3 });

    const plan = await t.app.inject({ method: 'GET', url: `/api/plans/${planId}`, headers: { cookie: admin } });
    expect(plan.statusCode, plan.body).toBe(200);
    const body = plan.json();
    expect(body).toMatchObject({
      title: '罗湖区2007年基层基础年工作要点',
      year: 2007,
      date: '2007-06-19',
      importId: p.id,
    });
    expect(body.sections).toHaveLength(5);
    const tasks = body.sections.flatMap((s: { tasks: unknown[] }) => s.tasks);
    expect(tasks).toHaveLength(26);
    const assignments = tasks.flatMap((task: { assignments: { unresolved: boolean }[] }) => task.assignments);
    expect(assignments.length).toBeGreaterThan(100);
    expect(assignments.filter((a: { unresolved: boolean }) => a.unresolved)).toEqual([]);
    expect(tasks[1].title).toBe('加强党员教育管理');
    expect(tasks[0].targets[0]).toMatchObject({ op: '>=', value: 95, unit: '%', deadline: '9月底前' });
    expect(tasks.flatMap((task: { targets: unknown[] }) => task.targets)).toHaveLength(
      p.plan.sections.flatMap((s) => s.items).reduce((n, i) => n + i.indicators.length, 0),
    );
    const jiceng = assignments.find((a: { mention: string }) => a.mention === '区委组织部(基层办)');
    expect(jiceng).toMatchObject({ office: { id: ministry, name: '区委组织部' }, group: null });
    const streets = assignments.find((a: { mention: string }) => a.mention === '各街道办事处');
    expect(streets.group.members).toHaveLength(10);

    const [, , commitAudit] = await audits('import', p.id);
    expect(commitAudit).toMatchObject({ action: 'commit' });
    expect(JSON.parse(commitAudit?.after ?? '{}')).toMatchObject({ status: 'committed', plan_id: planId });
    const [planAudit] = await audits('plan', planId);
    expect(planAudit).toMatchObject({ action: 'create' });
    expect(JSON.parse(planAudit?.after ?? '{}')).toMatchObject({ id: planId, tasks: 26, sections: 5 });
  });

  it('warns of a plan imported twice (same document, or same title and year); the commit needs a confirmation', async () => {
    // The example was committed above, under a corrected title: the same document again.
    const again = (await upload('luohu-copy.txt', EXAMPLE)).json<Preview & { duplicates: unknown[] }>();
    expect(again.duplicates).toEqual([
      expect.objectContaining({
        title: '罗湖区2007年基层基础年工作要点',
        year: 2007,
        sameDocument: true,
        sameTitle: false,
      }),
    ]);
    const refused = await commit(again.id, again.version);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'conflict', field: 'confirmDuplicate' });
    expect(refused.json().error.message).toContain('罗湖区2007年基层基础年工作要点');
    // Nothing was stored: the import is still a preview at its version.
    const kept = await t.app.inject({ method: 'GET', url: `/api/imports/${again.id}`, headers: { cookie: admin } });
    expect(kept.json()).toMatchObject({ status: 'preview', version: again.version });

    // Another document, with the same title and year: warned too; a new title clears it.
    const text = '罗湖区2007年基层基础年工作要点\n一、测试\n1.做一件事。\n责任单位:区委组织部';
    const same = (
      await t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: admin }, payload: { text } })
    ).json<Preview & { duplicates: { sameDocument: boolean; sameTitle: boolean }[] }>();
    expect(same.duplicates).toMatchObject([{ sameDocument: false, sameTitle: true }]);
    const renamed = await patch(same.id, { version: same.version, title: '罗湖区2008年基层基础年工作要点' });
    expect(renamed.json().duplicates).toEqual([]);
    expect((await commit(same.id, renamed.json().version)).statusCode).toBe(200);

    // Confirmed, the same document is imported again.
    const confirmed = await commit(again.id, again.version, true);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const plans = await t.store.db.selectFrom('plans').select('import_id').execute();
    expect(plans.some((p) => p.import_id === again.id)).toBe(true);
  });

  it('creates offices for create corrections, removes targets, keeps unresolved mentions unresolved', async () => {
    const p = (await upload('luohu.txt', EXAMPLE)).json<Preview>();
    const item = p.plan.sections[0]?.items[1] as Item;
    expect(item.indicators.length).toBeGreaterThanOrEqual(2);
    const c = await patch(p.id, {
      version: p.version,
      mentions: { 区商会: { create: { name: '罗湖区商会', kind: 'mass-organisation' } } },
      targets: [
        { section: 0, item: 1, target: 0, remove: true },
        { section: 0, item: 1, target: 1, op: 'between', value: [5, 8] },
      ],
    });
    expect(c.statusCode, c.body).toBe(200);
    const corrected = c.json<Preview>();
    expect(corrected.mentions.find((m) => m.mention === '区商会')?.resolution).toEqual({
      kind: 'create',
      name: '罗湖区商会',
      officeKind: 'mass-organisation',
    });
    const targets = corrected.plan.sections[0]?.items[1]?.indicators ?? [];
    expect(targets).toHaveLength(item.indicators.length - 1);
    expect(targets[0]).toMatchObject({ op: 'between', value: [5, 8] });

    const done = await commit(p.id, corrected.version, true);
    expect(done.statusCode, done.body).toBe(200);
    const office = await t.store.db
      .selectFrom('offices')
      .selectAll()
      .where('name', '=', '罗湖区商会')
      .executeTakeFirstOrThrow();
    expect(office.kind).toBe('mass-organisation');
    const plan = (
      await t.app.inject({ method: 'GET', url: `/api/plans/${done.json().planId}`, headers: { cookie: admin } })
    ).json();
    const task = plan.sections[0].tasks[1];
    expect(task.targets[0]).toMatchObject({ op: 'between', value: [5, 8] });
    const shanghui = plan.sections[0].tasks[0].assignments.find((a: { mention: string }) => a.mention === '区商会');
    expect(shanghui).toMatchObject({ office: { id: office.id, name: '罗湖区商会' }, unresolved: false });
    const [officeAudit] = await audits('office', office.id);
    expect(officeAudit).toMatchObject({ action: 'create' });
  });

  it('splits a target in the preview into labelled targets, which the plan keeps', async () => {
    const p = (await upload('luohu.txt', EXAMPLE)).json<Preview>();
    const at = p.plan.sections.flatMap((s, section) => s.items.map((item, i) => ({ section, item: i, found: item })));
    const nine = at.find((x) => x.found.number === '9');
    if (!nine) throw new Error('no item 9');
    const target = nine.found.indicators.findIndex((x) => x.text.includes('养老、工伤、医疗和失业保险'));
    const labels = ['养老保险', '工伤保险', '医疗保险', '失业保险'];
    const bad = await patch(p.id, {
      version: p.version,
      splits: [{ section: nine.section, item: nine.item, target, labels: ['养老', '养老'] }],
    });
    expect(bad.statusCode).toBe(400);
    const c = await patch(p.id, {
      version: p.version,
      splits: [{ section: nine.section, item: nine.item, target, labels }],
    });
    expect(c.statusCode, c.body).toBe(200);
    const indicators = c.json<Preview>().plan.sections[nine.section]?.items[nine.item]?.indicators ?? [];
    expect(indicators).toHaveLength(nine.found.indicators.length + 3);
    expect(indicators.slice(target, target + 4).map((x) => (x as { label?: string }).label)).toEqual(labels);
    const done = await commit(p.id, c.json<Preview>().version, true);
    expect(done.statusCode, done.body).toBe(200);
    const stored = await t.store.db
      .selectFrom('targets')
      .innerJoin('tasks', 'tasks.id', 'targets.task_id')
      .select('targets.label')
      .where('tasks.plan_id', '=', done.json().planId)
      .where('tasks.number', '=', '9')
      .orderBy('targets.position')
      .execute();
    expect(stored.map((x) => x.label).filter((l) => l !== null)).toEqual(labels);
  });

  it('commits once when two commits race', async () => {
    const p = (await upload('luohu.txt', EXAMPLE)).json<Preview>();
    const c = (
      await patch(p.id, { version: 1, mentions: { 区商会: { create: { name: '罗湖商会(竞速)', kind: 'other' } } } })
    ).json<Preview>();
    const results = await Promise.all([commit(p.id, c.version, true), commit(p.id, c.version, true)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const plans = await t.store.db.selectFrom('plans').select('id').where('import_id', '=', p.id).execute();
    expect(plans).toHaveLength(1);
    const created = await t.store.db.selectFrom('offices').select('id').where('name', '=', '罗湖商会(竞速)').execute();
    expect(created).toHaveLength(1);
  });

  it('documents its routes in the OpenAPI description', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode, r.body).toBe(200);
    expect(Object.keys(r.json().paths)).toEqual(
      expect.arrayContaining(['/api/imports', '/api/imports/{id}', '/api/imports/{id}/commit', '/api/plans/{id}']),
    );
  });

  it('stores a mention nobody resolved with neither office nor group', async () => {
    const text = '罗湖区2009年测试工作要点\n一、测试\n1.做一件事。年内完成10个。\n责任单位:区不存在局';
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie: admin },
      payload: { text },
    });
    const p = r.json<Preview>();
    expect(p.mentions).toMatchObject([{ mention: '区不存在局', resolution: { kind: 'unresolved' } }]);
    const done = await commit(p.id, p.version);
    expect(done.statusCode, done.body).toBe(200);
    const plan = (
      await t.app.inject({ method: 'GET', url: `/api/plans/${done.json().planId}`, headers: { cookie: admin } })
    ).json();
    expect(plan.year).toBe(2009);
    expect(plan.sections[0].tasks[0].assignments).toMatchObject([
      { mention: '区不存在局', office: null, group: null, unresolved: true },
    ]);
  });

  describe('refuses corrections that do not hold', () => {
    let p: Preview;
    beforeAll(async () => {
      p = (await upload('luohu.txt', EXAMPLE)).json<Preview>();
    });
    const expectField = async (payload: object, field: string, status = 400) => {
      const r = await patch(p.id, { version: p.version, ...payload });
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json().error.field).toBe(field);
      return r.json().error.message as string;
    };

    it('an unknown office or group id', async () => {
      await expectField({ mentions: { 区委组织部: { officeId: 'nope' } } }, 'mentions.区委组织部.officeId');
      await expectField({ mentions: { 区委组织部: { groupId: 'nope' } } }, 'mentions.区委组织部.groupId');
    });
    it('a mention the plan does not have', async () => {
      await expectField({ mentions: { 区外星局: { officeId: officeIds.get('区委组织部') } } }, 'mentions.区外星局');
    });
    it('a new office under a name already taken', async () => {
      const message = await expectField(
        { mentions: { 区商会: { create: { name: '区委组织部', kind: 'other' } } } },
        'mentions.区商会.create.name',
      );
      expect(message).toMatch(/taken/);
    });
    it('a between target without [low, high], or with low above high', async () => {
      await expectField({ targets: [{ section: 0, item: 0, target: 0, op: 'between' }] }, 'targets.0.value');
      await expectField(
        { targets: [{ section: 0, item: 0, target: 0, op: 'between', value: [9, 3] }] },
        'targets.0.value',
      );
      await expectField({ targets: [{ section: 0, item: 0, target: 0, value: [1, 2] }] }, 'targets.0.value');
    });
    it('targets and items that are not there, and values of the wrong type', async () => {
      await expectField({ targets: [{ section: 0, item: 0, target: 9, value: 1 }] }, 'targets.0.target');
      await expectField({ items: [{ section: 7, item: 0, title: 'x' }] }, 'items.0');
      await expectField({ targets: [{ section: 0, item: 0, target: 0, op: 'about' }] }, 'body.targets.0.op');
      await expectField(
        { targets: [{ section: 0, item: 0, target: 0, period: 'fortnight' }] },
        'body.targets.0.period',
      );
      await expectField({ title: 5 }, 'body.title');
    });
    it('and nothing of them was stored', async () => {
      const r = await t.app.inject({ method: 'GET', url: `/api/imports/${p.id}`, headers: { cookie: admin } });
      expect(r.json<Preview>().version).toBe(1);
      expect(r.json<Preview>().plan).toEqual(p.plan);
    });
  });

  describe('refuses bad uploads', () => {
    it('a binary "document" (422)', async () => {
      const r = await upload('x.bin', new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254, 0, 7, 0, 0, 0, 1]));
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().error).toMatchObject({ code: 'unparseable-document' });
      expect(r.json().error.message).toMatch(/x\.bin/);
    });
    it('an empty file (422)', async () => {
      const r = await upload('empty.txt', new Uint8Array());
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().error.message).toMatch(/empty/);
    });
    it('a PDF (422)', async () => {
      const r = await upload('plan.pdf', Buffer.from('%PDF-1.4 ...'));
      expect(r.statusCode).toBe(422);
      expect(r.json().error.message).toMatch(/PDF/);
    });
    it('malformed JSON (400)', async () => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { cookie: admin, 'content-type': 'application/json' },
        payload: '{"text": "abc',
      });
      expect(r.statusCode).toBe(400);
    });
    it('wrong types (400 with the field)', async () => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { cookie: admin },
        payload: { text: 5 },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.field).toBe('body.text');
    });
    it('a form without a file field (400)', async () => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/imports',
        ...withCookie(form('a.txt', EXAMPLE, 'doc'), admin),
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.field).toBe('file');
    });
    it('anyone but the plan office (403), and the anonymous (401)', async () => {
      const reporter = await t.cookieFor('reporter');
      const before = await importCount();
      expect((await upload('luohu.txt', EXAMPLE, reporter)).statusCode).toBe(403);
      expect((await upload('luohu.txt', EXAMPLE, '')).statusCode).toBe(401);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/imports', headers: { cookie: reporter } })).statusCode,
      ).toBe(403);
      expect(await importCount()).toBe(before);
    });
    it('an unknown import (404)', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/imports/nope', headers: { cookie: admin } });
      expect(r.statusCode).toBe(404);
      expect((await commit('nope', 1)).statusCode).toBe(404);
    });
  });

  it('lists imports newest first', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/imports?limit=3', headers: { cookie: admin } });
    expect(r.statusCode, r.body).toBe(200);
    const list = r.json();
    expect(list).toHaveLength(3);
    expect(list[0]).toMatchObject({ status: 'preview', title: '罗湖区“基层基础年”活动2007年工作要点' });
    expect(list.map((i: { id: string }) => i.id)).toEqual([...list.map((i: { id: string }) => i.id)].sort().reverse());
  });
});

// Its own app with a small upload limit, opened after the main suite's app is closed: the
// migrator of a second PostgreSQL test store can trip over the first one's tables.
describe.each(DIALECTS)('plan imports with a small upload limit on %s', (dialect) => {
  it('refuses an upload over the limit (413) and stores nothing', async () => {
    const small = await createTestApp(dialect, { uploadLimitBytes: 2048 });
    try {
      const cookie = await small.cookieFor('admin');
      const r = await small.app.inject({
        method: 'POST',
        url: '/api/imports',
        ...withCookie(form('big.txt', EXAMPLE), cookie),
      });
      expect(r.statusCode, r.body).toBe(413);
      expect(r.json().error.code).toBe('too-large');
      const pasted = await small.app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { cookie },
        payload: { text: EXAMPLE.toString('utf8') },
      });
      expect(pasted.statusCode).toBe(413);
      const n = await small.store.db
        .selectFrom('imports')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(0);
    } finally {
      await small.close();
    }
  });
});

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A .docx of nothing but word/document.xml with this body, as a hostile file would be made. */
function docxOf(body: string): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W_NS}"><w:body>${body}</w:body></w:document>`;
  return zipSync({ 'word/document.xml': strToU8(xml) }, { level: 9 });
}

/** A zip bomb: a small .docx whose document.xml unpacks to `megabytes` of paragraphs. */
function zipBomb(megabytes: number): Uint8Array {
  const paragraph = strToU8('<w:p><w:r><w:t>重复的文字重复的文字</w:t></w:r></w:p>'.repeat(20_000));
  const parts: Uint8Array[] = [strToU8(`<w:document xmlns:w="${W_NS}"><w:body>`)];
  for (let size = 0; size < megabytes * 1024 * 1024; size += paragraph.length) parts.push(paragraph);
  parts.push(strToU8('</w:body></w:document>'));
  const xml = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    xml.set(p, at);
    at += p.length;
  }
  return zipSync({ 'word/document.xml': xml }, { level: 9 });
}

describe.each(DIALECTS)('hostile documents on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.cookieFor('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * Upload a document while the health route is asked every 50 ms; the answer to the upload and
   * the slowest health answer meanwhile.
   */
  async function importWhileServing(request: { fileName: string; bytes: Uint8Array } | { text: string }) {
    let slowest = 0;
    let uploading = true;
    const poll = (async () => {
      while (uploading) {
        const start = performance.now();
        const health = await t.app.inject({ method: 'GET', url: '/api/health' });
        expect(health.statusCode).toBe(200);
        slowest = Math.max(slowest, performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const answer = await ('text' in request
      ? t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: admin }, payload: request })
      : t.app.inject({
          method: 'POST',
          url: '/api/imports',
          ...withCookie(form(request.fileName, request.bytes), admin),
        }));
    uploading = false;
    await poll;
    return { answer, slowest };
  }

  /** The error's message in English and in Chinese. */
  async function bothLanguages(fileName: string, bytes: Uint8Array) {
    const ask = (language: string) => {
      const f = form(fileName, bytes);
      return t.app.inject({
        method: 'POST',
        url: '/api/imports',
        payload: f.payload,
        headers: { ...f.headers, cookie: admin, 'accept-language': language },
      });
    };
    const [en, zh] = [await ask('en'), await ask('zh-CN')];
    return {
      status: en.statusCode,
      code: en.json().error?.code,
      en: en.json().error?.message,
      zh: zh.json().error?.message,
    };
  }

  it('a 521-byte .docx with w:gridBefore="300000000" is refused (422), and the server lives', async () => {
    const bytes = docxOf(
      '<w:tbl><w:tr><w:trPr><w:gridBefore w:val="300000000"/></w:trPr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    );
    expect(bytes.length).toBeLessThan(1024);
    const r = await bothLanguages('grid-before.docx', bytes);
    expect(r).toMatchObject({ status: 422, code: 'unparseable-document' });
    expect(r.en).toMatch(/grid-before\.docx.*too complex.*more than 1000 columns/u);
    expect(r.zh).toMatch(/grid-before\.docx.*过于复杂.*超过 1000 列/u);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('a .docx with w:gridSpan="100000000" is refused (422) at once, the server answering meanwhile', async () => {
    const bytes = docxOf(
      '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    );
    const { answer, slowest } = await importWhileServing({ fileName: 'grid-span.docx', bytes });
    expect(answer.statusCode, answer.body).toBe(422);
    expect(answer.json().error.message).toMatch(/more than 1000 columns/u);
    expect(slowest).toBeLessThan(500);
  });

  it('a zip bomb (a small .docx of 64 MB of XML) is refused (413) without unpacking it all', async () => {
    const bytes = zipBomb(64);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const { answer, slowest } = await importWhileServing({ fileName: 'bomb.docx', bytes });
    expect(answer.statusCode, answer.body).toBe(413);
    expect(answer.json().error).toMatchObject({ code: 'too-large' });
    expect(answer.json().error.message).toMatch(/bomb\.docx.*unpacks to more than 32 MB/u);
    const zh = await bothLanguages('bomb.docx', bytes);
    expect(zh.zh).toMatch(/解压后超过 32 MB/u);
    expect(slowest).toBeLessThan(500);
  }, 60_000);

  it('5 MB of pasted text is read off the request thread and refused as too long (422)', async () => {
    let text = '';
    while (Buffer.byteLength(text) < 5 * 1024 * 1024) text += EXAMPLE.toString('utf8');
    const { answer, slowest } = await importWhileServing({ text });
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(422);
    expect(answer.json().error.message).toMatch(
      /too complex to read \(\d+ tasks, more than the 2000 a plan may have\)/u,
    );
    expect(slowest).toBeLessThan(500);
  }, 60_000);

  it('a long plan under the bounds (300 KB of text) is read off the thread and previewed', async () => {
    let text = EXAMPLE.toString('utf8');
    const body = text.slice(text.indexOf('一、'));
    while (Buffer.byteLength(text) < 300 * 1024) text += `\n${body}`;
    const { answer, slowest } = await importWhileServing({ text });
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(201);
    expect(Buffer.byteLength(text)).toBeGreaterThan(256 * 1024);
    expect(slowest).toBeLessThan(500);
  }, 60_000);
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../cli/import.ts';
import { newId } from '../db/ids.ts';
import { seedLedgerUsers } from '../modules/ledgers/testbed.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../testing/app.ts';
import { AppError, languageOf, notFound, staleVersion } from './errors.ts';
import { OWN_WORDS_ZH } from './validation-zh.ts';

describe('languageOf', () => {
  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['zh', 'zh'],
    ['ZH-cn', 'zh'],
    ['en-US,zh-CN;q=0.5', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    ['zhx', 'en'],
  ] as const)('%s → %s', (header, language) => {
    expect(languageOf(header)).toBe(language);
  });
});

describe('AppError messages', () => {
  it('speaks Chinese when written in Chinese, English otherwise', () => {
    const both = new AppError('bad-input', { en: 'A plan needs a title', zh: '计划需要标题' });
    expect(both.message).toBe('A plan needs a title');
    expect(both.messageIn('zh')).toBe('计划需要标题');
    expect(new AppError('conflict', 'English only').messageIn('zh')).toBe('English only');
    expect(notFound({ en: 'Plan', zh: '计划' }).messageIn('zh')).toBe('找不到该计划');
    expect(staleVersion({ en: 'The plan', zh: '该计划' }).messageIn('en')).toMatch(/^The plan was changed/u);
  });
});

describe('error answers in the language asked for', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers access errors in Chinese for a Chinese client and in English by default', async () => {
    const zh = await t.app.inject({ url: '/api/plans', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toEqual({ code: 'unauthenticated', message: '请先登录' });
    const en = await t.app.inject({ url: '/api/plans' });
    expect(en.json().error.message).toBe('Please sign in first');
  });

  it('words schema errors with zod’s Chinese locale, naming the field', async () => {
    const zh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'zh-CN' },
      payload: { username: 'x' },
    });
    expect(zh.statusCode).toBe(400);
    const error = zh.json().error;
    expect(error.field).toBe('body.password');
    expect(error.message).toMatch(/^body\.password: .*[\u4e00-\u9fff]/u);
    const en = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(en.json().error.message).toMatch(/^body\.password: [A-Za-z]/u);
  });
});

describe('service errors in Chinese and English', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let street: string;
  let other: string;
  /** Task 8 of the demo plan: its lead offices include every street office (各街道办事处). */
  let task8: { id: string; percentTarget: { id: string; text: string } };

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    ({ street, other } = await seedLedgerUsers(t, cookies));
    const { planId } = await importDocument(t.store.db, {
      bytes: readFileSync(new URL('../../../../examples/luohu-2007-jichu.txt', import.meta.url)),
      fileName: 'luohu-2007-jichu.txt',
    });
    // 2007's periods locked long ago: let the street office still report June.
    await t.store.db
      .insertInto('report_exceptions')
      .values({
        id: newId(),
        plan_id: planId as string,
        office_id: street,
        period_key: '2007-M06',
        until: '9999-12-31',
        granted_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const task = await t.store.db.selectFrom('tasks').select('id').where('number', '=', '8').executeTakeFirstOrThrow();
    const target = await t.store.db
      .selectFrom('targets')
      .select(['id', 'text'])
      .where('task_id', '=', task.id)
      .where('unit', '=', '%')
      .orderBy('position')
      .executeTakeFirstOrThrow();
    task8 = { id: task.id, percentTarget: target };
  });
  afterAll(async () => {
    await t.close();
  });

  /** The same request asked in Chinese and with no language: both errors, which share a status. */
  async function bothWays(who: string, request: InjectOptions) {
    const ask = (language?: string) =>
      t.app.inject({
        ...request,
        headers: {
          ...request.headers,
          cookie: cookies[who] as string,
          ...(language ? { 'accept-language': language } : {}),
        },
      });
    const zh = await ask('zh-CN,zh;q=0.9,en;q=0.8');
    const en = await ask();
    expect(zh.statusCode, zh.body).toBe(en.statusCode);
    return { status: zh.statusCode, zh: zh.json().error, en: en.json().error };
  }

  it('a bad input names its field in both languages (offices)', async () => {
    const r = await bothWays('admin', {
      method: 'POST',
      url: '/api/offices',
      payload: { name: '新设单位', kind: 'other', parentId: 'no-such-office' },
    });
    expect(r.status).toBe(400);
    expect(r.zh).toEqual({ code: 'bad-input', message: '找不到编号为 no-such-office 的上级单位', field: 'parentId' });
    expect(r.en).toEqual({
      code: 'bad-input',
      message: 'No office with id no-such-office to be the parent',
      field: 'parentId',
    });
  });

  it('a schema’s own words are told in Chinese too', async () => {
    const r = await bothWays('admin', { method: 'POST', url: '/api/offices', payload: { name: '   ', kind: 'other' } });
    expect(r.status).toBe(400);
    expect(r.zh.message).toBe('body.name: 不能为空');
    expect(r.en.message).toBe('body.name: may not be empty');
  });

  it('a wrong current password (users)', async () => {
    const r = await bothWays('inspector', {
      method: 'POST',
      url: '/api/users/me/password',
      payload: { currentPassword: `not-${TEST_PASSWORD}`, newPassword: 'another-horse-10' },
    });
    expect(r.status).toBe(400);
    expect(r.zh).toEqual({ code: 'bad-input', message: '当前密码不正确', field: 'currentPassword' });
    expect(r.en.message).toBe('The current password is wrong');
  });

  it('a missing plan (plans) and a missing task’s history (history)', async () => {
    const plan = await bothWays('leader', { method: 'GET', url: '/api/plans/no-such-plan' });
    expect(plan.status).toBe(404);
    expect(plan.zh).toEqual({ code: 'not-found', message: '找不到该工作要点' });
    expect(plan.en.message).toBe('Plan not found');
    const history = await bothWays('leader', { method: 'GET', url: '/api/tasks/no-such-task/history' });
    expect(history.status).toBe(404);
    expect(history.zh.message).toBe('找不到该工作事项');
    expect(history.en.message).toBe('Task not found');
  });

  it('a stale version and another office’s entry (ledgers)', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/ledgers/diaries',
      headers: { cookie: cookies.reporter as string },
      payload: { cadre: '李四', date: '2026-03-05', text: '走访独居老人' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const stale = await bothWays('reporter', {
      method: 'PATCH',
      url: `/api/ledgers/diaries/${created.json().id}`,
      payload: { version: 2, text: '改' },
    });
    expect(stale.status).toBe(409);
    expect(stale.zh).toEqual({ code: 'stale-version', message: '该民情日记已被他人修改,请刷新后重试' });
    expect(stale.en.message).toBe('Diary entry was changed by someone else; reload it and try again');

    const forbidden = await bothWays('reporter', {
      method: 'POST',
      url: '/api/ledgers/diaries',
      payload: { officeId: other, cadre: '李四', date: '2026-03-05', text: '走访' },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.zh).toEqual({ code: 'forbidden', message: '只能填写本单位的台账记录' });
    expect(forbidden.en.message).toBe('You may only write your own office’s entries');
  });

  it('a taken username (users) and a stale office (offices)', async () => {
    await t.addUser('zhangsan', 'leader');
    const again = await bothWays('admin', {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'zhangsan', displayName: '张三', role: 'leader', password: TEST_PASSWORD },
    });
    expect(again.status).toBe(409);
    expect(again.zh).toEqual({ code: 'conflict', message: '用户名 zhangsan 已被占用', field: 'username' });
    expect(again.en.message).toBe('The username zhangsan is taken');

    const office = await t.app.inject({
      method: 'GET',
      url: '/api/offices',
      headers: { cookie: cookies.admin as string },
    });
    const first = office.json().items[0] as { id: string; name: string; version: number };
    const stale = await bothWays('admin', {
      method: 'PATCH',
      url: `/api/offices/${first.id}`,
      payload: { version: first.version + 1, aliases: [] },
    });
    expect(stale.status).toBe(409);
    expect(stale.zh.message).toBe(`单位“${first.name}”已被他人修改,请刷新后重试`);
    expect(stale.en.message).toBe(`Office ${first.name} was changed by someone else; reload it and try again`);
  });

  it('a document that cannot be read (imports)', async () => {
    const boundary = '----duban-language-test';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      Buffer.from('%PDF-1.4 ...'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await bothWays('admin', {
      method: 'POST',
      url: '/api/imports',
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(r.status).toBe(422);
    expect(r.zh.message).toBe(
      '无法读取“plan.pdf”:不支持该文件格式(PDF 文档);督办可读取纯文本(UTF-8 或 GB18030/GBK)和 .docx 文件',
    );
    expect(r.en.message).toMatch(/^cannot read plan\.pdf: it is a PDF document/u);
  });

  it('a share above 100 % names the figure and its target (reports)', async () => {
    const r = await bothWays('reporter', {
      method: 'POST',
      url: '/api/reports',
      payload: { taskId: task8.id, periodKey: '2007-M06', figures: [{ targetId: task8.percentTarget.id, value: 120 }] },
    });
    expect(r.status).toBe(400);
    const target = task8.percentTarget.text.slice(0, 40);
    expect(r.zh).toEqual({
      code: 'bad-input',
      message: `百分比应在 0 到 100 之间,不能是 120(指标“${target}”)`,
      field: 'figures.0.value',
    });
    expect(r.en.message).toBe(`A share lies between 0 and 100 %, not 120 (target "${target}")`);
  });

  it('a draft cannot be accepted: it is not at a stage of review (reports)', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { cookie: cookies.reporter as string },
      payload: { taskId: task8.id, periodKey: '2007-M06' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = await bothWays('admin', {
      method: 'POST',
      url: `/api/reports/${created.json().id}/accept`,
      payload: { version: 1 },
    });
    expect(r.status).toBe(409);
    expect(r.zh).toEqual({ code: 'conflict', message: '只有已提交的报送才能审核;此报送尚未提交' });
    expect(r.en.message).toBe('Only a report handed in can be reviewed; this one has not been submitted');
  });

  it('a supporting office may not sign for an order, and one not yet issued cannot be signed (orders)', async () => {
    const step = (who: string, id: string, name: string, version: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/orders/${id}/${name}`,
        headers: { cookie: cookies[who] as string },
        payload: { version },
      });
    const drafted = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { cookie: cookies.inspector as string },
      payload: { taskId: task8.id, leadOfficeId: other, supportOfficeIds: [street], deadline: '2026-04-30' },
    });
    expect(drafted.statusCode, drafted.body).toBe(201);
    const id = drafted.json().id as string;

    const early = await bothWays('admin', { method: 'POST', url: `/api/orders/${id}/sign`, payload: { version: 1 } });
    expect(early.status).toBe(409);
    expect(early.zh.message).toBe('此督办单当前为“已起草”,不能进行“签收”操作;须为“已下发”');
    expect(early.en.message).toBe('Cannot sign an order that is drafted: it must be issued');

    expect((await step('leader', id, 'approve', 1)).statusCode).toBe(200);
    expect((await step('inspector', id, 'issue', 2)).statusCode).toBe(200);
    const r = await bothWays('reporter', { method: 'POST', url: `/api/orders/${id}/sign`, payload: { version: 3 } });
    expect(r.status).toBe(403);
    expect(r.zh).toEqual({ code: 'forbidden', message: '只有牵头单位可以对此督办单进行“签收”操作' });
    expect(r.en.message).toBe('Only the lead office may sign this order');
  });

  it('a webhook with an address that is not one (reminders)', async () => {
    const r = await bothWays('admin', {
      method: 'POST',
      url: '/api/webhooks',
      payload: { format: 'wecom', url: 'ftp://example.org/hook' },
    });
    expect(r.status).toBe(400);
    expect(r.zh).toEqual({ code: 'bad-input', message: '群机器人地址应以 http:// 或 https:// 开头', field: 'url' });
    expect(r.en.message).toBe('A webhook address starts with http:// or https://');
  });
});

/**
 * The source files whose messages are written in both languages. Modules not listed here still
 * hold English-only messages (see the report of the change that added this list).
 */
const SRC = fileURLToPath(new URL('..', import.meta.url));
const BILINGUAL_DIRS = [
  'modules/auth',
  'modules/users',
  'modules/offices',
  'modules/plans',
  'modules/imports',
  'modules/status',
  'modules/dashboard',
  'modules/audit',
  'modules/history',
  'modules/compliance',
  'modules/rosters',
  'modules/reminders',
  'modules/reports',
  'http',
  'documents',
];
const BILINGUAL_FILES = [
  'app.ts',
  'modules/ledgers/ledgers.service.ts',
  'modules/ledgers/access.ts',
  'modules/ledgers/ledgers.routes.ts',
  'modules/ledgers/orders.routes.ts',
  'modules/ledgers/orders.service.ts',
  'modules/ledgers/problems.service.ts',
  'modules/ledgers/problems.routes.ts',
  'modules/ledgers/schemas.ts',
];
/** Plain-string errors allowed on purpose: errors.ts's own fallbacks for callers that pass a string. */
const ALLOWED = new Set([
  "http/errors.ts: new AppError('not-found', `",
  "http/errors.ts: new AppError('stale-version', `",
]);

/** An AppError, notFound or staleVersion given a plain string (or template) rather than { en, zh }. */
const PLAIN_MESSAGE = /new AppError\(\s*'[a-z-]+',\s*['"`]|\b(?:notFound|staleVersion)\(\s*['"`]/gu;
/** A message a route schema (in a *.routes.ts or schemas.ts) writes itself: `.min(1, 'may not be empty')`, `{ message: 'no such date' }`. */
const SCHEMA_WORDS = /\.(?:min|max|length|regex)\((?:[^()']|\([^()]*\))*,\s*'([^']+)'\s*\)|\bmessage:\s*'([^']+)'/gu;

function bilingualSources(): { file: string; text: string }[] {
  const files = [
    ...BILINGUAL_DIRS.flatMap((dir) => readdirSync(join(SRC, dir)).map((name) => `${dir}/${name}`)),
    ...BILINGUAL_FILES,
  ].filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  return files.map((file) => ({ file, text: readFileSync(join(SRC, file), 'utf8') }));
}

describe('every message in the bilingual files has its Chinese', () => {
  it('the pattern sees plain-string messages', () => {
    const plain = "throw new AppError('bad-input', `No office with id X`, 'officeId'); notFound('Plan');";
    expect(plain.match(PLAIN_MESSAGE)).toHaveLength(2);
    expect("new AppError('bad-input', { en: 'x', zh: '某' })".match(PLAIN_MESSAGE)).toBeNull();
  });

  it('no AppError, notFound or staleVersion there takes an English-only string', () => {
    const sources = bilingualSources();
    expect(sources.length).toBeGreaterThan(40);
    const bilingual = sources.flatMap(({ text }) => text.match(/new AppError\(\s*'[a-z-]+',\s*\{\s*en:/gu) ?? []);
    expect(bilingual.length).toBeGreaterThan(60);
    const plain = sources.flatMap(({ file, text }) =>
      [...text.matchAll(PLAIN_MESSAGE)]
        .filter((m) => !ALLOWED.has(`${file}: ${m[0]}`))
        .map((m) => `${file}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`),
    );
    expect(plain).toEqual([]);
  });

  it('every message a route schema writes itself has a Chinese wording', () => {
    const schemas = bilingualSources().filter(({ file }) => /(?:\.routes|\/schemas)\.ts$/u.test(file));
    const own = schemas.flatMap(({ file, text }) =>
      [...text.matchAll(SCHEMA_WORDS)].map((m) => ({ file, words: (m[1] ?? m[2]) as string })),
    );
    expect(own.map((o) => o.words)).toContain('may not be empty');
    expect(own.filter((o) => OWN_WORDS_ZH[o.words] === undefined)).toEqual([]);
  });
});

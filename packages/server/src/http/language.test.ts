import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { AppError, languageOf, notFound, staleVersion } from './errors.ts';

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

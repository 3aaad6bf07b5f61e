import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchBrowser, SKIP_BROWSER, shot, signIn, startDemoServer } from './harness.ts';

describe.skipIf(SKIP_BROWSER)('the web app in chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in, shows the user and role in the header, and signs out', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, server.demo.username, server.demo.password);
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('管理员');
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/login/u);
    await page.close();
  });

  it('refuses a wrong password with the server message, in the UI’s language', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill(server.demo.username);
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/u }).click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
    // A browser last used in English asks, and is answered, in English.
    await page.evaluate(() => localStorage.setItem('duban.language', 'en'));
    await page.reload();
    await page.getByLabel('Username').fill(server.demo.username);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: /Sign\s*in/u }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('Wrong username or password');
    await page.close();
  });

  it('offers a reporter no admin pages, and the server refuses them anyway', async () => {
    const password = await server.addUser('reporter1', 'reporter', '区民政局');
    const page = await browser.newPage();
    await signIn(page, server.url, 'reporter1', password);
    const nav = await page.locator('.ant-menu').textContent();
    expect(nav).toContain('工作要点');
    expect(nav).not.toContain('用户');
    expect(nav).not.toContain('审计日志');
    expect(nav).not.toContain('导入');
    await page.goto(`${server.url}/users`);
    await expect(page.locator('.ant-result-title').textContent()).resolves.toBe('403');
    const api = await page.evaluate(async () => (await fetch('/api/users')).status);
    expect(api).toBe(403);
    await shot(page, 'reporter-home');
    await page.close();
  });

  it('switches to English and remembers it for the user', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, server.url, server.demo.username, server.demo.password);
    // The profile update must reach the server before this browser closes.
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/users/me') && r.request().method() === 'PATCH');
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.querySelector('.ant-menu')?.textContent?.includes('Plans'));
    expect((await saved).status()).toBe(200);
    await context.close();
    // A new browser (no local storage) gets English from the profile after sign-in.
    const fresh = await browser.newContext();
    const again = await fresh.newPage();
    await signIn(again, server.url, server.demo.username, server.demo.password);
    await again.waitForFunction(() => document.querySelector('.ant-menu')?.textContent?.includes('Plans'));
    await fresh.close();
  });
});

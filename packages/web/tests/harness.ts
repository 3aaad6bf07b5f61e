import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { ensureWebBuild } from '../../../scripts/ensure-web.ts';
import { buildApp } from '../../server/src/app.ts';
import { type DemoData, loadDemo } from '../../server/src/cli/demo.ts';
import { openStore, type Store } from '../../server/src/db/connect.ts';
import { createUser } from '../../server/src/modules/users/users.service.ts';

/**
 * Browser tests drive Debian's chromium with playwright-core against a real Duban server on
 * 127.0.0.1 with the demo loaded into a temporary SQLite data folder. Without chromium they
 * are skipped with a reason, except under CI, where that is a failure.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const SKIP_BROWSER = !HAVE_CHROMIUM && process.env.CI !== 'true';
if (SKIP_BROWSER) {
  console.warn(`browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`);
}

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Screenshots that tests take; the README shows two of them, copied to docs/. */
export const SHOTS = join(ROOT, 'docs/screenshots/tmp');

export interface DemoServer {
  readonly url: string;
  readonly demo: DemoData;
  readonly store: Store;
  /** Create an account and return its password. */
  readonly addUser: (
    username: string,
    role: 'admin' | 'reporter' | 'leader' | 'inspector',
    officeName?: string,
  ) => Promise<string>;
  readonly close: () => Promise<void>;
}

/** A server with the demo loaded (with its year of activity on request), on a free port of 127.0.0.1. */
export async function startDemoServer(options: { activity?: boolean } = {}): Promise<DemoServer> {
  ensureWebBuild(() => {});
  const dir = mkdtempSync(join(tmpdir(), 'duban-browser-'));
  const store = await openStore({ dataDir: dir });
  const demo = await loadDemo(store.db, { activity: options.activity ?? false });
  if (!demo) throw new Error('the demo did not load');
  const app: FastifyInstance = await buildApp({ store });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const password = 'browser-test-pw-1';
  return {
    url: `http://127.0.0.1:${port}`,
    demo,
    store,
    addUser: async (username, role, officeName) => {
      const office = officeName
        ? await store.db.selectFrom('offices').select('id').where('name', '=', officeName).executeTakeFirstOrThrow()
        : null;
      await createUser(store.db, null, {
        username,
        displayName: username,
        role,
        officeId: office?.id ?? null,
        password,
      });
      return password;
    },
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Headless chromium as this machine allows it (no sandbox as root, no background network). */
export function launchBrowser(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN',
    ],
  });
}

/** Sign in through the sign-in page and wait for the plans page. */
export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel(/用户名|Username/u).fill(username);
  await page.getByLabel(/密码|Password/u).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/u }).click();
  await page.waitForURL(/\/plans/u);
}

export async function shot(page: Page, name: string): Promise<string> {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Type a date into one of the app's date pickers (the field or its wrapper) and confirm it. */
export async function fillDate(field: Locator, value: string): Promise<void> {
  const input = (await field.evaluate((el) => el.tagName)) === 'INPUT' ? field : field.locator('input').first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Wait until no antd dialog or dropdown is still animating in or out. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('[class*="-enter-active"], [class*="-appear-active"], [class*="-leave-active"]'),
  );
}

/** Open an antd Select, type to narrow it, and choose the option. */
export async function choose(page: Page, select: Locator, option: string): Promise<void> {
  const root = select.locator('xpath=ancestor-or-self::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  for (let attempt = 0; attempt < 3; attempt++) {
    await settled(page);
    await select.click();
    await page.keyboard.type(option);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click();
    await settled(page);
    if ((await root.locator('.ant-select-selection-item').filter({ hasText: option }).count()) > 0) return;
  }
  throw new Error(`could not choose ${option}`);
}

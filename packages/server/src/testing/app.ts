import type { Clock } from '@duban/core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { newId } from '../db/ids.ts';
import type { Role } from '../db/schema.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { openTestStore, type TestDialect, type TestStore } from './stores.ts';

export const TEST_PASSWORD = 'correct-horse-9';
let passwordHash: Promise<string> | null = null;

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: TestStore;
  /** Session cookie header value for a user of this role (created on first use). */
  readonly cookieFor: (role: Role, officeId?: string | null) => Promise<string>;
  /** Create a user directly in the store; returns its id. */
  readonly addUser: (username: string, role: Role, officeId?: string | null) => Promise<string>;
  readonly close: () => Promise<void>;
}

/** An app on a fresh store of the given dialect, for `app.inject` tests. */
export async function createTestApp(
  dialect: TestDialect,
  options: { uploadLimitBytes?: number; webRoot?: string; clock?: Clock } = {},
): Promise<TestApp> {
  const store = await openTestStore(dialect);
  const app = await buildApp({ store, logger: false, ...options });
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const cookies = new Map<string, string>();
  const addUser = async (username: string, role: Role, officeId: string | null = null) => {
    const id = newId();
    const now = new Date().toISOString();
    await store.db
      .insertInto('users')
      .values({
        id,
        username,
        display_name: username,
        role,
        office_id: officeId,
        password_hash: hash,
        failed_logins: 0,
        locked_until: null,
        locale: 'zh-CN',
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  };
  const cookieFor = async (role: Role, officeId: string | null = null) => {
    const key = `${role}:${officeId ?? ''}`;
    const hit = cookies.get(key);
    if (hit) return hit;
    const username = `${role}-${cookies.size}-${newId().slice(-6)}`;
    await addUser(username, role, officeId);
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    if (r.statusCode !== 200) throw new Error(`test login failed: ${r.body}`);
    const c = r.cookies.find((x) => x.name === 'duban_session');
    if (!c) throw new Error('no session cookie');
    const header = `duban_session=${c.value}`;
    cookies.set(key, header);
    return header;
  };
  return {
    app,
    store,
    cookieFor,
    addUser,
    close: async () => {
      await app.close();
      await store.drop();
    },
  };
}

import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../../testing/app.ts';
import { seedDirectory } from '../offices/offices.service.ts';

/** Test helpers the ledger and order suites share: who is signed in, and how they call the API. */

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A caller that injects a request as one of the signed-in users named in `cookies`. */
export function callAs(app: () => TestApp, cookies: Record<string, string>) {
  return (who: string, method: Method, url: string, payload?: unknown) =>
    app().app.inject({
      method,
      url,
      headers: { cookie: cookies[who] as string },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}

/** The JSON of a response that must have the given status (the body is shown when it has not). */
export function ok(r: LightMyRequestResponse, status = 200) {
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

/**
 * The demo directory, and signed-in users: admin, leader, inspector, a reporter of one street
 * office (`reporter`), of another (`otherReporter`) and of a government department (`deptReporter`).
 */
export async function seedLedgerUsers(t: TestApp, cookies: Record<string, string>) {
  await seedDirectory(t.store.db, null);
  const offices = await t.store.db.selectFrom('offices').select(['id', 'kind']).orderBy('name').execute();
  const streets = offices.filter((o) => o.kind === 'street-office');
  const street = streets[0]?.id as string;
  const other = streets[1]?.id as string;
  const dept = offices.find((o) => o.kind === 'government-department')?.id as string;
  cookies.admin = await t.cookieFor('admin');
  cookies.leader = await t.cookieFor('leader');
  cookies.inspector = await t.cookieFor('inspector');
  cookies.reporter = await t.cookieFor('reporter', street);
  cookies.otherReporter = await t.cookieFor('reporter', other);
  cookies.deptReporter = await t.cookieFor('reporter', dept);
  return { street, other, dept };
}

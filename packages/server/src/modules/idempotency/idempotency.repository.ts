import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** Where a request key is kept: per user and route. */
export interface KeyScope {
  readonly userId: string;
  readonly route: string;
  readonly key: string;
}

export interface StoredKey {
  readonly requestHash: string;
  /** Null while the first request is being handled. */
  readonly status: number | null;
  readonly response: string | null;
  readonly createdAt: string;
}

/** Forget keys recorded before `cutoff` (an ISO instant). */
export async function deleteKeysBefore(db: Kysely<Database>, cutoff: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).execute();
}

/** Claim a key for a request being handled; false when the key is already held. */
export async function claimKey(
  db: Kysely<Database>,
  scope: KeyScope,
  requestHash: string,
  now: string,
): Promise<boolean> {
  const rows = await db
    .insertInto('idempotency_keys')
    .values({
      user_id: scope.userId,
      route: scope.route,
      key: scope.key,
      request_hash: requestHash,
      status: null,
      response: null,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'route', 'key']).doNothing())
    .returning('key')
    .execute();
  return rows.length === 1;
}

export async function findKey(db: Kysely<Database>, scope: KeyScope): Promise<StoredKey | undefined> {
  const r = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'response', 'created_at'])
    .where('user_id', '=', scope.userId)
    .where('route', '=', scope.route)
    .where('key', '=', scope.key)
    .executeTakeFirst();
  return r
    ? {
        requestHash: r.request_hash,
        status: r.status === null ? null : Number(r.status),
        response: r.response,
        createdAt: r.created_at,
      }
    : undefined;
}

/** Keep the answer given to the request that holds the key. */
export async function completeKey(
  db: Kysely<Database>,
  scope: KeyScope,
  status: number,
  response: string,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status, response })
    .where('user_id', '=', scope.userId)
    .where('route', '=', scope.route)
    .where('key', '=', scope.key)
    .execute();
}

/** Let a key go (the request failed: a retry with it may try again). */
export async function releaseKey(db: Kysely<Database>, scope: KeyScope): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', scope.userId)
    .where('route', '=', scope.route)
    .where('key', '=', scope.key)
    .execute();
}

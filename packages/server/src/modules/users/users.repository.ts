import { type Kysely, PostgresAdapter } from 'kysely';
import type { Database, Role, UserRow, UserUpdate } from '../../db/schema.ts';

/** An account as the rest of the app sees it: never with its password hash. */
export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly officeId: string | null;
  readonly locale: string;
  readonly failedLogins: number;
  readonly lockedUntil: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The columns a user edit may change; `version` and `updated_at` are set here. */
export interface UserChanges {
  readonly displayName?: string;
  readonly role?: Role;
  readonly officeId?: string | null;
  readonly locale?: string;
  readonly passwordHash?: string;
}

const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'role',
  'office_id',
  'locale',
  'failed_logins',
  'locked_until',
  'version',
  'created_at',
  'updated_at',
] as const;

type UserColumns = Pick<UserRow, (typeof USER_COLUMNS)[number]>;

function rowToUser(row: UserColumns): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    officeId: row.office_id,
    locale: row.locale,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every user, by username. */
export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').select(USER_COLUMNS).orderBy('username').execute();
  return rows.map(rowToUser);
}

export async function findUser(db: Kysely<Database>, id: string): Promise<User | null> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? rowToUser(row) : null;
}

export async function findUserByUsername(db: Kysely<Database>, username: string): Promise<User | null> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('username', '=', username).executeTakeFirst();
  return row ? rowToUser(row) : null;
}

/** The stored password hash of a user, for checking a password; null when there is no such user. */
export async function findPasswordHash(db: Kysely<Database>, id: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash ?? null;
}

/** Usernames of the given user ids (ids of deleted users are left out). */
export async function findUsernames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'username']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}

/** Insert a user; null when the username is taken (the unique index decides, so races are safe). */
export async function insertUser(
  db: Kysely<Database>,
  u: {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    officeId: string | null;
    locale: string;
    passwordHash: string;
    now: string;
  },
): Promise<User | null> {
  try {
    const row = await db
      .insertInto('users')
      .values({
        id: u.id,
        username: u.username,
        display_name: u.displayName,
        role: u.role,
        office_id: u.officeId,
        password_hash: u.passwordHash,
        failed_logins: 0,
        locked_until: null,
        locale: u.locale,
        version: 1,
        created_at: u.now,
        updated_at: u.now,
      })
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow();
    return rowToUser(row);
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/**
 * Apply changes to a user and bump its version. With `version`, only when the row still has
 * that version; resolves to null when it does not (or the user is gone).
 */
export async function updateUser(
  db: Kysely<Database>,
  id: string,
  version: number | null,
  changes: UserChanges,
  now: string,
): Promise<User | null> {
  const set: UserUpdate = { updated_at: now };
  if (changes.displayName !== undefined) set.display_name = changes.displayName;
  if (changes.role !== undefined) set.role = changes.role;
  if (changes.officeId !== undefined) set.office_id = changes.officeId;
  if (changes.locale !== undefined) set.locale = changes.locale;
  if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash;
  let query = db
    .updateTable('users')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id);
  if (version !== null) query = query.where('version', '=', version);
  const row = await query.returning(USER_COLUMNS).executeTakeFirst();
  return row ? rowToUser(row) : null;
}

/** Clear a user's lock and failed-login count; null when there is no such user. */
export async function clearLock(db: Kysely<Database>, id: string): Promise<User | null> {
  const row = await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', id)
    .returning(USER_COLUMNS)
    .executeTakeFirst();
  return row ? rowToUser(row) : null;
}

/**
 * The ids of the administrators, locked until the transaction ends on PostgreSQL so that two
 * admins demoted at once cannot both see the other one as the remaining admin. SQLite runs
 * one write transaction at a time and knows no FOR UPDATE.
 */
export async function lockAdminIds(db: Kysely<Database>): Promise<string[]> {
  const query = db.selectFrom('users').select('id').where('role', '=', 'admin');
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const rows = await (postgres ? query.forUpdate() : query).execute();
  return rows.map((r) => r.id);
}

// Offices belong to the offices module; these two reads are here because accounts only need to
// know that an office exists, and the CLI finds one by its name.

export async function officeExists(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom('offices').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** The id of the office with this exact name, or with this id; null when none. */
export async function findOfficeIdByNameOrId(db: Kysely<Database>, nameOrId: string): Promise<string | null> {
  const byName = await db.selectFrom('offices').select('id').where('name', '=', nameOrId).executeTakeFirst();
  if (byName) return byName.id;
  return (await officeExists(db, nameOrId)) ? nameOrId : null;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // PostgreSQL's unique_violation, and better-sqlite3's extended result code.
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

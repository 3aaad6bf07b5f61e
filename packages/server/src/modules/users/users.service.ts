import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import { type Database, ROLES, type Role } from '../../db/schema.ts';
import type { SessionUser } from '../../http/access.ts';
import { AppError, notFound, staleVersion, type Words } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { recordFailedLogin } from '../auth/auth.service.ts';
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from '../auth/passwords.ts';
import { deleteUserSessions } from '../auth/sessions.repository.ts';
import type { User } from './users.repository.ts';
import * as repo from './users.repository.ts';

export type { User } from './users.repository.ts';

/** Letters, digits, `_`, `.`, `-` or Chinese characters, 2 to 50 of them. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.\-\p{Script=Han}]{2,50}$/u;
export const DISPLAY_NAME_MAX = 100;
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const USER: Words = { en: 'User', zh: '用户' };
const THIS_USER: Words = { en: 'This user', zh: '该用户' };

/** The roles as the Chinese UI names them, for messages that list them. */
const ROLE_NAMES_ZH: Record<Role, string> = {
  admin: '管理员',
  reporter: '报送员',
  leader: '领导',
  inspector: '督查员',
};

/** Who makes a change: a signed-in user, or null for the command line. */
export type Actor = Pick<SessionUser, 'id'> | null;

/** Every user, without password hashes. */
export function listUsers(db: Kysely<Database>): Promise<User[]> {
  return repo.listUsers(db);
}

/** One user; not-found when there is none. */
export async function getUser(db: Kysely<Database>, id: string): Promise<User> {
  const user = await repo.findUser(db, id);
  if (!user) throw notFound(USER);
  return user;
}

/** Usernames by user id, for showing who did something. */
export function usernamesByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  return repo.findUsernames(db, [...new Set(ids)]);
}

/** The id of the office with this exact name or id; null when there is none (for the CLI). */
export function findOfficeId(db: Kysely<Database>, nameOrId: string): Promise<string | null> {
  return repo.findOfficeIdByNameOrId(db, nameOrId);
}

/**
 * Create an account. A reporter must belong to an existing office; usernames are unique
 * (conflict otherwise). Audited with the actor, null when made from the command line.
 */
export async function createUser(
  db: Kysely<Database>,
  actor: Actor,
  props: {
    username: string;
    displayName: string;
    role: Role;
    officeId?: string | null;
    password: string;
    locale?: Locale;
  },
): Promise<User> {
  const username = checkUsername(props.username);
  const displayName = checkDisplayName(props.displayName);
  const role = checkRole(props.role);
  const officeId = props.officeId ?? null;
  checkOfficeForRole(role, officeId);
  const locale = checkLocale(props.locale ?? 'zh-CN');
  const passwordHash = await hashPassword(checkPassword(props.password, 'password'));
  return db.transaction().execute(async (trx) => {
    if (officeId !== null) await checkOfficeExists(trx, officeId);
    if (await repo.findUserByUsername(trx, username)) throw usernameTaken(username);
    const user = await repo.insertUser(trx, {
      id: newId(),
      username,
      displayName,
      role,
      officeId,
      locale,
      passwordHash,
      now: new Date().toISOString(),
    });
    if (!user) throw usernameTaken(username);
    await insertAudit(trx, {
      userId: actor?.id ?? null,
      action: 'create',
      entity: 'user',
      entityId: user.id,
      after: user,
    });
    return user;
  });
}

/**
 * An administrator's edit of an account: display name, role, office, locale. The last
 * administrator may not lose the role (conflict); a stale version is refused.
 */
export async function updateUser(
  db: Kysely<Database>,
  actor: Actor,
  props: {
    id: string;
    version: number;
    displayName?: string | undefined;
    role?: Role | undefined;
    officeId?: string | null | undefined;
    locale?: Locale | undefined;
  },
): Promise<User> {
  const changes = {
    ...(props.displayName !== undefined ? { displayName: checkDisplayName(props.displayName) } : {}),
    ...(props.role !== undefined ? { role: checkRole(props.role) } : {}),
    ...(props.officeId !== undefined ? { officeId: props.officeId } : {}),
    ...(props.locale !== undefined ? { locale: checkLocale(props.locale) } : {}),
  };
  return db.transaction().execute(async (trx) => {
    const before = await repo.findUser(trx, props.id);
    if (!before) throw notFound(USER);
    if (before.version !== props.version) throw staleVersion(THIS_USER);
    const role = changes.role ?? before.role;
    const officeId = changes.officeId === undefined ? before.officeId : changes.officeId;
    checkOfficeForRole(role, officeId);
    if (officeId !== null && officeId !== before.officeId) await checkOfficeExists(trx, officeId);
    if (before.role === 'admin' && role !== 'admin') {
      const others = (await repo.lockAdminIds(trx)).filter((id) => id !== before.id);
      if (others.length === 0) {
        throw new AppError('conflict', {
          en: `${before.username} is the last administrator; make another user an administrator first`,
          zh: `${before.username} 是最后一名管理员,请先将其他用户设为管理员`,
        });
      }
    }
    return saveChanges(trx, actor, before, changes);
  });
}

/** The signed-in user's edit of their own display name and locale. */
export async function updateOwnProfile(
  db: Kysely<Database>,
  actor: SessionUser,
  props: { version: number; displayName?: string | undefined; locale?: Locale | undefined },
): Promise<User> {
  const changes = {
    ...(props.displayName !== undefined ? { displayName: checkDisplayName(props.displayName) } : {}),
    ...(props.locale !== undefined ? { locale: checkLocale(props.locale) } : {}),
  };
  return db.transaction().execute(async (trx) => {
    const before = await repo.findUser(trx, actor.id);
    if (!before) throw notFound(USER);
    if (before.version !== props.version) throw staleVersion({ en: 'Your profile', zh: '您的个人资料' });
    return saveChanges(trx, actor, before, changes);
  });
}

/**
 * An administrator sets a new password for a user; the user's sessions end (but for the
 * administrator's own, when they reset their own password).
 */
export async function resetPassword(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: { id: string; password: string },
): Promise<User> {
  const passwordHash = await hashPassword(checkPassword(props.password, 'password'));
  return db.transaction().execute(async (trx) => {
    const before = await repo.findUser(trx, props.id);
    if (!before) throw notFound(USER);
    return savePassword(trx, actor, before, passwordHash, actor?.id === before.id ? actor.sessionId : undefined);
  });
}

/**
 * The signed-in user changes their password, giving the current one. A wrong current password
 * counts as a failed login (five lock the account), so a stolen session cannot guess it freely.
 * The user's other sessions end.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  actor: SessionUser,
  props: { currentPassword: string; newPassword: string },
): Promise<User> {
  const newPassword = checkPassword(props.newPassword, 'newPassword');
  const now = new Date();
  const user = await repo.findUser(db, actor.id);
  const storedHash = await repo.findPasswordHash(db, actor.id);
  if (!user || storedHash === null) throw notFound(USER);
  if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
    throw new AppError('locked', {
      en: `This account is locked after failed logins; try again after ${user.lockedUntil}`,
      zh: `该账号因多次登录失败已被锁定,请于 ${user.lockedUntil} 之后再试`,
    });
  }
  if (!(await verifyPassword(storedHash, props.currentPassword))) {
    if (await recordFailedLogin(db, actor.id, now)) {
      throw new AppError('locked', {
        en: 'Too many wrong passwords: this account is locked for a while',
        zh: '密码错误次数过多,该账号已被暂时锁定',
      });
    }
    throw new AppError('bad-input', { en: 'The current password is wrong', zh: '当前密码不正确' }, 'currentPassword');
  }
  const passwordHash = await hashPassword(newPassword);
  return db.transaction().execute(async (trx) => {
    const before = await repo.findUser(trx, actor.id);
    if (!before) throw notFound(USER);
    return savePassword(trx, actor, before, passwordHash, actor.sessionId);
  });
}

/** Lift a lock after failed logins and reset the count. */
export async function unlockUser(db: Kysely<Database>, actor: Actor, props: { id: string }): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const before = await repo.findUser(trx, props.id);
    if (!before) throw notFound(USER);
    const after = await repo.clearLock(trx, props.id);
    if (!after) throw notFound(USER);
    await insertAudit(trx, {
      userId: actor?.id ?? null,
      action: 'update',
      entity: 'user',
      entityId: after.id,
      before,
      after,
    });
    return after;
  });
}

async function saveChanges(
  trx: Kysely<Database>,
  actor: Actor,
  before: User,
  changes: repo.UserChanges,
): Promise<User> {
  const changed = (Object.keys(changes) as (keyof repo.UserChanges)[]).some(
    (k) => changes[k] !== before[k as keyof User],
  );
  // Saving what is already there is no edit: no new version, no audit record.
  if (!changed) return before;
  const after = await repo.updateUser(trx, before.id, before.version, changes, new Date().toISOString());
  if (!after) throw staleVersion(THIS_USER);
  await insertAudit(trx, {
    userId: actor?.id ?? null,
    action: 'update',
    entity: 'user',
    entityId: after.id,
    before,
    after,
  });
  return after;
}

async function savePassword(
  trx: Kysely<Database>,
  actor: Actor,
  before: User,
  passwordHash: string,
  keepSession: string | undefined,
): Promise<User> {
  const after = await repo.updateUser(trx, before.id, null, { passwordHash }, new Date().toISOString());
  if (!after) throw notFound(USER);
  await deleteUserSessions(trx, before.id, keepSession);
  // The audit says that the password changed, never what to: `User` carries no hash.
  await insertAudit(trx, {
    userId: actor?.id ?? null,
    action: 'update',
    entity: 'user',
    entityId: after.id,
    before,
    after: { ...after, passwordChanged: true },
  });
  return after;
}

function checkUsername(username: string): string {
  if (!USERNAME_PATTERN.test(username)) {
    throw new AppError(
      'bad-input',
      {
        en: 'A username has 2 to 50 letters, digits, Chinese characters, or the signs _ . -',
        zh: '用户名由 2 到 50 个字母、数字、汉字或 _ . - 组成',
      },
      'username',
    );
  }
  return username;
}

function checkDisplayName(displayName: string): string {
  const name = displayName.trim();
  if (name.length === 0 || name.length > DISPLAY_NAME_MAX) {
    throw new AppError(
      'bad-input',
      { en: `A display name has 1 to ${DISPLAY_NAME_MAX} characters`, zh: `姓名应为 1 到 ${DISPLAY_NAME_MAX} 个字符` },
      'displayName',
    );
  }
  return name;
}

function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new AppError(
      'bad-input',
      {
        en: `The role must be one of ${ROLES.join(', ')}`,
        zh: `角色须为以下之一:${ROLES.map((r) => `${r}(${ROLE_NAMES_ZH[r]})`).join('、')}`,
      },
      'role',
    );
  }
  return role as Role;
}

function checkLocale(locale: string): Locale {
  if (!(LOCALES as readonly string[]).includes(locale)) {
    throw new AppError(
      'bad-input',
      { en: `The locale must be one of ${LOCALES.join(', ')}`, zh: `界面语言须为以下之一:${LOCALES.join('、')}` },
      'locale',
    );
  }
  return locale as Locale;
}

/** The password itself, when its length is acceptable. */
export function checkPassword(password: string, field: string): string {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new AppError(
      'bad-input',
      {
        en: `A password has ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`,
        zh: `密码应为 ${PASSWORD_MIN} 到 ${PASSWORD_MAX} 个字符`,
      },
      field,
    );
  }
  return password;
}

function checkOfficeForRole(role: Role, officeId: string | null): void {
  if (role === 'reporter' && officeId === null) {
    throw new AppError(
      'bad-input',
      { en: 'A reporter must belong to an office: choose one', zh: '报送员必须有所属单位,请选择单位' },
      'officeId',
    );
  }
}

async function checkOfficeExists(trx: Kysely<Database>, officeId: string): Promise<void> {
  if (!(await repo.officeExists(trx, officeId))) {
    throw new AppError(
      'bad-input',
      { en: `There is no office with id ${officeId}`, zh: `找不到编号为 ${officeId} 的单位` },
      'officeId',
    );
  }
}

function usernameTaken(username: string): AppError {
  return new AppError(
    'conflict',
    { en: `The username ${username} is taken`, zh: `用户名 ${username} 已被占用` },
    'username',
  );
}

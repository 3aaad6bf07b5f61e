import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SessionUser } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { verifyPassword } from './passwords.ts';
import { deleteSession, insertSession, newSessionToken } from './sessions.repository.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: {
    id: string;
    username: string;
    displayName: string;
    role: string;
    officeId: string | null;
    locale: string;
  };
}

const WRONG = { en: 'Wrong username or password', zh: '用户名或密码错误' };

/**
 * Check a username and password and open a session. Five failures in a row lock the account
 * for fifteen minutes; the lock, like every login, is audited.
 */
export async function login(
  db: Kysely<Database>,
  props: { username: string; password: string; sessionHours: number; now?: Date },
): Promise<LoginResult> {
  const now = props.now ?? new Date();
  const user = await db.selectFrom('users').selectAll().where('username', '=', props.username).executeTakeFirst();
  if (!user) {
    // Spend the time a real check takes, so response times do not tell which names exist.
    await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$ZmFrZWhhc2hmYWtlaGFzaA', props.password);
    throw new AppError('unauthenticated', WRONG);
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    throw new AppError('locked', {
      en: `This account is locked after ${MAX_FAILED_LOGINS} failed logins; try again after ${user.locked_until}`,
      zh: `该账号连续 ${MAX_FAILED_LOGINS} 次登录失败,已被锁定,请于 ${user.locked_until} 之后再试`,
    });
  }
  if (!(await verifyPassword(user.password_hash, props.password))) {
    const lockedUntil = await recordFailedLogin(db, user.id, now);
    if (lockedUntil)
      throw new AppError('locked', {
        en: `Too many failed logins: this account is locked for ${LOCK_MINUTES} minutes`,
        zh: `登录失败次数过多,该账号已被锁定 ${LOCK_MINUTES} 分钟`,
      });
    throw new AppError('unauthenticated', WRONG);
  }
  const { token, id } = newSessionToken();
  const expiresAt = new Date(now.getTime() + props.sessionHours * 3_600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await insertSession(trx, { id, userId: user.id, createdAt: now.toISOString(), expiresAt });
    await insertAudit(trx, { userId: user.id, action: 'login', entity: 'session', entityId: id.slice(0, 12) });
  });
  return {
    token,
    expiresAt,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      officeId: user.office_id,
      locale: user.locale,
    },
  };
}

/**
 * Count one wrong password for a user; the fifth in a row locks the account for fifteen minutes
 * (audited). Resolves to the time the lock ends, or null when the account is not locked.
 */
export async function recordFailedLogin(db: Kysely<Database>, userId: string, now: Date): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    // Counted in SQL, not read-then-written: guesses sent in parallel must each count.
    const row = await trx
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', userId)
      .returning(['failed_logins', 'locked_until'])
      .executeTakeFirst();
    if (!row || row.failed_logins < MAX_FAILED_LOGINS) return null;
    const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: lockedUntil })
      .where('id', '=', userId)
      .execute();
    await insertAudit(trx, {
      userId: null,
      action: 'lock',
      entity: 'user',
      entityId: userId,
      before: { locked_until: row.locked_until },
      after: { locked_until: lockedUntil },
    });
    return lockedUntil;
  });
}

/** End the caller's session. */
export async function logout(db: Kysely<Database>, actor: SessionUser): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, actor.sessionId);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'logout',
      entity: 'session',
      entityId: actor.sessionId.slice(0, 12),
    });
  });
}

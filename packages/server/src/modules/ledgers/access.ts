import type { SessionUser } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';

/** The acting user as the ledgers need them. */
export type LedgerActor = Pick<SessionUser, 'id' | 'role' | 'officeId'>;

/** Admins, leaders and inspectors read every office's entries; a reporter only their office's. */
export function readsAll(actor: LedgerActor): boolean {
  return actor.role !== 'reporter';
}

/** The office whose entries a reader is limited to; undefined when they read all. */
export function readScope(actor: LedgerActor): string | undefined {
  // A reporter without an office sees nothing: an id no row has.
  return readsAll(actor) ? undefined : (actor.officeId ?? '');
}

export function canRead(actor: LedgerActor, officeId: string | null): boolean {
  return readsAll(actor) || (officeId !== null && officeId === actor.officeId);
}

/** Admins write any office's entries; others only their own office's. */
export function checkOfficeWrite(actor: LedgerActor, officeId: string | null): void {
  if (actor.role === 'admin') return;
  if (actor.officeId === null) {
    throw new AppError('forbidden', { en: 'Your account belongs to no office', zh: '您的账号未关联单位' });
  }
  if (officeId !== actor.officeId) {
    throw new AppError('forbidden', {
      en: 'You may only write your own office’s entries',
      zh: '只能填写本单位的台账记录',
    });
  }
}

/** The acting user of a signed-in route (the access hook has refused anyone else). */
export function actorOf(user: SessionUser | null): LedgerActor {
  if (!user) throw new AppError('unauthenticated', { en: 'Please sign in first', zh: '请先登录' });
  return { id: user.id, role: user.role, officeId: user.officeId };
}

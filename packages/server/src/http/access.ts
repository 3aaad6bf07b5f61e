import type { Role } from '../db/schema.ts';

/** Who may call a route: everyone, any signed-in user, or the listed roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route states its access; routes that do not are refused (see app.ts). */
    access?: Access;
  }
  interface FastifyRequest {
    /** The signed-in user, set by the session hook; null when anonymous. */
    user: SessionUser | null;
  }
}

export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly officeId: string | null;
  readonly locale: string;
  readonly sessionId: string;
}

export const ADMIN: readonly Role[] = ['admin'];
export const READERS: readonly Role[] = ['admin', 'leader', 'inspector', 'reporter'];

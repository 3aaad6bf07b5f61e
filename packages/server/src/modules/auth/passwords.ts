import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id (the library's default algorithm; a test checks the `$argon2id$` prefix) with its
 * default cost (19 MiB, 2 passes): OWASP's minimum for argon2id.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed login, not a server error.
    return false;
  }
}

/** Passwords we accept: long enough to resist guessing, short enough to hash quickly. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

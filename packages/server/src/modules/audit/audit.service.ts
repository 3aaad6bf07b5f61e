import type { Kysely } from 'kysely';
import type { AuditRow, Database } from '../../db/schema.ts';
import { usernamesByIds } from '../users/users.service.ts';
import { type AuditQuery, listAudit } from './audit.repository.ts';

/** One audit record as the API shows it: who (with their username), what, and the change. */
export interface AuditRecord {
  readonly id: string;
  readonly at: string;
  readonly userId: string | null;
  /** The acting user's username; null for the system, the command line, or a deleted user. */
  readonly username: string | null;
  readonly action: AuditRow['action'];
  readonly entity: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditPage {
  readonly items: AuditRecord[];
  /** Pass as `before` for the next, older page; null when this page is the last. */
  readonly nextBefore: string | null;
}

/** Audit records, newest first, filtered, one page at a time. */
export async function listAuditRecords(db: Kysely<Database>, query: AuditQuery): Promise<AuditPage> {
  const rows = await listAudit(db, query);
  const names = await usernamesByIds(
    db,
    rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id])),
  );
  const items = rows.map(
    (r): AuditRecord => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      username: r.user_id === null ? null : (names.get(r.user_id) ?? null),
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: parseJson(r.before),
      after: parseJson(r.after),
    }),
  );
  const last = items.at(-1);
  return { items, nextBefore: items.length === query.limit && last ? last.id : null };
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    // Written by insertAudit as JSON; anything else is shown as it is rather than failing the page.
    return text;
  }
}

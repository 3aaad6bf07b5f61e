import type { Kysely } from 'kysely';
import type { AuditRow, Database } from '../../db/schema.ts';
import { usernamesByIds } from '../users/users.service.ts';
import { type AuditQuery, listAudit, listAuditEntities, namesOfIds } from './audit.repository.ts';

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
  /** The name of each office, group, user, plan, section, task or problem these records name by id. */
  readonly names: Record<string, string>;
}

/** Keys whose values are ids (`id`, `…Id`, `…Ids`, `…_id`, `createdBy`, `created_by` …). */
const ID_KEY = /^(id|.+Id|.+Ids|.+_id|.+By|.+_by|reopenedFrom)$/u;

/** Every id a record mentions: its subject and any id-valued field, at any depth. */
function idsIn(value: unknown, key = '', into: string[] = []): string[] {
  if (typeof value === 'string') {
    if (ID_KEY.test(key)) into.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) idsIn(v, key, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) idsIn(v, k, into);
  }
  return into;
}

/** The entity kinds the log holds, for the audit page's filter. */
export async function auditEntityKinds(db: Kysely<Database>): Promise<string[]> {
  return listAuditEntities(db);
}

/** Audit records, newest first, filtered, one page at a time. */
export async function listAuditRecords(db: Kysely<Database>, query: AuditQuery): Promise<AuditPage> {
  const rows = await listAudit(db, query);
  const usernames = await usernamesByIds(
    db,
    rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id])),
  );
  const items = rows.map(
    (r): AuditRecord => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      username: r.user_id === null ? null : (usernames.get(r.user_id) ?? null),
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: parseJson(r.before),
      after: parseJson(r.after),
    }),
  );
  const last = items.at(-1);
  const ids = items.flatMap((r) => [r.entityId, ...idsIn(r.before), ...idsIn(r.after)]);
  const names = Object.fromEntries(await namesOfIds(db, ids));
  return { items, nextBefore: items.length === query.limit && last ? last.id : null, names };
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

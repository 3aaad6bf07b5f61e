import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { AuditRow, Database } from '../../db/schema.ts';

export interface AuditEntry {
  readonly userId: string | null;
  readonly action: AuditRow['action'];
  readonly entity: string;
  readonly entityId: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Write one audit record; call it inside the transaction of the change it records. */
export async function insertAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: new Date().toISOString(),
      user_id: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export interface AuditQuery {
  readonly userId?: string | undefined;
  readonly entity?: string | undefined;
  readonly entityId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit: number;
  /** Return records older than this id (ids sort by time): the next page. */
  readonly before?: string | undefined;
}

/** Audit records, newest first. */
export async function listAudit(db: Kysely<Database>, q: AuditQuery): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.userId) query = query.where('user_id', '=', q.userId);
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<=', q.to);
  if (q.before) query = query.where('id', '<', q.before);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

/** Every entity kind the log holds, sorted: what the audit page's filter offers. */
export async function listAuditEntities(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('entity').distinct().orderBy('entity').execute();
  return rows.map((r) => r.entity);
}

/**
 * Names of the things these ids stand for, where the id is one of an office, an office group,
 * a user, a plan, a section, a task or a problem: what the audit page shows instead of ids.
 */
export async function namesOfIds(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const wanted = [...new Set(ids)];
  // Chunks keep each IN list well under SQLite's bound-parameter limit.
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500);
    const [offices, groups, users, plans, sections, tasks, problems] = await Promise.all([
      db.selectFrom('offices').select(['id', 'name']).where('id', 'in', chunk).execute(),
      db.selectFrom('office_groups').select(['id', 'name']).where('id', 'in', chunk).execute(),
      db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', chunk).execute(),
      db.selectFrom('plans').select(['id', 'title as name']).where('id', 'in', chunk).execute(),
      db.selectFrom('sections').select(['id', 'number', 'title']).where('id', 'in', chunk).execute(),
      db.selectFrom('tasks').select(['id', 'number', 'title']).where('id', 'in', chunk).execute(),
      db.selectFrom('problems').select(['id', 'title as name']).where('id', 'in', chunk).execute(),
    ]);
    for (const r of [...offices, ...groups, ...users, ...plans, ...problems]) names.set(r.id, r.name);
    for (const r of [...sections, ...tasks]) names.set(r.id, `${r.number} ${r.title}`.trim());
  }
  return names;
}

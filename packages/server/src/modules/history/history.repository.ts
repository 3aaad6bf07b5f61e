import type { Kysely } from 'kysely';
import type { AuditRow, Database } from '../../db/schema.ts';

/**
 * SQL of a task's page: where a task sits, and the audit records about it. The plans module
 * reads the task itself (getPlan); this only finds its plan and the ids it needs.
 */

/** The plan a task belongs to; null when there is no such task. */
export async function planIdOfTask(db: Kysely<Database>, taskId: string): Promise<string | null> {
  const row = await db.selectFrom('tasks').select('plan_id').where('id', '=', taskId).executeTakeFirst();
  return row?.plan_id ?? null;
}

/** The ids of a task's targets. */
export async function targetIdsOfTask(db: Kysely<Database>, taskId: string): Promise<string[]> {
  const rows = await db.selectFrom('targets').select('id').where('task_id', '=', taskId).execute();
  return rows.map((r) => r.id);
}

export interface TaskAuditScope {
  readonly taskId: string;
  readonly targetIds: readonly string[];
  readonly planId: string;
}

/**
 * The audit records of a task (its edits and assignment changes), of its targets, and the
 * creation of its plan (where the task came from), newest first: one query on the
 * (entity, entity_id) index.
 */
export async function auditOfTask(db: Kysely<Database>, scope: TaskAuditScope, limit: number): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('entity', '=', 'task'), eb('entity_id', '=', scope.taskId)]),
        ...(scope.targetIds.length > 0
          ? [eb.and([eb('entity', '=', 'target'), eb('entity_id', 'in', [...scope.targetIds])])]
          : []),
        eb.and([eb('entity', '=', 'plan'), eb('entity_id', '=', scope.planId), eb('action', '=', 'create')]),
      ]),
    )
    .where('action', 'in', ['create', 'update', 'delete'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

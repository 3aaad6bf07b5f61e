import type { Kysely } from 'kysely';
import type { Database, NewTargetRow } from '../../db/schema.ts';

/** Reads and writes of the target-fit edits (baseline, offices, label, split); the rest is in plans.repository. */

/** A task's lead offices, groups expanded to their members, in the task's order: who answers for its targets by default. */
export async function leadOfficesOfTask(db: Kysely<Database>, taskId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('task_assignments')
    .leftJoin('office_group_members', 'office_group_members.group_id', 'task_assignments.group_id')
    .select(['task_assignments.office_id', 'office_group_members.office_id as member_id'])
    .where('task_assignments.task_id', '=', taskId)
    .where('task_assignments.role', '=', 'lead')
    .orderBy('task_assignments.position')
    .execute();
  const out: string[] = [];
  for (const r of rows) {
    const id = r.office_id ?? r.member_id;
    if (id !== null && !out.includes(id)) out.push(id);
  }
  return out;
}

/** Which of `ids` name offices. */
export async function existingOffices(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('offices')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Move the task's targets after `position` down by `by` places, to make room for a split's parts. */
export async function shiftTargets(db: Kysely<Database>, taskId: string, position: number, by: number): Promise<void> {
  await db
    .updateTable('targets')
    .set((eb) => ({ position: eb('position', '+', by) }))
    .where('task_id', '=', taskId)
    .where('position', '>', position)
    .execute();
}

export async function insertTargetRows(db: Kysely<Database>, rows: readonly NewTargetRow[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('targets')
      .values([...rows])
      .execute();
}

/** The stored row of a target, for a split to copy. */
export function targetRow(db: Kysely<Database>, id: string) {
  return db.selectFrom('targets').selectAll().where('id', '=', id).executeTakeFirst();
}

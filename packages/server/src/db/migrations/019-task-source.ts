import type { Kysely } from 'kysely';

/**
 * Issue 10, edits after import: a task added on a live plan, such as one a leader assigns
 * mid-year (领导交办), says where it came from and from when it is owed. Null on the tasks the
 * document gave: those run from the plan's own start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tasks')
    // The document or meeting that gave the task (区委常委会议纪要〔2007〕12号).
    .addColumn('source', 'text')
    .execute();
  // Separate statements: SQLite adds one column per ALTER TABLE.
  await db.schema
    .alterTable('tasks')
    // Who assigned it (区委副书记王建国).
    .addColumn('assigned_by', 'text')
    .execute();
  await db.schema
    .alterTable('tasks')
    // ISO date from which its reports are owed.
    .addColumn('start_date', 'text')
    .execute();
}

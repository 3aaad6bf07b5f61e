import type { Kysely } from 'kysely';

/**
 * Targets that fit a 工作要点 (issue 10): a change target's baseline (上年基数) and where it came
 * from; the offices asked for a target's figure, as a JSON array of office ids, the primary (主责)
 * first (null: the task's lead offices); and a short label a person gave it, to tell it from its
 * siblings (null: derived from its text). One column a statement: SQLite adds them one by one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('targets').addColumn('baseline_value', 'double precision').execute();
  await db.schema.alterTable('targets').addColumn('baseline_source', 'text').execute();
  await db.schema.alterTable('targets').addColumn('offices', 'text').execute();
  await db.schema.alterTable('targets').addColumn('label', 'text').execute();
}

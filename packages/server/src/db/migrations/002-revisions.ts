import { type Kysely, sql } from 'kysely';

/**
 * Revisions for caches that must stay right with several server instances on one database:
 * `plans.revision` counts changes to anything a plan read shows of that plan (its own fields,
 * sections, tasks, targets, assignments), and the `revisions` row named 'directory' counts
 * changes to the office directory (names, kinds and group members appear in plan reads too).
 * Separate from `version`, which guards edits of the row itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('plans')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('revisions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into revisions (name, revision) values ('directory', 1)`.execute(db);
}

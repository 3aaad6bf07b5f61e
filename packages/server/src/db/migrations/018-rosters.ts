import type { Kysely } from 'kysely';

/**
 * Issue 10, rosters: the people frequency targets judge, by category (区级领导, 驻社区干部 …),
 * and the subject a frequency target binds (a roster category, a unit class, a group, the task's
 * leads), stored on the target so that the plan office can correct what was read from its text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('roster_people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('office_id', 'text', (c) => c.references('offices.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One person once in a category: an import that meets them again updates them instead.
  await db.schema
    .createIndex('roster_people_category_name')
    .on('roster_people')
    .columns(['category', 'name'])
    .unique()
    .execute();
  // Null: read from the target's text when judged (targets stored before this migration).
  await db.schema.alterTable('targets').addColumn('subject', 'text').execute();
}

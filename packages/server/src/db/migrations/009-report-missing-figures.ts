import type { Kysely } from 'kysely';

/**
 * A report may be handed in without a figure for a target when it says why: the reasons, as JSON
 * [{ "targetId", "reason" }], kept on the report (they travel with it into its history).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('reports')
    .addColumn('missing_figures', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

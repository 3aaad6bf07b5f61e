import type { Kysely } from 'kysely';

/**
 * The plan office of a plan (区委基层办 for the example): the office that runs it. Its own
 * reports are reviewed by a leader, not by itself, and the league does not rank it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('plan_settings')
    .addColumn('plan_office_id', 'text', (c) => c.references('offices.id').onDelete('set null'))
    .execute();
}

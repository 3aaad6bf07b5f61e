import type { Kysely } from 'kysely';

/**
 * An office's problems by when they were recorded and closed: the problem trend counts a
 * reporter's office month by month, each month a short stretch of one of these indexes read
 * alone. The office's index of 004 is the first column of the first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('problems_owner').execute();
  await db.schema
    .createIndex('problems_owner_created')
    .on('problems')
    .columns(['owner_office_id', 'created_at', 'category'])
    .execute();
  await db.schema
    .createIndex('problems_owner_closed')
    .on('problems')
    .columns(['owner_office_id', 'closed_at', 'category'])
    .execute();
}

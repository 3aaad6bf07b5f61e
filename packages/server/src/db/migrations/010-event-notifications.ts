import { type Kysely, sql } from 'kysely';

/**
 * Notifications of events (a report returned, an order urged …) may repeat on one subject: the
 * once-only key of 006 now holds for the daily job's kinds alone. And a group robot's test
 * messages are recorded, as deliveries are, without a notification behind them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('notifications_once').execute();
  // A partial index: both SQLite and PostgreSQL take it, with the kinds written as literals.
  await sql`create unique index notifications_once on notifications (kind, subject_id, office_id, period_key) where kind in ('report-due', 'report-late', 'order-overdue')`.execute(
    db,
  );

  await db.schema
    .createTable('webhook_tests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('webhook_tests_webhook').on('webhook_tests').columns(['webhook_id', 'at']).execute();
}

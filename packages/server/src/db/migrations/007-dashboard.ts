import { type Kysely, sql } from 'kysely';

/** When a problem closed (for problems opened vs closed over time), and indexes the dashboards read by. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('problems').addColumn('closed_at', 'text').execute();
  // A problem closed before this column existed was last changed when it closed.
  await sql`update problems set closed_at = updated_at where status = 'closed'`.execute(db);

  // Problems opened and closed by day and category: both read from the index alone.
  await db.schema.createIndex('problems_created').on('problems').columns(['created_at', 'category']).execute();
  await db.schema.createIndex('problems_closed').on('problems').columns(['closed_at', 'category']).execute();
  // Open and overdue orders of each lead office (league), and of a plan's tasks (status, dashboard).
  // The lead office's index of 004 is the first column of the new one.
  await db.schema.dropIndex('orders_lead').execute();
  await db.schema
    .createIndex('orders_lead_state')
    .on('orders')
    .columns(['lead_office_id', 'state', 'deadline'])
    .execute();
  await db.schema.createIndex('orders_task_state').on('orders').columns(['task_id', 'state', 'deadline']).execute();
  // A plan's reports of a year and their figures, read from the indexes alone (not the narratives).
  await db.schema
    .createIndex('reports_task_period')
    .on('reports')
    .columns(['task_id', 'period_key', 'status', 'office_id', 'submitted_at', 'id'])
    .execute();
  await db.schema
    .createIndex('report_figures_report')
    .on('report_figures')
    .columns(['report_id', 'target_id', 'cumulative', 'value', 'numerator', 'denominator'])
    .execute();
}

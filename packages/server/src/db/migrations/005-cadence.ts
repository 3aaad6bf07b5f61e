import type { Kysely } from 'kysely';

/** Reporting cadence per plan, report exceptions. Types every dialect knows. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plan_settings')
    .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id').onDelete('cascade'))
    .addColumn('cadence', 'text', (c) => c.notNull().defaultTo('monthly'))
    .addColumn('due_working_days', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('lock_days', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('report_exceptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id').onDelete('cascade'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_exceptions_plan')
    .on('report_exceptions')
    .columns(['plan_id', 'office_id', 'period_key'])
    .execute();
}

import type { Kysely } from 'kysely';

/** Progress reporting: reports, their figures, their history and evidence files. Types every dialect knows. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('good_practice', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('good_practice_summary', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('due_date', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reports_task_office_period', ['task_id', 'office_id', 'period_key'])
    .execute();
  await db.schema.createIndex('reports_office').on('reports').columns(['office_id', 'period_key']).execute();
  await db.schema.createIndex('reports_period').on('reports').columns(['period_key', 'status']).execute();

  await db.schema
    .createTable('report_figures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('target_id', 'text', (c) => c.notNull().references('targets.id').onDelete('cascade'))
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('numerator', 'double precision')
    .addColumn('denominator', 'double precision')
    .addColumn('cumulative', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('report_figures_target', ['report_id', 'target_id'])
    .execute();

  await db.schema
    .createTable('report_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_events_report').on('report_events').columns(['report_id', 'id']).execute();

  await db.schema
    .createTable('evidence_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_files_report').on('evidence_files').columns(['report_id', 'id']).execute();
}

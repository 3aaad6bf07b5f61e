import type { Kysely } from 'kysely';

/**
 * Issue 10: milestones (节点任务), the deliverables a task promises (出台办法, 建成, 成立, 试点),
 * each with a due date, an owner office, evidence and a state the plan office confirms.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due', 'text')
    .addColumn('owner_office_id', 'text', (c) => c.references('offices.id').onDelete('set null'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('not-started'))
    .addColumn('note', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('milestones_task').on('milestones').columns(['task_id', 'position']).execute();

  await db.schema
    .createTable('milestone_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('milestone_id', 'text', (c) => c.notNull().references('milestones.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('milestone_evidence_milestone').on('milestone_evidence').column('milestone_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('milestone_evidence').execute();
  await db.schema.dropTable('milestones').execute();
}

import type { CreateTableBuilder, Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: the builder's table and column names are open here
type Builder = CreateTableBuilder<any, any>;

/** The columns every office ledger row has. */
function base(b: Builder): Builder {
  return b
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
}

/** Ledgers (台账), the problem ledger and supervision orders. Types every dialect knows. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await base(
    db.schema
      .createTable('links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person', 'text', (c) => c.notNull())
      .addColumn('person_title', 'text', (c) => c.notNull())
      .addColumn('office_id', 'text', (c) => c.references('offices.id'))
      .addColumn('community_office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('since', 'text'),
  ).execute();

  await base(
    db.schema
      .createTable('visits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('link_id', 'text', (c) => c.references('links.id'))
      .addColumn('person', 'text', (c) => c.notNull())
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('community_office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('duration_hours', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('problems_raised', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('visits_office').on('visits').columns(['office_id', 'date']).execute();

  await base(
    db.schema
      .createTable('diaries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('cadre', 'text', (c) => c.notNull())
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('problems_raised', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('diaries_office').on('diaries').columns(['office_id', 'date']).execute();

  await base(
    db.schema
      .createTable('meetings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('attendance', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await base(
    db.schema
      .createTable('trainings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('attendees', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await db.schema
    .createTable('problems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('owner_office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('deadline', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reopened_from', 'text', (c) => c.references('problems.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('problems_owner').on('problems').column('owner_office_id').execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('lead_office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('support_office_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('rectified_by', 'text', (c) => c.references('users.id'))
    .addColumn('verified_by', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_lead').on('orders').column('lead_office_id').execute();

  await db.schema
    .createTable('order_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('order_events_order').on('order_events').columns(['order_id', 'id']).execute();
}

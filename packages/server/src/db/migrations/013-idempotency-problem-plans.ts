import { type Kysely, sql } from 'kysely';

/**
 * Issue 9: request keys that make a create idempotent; the plan a problem belongs to; a
 * problem's history (assigned, closed with a note…).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per (user, route, key): the first answer, replayed to a repeat for a day.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    // Null while the first request is still being handled.
    .addColumn('status', 'integer')
    .addColumn('response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'route', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();

  await db.schema
    .alterTable('problems')
    .addColumn('plan_id', 'text', (c) => c.references('plans.id'))
    .execute();
  await backfillProblemPlans(db);
  await db.schema.createIndex('problems_plan_created').on('problems').columns(['plan_id', 'created_at']).execute();
  await db.schema.createIndex('problems_plan_closed').on('problems').columns(['plan_id', 'closed_at']).execute();

  await db.schema
    .createTable('problem_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    /** JSON of the fields the step changed: { field: [before, after] }. */
    .addColumn('changes', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('problem_events_problem').on('problem_events').columns(['problem_id', 'id']).execute();
}

/**
 * Give each problem without a plan the plan it belongs to: the plan of the task an order on it
 * names; else the plan of the year it was recorded in (the year of its UTC timestamp; the
 * earliest imported of that year: planOfDate in packages/core is the same rule for new problems);
 * else none.
 */
export async function backfillProblemPlans(db: Kysely<unknown>): Promise<void> {
  await sql`update problems set plan_id = (
      select t.plan_id from orders o join tasks t on t.id = o.task_id
      where o.problem_id = problems.id order by o.created_at limit 1)
    where plan_id is null`.execute(db);
  await sql`update problems set plan_id = (
      select p.id from plans p
      where p.year = cast(substr(problems.created_at, 1, 4) as integer)
      order by p.created_at, p.id limit 1)
    where plan_id is null`.execute(db);
}

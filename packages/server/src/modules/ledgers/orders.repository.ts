import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type {
  OrderEventTable,
  OrderState,
  OrderTable,
  ProblemEventTable,
  ProblemTable,
} from '../../db/tables/ledgers.ts';

/** A problem of the problem ledger (问题台账). */
export interface Problem {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly category: ProblemTable['category'];
  readonly place: string;
  readonly source: ProblemTable['source'];
  readonly sourceId: string | null;
  readonly ownerOfficeId: string;
  /** The plan it belongs to; null: none. */
  readonly planId: string | null;
  readonly deadline: string | null;
  readonly status: ProblemTable['status'];
  readonly reopenedFrom: string | null;
  /** When it closed; null while it is open or in progress. */
  readonly closedAt: string | null;
  readonly version: number;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A supervision order (督办单). */
export interface Order {
  readonly id: string;
  readonly problemId: string | null;
  readonly taskId: string | null;
  readonly leadOfficeId: string;
  readonly supportOfficeIds: readonly string[];
  readonly deadline: string;
  readonly state: OrderState;
  readonly urgedLevel: number;
  readonly createdBy: string | null;
  readonly approvedBy: string | null;
  readonly rectifiedBy: string | null;
  readonly verifiedBy: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface OrderEvent {
  readonly id: string;
  readonly orderId: string;
  readonly at: string;
  readonly userId: string | null;
  readonly action: string;
  readonly comment: string | null;
  readonly attachments: readonly string[];
}

/** An order event as read: with the display name of who acted (null: no user, or deleted). */
export interface OrderEventView extends OrderEvent {
  readonly userName: string | null;
}

function problemOf(r: Selectable<ProblemTable>): Problem {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    category: r.category,
    place: r.place,
    source: r.source,
    sourceId: r.source_id,
    ownerOfficeId: r.owner_office_id,
    planId: r.plan_id,
    deadline: r.deadline,
    status: r.status,
    reopenedFrom: r.reopened_from,
    closedAt: r.closed_at,
    version: Number(r.version),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function problemRow(p: Problem): ProblemTable {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    category: p.category,
    place: p.place,
    source: p.source,
    source_id: p.sourceId,
    owner_office_id: p.ownerOfficeId,
    plan_id: p.planId,
    deadline: p.deadline,
    status: p.status,
    reopened_from: p.reopenedFrom,
    closed_at: p.closedAt,
    version: p.version,
    created_by: p.createdBy,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

function stringList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function orderOf(r: Selectable<OrderTable>): Order {
  return {
    id: r.id,
    problemId: r.problem_id,
    taskId: r.task_id,
    leadOfficeId: r.lead_office_id,
    supportOfficeIds: stringList(r.support_office_ids),
    deadline: r.deadline,
    state: r.state,
    urgedLevel: Number(r.escalation_level),
    createdBy: r.created_by,
    approvedBy: r.approved_by,
    rectifiedBy: r.rectified_by,
    verifiedBy: r.verified_by,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function orderRow(o: Order): OrderTable {
  return {
    id: o.id,
    problem_id: o.problemId,
    task_id: o.taskId,
    lead_office_id: o.leadOfficeId,
    support_office_ids: JSON.stringify(o.supportOfficeIds),
    deadline: o.deadline,
    state: o.state,
    escalation_level: o.urgedLevel,
    created_by: o.createdBy,
    approved_by: o.approvedBy,
    rectified_by: o.rectifiedBy,
    verified_by: o.verifiedBy,
    version: o.version,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
  };
}

function eventOf(r: Selectable<OrderEventTable>): OrderEvent {
  return {
    id: r.id,
    orderId: r.order_id,
    at: r.at,
    userId: r.user_id,
    action: r.action,
    comment: r.comment,
    attachments: stringList(r.attachments),
  };
}

export async function findProblem(db: Kysely<Database>, id: string): Promise<Problem | undefined> {
  const r = await db.selectFrom('problems').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? problemOf(r) : undefined;
}

export interface ProblemFilter {
  readonly officeId?: string | undefined;
  readonly planId?: string | undefined;
  readonly status?: ProblemTable['status'] | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

function problemQuery(db: Kysely<Database>, f: ProblemFilter) {
  let q = db.selectFrom('problems');
  if (f.officeId !== undefined) q = q.where('owner_office_id', '=', f.officeId);
  if (f.planId !== undefined) q = q.where('plan_id', '=', f.planId);
  if (f.status) q = q.where('status', '=', f.status);
  // created_at is a full ISO time: a date bound compares by its day.
  if (f.from) q = q.where('created_at', '>=', f.from.slice(0, 10));
  if (f.to) q = q.where('created_at', '<', `${f.to.slice(0, 10)}T99`);
  return q;
}

/** Problems, newest first. */
export async function listProblems(db: Kysely<Database>, f: ProblemFilter): Promise<Problem[]> {
  const rows = await problemQuery(db, f).selectAll().orderBy('id', 'desc').limit(5000).execute();
  return rows.map(problemOf);
}

/** The statuses of the problems recorded in a range, for counting raised and solved. */
export async function listProblemStatuses(db: Kysely<Database>, f: ProblemFilter): Promise<ProblemTable['status'][]> {
  const rows = await problemQuery(db, f).select('status').execute();
  return rows.map((r) => r.status);
}

export async function insertProblem(db: Kysely<Database>, p: Problem): Promise<void> {
  await db.insertInto('problems').values(problemRow(p)).execute();
}

/** Write a problem if its stored version is still `expectedVersion`; false when stale. */
export async function updateProblem(db: Kysely<Database>, p: Problem, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = problemRow(p);
  const r = await db
    .updateTable('problems')
    .set(rest)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findOrder(db: Kysely<Database>, id: string): Promise<Order | undefined> {
  const r = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? orderOf(r) : undefined;
}

export interface OrderFilter {
  readonly state?: OrderState | undefined;
  readonly problemId?: string | undefined;
}

/** Orders, newest first (office scoping is the service's: support offices sit in JSON). */
export async function listOrders(db: Kysely<Database>, f: OrderFilter): Promise<Order[]> {
  let q = db.selectFrom('orders').selectAll();
  if (f.state) q = q.where('state', '=', f.state);
  if (f.problemId) q = q.where('problem_id', '=', f.problemId);
  const rows = await q.orderBy('id', 'desc').limit(5000).execute();
  return rows.map(orderOf);
}

export async function insertOrder(db: Kysely<Database>, o: Order): Promise<void> {
  await db.insertInto('orders').values(orderRow(o)).execute();
}

/** Write an order if its stored version is still `expectedVersion`; false when stale. */
export async function updateOrder(db: Kysely<Database>, o: Order, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = orderRow(o);
  const r = await db
    .updateTable('orders')
    .set(rest)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertOrderEvent(db: Kysely<Database>, e: OrderEvent): Promise<void> {
  await db
    .insertInto('order_events')
    .values({
      id: e.id,
      order_id: e.orderId,
      at: e.at,
      user_id: e.userId,
      action: e.action,
      comment: e.comment,
      attachments: JSON.stringify(e.attachments),
    })
    .execute();
}

/** An order's events, oldest first, with who acted by name. */
export async function listOrderEvents(db: Kysely<Database>, orderId: string): Promise<OrderEventView[]> {
  const rows = await db
    .selectFrom('order_events')
    .leftJoin('users', 'users.id', 'order_events.user_id')
    .selectAll('order_events')
    .select('users.display_name as user_name')
    .where('order_events.order_id', '=', orderId)
    .orderBy('order_events.id')
    .execute();
  return rows.map(({ user_name, ...row }) => ({ ...eventOf(row), userName: user_name }));
}

/** Whether a plan task exists. */
export async function taskExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('tasks').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Open orders (anything short of closed) on each of the given problems; problems without any left out. */
export async function countOpenOrdersByProblem(
  db: Kysely<Database>,
  problemIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  // In slices: a long list of ids would pass the databases' limit on bound parameters.
  for (let i = 0; i < problemIds.length; i += 500) {
    const rows = await db
      .selectFrom('orders')
      .select(['problem_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('problem_id', 'in', problemIds.slice(i, i + 500))
      .where('state', '<>', 'closed')
      .groupBy('problem_id')
      .execute();
    for (const r of rows) if (r.problem_id !== null) counts.set(r.problem_id, Number(r.n));
  }
  return counts;
}

/** Plans with their year and when they were imported, for the plan a new problem belongs to. */
export async function listPlanYears(
  db: Kysely<Database>,
): Promise<{ id: string; year: number | null; createdAt: string }[]> {
  const rows = await db.selectFrom('plans').select(['id', 'year', 'created_at']).execute();
  return rows.map((r) => ({ id: r.id, year: r.year === null ? null : Number(r.year), createdAt: r.created_at }));
}

export async function planExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('plans').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** A step in a problem's history. */
export interface ProblemEvent {
  readonly id: string;
  readonly problemId: string;
  readonly at: string;
  readonly userId: string | null;
  readonly action: string;
  readonly comment: string | null;
  /** The fields the step changed: field → [before, after]. */
  readonly changes: Readonly<Record<string, readonly [unknown, unknown]>>;
}

export interface ProblemEventView extends ProblemEvent {
  readonly userName: string | null;
}

function problemEventOf(r: Selectable<ProblemEventTable>): ProblemEvent {
  let changes: Record<string, readonly [unknown, unknown]> = {};
  try {
    const v: unknown = JSON.parse(r.changes);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) changes = v as typeof changes;
  } catch {
    changes = {};
  }
  return {
    id: r.id,
    problemId: r.problem_id,
    at: r.at,
    userId: r.user_id,
    action: r.action,
    comment: r.comment,
    changes,
  };
}

export async function insertProblemEvent(db: Kysely<Database>, e: ProblemEvent): Promise<void> {
  await db
    .insertInto('problem_events')
    .values({
      id: e.id,
      problem_id: e.problemId,
      at: e.at,
      user_id: e.userId,
      action: e.action,
      comment: e.comment,
      changes: JSON.stringify(e.changes),
    })
    .execute();
}

/** A problem's history, oldest first, with who acted by name. */
export async function listProblemEvents(db: Kysely<Database>, problemId: string): Promise<ProblemEventView[]> {
  const rows = await db
    .selectFrom('problem_events')
    .leftJoin('users', 'users.id', 'problem_events.user_id')
    .selectAll('problem_events')
    .select('users.display_name as user_name')
    .where('problem_events.problem_id', '=', problemId)
    .orderBy('problem_events.id')
    .execute();
  return rows.map(({ user_name, ...row }) => ({ ...problemEventOf(row), userName: user_name }));
}

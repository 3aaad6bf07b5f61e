import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Database, Role } from '../../db/schema.ts';
import type { OrderState } from '../../db/tables/ledgers.ts';
import { AppError, notFound, staleVersion } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import type { LedgerActor } from './access.ts';
import { type Colour, escalationLevel, orderColour, todayInChina } from './deadlines.ts';
import { findOfficeKind } from './ledgers.repository.ts';
import {
  findOrder,
  findProblem,
  insertOrder,
  insertOrderEvent,
  listOrderEvents,
  listOrders,
  type Order,
  type OrderEvent,
  type OrderFilter,
  taskExists,
  updateOrder,
} from './orders.repository.ts';
import { followOrder } from './problems.service.ts';

export type { Order, OrderEvent } from './orders.repository.ts';

/** An order as read: with its colour and escalation level against today, never stored. */
export interface OrderView extends Order {
  readonly colour: Colour;
  readonly escalationLevel: number;
}

/** How a closed order reads: it is no longer late, whatever its deadline. */
export function viewOrder(o: Order, today: string = todayInChina()): OrderView {
  if (o.state === 'closed') return { ...o, colour: 'green', escalationLevel: 0 };
  return { ...o, colour: orderColour(o.deadline, today), escalationLevel: escalationLevel(o.deadline, today) };
}

function involves(o: Order, officeId: string | null): boolean {
  return officeId !== null && (o.leadOfficeId === officeId || o.supportOfficeIds.includes(officeId));
}

function canSee(actor: LedgerActor, o: Order): boolean {
  return actor.role !== 'reporter' || involves(o, actor.officeId);
}

/** Orders the actor may see (a reporter: where their office leads or supports), newest first. */
export async function listOrdersFor(
  db: Kysely<Database>,
  actor: LedgerActor,
  filter: OrderFilter & { colour?: Colour | undefined },
  today: string = todayInChina(),
): Promise<OrderView[]> {
  const orders = (await listOrders(db, filter)).filter((o) => canSee(actor, o)).map((o) => viewOrder(o, today));
  return filter.colour ? orders.filter((o) => o.colour === filter.colour) : orders;
}

/** One order with its events. */
export async function getOrder(
  db: Kysely<Database>,
  actor: LedgerActor,
  id: string,
  today: string = todayInChina(),
): Promise<{ order: OrderView; events: OrderEvent[] }> {
  const o = await findOrder(db, id);
  if (!o || !canSee(actor, o)) throw notFound('Supervision order');
  return { order: viewOrder(o, today), events: await listOrderEvents(db, o.id) };
}

export interface CreateOrderProps {
  readonly problemId?: string | null | undefined;
  readonly taskId?: string | null | undefined;
  readonly leadOfficeId: string;
  readonly supportOfficeIds?: readonly string[] | undefined;
  readonly deadline: string;
  readonly comment?: string | undefined;
}

/** Draft an order on a problem or a plan task (admins, inspectors); audited. */
export async function createOrder(db: Kysely<Database>, actor: LedgerActor, props: CreateOrderProps): Promise<Order> {
  if (actor.role !== 'admin' && actor.role !== 'inspector') {
    throw new AppError('forbidden', 'Only admins and inspectors draft supervision orders');
  }
  const problemId = props.problemId ?? null;
  const taskId = props.taskId ?? null;
  if (problemId === null && taskId === null) {
    throw new AppError(
      'bad-input',
      'An order is about a problem or a plan task: give problemId or taskId',
      'problemId',
    );
  }
  const support = [...new Set(props.supportOfficeIds ?? [])].filter((id) => id !== props.leadOfficeId);
  const now = new Date().toISOString();
  const order: Order = {
    id: newId(),
    problemId,
    taskId,
    leadOfficeId: props.leadOfficeId,
    supportOfficeIds: support,
    deadline: props.deadline,
    state: 'drafted',
    urgedLevel: 0,
    createdBy: actor.id,
    approvedBy: null,
    rectifiedBy: null,
    verifiedBy: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return db.transaction().execute(async (trx) => {
    if (problemId !== null && !(await findProblem(trx, problemId))) {
      throw new AppError('bad-input', `No problem with id ${problemId}`, 'problemId');
    }
    if (taskId !== null && !(await taskExists(trx, taskId))) {
      throw new AppError('bad-input', `No plan task with id ${taskId}`, 'taskId');
    }
    for (const [field, id] of [['leadOfficeId', order.leadOfficeId], ...support.map((s) => ['supportOfficeIds', s])]) {
      if (!(await findOfficeKind(trx, id as string))) throw new AppError('bad-input', `No office with id ${id}`, field);
    }
    await insertOrder(trx, order);
    await insertOrderEvent(trx, {
      id: newId(),
      orderId: order.id,
      at: now,
      userId: actor.id,
      action: 'draft',
      comment: props.comment ?? null,
      attachments: [],
    });
    await insertAudit(trx, { userId: actor.id, action: 'create', entity: 'order', entityId: order.id, after: order });
    return order;
  });
}

/** The workflow's steps: which states each leaves, where it goes, and who may take it. */
export const ORDER_STEPS = {
  approve: { from: ['drafted'], to: 'approved', roles: ['admin', 'leader'], leadOffice: false },
  issue: { from: ['approved'], to: 'issued', roles: ['admin', 'inspector'], leadOffice: false },
  sign: { from: ['issued'], to: 'signed', roles: ['admin', 'reporter'], leadOffice: true },
  feedback: { from: ['signed', 'handling'], to: 'handling', roles: ['admin', 'reporter'], leadOffice: true },
  rectify: { from: ['signed', 'handling'], to: 'rectified', roles: ['admin', 'reporter'], leadOffice: true },
  verify: { from: ['rectified'], to: 'verified', roles: ['admin', 'inspector'], leadOffice: false },
  return: { from: ['rectified'], to: 'handling', roles: ['admin', 'inspector'], leadOffice: false },
  close: { from: ['verified'], to: 'closed', roles: ['admin', 'inspector'], leadOffice: false },
} as const satisfies Record<
  string,
  { from: readonly OrderState[]; to: OrderState; roles: readonly Role[]; leadOffice: boolean }
>;
export type OrderStep = keyof typeof ORDER_STEPS;

/** Who may urge (催办): the supervisors and the leaders. */
export const URGERS: readonly Role[] = ['admin', 'leader', 'inspector'];

export interface StepProps {
  readonly id: string;
  readonly version: number;
  readonly comment?: string | undefined;
  readonly attachments?: readonly string[] | undefined;
}

/**
 * Move an order one step along its workflow, recording the step as an event: 403 for a role or
 * office that may not take it, 409 when the order is not in a state the step leaves. The person
 * who reported the rectification may not verify or return it. Audited, with the problem it
 * follows (signed: in progress; closed: closed).
 */
export async function stepOrder(
  db: Kysely<Database>,
  actor: LedgerActor,
  step: OrderStep,
  props: StepProps,
): Promise<Order> {
  const rule = ORDER_STEPS[step];
  return db.transaction().execute(async (trx) => {
    const before = await findOrder(trx, props.id);
    if (!before || !canSee(actor, before)) throw notFound('Supervision order');
    if (!(rule.roles as readonly Role[]).includes(actor.role)) {
      throw new AppError('forbidden', `Your role may not ${step} a supervision order`);
    }
    if (rule.leadOffice && actor.role !== 'admin' && actor.officeId !== before.leadOfficeId) {
      throw new AppError('forbidden', `Only the lead office may ${step} this order`);
    }
    if (!(rule.from as readonly OrderState[]).includes(before.state)) {
      throw new AppError(
        'conflict',
        `Cannot ${step} an order that is ${before.state}: it must be ${rule.from.join(' or ')}`,
      );
    }
    if ((step === 'verify' || step === 'return') && before.rectifiedBy === actor.id) {
      throw new AppError('forbidden', 'Whoever reported the rectification may not verify it; another inspector must');
    }
    if (step === 'return' && !props.comment?.trim()) {
      throw new AppError('bad-input', 'Say why the order goes back to handling', 'comment');
    }
    if (before.version !== props.version) throw staleVersion('The supervision order');
    const now = new Date().toISOString();
    const after: Order = {
      ...before,
      state: rule.to,
      approvedBy: step === 'approve' ? actor.id : before.approvedBy,
      rectifiedBy: step === 'rectify' ? actor.id : before.rectifiedBy,
      verifiedBy: step === 'verify' ? actor.id : before.verifiedBy,
      version: before.version + 1,
      updatedAt: now,
    };
    if (!(await updateOrder(trx, after, before.version))) throw staleVersion('The supervision order');
    await insertOrderEvent(trx, {
      id: newId(),
      orderId: after.id,
      at: now,
      userId: actor.id,
      action: step,
      comment: props.comment?.trim() || null,
      attachments: props.attachments ?? [],
    });
    await insertAudit(trx, { userId: actor.id, action: 'update', entity: 'order', entityId: after.id, before, after });
    if (after.problemId !== null) {
      if (step === 'sign') await followOrder(trx, actor.id, after.problemId, 'in-progress');
      if (step === 'close') await followOrder(trx, actor.id, after.problemId, 'closed');
    }
    return after;
  });
}

/**
 * Urge (催办) an open order: an event, and the order remembers the highest escalation level it
 * was urged at. 409 once it is closed. Audited.
 */
export async function urgeOrder(
  db: Kysely<Database>,
  actor: LedgerActor,
  props: { id: string; comment?: string | undefined },
  today: string = todayInChina(),
): Promise<Order> {
  if (!URGERS.includes(actor.role)) throw new AppError('forbidden', 'Your role may not urge a supervision order');
  return db.transaction().execute(async (trx) => {
    const before = await findOrder(trx, props.id);
    if (!before) throw notFound('Supervision order');
    if (before.state === 'closed') throw new AppError('conflict', 'The order is closed; there is nothing to urge');
    const now = new Date().toISOString();
    const level = Math.max(before.urgedLevel, escalationLevel(before.deadline, today));
    let after = before;
    if (level !== before.urgedLevel) {
      after = { ...before, urgedLevel: level, version: before.version + 1, updatedAt: now };
      if (!(await updateOrder(trx, after, before.version))) throw staleVersion('The supervision order');
    }
    const event: OrderEvent = {
      id: newId(),
      orderId: before.id,
      at: now,
      userId: actor.id,
      action: 'urge',
      comment: props.comment?.trim() || null,
      attachments: [],
    };
    await insertOrderEvent(trx, event);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'update',
      entity: 'order',
      entityId: before.id,
      before,
      after: { ...after, urged: event },
    });
    return after;
  });
}

import {
  type Clock,
  type Colour,
  chinaDate,
  chinaToday,
  escalationLevel,
  nowIso,
  orderColour,
  systemClock,
} from '@duban/core';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Database, Role } from '../../db/schema.ts';
import type { OrderState } from '../../db/tables/ledgers.ts';
import { AppError, notFound, staleVersion, type Words } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { notifyOrderEvent } from '../reminders/events.ts';
import type { LedgerActor } from './access.ts';
import { findOfficeKind } from './ledgers.repository.ts';
import {
  countOpenOrdersByProblem,
  findOrder,
  findProblem,
  insertOrder,
  insertOrderEvent,
  listOrderEvents,
  listOrders,
  type Order,
  type OrderEvent,
  type OrderEventView,
  type OrderFilter,
  taskExists,
  updateOrder,
} from './orders.repository.ts';
import { followOrder } from './problems.service.ts';

export type { Order, OrderEvent } from './orders.repository.ts';

const ORDER: Words = { en: 'Supervision order', zh: '督办单' };
const THE_ORDER: Words = { en: 'The supervision order', zh: '该督办单' };

/**
 * An order's event as read. An urge also says how far the order had escalated that day (China
 * time): the level follows from the deadline, so it is derived, not stored; null for other events.
 */
export interface OrderHistoryEvent extends OrderEventView {
  readonly level: number | null;
}

/** An order as read: with its colour and escalation level against today, never stored. */
export interface OrderView extends Order {
  readonly colour: Colour;
  readonly escalationLevel: number;
}

/** How a closed order reads: it is no longer late, whatever its deadline. */
export function viewOrder(o: Order, today: string): OrderView {
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
  today: string,
): Promise<OrderView[]> {
  const orders = (await listOrders(db, filter)).filter((o) => canSee(actor, o)).map((o) => viewOrder(o, today));
  return filter.colour ? orders.filter((o) => o.colour === filter.colour) : orders;
}

/** One order with its events. */
export async function getOrder(
  db: Kysely<Database>,
  actor: LedgerActor,
  id: string,
  today: string,
): Promise<{ order: OrderView; events: OrderHistoryEvent[] }> {
  const o = await findOrder(db, id);
  if (!o || !canSee(actor, o)) throw notFound(ORDER);
  const events = (await listOrderEvents(db, o.id)).map((e) => ({
    ...e,
    level: e.action === 'urge' ? escalationLevel(o.deadline, chinaDate(e.at)) : null,
  }));
  return { order: viewOrder(o, today), events };
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
export async function createOrder(
  db: Kysely<Database>,
  actor: LedgerActor,
  props: CreateOrderProps,
  clock: Clock = systemClock,
): Promise<Order> {
  if (actor.role !== 'admin' && actor.role !== 'inspector') {
    throw new AppError('forbidden', {
      en: 'Only admins and inspectors draft supervision orders',
      zh: '只有管理员和督查员可以起草督办单',
    });
  }
  const problemId = props.problemId ?? null;
  const taskId = props.taskId ?? null;
  if (problemId === null && taskId === null) {
    throw new AppError(
      'bad-input',
      {
        en: 'An order is about a problem or a plan task: give problemId or taskId',
        zh: '督办单须针对一个问题或一项工作事项,请选择问题或工作事项',
      },
      'problemId',
    );
  }
  const support = [...new Set(props.supportOfficeIds ?? [])].filter((id) => id !== props.leadOfficeId);
  const now = nowIso(clock);
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
      throw new AppError(
        'bad-input',
        { en: `No problem with id ${problemId}`, zh: `找不到编号为 ${problemId} 的问题` },
        'problemId',
      );
    }
    if (problemId !== null && ((await countOpenOrdersByProblem(trx, [problemId])).get(problemId) ?? 0) > 0) {
      throw new AppError('conflict', {
        en: 'The problem already has an open supervision order; follow that one up (urge it) instead of drafting another',
        zh: '该问题已有未销号的督办单,请跟进(催办)该督办单,不要重复起草',
      });
    }
    if (taskId !== null && !(await taskExists(trx, taskId))) {
      throw new AppError(
        'bad-input',
        { en: `No plan task with id ${taskId}`, zh: `找不到编号为 ${taskId} 的工作事项` },
        'taskId',
      );
    }
    for (const [field, id] of [['leadOfficeId', order.leadOfficeId], ...support.map((s) => ['supportOfficeIds', s])]) {
      if (!(await findOfficeKind(trx, id as string))) {
        throw new AppError('bad-input', { en: `No office with id ${id}`, zh: `找不到编号为 ${id} 的单位` }, field);
      }
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

/** The steps and states as the web UI names them. */
const STEP_ZH: Record<OrderStep, string> = {
  approve: '审批',
  issue: '下发',
  sign: '签收',
  feedback: '反馈进展',
  rectify: '报告办结',
  verify: '核验',
  return: '退回',
  close: '销号',
};
const STATE_ZH: Record<OrderState, string> = {
  drafted: '已起草',
  approved: '已审批',
  issued: '已下发',
  signed: '已签收',
  handling: '办理中',
  rectified: '已办结',
  verified: '已核验',
  closed: '已销号',
};

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
  clock: Clock = systemClock,
): Promise<Order> {
  const rule = ORDER_STEPS[step];
  return db.transaction().execute(async (trx) => {
    const before = await findOrder(trx, props.id);
    if (!before || !canSee(actor, before)) throw notFound(ORDER);
    if (!(rule.roles as readonly Role[]).includes(actor.role)) {
      throw new AppError('forbidden', {
        en: `Your role may not ${step} a supervision order`,
        zh: `您的角色不能对督办单进行“${STEP_ZH[step]}”操作`,
      });
    }
    if (rule.leadOffice && actor.role !== 'admin' && actor.officeId !== before.leadOfficeId) {
      throw new AppError('forbidden', {
        en: `Only the lead office may ${step} this order`,
        zh: `只有牵头单位可以对此督办单进行“${STEP_ZH[step]}”操作`,
      });
    }
    if (!(rule.from as readonly OrderState[]).includes(before.state)) {
      throw new AppError('conflict', {
        en: `Cannot ${step} an order that is ${before.state}: it must be ${rule.from.join(' or ')}`,
        zh: `此督办单当前为“${STATE_ZH[before.state]}”,不能进行“${STEP_ZH[step]}”操作;须为${rule.from.map((s) => `“${STATE_ZH[s]}”`).join('或')}`,
      });
    }
    if ((step === 'verify' || step === 'return') && before.rectifiedBy === actor.id) {
      throw new AppError('forbidden', {
        en: 'Whoever reported the rectification may not verify it; another inspector must',
        zh: '报告办结的人不能核验自己报告的办结,须由其他督查员核验',
      });
    }
    if (step === 'return' && !props.comment?.trim()) {
      throw new AppError(
        'bad-input',
        { en: 'Say why the order goes back to handling', zh: '请说明退回原因' },
        'comment',
      );
    }
    if (before.version !== props.version) throw staleVersion(THE_ORDER);
    const now = nowIso(clock);
    const after: Order = {
      ...before,
      state: rule.to,
      approvedBy: step === 'approve' ? actor.id : before.approvedBy,
      rectifiedBy: step === 'rectify' ? actor.id : before.rectifiedBy,
      verifiedBy: step === 'verify' ? actor.id : before.verifiedBy,
      version: before.version + 1,
      updatedAt: now,
    };
    if (!(await updateOrder(trx, after, before.version))) throw staleVersion(THE_ORDER);
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
    if (step === 'issue' || step === 'return') {
      await notifyOrderEvent(trx, {
        order: after,
        event: step === 'issue' ? 'issued' : 'returned',
        comment: props.comment,
        at: now,
      });
    }
    if (after.problemId !== null) {
      if (step === 'sign') await followOrder(trx, actor.id, after.problemId, 'in-progress', clock);
      if (step === 'close') await followOrder(trx, actor.id, after.problemId, 'closed', clock);
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
  clock: Clock = systemClock,
): Promise<Order> {
  const today = chinaToday(clock);
  if (!URGERS.includes(actor.role)) {
    throw new AppError('forbidden', { en: 'Your role may not urge a supervision order', zh: '您的角色不能催办督办单' });
  }
  return db.transaction().execute(async (trx) => {
    const before = await findOrder(trx, props.id);
    if (!before) throw notFound(ORDER);
    if (before.state === 'closed') {
      throw new AppError('conflict', {
        en: 'The order is closed; there is nothing to urge',
        zh: '该督办单已销号,无需催办',
      });
    }
    const now = nowIso(clock);
    const level = Math.max(before.urgedLevel, escalationLevel(before.deadline, today));
    let after = before;
    if (level !== before.urgedLevel) {
      after = { ...before, urgedLevel: level, version: before.version + 1, updatedAt: now };
      if (!(await updateOrder(trx, after, before.version))) throw staleVersion(THE_ORDER);
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
    await notifyOrderEvent(trx, { order: after, event: 'urged', comment: event.comment, at: now });
    return after;
  });
}

import { chinaToday } from '@duban/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ORDER_STATES } from '../../db/tables/ledgers.ts';
import { READERS } from '../../http/access.ts';
import { actorOf } from './access.ts';
import {
  createOrder,
  getOrder,
  listOrdersFor,
  ORDER_STEPS,
  type OrderHistoryEvent,
  type OrderStep,
  type OrderView,
  stepOrder,
  URGERS,
  urgeOrder,
  viewOrder,
} from './orders.service.ts';
import { id, idParams, isoDate, version } from './schemas.ts';

const state = z.enum(ORDER_STATES);
const colour = z.enum(['green', 'yellow', 'red']);

const orderSchema = z.object({
  id: z.string(),
  problemId: z.string().nullable(),
  taskId: z.string().nullable(),
  leadOfficeId: z.string(),
  supportOfficeIds: z.array(z.string()),
  deadline: z.string(),
  state,
  colour,
  escalationLevel: z.number().int(),
  urgedLevel: z.number().int(),
  createdBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  rectifiedBy: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const eventSchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable().describe('The display name of the user who acted'),
  action: z.string(),
  comment: z.string().nullable(),
  attachments: z.array(z.string()),
  level: z.number().int().nullable().describe('urge: the escalation level the order had reached that day'),
});

function present(o: OrderView): z.infer<typeof orderSchema> {
  return {
    id: o.id,
    problemId: o.problemId,
    taskId: o.taskId,
    leadOfficeId: o.leadOfficeId,
    supportOfficeIds: [...o.supportOfficeIds],
    deadline: o.deadline,
    state: o.state,
    colour: o.colour,
    escalationLevel: o.escalationLevel,
    urgedLevel: o.urgedLevel,
    createdBy: o.createdBy,
    approvedBy: o.approvedBy,
    rectifiedBy: o.rectifiedBy,
    verifiedBy: o.verifiedBy,
    version: o.version,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

function presentEvent(e: OrderHistoryEvent): z.infer<typeof eventSchema> {
  return {
    id: e.id,
    at: e.at,
    userId: e.userId,
    userName: e.userName,
    action: e.action,
    comment: e.comment,
    attachments: [...e.attachments],
    level: e.level,
  };
}

const STEP_SUMMARIES: Record<OrderStep, string> = {
  approve: 'Approve a drafted order (admin or leader)',
  issue: 'Issue an approved order to its lead office (admin or inspector)',
  sign: 'Sign for an issued order (签收; the lead office)',
  feedback: 'Report progress on an order (the lead office); the order is then being handled',
  rectify: 'Report an order done (办结; the lead office)',
  verify: 'Verify a rectification (an inspector or admin who did not report it)',
  return: 'Send a rectification back to handling, saying why (an inspector or admin)',
  close: 'Close a verified order (销号); its problem is closed',
};

/** Supervision orders (督办单) and their workflow. */
export const orderRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;
  const today = () => chinaToday(app.deps.clock);
  const tags = ['orders'];

  app.get(
    '/api/orders',
    {
      config: { access: READERS },
      schema: {
        summary: 'Supervision orders you may see (a reporter: where their office leads or supports)',
        tags,
        querystring: z.object({ state: state.optional(), problemId: id.optional(), colour: colour.optional() }),
        response: { 200: z.object({ items: z.array(orderSchema) }) },
      },
    },
    async (request) => ({
      items: (await listOrdersFor(db(), actorOf(request.user), request.query, today())).map(present),
    }),
  );

  app.get(
    '/api/orders/:id',
    {
      config: { access: READERS },
      schema: {
        summary: 'One supervision order with its events (feedback, urging, verification…)',
        tags,
        params: idParams,
        response: { 200: orderSchema.extend({ events: z.array(eventSchema) }) },
      },
    },
    async (request) => {
      const { order, events } = await getOrder(db(), actorOf(request.user), request.params.id, today());
      return { ...present(order), events: events.map(presentEvent) };
    },
  );

  app.post(
    '/api/orders',
    {
      config: { access: ['admin', 'inspector'], idempotent: true },
      schema: {
        summary: 'Draft a supervision order on a problem or a plan task',
        tags,
        body: z.object({
          problemId: id.nullable().optional(),
          taskId: id.nullable().optional(),
          leadOfficeId: id,
          supportOfficeIds: z.array(id).max(100).optional(),
          deadline: isoDate,
          comment: z.string().max(5000).optional(),
        }),
        response: { 201: orderSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          present(viewOrder(await createOrder(db(), actorOf(request.user), request.body, app.deps.clock), today())),
        ),
  );

  for (const step of Object.keys(ORDER_STEPS) as OrderStep[]) {
    app.post(
      `/api/orders/:id/${step}`,
      {
        config: { access: ORDER_STEPS[step].roles },
        schema: {
          summary: `${STEP_SUMMARIES[step]} (give the version you read; 409 from the wrong state)`,
          tags,
          params: idParams,
          body: z.object({
            version,
            comment: z.string().max(5000).optional(),
            attachments: z.array(z.string().min(1).max(500)).max(20).optional(),
          }),
          response: { 200: orderSchema },
        },
      },
      async (request) =>
        present(
          viewOrder(
            await stepOrder(
              db(),
              actorOf(request.user),
              step,
              { ...request.body, id: request.params.id },
              app.deps.clock,
            ),
            today(),
          ),
        ),
    );
  }

  app.post(
    '/api/orders/:id/urge',
    {
      config: { access: URGERS },
      schema: {
        summary: 'Urge (催办) an open order: recorded as an event with its escalation level',
        tags,
        params: idParams,
        body: z.object({ comment: z.string().max(5000).optional() }).optional(),
        response: { 200: orderSchema },
      },
    },
    async (request) =>
      present(
        viewOrder(
          await urgeOrder(db(), actorOf(request.user), { ...request.body, id: request.params.id }, app.deps.clock),
          today(),
        ),
      ),
  );
};

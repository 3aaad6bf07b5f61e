import { chinaToday, isProblemOverdue } from '@duban/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../db/schema.ts';
import { PROBLEM_CATEGORIES, PROBLEM_SOURCES, PROBLEM_STATUSES } from '../../db/tables/ledgers.ts';
import { READERS } from '../../http/access.ts';
import { actorOf } from './access.ts';
import {
  assignProblem,
  closeProblem,
  createProblem,
  editProblem,
  getProblem,
  listProblemsFor,
  openOrderCounts,
  type Problem,
  type ProblemEventView,
  problemHistory,
  reopenProblem,
} from './problems.service.ts';
import { id, idParams, isoDate, longText, shortText, version } from './schemas.ts';

/** Inspectors and admins handle every office's problems, a reporter their office's. */
const WRITERS: readonly Role[] = ['admin', 'inspector', 'reporter'];

const category = z.enum(PROBLEM_CATEGORIES);
const source = z.enum(PROBLEM_SOURCES);
const status = z.enum(PROBLEM_STATUSES);

const problemSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category,
  place: z.string(),
  source,
  sourceId: z.string().nullable(),
  ownerOfficeId: z.string(),
  planId: z.string().nullable().describe('The plan the problem belongs to; null: none'),
  deadline: z.string().nullable(),
  status,
  overdue: z.boolean().describe('Not closed and past its deadline (China time, today)'),
  openOrders: z.number().int().describe('Supervision orders on it not yet closed (销号)'),
  closedAt: z.string().nullable(),
  reopenedFrom: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const eventSchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  action: z.enum(['create', 'edit', 'assign', 'close', 'reopen', 'order']),
  comment: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});

function presentEvent(e: ProblemEventView): z.infer<typeof eventSchema> {
  return {
    id: e.id,
    at: e.at,
    userId: e.userId,
    userName: e.userName,
    action: e.action as z.infer<typeof eventSchema>['action'],
    comment: e.comment,
    changes: Object.entries(e.changes).map(([field, [before, after]]) => ({ field, before, after })),
  };
}

function present(p: Problem, openOrders: number, today: string): z.infer<typeof problemSchema> {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    category: p.category,
    place: p.place,
    source: p.source,
    sourceId: p.sourceId,
    ownerOfficeId: p.ownerOfficeId,
    planId: p.planId,
    deadline: p.deadline,
    status: p.status,
    overdue: isProblemOverdue(p, today),
    openOrders,
    closedAt: p.closedAt,
    reopenedFrom: p.reopenedFrom,
    version: p.version,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** The problem ledger (问题台账). */
export const problemRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;
  const tags = ['problems'];
  /** One problem as answered, with its open orders counted. */
  const presentOne = async (p: Problem) =>
    present(p, (await openOrderCounts(db(), [p.id])).get(p.id) ?? 0, chinaToday(app.deps.clock));

  app.get(
    '/api/problems',
    {
      config: { access: READERS },
      schema: {
        summary: 'Problems you may see (a reporter: their office’s), newest first',
        tags,
        querystring: z.object({
          officeId: id.optional(),
          planId: id.optional().describe('Only the problems of this plan'),
          status: status.optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
        response: { 200: z.object({ items: z.array(problemSchema) }) },
      },
    },
    async (request) => {
      const problems = await listProblemsFor(db(), actorOf(request.user), request.query);
      const open = await openOrderCounts(
        db(),
        problems.map((p) => p.id),
      );
      const today = chinaToday(app.deps.clock);
      return { items: problems.map((p) => present(p, open.get(p.id) ?? 0, today)) };
    },
  );

  app.get(
    '/api/problems/:id',
    {
      config: { access: READERS },
      schema: { summary: 'One problem', tags, params: idParams, response: { 200: problemSchema } },
    },
    async (request) => presentOne(await getProblem(db(), actorOf(request.user), request.params.id)),
  );

  app.get(
    '/api/problems/:id/history',
    {
      config: { access: READERS },
      schema: {
        summary: 'What happened to a problem, oldest first: recorded, edited, assigned, closed (with its note)…',
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(eventSchema) }) },
      },
    },
    async (request) => ({
      items: (await problemHistory(db(), actorOf(request.user), request.params.id)).map(presentEvent),
    }),
  );

  app.post(
    '/api/problems/:id/assign',
    {
      config: { access: ['admin', 'inspector'] },
      schema: {
        summary: 'Assign a problem to an owner office (give the version you read)',
        tags,
        params: idParams,
        body: z.object({ version, ownerOfficeId: id, comment: z.string().max(2000).optional() }),
        response: { 200: problemSchema },
      },
    },
    async (request) =>
      presentOne(
        await assignProblem(db(), actorOf(request.user), { ...request.body, id: request.params.id }, app.deps.clock),
      ),
  );

  app.post(
    '/api/problems/:id/close',
    {
      config: { access: WRITERS },
      schema: {
        summary: 'Close a problem with a note on how it was solved (give the version you read)',
        tags,
        params: idParams,
        body: z.object({ version, note: z.string().max(2000) }),
        response: { 200: problemSchema },
      },
    },
    async (request) =>
      presentOne(
        await closeProblem(db(), actorOf(request.user), { ...request.body, id: request.params.id }, app.deps.clock),
      ),
  );

  app.post(
    '/api/problems',
    {
      config: { access: WRITERS, idempotent: true },
      schema: {
        summary: 'Record a problem (from a visit, a diary, an inspection…); a reporter for their office',
        tags,
        body: z.object({
          title: shortText,
          description: longText.optional(),
          category,
          place: z.string().max(200).optional(),
          source,
          sourceId: id.nullable().optional(),
          ownerOfficeId: id.optional(),
          deadline: isoDate.nullable().optional(),
          planId: id
            .nullable()
            .optional()
            .describe('The plan it belongs to; by default the plan of this year (the earliest imported), or none'),
        }),
        response: { 201: problemSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await presentOne(await createProblem(db(), actorOf(request.user), request.body, app.deps.clock))),
  );

  app.patch(
    '/api/problems/:id',
    {
      config: { access: WRITERS },
      schema: {
        summary: 'Edit a problem (give the version you read; a closed problem is reopened, not edited open)',
        tags,
        params: idParams,
        body: z.object({
          version,
          title: shortText.optional(),
          description: longText.optional(),
          category: category.optional(),
          place: z.string().max(200).optional(),
          deadline: isoDate.nullable().optional(),
          status: status.optional(),
        }),
        response: { 200: problemSchema },
      },
    },
    async (request) =>
      presentOne(
        await editProblem(db(), actorOf(request.user), { ...request.body, id: request.params.id }, app.deps.clock),
      ),
  );

  app.post(
    '/api/problems/:id/reopen',
    {
      config: { access: WRITERS, idempotent: true },
      schema: {
        summary: 'Reopen a closed problem as a new open problem linked to it',
        tags,
        params: idParams,
        body: z.object({ description: longText.optional(), deadline: isoDate.nullable().optional() }).optional(),
        response: { 201: problemSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await presentOne(
            await reopenProblem(
              db(),
              actorOf(request.user),
              { ...request.body, id: request.params.id },
              app.deps.clock,
            ),
          ),
        ),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../db/schema.ts';
import { PROBLEM_CATEGORIES, PROBLEM_SOURCES, PROBLEM_STATUSES } from '../../db/tables/ledgers.ts';
import { READERS } from '../../http/access.ts';
import { actorOf } from './access.ts';
import {
  createProblem,
  editProblem,
  getProblem,
  listProblemsFor,
  type Problem,
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
  deadline: z.string().nullable(),
  status,
  reopenedFrom: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

function present(p: Problem): z.infer<typeof problemSchema> {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    category: p.category,
    place: p.place,
    source: p.source,
    sourceId: p.sourceId,
    ownerOfficeId: p.ownerOfficeId,
    deadline: p.deadline,
    status: p.status,
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

  app.get(
    '/api/problems',
    {
      config: { access: READERS },
      schema: {
        summary: 'Problems you may see (a reporter: their office’s), newest first',
        tags,
        querystring: z.object({
          officeId: id.optional(),
          status: status.optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
        response: { 200: z.object({ items: z.array(problemSchema) }) },
      },
    },
    async (request) => ({ items: (await listProblemsFor(db(), actorOf(request.user), request.query)).map(present) }),
  );

  app.get(
    '/api/problems/:id',
    {
      config: { access: READERS },
      schema: { summary: 'One problem', tags, params: idParams, response: { 200: problemSchema } },
    },
    async (request) => present(await getProblem(db(), actorOf(request.user), request.params.id)),
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
        }),
        response: { 201: problemSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(present(await createProblem(db(), actorOf(request.user), request.body))),
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
      present(await editProblem(db(), actorOf(request.user), { ...request.body, id: request.params.id })),
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
        .send(present(await reopenProblem(db(), actorOf(request.user), { ...request.body, id: request.params.id }))),
  );
};

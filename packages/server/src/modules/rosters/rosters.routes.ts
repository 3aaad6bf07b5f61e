import { nowIso } from '@duban/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN, type SessionUser } from '../../http/access.ts';
import {
  addPerson,
  CATEGORY_MAX,
  editPerson,
  importRoster,
  listRoster,
  NAME_MAX,
  type RosterPerson,
  removePerson,
  TITLE_MAX,
} from './rosters.service.ts';

const personSchema = z.object({
  id: z.string(),
  category: z.string(),
  name: z.string(),
  title: z.string(),
  officeId: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

function present(p: RosterPerson): z.infer<typeof personSchema> {
  return {
    id: p.id,
    category: p.category,
    name: p.name,
    title: p.title,
    officeId: p.officeId,
    version: p.version,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

const category = z.string().trim().min(1, 'may not be empty').max(CATEGORY_MAX);
const name = z.string().trim().min(1, 'may not be empty').max(NAME_MAX);
const title = z.string().max(TITLE_MAX);
const officeId = z.string().min(1).max(64).nullable();
const idParams = z.object({ id: z.string().min(1).max(64) });

/** Rosters (人员名册): people by category whom frequency targets judge. Everyone signed in reads; admins write. */
export const rosterRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;
  const now = () => nowIso(app.deps.clock);

  app.get(
    '/api/rosters',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Everyone on the rosters, by category and name; of one category with `category`',
        tags: ['rosters'],
        querystring: z.object({ category: z.string().max(CATEGORY_MAX).optional() }),
        response: { 200: z.object({ items: z.array(personSchema) }) },
      },
    },
    async (request) => ({ items: (await listRoster(db(), request.query)).map(present) }),
  );

  app.post(
    '/api/rosters',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Put a person on a roster (409 when the category already has that name)',
        tags: ['rosters'],
        body: z.object({ category, name, title: title.optional(), officeId: officeId.optional() }),
        response: { 201: personSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(present(await addPerson(db(), request.user as SessionUser, { ...request.body, now: now() }))),
  );

  app.patch(
    '/api/rosters/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Edit a person of a roster (give the version you read; 409 when someone changed it since)',
        tags: ['rosters'],
        params: idParams,
        body: z.object({
          version: z.number().int().positive(),
          category: category.optional(),
          name: name.optional(),
          title: title.optional(),
          officeId: officeId.optional(),
        }),
        response: { 200: personSchema },
      },
    },
    async (request) =>
      present(
        await editPerson(db(), request.user as SessionUser, { ...request.body, id: request.params.id, now: now() }),
      ),
  );

  app.delete(
    '/api/rosters/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Take a person off the rosters',
        tags: ['rosters'],
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().positive().optional() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removePerson(db(), request.user as SessionUser, { id: request.params.id, version: request.query.version });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/rosters/import',
    {
      config: { access: ADMIN },
      schema: {
        summary:
          'Import rosters from CSV text: columns 类别, 姓名, 职务, 单位 (or a header row naming them); adds new people, updates known ones, removes none',
        tags: ['rosters'],
        body: z.object({ csv: z.string().min(1).max(2_000_000) }),
        response: {
          200: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
        },
      },
    },
    async (request) => importRoster(db(), request.user as SessionUser, { csv: request.body.csv, now: now() }),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OFFICE_KINDS } from '../../db/schema.ts';
import { ADMIN } from '../../http/access.ts';
import {
  ALIASES_MAX,
  createGroup,
  createOffice,
  deleteGroup,
  deleteOffice,
  type GroupView,
  getGroup,
  getOffice,
  listGroups,
  listOffices,
  NAME_MAX,
  type OfficeView,
  updateGroup,
  updateOffice,
} from './offices.service.ts';

const name = z.string().trim().min(1, 'may not be empty').max(NAME_MAX);
const aliases = z.array(z.string().trim().min(1, 'may not be empty').max(NAME_MAX)).max(ALIASES_MAX);
const kind = z.enum(OFFICE_KINDS);
const mode = z.enum(['fixed', 'fill-in']);
const version = z.number().int().positive();
const idParams = z.object({ id: z.string().min(1).max(64) });
/** DELETE may name the version the caller saw: a stale one gets 409 like an edit would. */
const deleteQuery = z.object({ version: z.coerce.number().int().positive().optional() });

const officeSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind,
  parentId: z.string().nullable(),
  aliases: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
});

const groupSchema = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  mode,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  members: z.array(z.object({ id: z.string(), name: z.string(), kind })),
});

/** What leaves the server for an office: explicit, so nothing else of the service's object does. */
function presentOffice(o: OfficeView): z.infer<typeof officeSchema> {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    parentId: o.parentId,
    aliases: [...o.aliases],
    version: o.version,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    groups: o.groups.map((g) => ({ id: g.id, name: g.name })),
  };
}

function presentGroup(g: GroupView): z.infer<typeof groupSchema> {
  return {
    id: g.id,
    name: g.name,
    aliases: [...g.aliases],
    mode: g.mode,
    version: g.version,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
    members: g.members.map((m) => ({ id: m.id, name: m.name, kind: m.kind })),
  };
}

const memberIds = z.array(z.string().min(1).max(64)).max(5000);

/** The office directory: offices and office groups. Everyone signed in reads; admins write. */
export const officeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;

  app.get(
    '/api/offices',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Offices with their groups; filter by kind, or by a name or alias containing q',
        tags: ['offices'],
        querystring: z.object({ kind: kind.optional(), q: z.string().max(NAME_MAX).optional() }),
        response: { 200: z.object({ items: z.array(officeSchema) }) },
      },
    },
    async (request) => ({ items: (await listOffices(db(), request.query)).map(presentOffice) }),
  );

  app.get(
    '/api/offices/:id',
    {
      config: { access: 'signed-in' },
      schema: { summary: 'One office', tags: ['offices'], params: idParams, response: { 200: officeSchema } },
    },
    async (request) => presentOffice(await getOffice(db(), request.params.id)),
  );

  app.post(
    '/api/offices',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Add an office',
        tags: ['offices'],
        body: z.object({ name, kind, parentId: z.string().min(1).nullable().optional(), aliases: aliases.optional() }),
        response: { 201: officeSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentOffice(await createOffice(db(), request.user, request.body))),
  );

  app.patch(
    '/api/offices/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Edit an office (give the version you read; 409 when someone changed it since)',
        tags: ['offices'],
        params: idParams,
        body: z.object({
          version,
          name: name.optional(),
          kind: kind.optional(),
          parentId: z.string().min(1).nullable().optional(),
          aliases: aliases.optional(),
        }),
        response: { 200: officeSchema },
      },
    },
    async (request) =>
      presentOffice(await updateOffice(db(), request.user, { ...request.body, id: request.params.id })),
  );

  app.delete(
    '/api/offices/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Remove an office nothing refers to (409 when tasks, users or child offices do)',
        tags: ['offices'],
        params: idParams,
        querystring: deleteQuery,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteOffice(db(), request.user, { id: request.params.id, version: request.query.version });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/office-groups',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Office groups with their members',
        tags: ['office-groups'],
        response: { 200: z.object({ items: z.array(groupSchema) }) },
      },
    },
    async () => ({ items: (await listGroups(db())).map(presentGroup) }),
  );

  app.get(
    '/api/office-groups/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'One office group',
        tags: ['office-groups'],
        params: idParams,
        response: { 200: groupSchema },
      },
    },
    async (request) => presentGroup(await getGroup(db(), request.params.id)),
  );

  app.post(
    '/api/office-groups',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Add an office group',
        tags: ['office-groups'],
        body: z.object({ name, aliases: aliases.optional(), mode: mode.optional(), members: memberIds.optional() }),
        response: { 201: groupSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentGroup(await createGroup(db(), request.user, request.body))),
  );

  app.patch(
    '/api/office-groups/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Edit an office group: name, aliases, mode, members (office ids, replacing the old)',
        tags: ['office-groups'],
        params: idParams,
        body: z.object({
          version,
          name: name.optional(),
          aliases: aliases.optional(),
          mode: mode.optional(),
          members: memberIds.optional(),
        }),
        response: { 200: groupSchema },
      },
    },
    async (request) => presentGroup(await updateGroup(db(), request.user, { ...request.body, id: request.params.id })),
  );

  app.delete(
    '/api/office-groups/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Remove an office group no task assignment names',
        tags: ['office-groups'],
        params: idParams,
        querystring: deleteQuery,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteGroup(db(), request.user, { id: request.params.id, version: request.query.version });
      return reply.status(204).send(null);
    },
  );
};

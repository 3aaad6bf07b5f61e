import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../db/schema.ts';
import { READERS } from '../../http/access.ts';
import { actorOf } from './access.ts';
import {
  createEntry,
  deleteEntry,
  getEntry,
  type LedgerEntry,
  type LedgerKind,
  listEntries,
  threeMeasures,
  updateEntry,
} from './ledgers.service.ts';
import { orderRoutes } from './orders.routes.ts';
import { problemRoutes } from './problems.routes.ts';
import { id, idParams, isoDate, longText, shortText, version } from './schemas.ts';

/** Offices write their own ledgers, admins any office's. */
const WRITERS: readonly Role[] = ['admin', 'reporter'];

/** Each ledger's own fields, as a client sends and reads them. */
const SHAPES = {
  links: {
    person: shortText,
    personTitle: z.string().trim().max(200),
    communityOfficeId: id,
    since: isoDate.nullable(),
  },
  visits: {
    linkId: id.nullable(),
    person: shortText,
    communityOfficeId: id,
    date: isoDate,
    durationHours: z.number().min(0).max(24),
    notes: longText,
    problemsRaised: longText,
  },
  diaries: { cadre: shortText, date: isoDate, text: longText, problemsRaised: longText },
  meetings: {
    level: z.enum(['district', 'street']),
    date: isoDate,
    topic: shortText,
    attendance: z.number().int().min(0).max(100_000),
  },
  trainings: { date: isoDate, topic: shortText, attendees: z.number().int().min(0).max(100_000) },
} as const satisfies Record<LedgerKind, z.ZodRawShape>;

/** Fields a new entry may leave out, and what they are then. */
const OPTIONAL: Record<LedgerKind, Record<string, string | null>> = {
  links: { since: null, personTitle: '' },
  visits: { linkId: null, notes: '', problemsRaised: '' },
  diaries: { problemsRaised: '' },
  meetings: {},
  trainings: {},
};

const TITLES: Record<LedgerKind, string> = {
  links: 'linked communities (挂点联系)',
  visits: 'visits (走访)',
  diaries: 'diary entries (民情日记)',
  meetings: 'meetings',
  trainings: 'trainings',
};

const common = {
  id: z.string(),
  officeId: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

function present(e: LedgerEntry): Record<string, unknown> {
  return {
    id: e.id,
    officeId: e.officeId,
    version: e.version,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    ...e.fields,
  };
}

function createShape(kind: LedgerKind): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = { officeId: id.nullable().optional() };
  for (const [k, s] of Object.entries(SHAPES[kind] as z.ZodRawShape)) {
    shape[k] = k in OPTIONAL[kind] ? (s as z.ZodType).optional() : (s as z.ZodType);
  }
  return shape;
}

function patchShape(kind: LedgerKind): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = { version };
  for (const [k, s] of Object.entries(SHAPES[kind] as z.ZodRawShape)) shape[k] = (s as z.ZodType).optional();
  return shape;
}

/** The five office ledgers, the 三个多少 figures, the problem ledger and supervision orders. */
export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;

  for (const kind of Object.keys(SHAPES) as LedgerKind[]) {
    const base = `/api/ledgers/${kind}`;
    // One loop serves five ledgers: the response is typed as a record, validated by the real shape.
    const entry = z.object({ ...common, ...SHAPES[kind] }) as unknown as z.ZodType<Record<string, unknown>>;
    const tags = ['ledgers'];

    app.get(
      base,
      {
        config: { access: READERS },
        schema: {
          summary: `The ${TITLES[kind]} you may see (a reporter: their office's), newest first`,
          tags,
          querystring: z.object({ officeId: id.optional(), from: isoDate.optional(), to: isoDate.optional() }),
          response: { 200: z.object({ items: z.array(entry) }) },
        },
      },
      async (request) => ({
        items: (await listEntries(db(), actorOf(request.user), kind, request.query)).map(present),
      }),
    );

    app.get(
      `${base}/:id`,
      {
        config: { access: READERS },
        schema: { summary: `One of the ${TITLES[kind]}`, tags, params: idParams, response: { 200: entry } },
      },
      async (request) => present(await getEntry(db(), actorOf(request.user), kind, request.params.id)),
    );

    app.post(
      base,
      {
        config: { access: WRITERS, idempotent: true },
        schema: {
          summary: `Add to the ${TITLES[kind]} (for your office; admins name the office)`,
          tags,
          body: z.object(createShape(kind)),
          response: { 201: entry },
        },
      },
      async (request, reply) => {
        const { officeId, ...fields } = request.body as Record<string, string | number | null | undefined>;
        const created = await createEntry(
          db(),
          actorOf(request.user),
          kind,
          {
            officeId: officeId as string | null | undefined,
            fields: {
              ...OPTIONAL[kind],
              ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
            },
          },
          app.deps.clock,
        );
        return reply.status(201).send(present(created));
      },
    );

    app.patch(
      `${base}/:id`,
      {
        config: { access: WRITERS },
        schema: {
          summary: `Edit one of the ${TITLES[kind]} (give the version you read; 409 when stale)`,
          tags,
          params: idParams,
          body: z.object(patchShape(kind)),
          response: { 200: entry },
        },
      },
      async (request) => {
        const { version: v, ...fields } = request.body as Record<string, string | number | null | undefined>;
        return present(
          await updateEntry(
            db(),
            actorOf(request.user),
            kind,
            { id: request.params.id, version: Number(v), fields },
            app.deps.clock,
          ),
        );
      },
    );

    app.delete(
      `${base}/:id`,
      {
        config: { access: WRITERS },
        schema: {
          summary: `Remove one of the ${TITLES[kind]}`,
          tags,
          params: idParams,
          querystring: z.object({ version: z.coerce.number().int().positive().optional() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await deleteEntry(db(), actorOf(request.user), kind, {
          id: request.params.id,
          version: request.query.version,
        });
        return reply.status(204).send(null);
      },
    );
  }

  app.get(
    '/api/ledgers/three-measures',
    {
      config: { access: READERS },
      schema: {
        summary: '三个多少: visits and their hours, problems raised and solved, in a date range',
        tags: ['ledgers'],
        querystring: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
        response: {
          200: z.object({
            from: z.string().nullable(),
            to: z.string().nullable(),
            visits: z.number().int(),
            linkedVisits: z.number().int(),
            visitHours: z.number(),
            problemsRaised: z.number().int(),
            problemsSolved: z.number().int(),
          }),
        },
      },
    },
    async (request) => threeMeasures(db(), actorOf(request.user), request.query),
  );

  await app.register(problemRoutes);
  await app.register(orderRoutes);
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN } from '../../http/access.ts';
import { auditEntityKinds, listAuditRecords } from './audit.service.ts';

export const AUDIT_LIMIT_MAX = 500;
export const AUDIT_LIMIT_DEFAULT = 100;

// Times are compared as ISO text in UTC, so any offset the caller gives is normalised first.
const isoTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const ACTIONS = ['create', 'update', 'delete', 'login', 'logout', 'lock', 'import', 'commit'] as const;

const auditRecordSchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  action: z.enum(ACTIONS),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Audit records, newest first: who changed what, with the row before and after',
        tags: ['audit'],
        querystring: z.object({
          userId: z.string().min(1).max(64).optional(),
          entity: z.string().min(1).max(64).optional(),
          entityId: z.string().min(1).max(100).optional(),
          from: isoTime.optional(),
          to: isoTime.optional(),
          limit: z.coerce.number().int().min(1).max(AUDIT_LIMIT_MAX).default(AUDIT_LIMIT_DEFAULT),
          before: z.string().min(1).max(64).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(auditRecordSchema),
            nextBefore: z.string().nullable(),
            names: z
              .record(z.string(), z.string())
              .describe('Names of the offices, users, tasks… the records name by id'),
          }),
        },
      },
    },
    async (request) => listAuditRecords(app.deps.store.db, request.query),
  );

  app.get(
    '/api/audit/entities',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'The entity kinds the audit log holds (order, report, problem…), for filtering',
        tags: ['audit'],
        response: { 200: z.object({ entities: z.array(z.string()) }) },
      },
    },
    async () => ({ entities: await auditEntityKinds(app.deps.store.db) }),
  );
};

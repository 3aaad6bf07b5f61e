import { KINDS, OPS } from '@duban/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN, READERS, type SessionUser } from '../../http/access.ts';
import { idParams, targetValue, versionField } from '../plans/plans.routes.ts';
import {
  LABEL_MAX,
  SOURCE_MAX,
  SPLIT_MAX,
  setBaseline,
  setTargetLabel,
  setTargetOffices,
  splitTarget,
} from './targets.service.ts';

const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

const fitTarget = z.object({
  id: z.string(),
  taskId: z.string(),
  text: z.string(),
  kind: z.enum(KINDS),
  op: z.enum(OPS),
  value: targetValue,
  unit: z.string(),
  scope: z.string().nullable(),
  baselineValue: z.number().nullable(),
  baselineSource: z.string().nullable(),
  offices: z.array(z.string()).nullable(),
  label: z.string().nullable(),
  version: z.number().int(),
});

const officeIds = z.array(z.string().min(1).max(64)).max(200);

/** Target-fit edits (issue 10): baseline, offices, label and split. */
export const targetRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;
  const user = (u: SessionUser | null) => u as SessionUser;

  app.put(
    '/api/targets/:id/baseline',
    {
      // The target's own offices may enter it too: the service checks which.
      config: { access: READERS },
      schema: {
        summary: "Set a change target's baseline (上年基数) and its source",
        description:
          'The previous year’s level of what the offices report (not a percent): the change is (figure − baseline) / baseline.',
        params: idParams,
        body: z.object({
          version: versionField,
          value: z.number().finite().nullable(),
          source: z.string().max(SOURCE_MAX).nullable().optional(),
        }),
        response: { 200: fitTarget, ...errors },
      },
    },
    async (request) => setBaseline(db(), user(request.user), { id: request.params.id, ...request.body }),
  );

  app.put(
    '/api/targets/:id/offices',
    {
      config: { access: ADMIN },
      schema: {
        summary:
          'Name the offices asked for a target’s figure, the primary (主责) first; null: the task’s lead offices',
        params: idParams,
        body: z.object({ version: versionField, offices: officeIds.nullable() }),
        response: { 200: fitTarget, ...errors },
      },
    },
    async (request) => setTargetOffices(db(), user(request.user), { id: request.params.id, ...request.body }),
  );

  app.put(
    '/api/targets/:id/label',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Give a target a short label (and scope: "each" judges it per subject)',
        params: idParams,
        body: z.object({
          version: versionField,
          label: z.string().max(LABEL_MAX).nullable(),
          scope: z.string().max(200).nullable().optional(),
        }),
        response: { 200: fitTarget, ...errors },
      },
    },
    async (request) => setTargetLabel(db(), user(request.user), { id: request.params.id, ...request.body }),
  );

  app.post(
    '/api/targets/:id/split',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Split a target into several; the first part keeps its id and figures',
        params: idParams,
        body: z.object({
          version: versionField,
          parts: z
            .array(
              z.object({
                label: z.string().max(LABEL_MAX),
                text: z.string().max(2000).optional(),
                op: z.enum(OPS).optional(),
                value: targetValue.optional(),
                unit: z.string().max(50).optional(),
                offices: officeIds.nullable().optional(),
              }),
            )
            .max(SPLIT_MAX),
        }),
        response: { 200: z.object({ targets: z.array(fitTarget) }), ...errors },
      },
    },
    async (request) => ({
      targets: await splitTarget(db(), user(request.user), { id: request.params.id, ...request.body }),
    }),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { taskSchema } from '../plans/plans.routes.ts';
import { getTask, HISTORY_LIMIT, taskHistory } from './history.service.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });
const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
const errors = { 401: errorResponse, 404: errorResponse };

// The task as GET /api/plans/:id shows it (the plans module's schema), with its plan and section.
const taskPage = taskSchema.extend({
  plan: z.object({ id: z.string(), title: z.string(), year: z.number().int().nullable(), date: z.string().nullable() }),
  section: z.object({ id: z.string(), number: z.string(), title: z.string() }),
});

const historyEntry = z.object({
  id: z.string(),
  at: z.string(),
  username: z.string().nullable(),
  action: z.enum(['create', 'update', 'delete']),
  entity: z.enum(['task', 'target', 'plan']),
  entityId: z.string(),
  subject: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});

export const historyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;

  app.get(
    '/api/tasks/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'One task with its offices, targets, plan and section',
        tags: ['tasks'],
        params: idParams,
        response: { 200: taskPage, ...errors },
      },
    },
    async (request) => getTask(db(), request.user, { id: request.params.id }),
  );

  app.get(
    '/api/tasks/:id/history',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: `The changes of a task, its offices and targets, newest first (at most ${HISTORY_LIMIT}): who, when, which fields before and after`,
        tags: ['tasks'],
        params: idParams,
        response: { 200: z.object({ items: z.array(historyEntry) }), ...errors },
      },
    },
    async (request) => ({ items: await taskHistory(db(), request.user, { id: request.params.id }) }),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NOTIFICATION_KINDS, WEBHOOK_FORMATS } from '../../db/tables/reminders.ts';
import { ADMIN, type SessionUser } from '../../http/access.ts';
import {
  changeWebhook,
  createWebhook,
  listNotifications,
  listWebhooks,
  readAllNotifications,
  readNotification,
  removeWebhook,
  runRemindersAs,
  testWebhook,
  unreadCount,
} from './reminders.service.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'A date like 2007-07-20');
const url = z.string().trim().min(1).max(2000);

const notificationSchema = z.object({
  id: z.string(),
  officeId: z.string().nullable(),
  userId: z.string().nullable(),
  kind: z.enum(NOTIFICATION_KINDS),
  subjectId: z.string(),
  periodKey: z.string().nullable(),
  message: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
const webhookSchema = z.object({
  id: z.string(),
  officeId: z.string().nullable(),
  format: z.enum(WEBHOOK_FORMATS),
  url: z.string(),
  enabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
const runSchema = z.object({
  date: z.string(),
  created: z.number().int(),
  dueSoon: z.number().int(),
  late: z.number().int(),
  overdueOrders: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
});

/** Reminders: the daily job run by hand, notifications, and the webhooks they are posted to. */
export const reminderRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;
  const user = (request: { user: SessionUser | null }) => request.user as SessionUser;

  app.post(
    '/api/reminders/run',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['reminders'],
        body: z.object({ date: date.optional() }).optional(),
        response: { 200: runSchema },
      },
    },
    async (request) => runRemindersAs(db(), user(request), { date: request.body?.date, clock: app.deps.clock }),
  );

  app.get(
    '/api/notifications',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['reminders'],
        querystring: z.object({ unread: z.enum(['0', '1']).optional() }),
        response: { 200: z.array(notificationSchema) },
      },
    },
    async (request) => listNotifications(db(), user(request), { unread: request.query.unread === '1' }),
  );

  app.get(
    '/api/notifications/unread-count',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['reminders'], response: { 200: z.object({ count: z.number().int() }) } },
    },
    async (request) => ({ count: await unreadCount(db(), user(request)) }),
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['reminders'],
        summary: 'Mark every notification the user sees read (全部标为已读); how many were unread',
        response: { 200: z.object({ count: z.number().int() }) },
      },
    },
    async (request) => readAllNotifications(db(), user(request), app.deps.clock),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['reminders'], params: idParams, response: { 200: notificationSchema } },
    },
    async (request) => readNotification(db(), user(request), request.params.id, app.deps.clock),
  );

  app.get(
    '/api/webhooks',
    {
      config: { access: ADMIN },
      schema: { tags: ['reminders'], response: { 200: z.array(webhookSchema) } },
    },
    async (request) => listWebhooks(db(), user(request)),
  );

  app.post(
    '/api/webhooks',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['reminders'],
        body: z.object({
          officeId: z.string().min(1).max(64).nullable().optional(),
          format: z.enum(WEBHOOK_FORMATS),
          url,
          enabled: z.boolean().optional(),
        }),
        response: { 201: webhookSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createWebhook(db(), user(request), request.body, app.deps.clock)),
  );

  app.patch(
    '/api/webhooks/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['reminders'],
        params: idParams,
        body: z.object({
          version: z.number().int().positive(),
          officeId: z.string().min(1).max(64).nullable().optional(),
          format: z.enum(WEBHOOK_FORMATS).optional(),
          url: url.optional(),
          enabled: z.boolean().optional(),
        }),
        response: { 200: webhookSchema },
      },
    },
    async (request) => changeWebhook(db(), user(request), { id: request.params.id, ...request.body }),
  );

  app.post(
    '/api/webhooks/:id/test',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['reminders'],
        summary: 'Post a test message to this group robot now and record how it went',
        params: idParams,
        response: {
          200: z.object({
            id: z.string(),
            webhookId: z.string(),
            at: z.string(),
            ok: z.boolean(),
            status: z.number().int().nullable().describe('The HTTP status answered; null when none came'),
            error: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => testWebhook(db(), user(request), { id: request.params.id }, app.deps.clock),
  );

  app.delete(
    '/api/webhooks/:id',
    {
      config: { access: ADMIN },
      schema: { tags: ['reminders'], params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await removeWebhook(db(), user(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};

import { ATTAINMENTS, CADENCES, TASK_REPORTINGS, TASK_STATUSES } from '@duban/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN, type SessionUser } from '../../http/access.ts';
import {
  changeSettings,
  getSettings,
  grantException,
  listExceptions,
  planStatus,
  revokeException,
} from './status.service.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'A date like 2007-07-20');

const settingsSchema = z.object({
  planId: z.string(),
  cadence: z.string(),
  dueWorkingDays: z.number().int(),
  lockDays: z.number().int(),
  planOfficeId: z
    .string()
    .nullable()
    .describe('The office that runs the plan: a leader reviews its own reports, and the league leaves it out'),
  version: z.number().int(),
});
const exceptionSchema = z.object({
  id: z.string(),
  planId: z.string(),
  officeId: z.string(),
  periodKey: z.string(),
  until: z.string(),
  grantedBy: z.string().nullable(),
  createdAt: z.string(),
});
const counts = z.object({
  expected: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  returned: z.number().int(),
  missing: z.number().int(),
});
const statusSchema = z.object({
  planId: z.string(),
  date: z.string(),
  cadence: z.string(),
  period: z.object({ key: z.string(), start: z.string(), end: z.string(), due: z.string() }).nullable(),
  tasks: z.array(
    z.object({
      taskId: z.string(),
      status: z
        .enum(TASK_STATUSES)
        .describe('The task’s work: from its targets, blocked (受阻) reports, orders and deadline; not its reporting'),
      reporting: z
        .enum(TASK_REPORTINGS)
        .describe(
          'The task’s reporting: on-time 按时, late 逾期, missing 缺报 (after the due day), none (nothing due yet)',
        ),
      targets: z.array(
        z.object({
          targetId: z.string(),
          attainment: z.enum(ATTAINMENTS),
          current: z
            .number()
            .nullable()
            .describe(
              'The figure the attainment is judged by: the offices’ figures rolled up (counts summed, else the latest); null without figures and for frequency targets',
            ),
          each: z
            .object({ met: z.number().int(), total: z.number().int() })
            .nullable()
            .describe(
              'A per-subject target (scope "each"): how many of its offices meet it on their own ("k / n 达标")',
            ),
          baseline: z
            .number()
            .nullable()
            .describe(
              'A change target: the baseline (上年基数) to date its current figure is compared with; else null',
            ),
        }),
      ),
      reports: counts,
      blocked: z
        .array(z.object({ officeId: z.string(), periodKey: z.string(), reason: z.string() }))
        .describe('Offices whose latest report says the work is blocked (受阻), with the reporter’s reason'),
      milestones: z
        .object({ total: z.number().int(), confirmed: z.number().int(), overdue: z.number().int() })
        .describe('The task’s milestones (节点任务): all, confirmed, and past due unconfirmed'),
    }),
  ),
  offices: z.array(
    z.object({
      officeId: z.string(),
      expected: z.number().int(),
      submitted: z.number().int(),
      onTime: z.number().int(),
    }),
  ),
});

/** Reporting settings, report exceptions and the status of a plan's tasks. */
export const statusRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;
  app.get(
    '/api/plans/:id/settings',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['status'], params: idParams, response: { 200: settingsSchema } },
    },
    async (request) => getSettings(db(), request.params.id),
  );

  app.patch(
    '/api/plans/:id/settings',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['status'],
        params: idParams,
        body: z.object({
          version: z.number().int().positive(),
          cadence: z.enum(CADENCES).optional(),
          dueWorkingDays: z.number().int().min(0).max(30).optional(),
          lockDays: z.number().int().min(0).max(60).optional(),
          planOfficeId: z.string().min(1).max(64).nullable().optional(),
        }),
        response: { 200: settingsSchema },
      },
    },
    async (request) =>
      changeSettings(db(), request.user as SessionUser, { planId: request.params.id, ...request.body }, app.deps.clock),
  );

  app.get(
    '/api/plans/:id/exceptions',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['status'], params: idParams, response: { 200: z.object({ items: z.array(exceptionSchema) }) } },
    },
    async (request) => ({ items: await listExceptions(db(), request.params.id) }),
  );

  app.post(
    '/api/plans/:id/exceptions',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['status'],
        params: idParams,
        body: z.object({
          officeId: z.string().min(1).max(64),
          periodKey: z.string().trim().min(1).max(20).describe('The reporting period, e.g. 2007-M06'),
          until: date.describe('The office may hand its report in by this date'),
        }),
        response: { 201: exceptionSchema },
      },
    },
    async (request, reply) => {
      const created = await grantException(
        db(),
        request.user as SessionUser,
        { planId: request.params.id, ...request.body },
        app.deps.clock,
      );
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/plans/:id/exceptions/:exceptionId',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['status'],
        summary: 'Revoke (撤销) a report exception: the period is due and locks as without it',
        params: z.object({ id: z.string().min(1).max(64), exceptionId: z.string().min(1).max(64) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeException(db(), request.user as SessionUser, {
        planId: request.params.id,
        exceptionId: request.params.exceptionId,
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/plans/:id/status',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['status'],
        params: idParams,
        querystring: z.object({
          date: date
            .optional()
            .describe(
              'The day to judge on; by default today in China, or the last day of the plan’s year once it has ended',
            ),
        }),
        response: { 200: statusSchema },
      },
    },
    async (request) => planStatus(db(), { planId: request.params.id, date: request.query.date, clock: app.deps.clock }),
  );
};

import { ATTAINMENTS, PERIODS } from '@duban/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { planCompliance } from './compliance.service.ts';

const complianceSchema = z.object({
  planId: z.string(),
  date: z.string(),
  targets: z.array(
    z.object({
      targetId: z.string(),
      taskId: z.string(),
      text: z.string(),
      period: z.enum(PERIODS),
      ledger: z.enum(['diaries', 'visits', 'meetings', 'trainings', 'unmapped']),
      level: z.enum(['district', 'street']).nullable(),
      subject: z
        .string()
        .describe(
          'Whom the target binds: roster:<category> (each person of it), class:<unit class>, group:<id>, district (the task’s first lead), leads (each lead office)',
        ),
      subjectKind: z.enum(['person', 'office']).nullable(),
      attainment: z.enum(ATTAINMENTS),
      periods: z.array(z.object({ key: z.string(), start: z.string(), end: z.string(), closed: z.boolean() })),
      subjects: z.array(z.string()),
      cells: z.array(
        z.object({
          subject: z.string(),
          periodKey: z.string(),
          count: z.number().int(),
          status: z.enum(['met', 'missed', 'open']),
        }),
      ),
    }),
  ),
});

/** Frequency compliance of a plan's targets, counted from the ledgers. */
export const complianceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/plans/:id/compliance',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['status'],
        params: z.object({ id: z.string().min(1).max(64) }),
        querystring: z.object({
          date: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/u, 'A date like 2007-07-20')
            .optional()
            .describe(
              'The day to judge on; by default today in China, or the last day of the plan’s year once it has ended',
            ),
        }),
        response: { 200: complianceSchema },
      },
    },
    async (request) =>
      planCompliance(app.deps.store.db, { planId: request.params.id, date: request.query.date, clock: app.deps.clock }),
  );
};

import { ATTAINMENTS, chinaToday, TASK_REPORTINGS, TASK_STATUSES } from '@duban/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OFFICE_KINDS } from '../../db/schema.ts';
import { PROBLEM_CATEGORIES } from '../../db/tables/ledgers.ts';
import { actorOf } from '../ledgers/access.ts';
import { planDashboard, planLeague, plansProgress, problemTrend } from './dashboard.service.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });
const dateQuery = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/u, 'A date like 2007-07-20')
    .optional()
    .describe('The day to judge on; by default today in China, or the last day of the plan’s year once it has ended'),
});
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/u, 'A month like 2007-03');
const int = z.number().int();

const statusCounts = z
  .array(z.object({ status: z.enum(TASK_STATUSES), count: int }))
  .describe('Tasks by work: on track, at risk, late, met, no data');
const reportingCounts = z
  .array(z.object({ reporting: z.enum(TASK_REPORTINGS), count: int }))
  .describe('Tasks by reporting, apart from their work: on time 按时, late 逾期, missing 缺报, none');
const dashboardSchema = z.object({
  planId: z.string(),
  date: z.string(),
  cadence: z.string(),
  period: z.object({ key: z.string(), start: z.string(), end: z.string(), due: z.string() }).nullable(),
  statuses: statusCounts,
  reportings: reportingCounts,
  sections: z.array(
    z.object({
      sectionId: z.string(),
      number: z.string(),
      title: z.string(),
      statuses: statusCounts,
      reportings: reportingCounts,
    }),
  ),
  coordination: z
    .array(
      z.object({
        taskId: z.string(),
        number: z.string(),
        title: z.string(),
        officeId: z.string(),
        officeName: z.string(),
        periodKey: z.string(),
        reason: z.string(),
      }),
    )
    .describe('需协调: tasks an office reports blocked (受阻), with the reporter’s reason, for the plan office'),
  targets: z.array(z.object({ attainment: z.enum(ATTAINMENTS), count: int })),
  reporting: z.array(
    z.object({
      periodKey: z.string(),
      start: z.string(),
      end: z.string(),
      due: z.string(),
      expected: int,
      submitted: int,
      onTime: int,
    }),
  ),
  orders: z.object({ open: int, overdue: int, closed: int }),
});
const leagueSchema = z.object({
  planId: z.string(),
  date: z.string(),
  offices: z.array(
    z.object({
      officeId: z.string(),
      name: z.string(),
      kind: z.enum(OFFICE_KINDS),
      expected: int,
      submitted: int,
      onTime: int,
      targetsTotal: int,
      targetsMet: int,
      openOrders: int,
      overdueOrders: int,
      rank: int,
    }),
  ),
});
const trendSchema = z.object({
  months: z.array(z.object({ month: z.string(), opened: int, closed: int, openAtEnd: int })),
  byCategory: z.array(z.object({ category: z.enum(PROBLEM_CATEGORIES), opened: int, closed: int })),
});

/** Dashboards: the plan overview, the office league table, problems over time. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;

  app.get(
    '/api/plans/:id/dashboard',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'The plan overview: tasks by status (overall, by section), targets, reporting, orders',
        tags: ['dashboard'],
        params: idParams,
        querystring: dateQuery,
        response: { 200: dashboardSchema },
      },
    },
    async (request) =>
      planDashboard(db(), { planId: request.params.id, date: request.query.date, clock: app.deps.clock }),
  );

  app.get(
    '/api/plans/progress',
    {
      config: { access: 'signed-in' },
      schema: {
        summary:
          'Each plan’s progress for the plan list: tasks by status and reports so far, as its dashboard derives them',
        tags: ['dashboard'],
        response: {
          200: z.object({
            items: z.array(
              z.object({
                planId: z.string(),
                date: z.string(),
                tasks: int,
                statuses: statusCounts,
                reportings: reportingCounts,
                expected: int,
                submitted: int,
                onTime: int,
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await plansProgress(db(), app.deps.clock) }),
  );

  app.get(
    '/api/plans/:id/league',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'The offices leading the plan’s tasks, ranked by reports on time, targets met, overdue orders',
        tags: ['dashboard'],
        params: idParams,
        querystring: dateQuery,
        response: { 200: leagueSchema },
      },
    },
    async (request) => planLeague(db(), { planId: request.params.id, date: request.query.date, clock: app.deps.clock }),
  );

  app.get(
    '/api/problems/trend',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Problems opened and closed per month, and open at each month’s end (a reporter: their office’s)',
        tags: ['dashboard'],
        querystring: z.object({
          from: month.optional().describe('First month; by default eleven months before `to`'),
          to: month.optional().describe('Last month; this month in China by default'),
          planId: idParams.shape.id.optional().describe('Only the problems of this plan'),
        }),
        response: { 200: trendSchema },
      },
    },
    async (request) => problemTrend(db(), actorOf(request.user), request.query, chinaToday(app.deps.clock)),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Dashboards: the plan overview, the office league table, problems over time. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (_app) => {};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Routes of this module: filled in by its issue. */
export const officeRoutes: FastifyPluginAsyncZod = async () => {};

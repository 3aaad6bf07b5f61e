import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { login, logout } from './auth.service.ts';
import { PASSWORD_MAX } from './passwords.ts';

export const SESSION_COOKIE = 'duban_session';

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'reporter', 'leader', 'inspector']),
  officeId: z.string().nullable(),
  locale: z.string(),
});

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Sign in: sets an httpOnly session cookie',
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(PASSWORD_MAX) }),
        response: { 200: z.object({ user: meSchema, expiresAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const r = await login(app.deps.store.db, { ...request.body, sessionHours: app.deps.sessionHours });
      reply.setCookie(SESSION_COOKIE, r.token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: request.protocol === 'https',
        expires: new Date(r.expiresAt),
      });
      return { user: meSchema.parse(r.user), expiresAt: r.expiresAt };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'signed-in' }, schema: { summary: 'Sign out', response: { 204: z.null() } } },
    async (request, reply) => {
      if (!request.user) throw new AppError('unauthenticated', { en: 'Please sign in first', zh: '请先登录' });
      await logout(app.deps.store.db, request.user);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: 'signed-in' }, schema: { summary: 'The signed-in user', response: { 200: meSchema } } },
    async (request) => {
      if (!request.user) throw new AppError('unauthenticated', { en: 'Please sign in first', zh: '请先登录' });
      const { id, username, displayName, role, officeId, locale } = request.user;
      return { id, username, displayName, role, officeId, locale };
    },
  );
};

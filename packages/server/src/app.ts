import { fileURLToPath } from 'node:url';
import { type Clock, systemClock } from '@duban/core';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Store } from './db/connect.ts';
import type { Access } from './http/access.ts';
import { AppError, languageOf, statusOf, type Words } from './http/errors.ts';
import { addSecurityHeaders } from './http/security-headers.ts';
import { validationMessageInChinese } from './http/validation-zh.ts';
import { registerWebApp } from './http/web-app.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes, SESSION_COOKIE } from './modules/auth/auth.routes.ts';
import { findLiveSession, hashToken } from './modules/auth/sessions.repository.ts';
import { complianceRoutes } from './modules/compliance/compliance.routes.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { historyRoutes } from './modules/history/history.routes.ts';
import { installIdempotency } from './modules/idempotency/idempotency.plugin.ts';
import { importRoutes } from './modules/imports/imports.routes.ts';
import { ledgerRoutes } from './modules/ledgers/ledgers.routes.ts';
import { milestoneRoutes } from './modules/milestones/milestones.routes.ts';
import { officeRoutes } from './modules/offices/offices.routes.ts';
import { planRoutes } from './modules/plans/plans.routes.ts';
import { reminderRoutes } from './modules/reminders/reminders.routes.ts';
import { reportRoutes } from './modules/reports/reports.routes.ts';
import { rosterRoutes } from './modules/rosters/rosters.routes.ts';
import { statusRoutes } from './modules/status/status.routes.ts';
import { targetRoutes } from './modules/targets/targets.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';

export interface AppOptions {
  readonly store: Store;
  /** Pino logger options, or false for none (tests). */
  readonly logger?: FastifyServerOptions['logger'];
  /** Largest document or evidence upload accepted, bytes. */
  readonly uploadLimitBytes?: number;
  /** How long a session lasts without a new login, hours. */
  readonly sessionHours?: number;
  /** Folder of the built web app (`npm run build`); served at / when it exists. */
  readonly webRoot?: string;
  /** Where "now" comes from; the real time unless a test stops it at a day. */
  readonly clock?: Clock;
}

/** Where `npm run build` puts the web app. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../dist/web', import.meta.url));

export interface AppDeps {
  readonly store: Store;
  readonly uploadLimitBytes: number;
  readonly sessionHours: number;
  readonly clock: Clock;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export const DEFAULT_UPLOAD_LIMIT = 20 * 1024 * 1024;

/** Build the HTTP app without listening: main.ts listens, tests inject. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const deps: AppDeps = {
    store: options.store,
    uploadLimitBytes: options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT,
    sessionHours: options.sessionHours ?? 12,
    clock: options.clock ?? systemClock,
  };
  const app = Fastify({
    logger: options.logger ?? false,
    // A document pasted as JSON text can be large; uploads go through multipart.
    bodyLimit: deps.uploadLimitBytes + 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  await addSecurityHeaders(app);
  app.decorate('deps', deps);
  app.decorateRequest('user', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Every API route must say who may call it; a route that does not is a bug caught at start.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no access`);
    }
  });

  // A POST that carries nothing (logout, commit, unlock) may still say it is JSON, as browser
  // clients do: read an empty JSON body as no body rather than refusing it.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('The request body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.uploadLimitBytes, files: 5, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Duban API', description: '督办: work plans, offices, reports and supervision', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const s = await findLiveSession(deps.store.db, hashToken(token), new Date().toISOString());
      if (s) {
        request.user = {
          id: s.userId,
          username: s.username,
          displayName: s.displayName,
          role: s.role,
          officeId: s.officeId,
          locale: s.locale,
          sessionId: s.sessionId,
        };
      }
    }
    const access: Access | undefined = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    if (!request.user) throw new AppError('unauthenticated', { en: 'Please sign in first', zh: '请先登录' });
    if (access !== 'signed-in' && !access.includes(request.user.role)) {
      throw new AppError('forbidden', { en: 'Your role may not do this', zh: '您的角色无权进行此操作' });
    }
  });

  installIdempotency(app, deps.store);

  app.setErrorHandler((error, request, reply) => {
    const language = languageOf(request.headers['accept-language']);
    const say = (words: Words) => (language === 'zh' ? words.zh : words.en);
    if (error instanceof AppError) {
      return reply.status(statusOf(error.code)).send({
        error: { code: error.code, message: error.messageIn(language), ...(error.field ? { field: error.field } : {}) },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const field = first
        ? [error.validationContext, ...first.instancePath.split('/').filter(Boolean)].join('.')
        : undefined;
      const message = first
        ? `${field}: ${language === 'zh' ? validationMessageInChinese(first) : first.message}`
        : say({ en: 'The request is not valid', zh: '请求内容有误' });
      return reply.status(400).send({ error: { code: 'bad-input', message, ...(field ? { field } : {}) } });
    }
    const e = error as { statusCode?: number; code?: string; message?: string };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) {
      return reply.status(413).send({
        error: {
          code: 'too-large',
          message: say({ en: 'The upload is larger than the limit', zh: '上传的文件超过大小限制' }),
        },
      });
    }
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      // Fastify's own 4xx (malformed JSON, wrong content type…): its message is safe to show.
      return reply
        .status(e.statusCode)
        .send({ error: { code: 'bad-input', message: e.message ?? 'The request is not valid' } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'internal', message: say({ en: 'Something went wrong on the server', zh: '服务器出错了' }) },
    });
  });

  await registerWebApp(app, options.webRoot ?? DEFAULT_WEB_ROOT);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(officeRoutes);
  await app.register(planRoutes);
  await app.register(importRoutes);
  await app.register(auditRoutes);
  await app.register(reportRoutes);
  await app.register(ledgerRoutes);
  await app.register(reminderRoutes);
  await app.register(historyRoutes);
  await app.register(statusRoutes);
  await app.register(targetRoutes);
  await app.register(complianceRoutes);
  await app.register(rosterRoutes);
  await app.register(dashboardRoutes);
  await app.register(milestoneRoutes);
  return app;
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../db/schema.ts';
import { ADMIN, type SessionUser } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/passwords.ts';
import {
  changeOwnPassword,
  createUser,
  DISPLAY_NAME_MAX,
  getUser,
  LOCALES,
  listUsers,
  resetPassword,
  USERNAME_PATTERN,
  unlockUser,
  updateOwnProfile,
  updateUser,
} from './users.service.ts';

/** A user as the API shows it; the response schema also keeps anything else from leaving. */
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  officeId: z.string().nullable(),
  locale: z.string(),
  failedLogins: z.int(),
  lockedUntil: z.string().nullable(),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const idParams = z.object({ id: z.string().min(1).max(64) });
const displayName = z.string().trim().min(1).max(DISPLAY_NAME_MAX);
const password = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);
const version = z.int().min(1);
const locale = z.enum(LOCALES);

/** The caller, on a route whose access already demands a session. */
function signedIn(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('unauthenticated', { en: 'Please sign in first', zh: '请先登录' });
  return user;
}

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;

  app.get(
    '/api/users',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Every account',
        tags: ['users'],
        response: { 200: z.object({ items: z.array(userSchema) }) },
      },
    },
    async () => ({ items: await listUsers(db()) }),
  );

  app.get(
    '/api/users/me',
    {
      config: { access: 'signed-in' },
      schema: { summary: 'The signed-in account, with its version', tags: ['users'], response: { 200: userSchema } },
    },
    async (request) => getUser(db(), signedIn(request.user).id),
  );

  app.patch(
    '/api/users/me',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Change your own display name or language',
        tags: ['users'],
        body: z.strictObject({ version, displayName: displayName.optional(), locale: locale.optional() }),
        response: { 200: userSchema },
      },
    },
    async (request) => updateOwnProfile(db(), signedIn(request.user), request.body),
  );

  app.post(
    '/api/users/me/password',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Change your own password; your other sessions end',
        tags: ['users'],
        body: z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX), newPassword: password }),
        response: { 200: userSchema },
      },
    },
    async (request) => changeOwnPassword(db(), signedIn(request.user), request.body),
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: ADMIN },
      schema: { summary: 'One account', tags: ['users'], params: idParams, response: { 200: userSchema } },
    },
    async (request) => getUser(db(), request.params.id),
  );

  app.post(
    '/api/users',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Create an account; a reporter needs an office',
        tags: ['users'],
        body: z.object({
          username: z
            .string()
            .regex(USERNAME_PATTERN, 'a username has 2 to 50 letters, digits, Chinese characters, or _ . -'),
          displayName,
          role: z.enum(ROLES),
          officeId: z.string().min(1).max(64).nullable().optional(),
          password,
          locale: locale.optional(),
        }),
        response: { 201: userSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(db(), request.user, request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Change an account: display name, role, office, language',
        tags: ['users'],
        params: idParams,
        body: z.object({
          version,
          displayName: displayName.optional(),
          role: z.enum(ROLES).optional(),
          officeId: z.string().min(1).max(64).nullable().optional(),
          locale: locale.optional(),
        }),
        response: { 200: userSchema },
      },
    },
    async (request) => updateUser(db(), request.user, { id: request.params.id, ...request.body }),
  );

  app.post(
    '/api/users/:id/password',
    {
      config: { access: ADMIN },
      schema: {
        summary: "Set a user's password; their sessions end",
        tags: ['users'],
        params: idParams,
        body: z.object({ password }),
        response: { 200: userSchema },
      },
    },
    async (request) => resetPassword(db(), request.user, { id: request.params.id, password: request.body.password }),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Lift the lock after failed logins',
        tags: ['users'],
        params: idParams,
        response: { 200: userSchema },
      },
    },
    async (request) => unlockUser(db(), request.user, { id: request.params.id }),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MILESTONE_STATES } from '../../db/tables/milestones.ts';
import { ADMIN, READERS, type SessionUser } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { filesDir } from '../reports/evidence.store.ts';
import { evidenceUploadOf } from '../reports/reports.routes.ts';
import {
  attachMilestoneEvidence,
  confirmMilestone,
  createMilestone,
  editMilestone,
  listTaskMilestones,
  type MilestoneView,
  NOTE_MAX,
  readMilestoneEvidence,
  removeMilestone,
  returnMilestone,
  startMilestone,
  submitMilestone,
  TEXT_MAX,
} from './milestones.service.ts';

const id = z.string().min(1).max(64);
const idParams = z.object({ id });
const version = z.number().int().positive();
const due = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/u, 'A date like 2007-07-20')
  .nullable()
  .describe('The day it is due, YYYY-MM-DD; null: not dated yet');
const WRITERS = ['admin', 'reporter'] as const;

const evidenceSchema = z.object({
  id: z.string(),
  sha256: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});

const milestoneSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  position: z.number().int(),
  text: z.string(),
  due: z.string().nullable(),
  ownerOfficeId: z.string().nullable().describe('The office that delivers it (default: the task’s first lead office)'),
  ownerOfficeName: z.string().nullable(),
  state: z
    .enum(MILESTONE_STATES)
    .describe('not-started 未开始, in-progress 推进中, submitted 申请确认, confirmed 已确认 (by the plan office)'),
  note: z.string().nullable().describe('What the owner says was delivered'),
  returnReason: z.string().nullable().describe('Why the plan office sent it back'),
  submittedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  evidence: z.array(evidenceSchema),
});

function present(m: MilestoneView): z.infer<typeof milestoneSchema> {
  return { ...m, evidence: m.evidence.map(({ milestoneId: _m, ...e }) => e) };
}

function actor(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('unauthenticated', { en: 'Please sign in first', zh: '请先登录' });
  return user;
}

/** Milestones (节点任务): a task's deliverables, moved on by their office, confirmed by the plan office. */
export const milestoneRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;
  const clock = () => app.deps.clock;

  app.get(
    '/api/tasks/:id/milestones',
    {
      config: { access: READERS },
      schema: {
        summary: 'A task’s milestones (节点任务) in order, with their state and evidence',
        tags: ['milestones'],
        params: idParams,
        response: { 200: z.array(milestoneSchema) },
      },
    },
    async (request) => (await listTaskMilestones(db(), request.params.id)).map(present),
  );

  app.post(
    '/api/tasks/:id/milestones',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Add a milestone to a task of a live plan (the plan office)',
        tags: ['milestones'],
        params: idParams,
        body: z.object({
          text: z.string().min(1).max(TEXT_MAX),
          due: due.optional(),
          ownerOfficeId: id.nullable().optional(),
        }),
        response: { 201: milestoneSchema },
      },
    },
    async (request, reply) => {
      const m = await createMilestone(db(), actor(request.user), {
        taskId: request.params.id,
        text: request.body.text,
        due: request.body.due ?? null,
        ownerOfficeId: request.body.ownerOfficeId,
        clock: clock(),
      });
      return reply.status(201).send(present(m));
    },
  );

  app.patch(
    '/api/milestones/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Edit a milestone’s text, due date or owner office (give the version you read; 409 when stale)',
        tags: ['milestones'],
        params: idParams,
        body: z.object({
          version,
          text: z.string().min(1).max(TEXT_MAX).optional(),
          due: due.optional(),
          ownerOfficeId: id.nullable().optional(),
        }),
        response: { 200: milestoneSchema },
      },
    },
    async (request) =>
      present(
        await editMilestone(db(), actor(request.user), { ...request.body, id: request.params.id, clock: clock() }),
      ),
  );

  app.delete(
    '/api/milestones/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Remove a milestone (give the version you read; 409 when stale)',
        tags: ['milestones'],
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().positive() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeMilestone(db(), actor(request.user), { id: request.params.id, version: request.query.version });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/milestones/:id/start',
    {
      config: { access: WRITERS },
      schema: {
        summary: 'The owner office starts work on a milestone: 未开始 → 推进中',
        tags: ['milestones'],
        params: idParams,
        body: z.object({ version }),
        response: { 200: milestoneSchema },
      },
    },
    async (request) =>
      present(
        await startMilestone(db(), actor(request.user), {
          id: request.params.id,
          version: request.body.version,
          clock: clock(),
        }),
      ),
  );

  app.post(
    '/api/milestones/:id/submit',
    {
      config: { access: WRITERS },
      schema: {
        summary: 'The owner office asks the plan office to confirm a delivered milestone: → 申请确认',
        tags: ['milestones'],
        params: idParams,
        body: z.object({ version, note: z.string().max(NOTE_MAX).nullable().optional() }),
        response: { 200: milestoneSchema },
      },
    },
    async (request) =>
      present(
        await submitMilestone(db(), actor(request.user), { ...request.body, id: request.params.id, clock: clock() }),
      ),
  );

  app.post(
    '/api/milestones/:id/confirm',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'The plan office confirms a milestone awaiting confirmation: → 已确认 (never one of its own office)',
        tags: ['milestones'],
        params: idParams,
        body: z.object({ version }),
        response: { 200: milestoneSchema },
      },
    },
    async (request) =>
      present(
        await confirmMilestone(db(), actor(request.user), {
          id: request.params.id,
          version: request.body.version,
          clock: clock(),
        }),
      ),
  );

  app.post(
    '/api/milestones/:id/return',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'The plan office sends a submitted or confirmed milestone back to 推进中, saying why',
        tags: ['milestones'],
        params: idParams,
        body: z.object({ version, reason: z.string().trim().min(1, 'say why').max(NOTE_MAX) }),
        response: { 200: milestoneSchema },
      },
    },
    async (request) =>
      present(
        await returnMilestone(db(), actor(request.user), { ...request.body, id: request.params.id, clock: clock() }),
      ),
  );

  app.post(
    '/api/milestones/:id/evidence',
    {
      config: { access: WRITERS },
      schema: {
        summary: 'Attach an evidence file to a milestone not yet confirmed: multipart/form-data, field `file`',
        tags: ['milestones'],
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().positive() }),
        response: { 201: milestoneSchema },
      },
    },
    async (request, reply) => {
      const upload = await evidenceUploadOf(request, app.deps.uploadLimitBytes);
      const m = await attachMilestoneEvidence(db(), actor(request.user), {
        ...upload,
        id: request.params.id,
        version: request.query.version,
        clock: clock(),
        filesDir: filesDir(app.deps.store.sqlitePath),
      });
      return reply.status(201).send(present(m));
    },
  );

  app.get(
    '/api/milestones/:id/evidence/:fileId',
    {
      config: { access: READERS },
      schema: {
        summary: 'Download an evidence file of a milestone',
        tags: ['milestones'],
        params: z.object({ id, fileId: id }),
      },
    },
    async (request, reply) => {
      const { file, bytes } = await readMilestoneEvidence(db(), {
        milestoneId: request.params.id,
        fileId: request.params.fileId,
        filesDir: filesDir(app.deps.store.sqlitePath),
      });
      // Always a download, never rendered in the page: an uploaded HTML file must not run as ours.
      return reply
        .header('content-type', file.mime)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(bytes);
    },
  );
};

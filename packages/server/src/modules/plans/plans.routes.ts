import { BASELINES, CADENCES, KINDS, OPS, PERIODS } from '@duban/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OFFICE_KINDS } from '../../db/schema.ts';
import { ADMIN } from '../../http/access.ts';
import {
  addTarget,
  addTask,
  deletePlan,
  listPlanSummaries,
  PlanCache,
  readPlanJson,
  removeTarget,
  removeTask,
  replaceAssignments,
  updatePlan,
  updateSection,
  updateTarget,
  updateTask,
} from './plans.service.ts';

// ---- shared pieces (the importer's corrections use the target fields too) ----

export const idParams = z.object({ id: z.string().min(1).max(64) });
export const versionField = z.number().int().min(1);
const span = z.tuple([z.number().int(), z.number().int()]).nullable();
const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** A target's value: one number, or [low, high] with op "between". */
export const targetValue = z.union([z.number(), z.tuple([z.number(), z.number()])]);

/** The fields of a target a person may edit, each optional. */
export const targetFields = {
  text: z.string().trim().min(1).max(2000).optional(),
  kind: z.enum(KINDS).optional(),
  op: z.enum(OPS).optional(),
  value: targetValue.optional(),
  unit: z.string().trim().max(50).optional(),
  period: z.enum(PERIODS).nullable().optional(),
  baseline: z.enum(BASELINES).nullable().optional(),
  deadline: z.string().trim().max(200).nullable().optional(),
  condition: z.string().trim().max(500).nullable().optional(),
  scope: z.string().trim().max(200).nullable().optional(),
};

const planHeader = z.object({
  id: z.string(),
  title: z.string(),
  notice: z.string().nullable(),
  issuers: z.array(z.string()),
  date: z.string().nullable(),
  year: z.number().int().nullable(),
  importId: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const target = z.object({
  id: z.string(),
  text: z.string(),
  kind: z.enum(KINDS),
  op: z.enum(OPS),
  value: targetValue,
  unit: z.string(),
  period: z.string().nullable(),
  baseline: z.string().nullable(),
  deadline: z.string().nullable(),
  condition: z.string().nullable(),
  scope: z.string().nullable(),
  subject: z.string().nullable(),
  version: z.number().int(),
  baselineValue: z.number().nullable(),
  baselineSource: z.string().nullable(),
  offices: z.array(z.string()).nullable(),
  label: z.string().nullable(),
});

const member = z.object({ id: z.string(), name: z.string() });
const assignment = z.object({
  id: z.string(),
  role: z.enum(['lead', 'support']),
  mention: z.string(),
  office: z.object({ id: z.string(), name: z.string(), kind: z.enum(OFFICE_KINDS) }).nullable(),
  group: z.object({ id: z.string(), name: z.string(), members: z.array(member) }).nullable(),
  unresolved: z.boolean(),
});

/** A task as the plan read shows it; the task page's route extends it. */
export const taskSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  text: z.string(),
  deadline: z.string().nullable(),
  leaders: z.array(z.string()),
  source: z.string().nullable(),
  assignedBy: z.string().nullable(),
  startDate: z.string().nullable(),
  version: z.number().int(),
  span,
  /** The task's own reporting cadence; null: the plan's. */
  cadence: z.enum(CADENCES).nullable(),
  assignments: z.array(assignment),
  targets: z.array(target),
});

const section = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  version: z.number().int(),
  tasks: z.array(taskSchema),
});

const plan = planHeader.extend({ sections: z.array(section) });

const planSummary = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number().int().nullable(),
  date: z.string().nullable(),
  issuers: z.array(z.string()),
  sectionCount: z.number().int(),
  taskCount: z.number().int(),
  targetCount: z.number().int(),
  createdAt: z.string(),
});

const title = z.string().trim().min(1).max(500);
const taskNumber = z.string().trim().min(1).max(20);
/** Where a task added after import came from (领导交办): the document or meeting, who, from when. */
const taskOrigin = {
  source: z.string().trim().max(500).nullable().optional(),
  assignedBy: z.string().trim().max(200).nullable().optional(),
  startDate: z.iso.date().nullable().optional(),
};
const assignmentInput = z.object({
  role: z.enum(['lead', 'support']),
  mention: z.string().trim().max(200).optional(),
  officeId: z.string().max(64).nullable().optional(),
  groupId: z.string().max(64).nullable().optional(),
});
const versionQuery = z.object({ version: z.coerce.number().int().min(1) });

/** Send JSON already serialized: bytes with a JSON type go out as they are. */
function sendJson(reply: FastifyReply, body: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;
  // Per app, not per module: each app has its own store (tests open many in one process).
  const plans = new PlanCache();

  app.get(
    '/api/plans',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Every plan, with how many sections, tasks and targets it has',
        response: { 200: z.array(planSummary) },
      },
    },
    async () => listPlanSummaries(db()),
  );

  app.get(
    '/api/plans/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'A whole plan: sections, tasks, their offices and targets',
        params: idParams,
        response: { 200: plan, ...errors },
      },
    },
    // The busiest read: the service answers with the JSON bytes (getPlan builds the plan field
    // by field, nothing to filter out), cached while the plan is unchanged. Bytes with a JSON
    // type are sent as they are, not serialized again; the schema still documents them.
    async (request, reply) => sendJson(reply, await readPlanJson(db(), plans, request.params.id)),
  );

  app.patch(
    '/api/plans/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: "Edit a plan's title, notice, date or year",
        params: idParams,
        body: z.object({
          version: versionField,
          title: title.optional(),
          notice: z.string().trim().max(1000).nullable().optional(),
          date: z.iso.date().nullable().optional(),
          year: z.number().int().min(1900).max(2999).nullable().optional(),
        }),
        response: { 200: planHeader, ...errors },
      },
    },
    async (request) => updatePlan(db(), request.user, { id: request.params.id, ...request.body }),
  );

  app.delete(
    '/api/plans/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Delete a plan with its sections, tasks, assignments and targets (kept in the audit log)',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deletePlan(db(), request.user, { id: request.params.id, version: request.query.version });
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/api/sections/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: "Edit a section's number or title",
        params: idParams,
        body: z.object({
          version: versionField,
          number: z.string().trim().max(20).optional(),
          title: title.optional(),
        }),
        response: {
          200: z.object({
            id: z.string(),
            planId: z.string(),
            number: z.string(),
            title: z.string(),
            version: z.number(),
          }),
          ...errors,
        },
      },
    },
    async (request) => updateSection(db(), request.user, { id: request.params.id, ...request.body }),
  );

  const standaloneTask = taskSchema.extend({ planId: z.string(), sectionId: z.string() });
  // A task's answer carries its assignments with every group member: the service builds it
  // field by field (nothing to filter out), and checking it again with zod cost more than its
  // two queries. The schema still documents it.
  const stringify = () => (data: unknown) => JSON.stringify(data);

  app.patch(
    '/api/tasks/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary:
          "Edit a task's number, title, text, deadline, leaders, reporting cadence (null: the plan's), or where it came from and from when it is owed",
        params: idParams,
        body: z.object({
          version: versionField,
          number: taskNumber.optional(),
          ...taskOrigin,
          title: title.optional(),
          text: z.string().max(20_000).optional(),
          deadline: z.string().trim().max(200).nullable().optional(),
          leaders: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
          cadence: z.enum(CADENCES).nullable().optional(),
        }),
        response: { 200: standaloneTask, ...errors },
      },
      serializerCompiler: stringify,
    },
    async (request) => updateTask(db(), request.user, { id: request.params.id, ...request.body }),
  );

  app.put(
    '/api/tasks/:id/assignments',
    {
      config: { access: ADMIN },
      schema: {
        summary: "Replace a task's lead and support offices (with the task's version)",
        params: idParams,
        body: z.object({
          version: versionField,
          assignments: z.array(assignmentInput).max(500),
        }),
        response: { 200: standaloneTask, ...errors },
      },
      serializerCompiler: stringify,
    },
    async (request) =>
      replaceAssignments(db(), request.user, {
        taskId: request.params.id,
        version: request.body.version,
        assignments: request.body.assignments,
      }),
  );

  app.post(
    '/api/sections/:id/tasks',
    {
      config: { access: ADMIN },
      schema: {
        summary:
          'Add a task at the end of a section: one the parser missed, or one assigned mid-year (领导交办) with its source and start date',
        params: idParams,
        body: z.object({
          number: taskNumber.optional(),
          title,
          text: z.string().max(20_000).optional(),
          deadline: z.string().trim().max(200).nullable().optional(),
          leaders: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
          ...taskOrigin,
          assignments: z.array(assignmentInput).max(500).optional(),
        }),
        response: { 201: standaloneTask, ...errors },
      },
      serializerCompiler: stringify,
    },
    async (request, reply) => {
      const task = await addTask(db(), request.user, {
        sectionId: request.params.id,
        ...request.body,
        clock: app.deps.clock,
      });
      return reply.status(201).send(task);
    },
  );

  app.delete(
    '/api/tasks/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Remove a task that has no reports or supervision orders (kept in the audit log)',
        params: idParams,
        querystring: versionQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeTask(db(), request.user, { id: request.params.id, version: request.query.version });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/tasks/:id/targets',
    {
      config: { access: ADMIN },
      schema: {
        summary: "Add a target to a task (with the task's version)",
        params: idParams,
        body: z.object({
          version: versionField,
          text: z.string().trim().min(1).max(2000),
          kind: z.enum(KINDS),
          op: z.enum(OPS),
          value: targetValue,
          unit: targetFields.unit,
          period: targetFields.period,
          baseline: targetFields.baseline,
          deadline: targetFields.deadline,
          condition: targetFields.condition,
          scope: targetFields.scope,
        }),
        response: { 201: target.extend({ taskId: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const created = await addTarget(db(), request.user, {
        taskId: request.params.id,
        ...request.body,
        clock: app.deps.clock,
      });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/targets/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Remove a target that has no reported figures (kept in the audit log)',
        params: idParams,
        querystring: versionQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeTarget(db(), request.user, { id: request.params.id, version: request.query.version });
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/api/targets/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Edit a target',
        params: idParams,
        body: z.object({
          version: versionField,
          ...targetFields,
          subject: z
            .string()
            .trim()
            .max(100)
            .nullable()
            .optional()
            .describe(
              'Frequency targets: whom they bind — roster:<category>, class:<unit class>, group:<id>, district, leads; null reads it from the text',
            ),
        }),
        response: { 200: target.extend({ taskId: z.string() }), ...errors },
      },
    },
    async (request) => updateTarget(db(), request.user, { id: request.params.id, ...request.body }),
  );
};

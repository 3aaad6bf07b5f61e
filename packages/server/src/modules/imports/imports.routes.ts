import { planSchema, warningSchema } from '@duban/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OFFICE_KINDS } from '../../db/schema.ts';
import { ADMIN } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { idParams, targetFields, versionField } from '../plans/plans.routes.ts';
import { commitImport, correctImport, createImport, getImport, listImportSummaries } from './imports.service.ts';

const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
const errors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
  413: errorResponse,
  422: errorResponse,
};

const resolution = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('office'), id: z.string(), name: z.string(), via: z.string() }),
  z.object({ kind: z.literal('group'), id: z.string(), name: z.string(), via: z.string() }),
  z.object({ kind: z.literal('create'), name: z.string(), officeKind: z.enum(OFFICE_KINDS) }),
  z.object({
    kind: z.literal('unresolved'),
    suggestions: z.array(
      z.object({ kind: z.enum(['office', 'group']), id: z.string(), name: z.string(), score: z.number() }),
    ),
  }),
]);

const preview = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(['preview', 'committed']),
  fileName: z.string(),
  format: z.string(),
  createdAt: z.string(),
  planId: z.string().nullable(),
  sourceText: z.string(),
  plan: planSchema.omit({ warnings: true }),
  mentions: z.array(
    z.object({
      mention: z.string(),
      appearances: z.array(
        z.object({
          section: z.number().int(),
          item: z.number().int(),
          number: z.string(),
          role: z.enum(['lead', 'support']),
        }),
      ),
      resolution,
      corrected: z.boolean(),
    }),
  ),
  warnings: z.array(warningSchema),
  duplicates: z
    .array(
      z.object({
        planId: z.string(),
        title: z.string(),
        year: z.number().int().nullable(),
        sameDocument: z.boolean().describe('Imported from the same document (its bytes or its text)'),
        sameTitle: z.boolean().describe('The same title for the same year'),
      }),
    )
    .describe('Plans already in Duban this import would repeat: committing then needs confirmDuplicate'),
});

const position = z.number().int().min(0);

const correctionBody = z.object({
  version: versionField,
  title: z.string().trim().min(1).max(500).optional(),
  mentions: z
    .record(
      z.string().min(1).max(200),
      z.union([
        z.strictObject({ officeId: z.string().min(1).max(64) }),
        z.strictObject({ groupId: z.string().min(1).max(64) }),
        z.strictObject({
          create: z.object({ name: z.string().trim().min(1).max(200), kind: z.enum(OFFICE_KINDS) }),
        }),
        z.null(),
      ]),
    )
    .optional(),
  items: z
    .array(
      z.object({
        section: position,
        item: position,
        title: z.string().trim().min(1).max(500).optional(),
        // A date for a deadline phrase that names none (党的十七大召开之前 → 2007-10-15).
        deadline: z.string().trim().max(200).nullable().optional(),
      }),
    )
    .max(2000)
    .optional(),
  targets: z
    .array(
      z.object({
        section: position,
        item: position,
        target: position,
        remove: z.boolean().optional(),
        ...targetFields,
      }),
    )
    .max(2000)
    .optional(),
  milestones: z
    .array(
      z.object({
        section: position,
        item: position,
        milestone: position.optional().describe('The milestone to edit or remove; omitted: add a new one to the item'),
        remove: z.boolean().optional(),
        text: z.string().trim().min(1).max(500).optional(),
        due: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/u, 'A date like 2007-07-20')
          .nullable()
          .optional(),
      }),
    )
    .max(2000)
    .optional()
    .describe('Keep, edit (text, due), drop or add the milestones the parser proposed'),
  splits: z
    .array(
      z.object({
        section: position,
        item: position,
        target: position,
        labels: z.array(z.string().max(40)).min(2).max(12),
      }),
    )
    .max(200)
    .optional(),
});

/** The uploaded document of a multipart request: its one `file` field. Over the limit: 413. */
async function uploadOf(request: FastifyRequest): Promise<{ bytes: Uint8Array; fileName: string }> {
  const part = await request.file();
  if (part?.fieldname !== 'file') {
    throw new AppError(
      'bad-input',
      { en: 'Send the document in a form field named "file"', zh: '请通过名为“file”的表单字段上传文件' },
      'file',
    );
  }
  // toBuffer throws the 413 error when the file passes the upload limit.
  const bytes = await part.toBuffer();
  return { bytes, fileName: part.filename || 'document' };
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;

  app.post(
    '/api/imports',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Import a plan document: multipart/form-data with a `file` (.txt or .docx), or JSON { text, name? }',
        description: 'Parses the document and keeps it as a preview to correct and commit.',
        body: z.object({ text: z.string(), name: z.string().trim().min(1).max(255).optional() }).nullish(),
        response: { 201: preview, ...errors },
      },
    },
    async (request, reply) => {
      let upload: { bytes: Uint8Array; fileName: string };
      if (request.isMultipart()) upload = await uploadOf(request);
      else if (request.body) {
        upload = { bytes: Buffer.from(request.body.text, 'utf8'), fileName: request.body.name ?? 'pasted text' };
      } else {
        throw new AppError('bad-input', {
          en: 'Send a document as multipart/form-data (field "file") or as JSON { text }',
          zh: '请以 multipart/form-data(字段“file”)上传文件,或以 JSON { text } 提交文本',
        });
      }
      const result = await createImport(db(), request.user, { ...upload, maxBytes: app.deps.uploadLimitBytes });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/imports',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'The latest imports, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              fileName: z.string(),
              format: z.string(),
              title: z.string(),
              status: z.enum(['preview', 'committed']),
              planId: z.string().nullable(),
              createdAt: z.string(),
              createdBy: z.string().nullable(),
              version: z.number().int(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (request) => listImportSummaries(db(), { limit: request.query.limit }),
  );

  app.get(
    '/api/imports/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: "An import's preview, corrections applied",
        params: idParams,
        response: { 200: preview, ...errors },
      },
    },
    async (request) => getImport(db(), request.params.id),
  );

  app.patch(
    '/api/imports/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Correct a preview: map mentions, fix titles, edit or remove targets, edit, drop or add milestones',
        params: idParams,
        body: correctionBody,
        response: { 200: preview, ...errors },
      },
    },
    async (request) => correctImport(db(), request.user, { id: request.params.id, ...request.body }),
  );

  app.post(
    '/api/imports/:id/commit',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Commit a preview as a plan, in one transaction',
        params: idParams,
        body: z.object({
          version: versionField,
          confirmDuplicate: z
            .boolean()
            .optional()
            .describe('Import it although the preview names plans it repeats (409 without it)'),
        }),
        response: { 200: z.object({ planId: z.string() }), ...errors },
      },
    },
    async (request) => {
      const r = await commitImport(db(), request.user, {
        id: request.params.id,
        ...request.body,
        clock: app.deps.clock,
      });
      return { planId: r.planId };
    },
  );
};

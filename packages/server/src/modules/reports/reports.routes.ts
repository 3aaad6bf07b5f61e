import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../db/schema.ts';
import { REPORT_ACTIONS, REPORT_PROGRESS, REPORT_STATUSES } from '../../db/tables/reports.ts';
import { evidenceTypeOf } from '../../files/sniff.ts';
import type { SessionUser } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { filesDir } from './evidence.store.ts';
import type { Report } from './reports.repository.ts';
import {
  addEvidence,
  COMMENT_MAX,
  createReport,
  FIGURES_MAX,
  getReport,
  listReports,
  NARRATIVE_MAX,
  nextReviewer,
  type ReportDetail,
  readEvidence,
  removeEvidence,
  reviewAsOfficeAbove,
  reviewReport,
  SUMMARY_MAX,
  submitReport,
  updateReport,
  withdrawReport,
} from './reports.service.ts';

const id = z.string().min(1).max(64);
const idParams = z.object({ id });
const version = z.number().int().positive();
const status = z.enum(REPORT_STATUSES);
const progress = z.enum(REPORT_PROGRESS).describe('not-started 未启动, in-progress 推进中, done 已完成, blocked 受阻');
const periodKey = z.string().trim().min(1).max(20).describe('The reporting period, e.g. 2007-M06');
const WRITERS = ['admin', 'reporter'] as const;

const figureInput = z.object({
  targetId: id,
  value: z.number().optional(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  cumulative: z.boolean().optional(),
});
const figures = z.array(figureInput).max(FIGURES_MAX);
const missingFigure = z.object({
  targetId: id,
  reason: z.string().max(500).describe('Why the report gives no figure for this target this period'),
});
const missingFigures = z
  .array(missingFigure)
  .max(FIGURES_MAX)
  .describe('Targets without a figure, each with the reason; a submission needs a figure or a reason for each');
const narrative = z.string().max(NARRATIVE_MAX);
const goodPracticeSummary = z.string().max(SUMMARY_MAX).nullable();

const reportSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  officeId: z.string(),
  periodKey: z.string(),
  status,
  progress,
  narrative: z.string(),
  goodPractice: z.boolean(),
  goodPracticeSummary: z.string().nullable(),
  submittedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  late: z.boolean(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const figureSchema = z.object({
  id: z.string(),
  targetId: z.string(),
  value: z.number(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  cumulative: z.boolean(),
});

/** A report as answered: with who reviews it next. */
const reportViewSchema = reportSchema.extend({
  missingFigures: z.array(missingFigure).describe('Targets given no figure, each with the office’s reason'),
  reviewOfficeId: z
    .string()
    .nullable()
    .describe('The office directly above the reporting office, which reviews first; null: the plan office alone'),
  nextReviewer: z
    .enum(['office-above', 'plan-office'])
    .nullable()
    .describe('Who reviews the report now; null while it is a draft, returned or accepted'),
});

const eventSchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable().describe('The display name of the user who acted'),
  action: z.enum(REPORT_ACTIONS),
  comment: z.string().nullable(),
  fileName: z.string().nullable().describe('attach and detach: the evidence file'),
  snapshot: z
    .object({ report: reportSchema, figures: z.array(figureSchema) })
    .nullable()
    .describe('The report and its figures as this change left them'),
});

const evidenceSchema = z.object({
  id: z.string(),
  sha256: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});

const detailSchema = reportViewSchema.extend({
  lockedSince: z
    .string()
    .nullable()
    .describe(
      'The day the report’s period locked for its office (no more edits, submissions or withdrawals without an exception from the plan office); null while open',
    ),
  figures: z.array(figureSchema),
  events: z.array(eventSchema),
  evidence: z.array(evidenceSchema),
  ofPlanOffice: z
    .boolean()
    .describe('The report is of the office that runs its plan: a leader reviews it at the plan office’s stage'),
});

function presentReport(r: Report, reviewOfficeId: string | null): z.infer<typeof reportViewSchema> {
  return {
    reviewOfficeId,
    nextReviewer: nextReviewer(r.status, reviewOfficeId),
    id: r.id,
    taskId: r.taskId,
    officeId: r.officeId,
    periodKey: r.periodKey,
    status: r.status,
    progress: r.progress,
    narrative: r.narrative,
    goodPractice: r.goodPractice,
    goodPracticeSummary: r.goodPracticeSummary,
    submittedAt: r.submittedAt,
    dueDate: r.dueDate,
    late: r.late,
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt,
    reviewComment: r.reviewComment,
    missingFigures: r.missingFigures.map((m) => ({ targetId: m.targetId, reason: m.reason })),
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function presentDetail(d: ReportDetail): z.infer<typeof detailSchema> {
  const figure = (f: ReportDetail['figures'][number]) => ({
    id: f.id,
    targetId: f.targetId,
    value: f.value,
    numerator: f.numerator,
    denominator: f.denominator,
    cumulative: f.cumulative,
  });
  return {
    ...presentReport(d.report, d.reviewOfficeId),
    lockedSince: d.lockedSince,
    ofPlanOffice: d.ofPlanOffice ?? false,
    figures: d.figures.map(figure),
    events: d.events.map((e) => {
      // Snapshots are what the service stored; one that no longer reads as one shows as null.
      const snapshot = eventSchema.shape.snapshot.safeParse(e.snapshot);
      return {
        id: e.id,
        at: e.at,
        userId: e.userId,
        userName: e.userName,
        action: e.action,
        comment: e.comment,
        fileName: e.fileName,
        snapshot: snapshot.success ? snapshot.data : null,
      };
    }),
    evidence: d.evidence.map((e) => ({
      id: e.id,
      sha256: e.sha256,
      name: e.name,
      mime: e.mime,
      size: e.size,
      createdAt: e.createdAt,
    })),
  };
}

/** The plan office reviews reports; a leader reviews the plan office's own (checkPlanReviewer). */
const REVIEWERS: readonly Role[] = ['admin', 'leader'];

/** The routes' access has let only signed-in users through. */
function actor(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('unauthenticated', { en: 'Please sign in first', zh: '请先登录' });
  return user;
}

/** The uploaded file of a multipart request: its one `file` field. Over the limit: 413. */
async function uploadOf(request: FastifyRequest): Promise<{ bytes: Buffer; name: string; mime: string }> {
  const part = request.isMultipart() ? await request.file() : undefined;
  if (part?.fieldname !== 'file') {
    throw new AppError(
      'bad-input',
      {
        en: 'Send the file as multipart/form-data in a field named "file"',
        zh: '请以 multipart/form-data 格式在名为“file”的字段中上传文件',
      },
      'file',
    );
  }
  // toBuffer throws the 413 error when the file passes the upload limit.
  const bytes = await part.toBuffer();
  return { bytes, name: part.filename || 'file', mime: part.mimetype };
}

/**
 * An evidence upload with the type its content shows (415 for any other than the evidence types,
 * whatever its name or declared type says); an empty file is the service's to refuse.
 */
export async function evidenceUploadOf(
  request: FastifyRequest,
  limitBytes: number,
): Promise<{ bytes: Buffer; name: string; mime: string }> {
  const upload = await uploadOf(request);
  const type = upload.bytes.length > 0 ? await evidenceTypeOf(upload.bytes, upload.name, limitBytes) : null;
  return { ...upload, mime: type?.mime ?? upload.mime };
}

/** Progress reports: offices report on their tasks each period; the plan office reviews. */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.store.db;

  app.get(
    '/api/reports',
    {
      config: { access: 'signed-in' },
      schema: {
        summary:
          'Reports matching the filters; a reporter sees their own office’s, and those handed in by the offices directly under it',
        tags: ['reports'],
        querystring: z.object({
          taskId: id.optional(),
          officeId: id.optional(),
          periodKey: periodKey.optional(),
          status: status.optional(),
          toReview: z
            .enum(['true', 'false'])
            .optional()
            .describe(
              'true: only reports waiting for your review (a reporter: of the offices under theirs; an administrator: at the plan office’s stage, but the plan office’s own; a leader: the plan office’s own at that stage)',
            ),
        }),
        response: { 200: z.object({ items: z.array(reportViewSchema) }) },
      },
    },
    async (request) => {
      const { toReview, ...filter } = request.query;
      const items = await listReports(db(), actor(request.user), { ...filter, toReview: toReview === 'true' });
      return { items: items.map((r) => presentReport(r, r.reviewOfficeId)) };
    },
  );

  app.get(
    '/api/reports/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'One report with its figures and its history',
        tags: ['reports'],
        params: idParams,
        response: { 200: detailSchema },
      },
    },
    async (request) => presentDetail(await getReport(db(), actor(request.user), request.params.id, app.deps.clock)),
  );

  app.post(
    '/api/reports',
    {
      config: { access: WRITERS, idempotent: true },
      schema: {
        summary: 'Start a draft report on a task for a period (a reporter: for their office, on its tasks)',
        tags: ['reports'],
        body: z.object({
          taskId: id,
          officeId: id.optional(),
          periodKey,
          dueDate: z.string().max(10).nullable().optional().describe('YYYY-MM-DD; administrators only'),
          progress: progress.optional(),
          narrative: narrative.optional(),
          goodPractice: z.boolean().optional(),
          goodPracticeSummary: goodPracticeSummary.optional(),
          figures: figures.optional(),
          missingFigures: missingFigures.optional(),
        }),
        response: { 201: detailSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentDetail(await createReport(db(), actor(request.user), request.body, app.deps.clock))),
  );

  app.patch(
    '/api/reports/:id',
    {
      config: { access: WRITERS },
      schema: {
        summary: 'Edit a draft or returned report (give the version you read; 409 when stale)',
        tags: ['reports'],
        params: idParams,
        body: z.object({
          version,
          progress: progress.optional(),
          narrative: narrative.optional(),
          goodPractice: z.boolean().optional(),
          goodPracticeSummary: goodPracticeSummary.optional(),
          figures: figures.optional().describe('Replaces every figure when given'),
          missingFigures: missingFigures.optional().describe('Replaces every reason for a missing figure when given'),
        }),
        response: { 200: detailSchema },
      },
    },
    async (request) =>
      presentDetail(
        await updateReport(db(), actor(request.user), { ...request.body, id: request.params.id }, app.deps.clock),
      ),
  );

  app.post(
    '/api/reports/:id/submit',
    {
      config: { access: WRITERS },
      schema: {
        summary:
          'Submit a draft or returned report for review; marked late after its due date. 400 without a narrative, or without a figure or a stated reason for each target due',
        tags: ['reports'],
        params: idParams,
        body: z.object({ version }),
        response: { 200: detailSchema },
      },
    },
    async (request) =>
      presentDetail(
        await submitReport(
          db(),
          actor(request.user),
          { id: request.params.id, version: request.body.version },
          app.deps.clock,
        ),
      ),
  );

  app.post(
    '/api/reports/:id/withdraw',
    {
      config: { access: WRITERS },
      schema: {
        summary:
          'Take a submitted report back to draft before it is reviewed (撤回); 409 once the office above or the plan office has acted, or the period is locked',
        tags: ['reports'],
        params: idParams,
        body: z.object({ version }),
        response: { 200: detailSchema },
      },
    },
    async (request) =>
      presentDetail(
        await withdrawReport(
          db(),
          actor(request.user),
          { id: request.params.id, version: request.body.version },
          app.deps.clock,
        ),
      ),
  );

  app.post(
    '/api/reports/:id/review',
    {
      config: { access: ['reporter'] },
      schema: {
        summary:
          'The first review, by a reporter of the office directly above the report’s office: pass it on to the plan office, or return it saying why',
        tags: ['reports'],
        params: idParams,
        body: z.object({
          version,
          decision: z.enum(['pass', 'return']),
          comment: z.string().max(COMMENT_MAX).nullable().optional().describe('Required to return'),
        }),
        response: { 200: detailSchema },
      },
    },
    async (request) =>
      presentDetail(
        await reviewAsOfficeAbove(
          db(),
          actor(request.user),
          { ...request.body, id: request.params.id },
          app.deps.clock,
        ),
      ),
  );

  app.post(
    '/api/reports/:id/accept',
    {
      config: { access: REVIEWERS },
      schema: {
        summary:
          'Accept a submitted report; one of an office with an office above once that office has passed it on (else 409); one of the plan office itself: a leader only (else 403)',
        tags: ['reports'],
        params: idParams,
        body: z.object({ version, comment: z.string().max(COMMENT_MAX).nullable().optional() }),
        response: { 200: detailSchema },
      },
    },
    async (request) =>
      presentDetail(
        await reviewReport(
          db(),
          actor(request.user),
          { ...request.body, id: request.params.id, decision: 'accept' },
          app.deps.clock,
        ),
      ),
  );

  app.post(
    '/api/reports/:id/return',
    {
      config: { access: REVIEWERS },
      schema: {
        summary:
          'Return a report at the plan office’s stage of review to its office, saying why; one of the plan office itself: a leader only',
        tags: ['reports'],
        params: idParams,
        body: z.object({ version, comment: z.string().trim().min(1, 'say why').max(COMMENT_MAX) }),
        response: { 200: detailSchema },
      },
    },
    async (request) =>
      presentDetail(
        await reviewReport(
          db(),
          actor(request.user),
          { ...request.body, id: request.params.id, decision: 'return' },
          app.deps.clock,
        ),
      ),
  );

  app.post(
    '/api/reports/:id/evidence',
    {
      config: { access: WRITERS },
      schema: {
        summary: 'Attach an evidence file to a draft or returned report: multipart/form-data, field `file`',
        tags: ['reports'],
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().positive() }),
        response: { 201: detailSchema },
      },
    },
    async (request, reply) => {
      const upload = await evidenceUploadOf(request, app.deps.uploadLimitBytes);
      const detail = await addEvidence(
        db(),
        actor(request.user),
        {
          ...upload,
          id: request.params.id,
          version: request.query.version,
          filesDir: filesDir(app.deps.store.sqlitePath),
        },
        app.deps.clock,
      );
      return reply.status(201).send(presentDetail(detail));
    },
  );

  app.delete(
    '/api/reports/:id/evidence/:fileId',
    {
      config: { access: WRITERS },
      schema: {
        summary: 'Take an evidence file off a draft or returned report (give the version you read)',
        tags: ['reports'],
        params: z.object({ id, fileId: id }),
        querystring: z.object({ version: z.coerce.number().int().positive() }),
        response: { 200: detailSchema },
      },
    },
    async (request) =>
      presentDetail(
        await removeEvidence(
          db(),
          actor(request.user),
          { id: request.params.id, fileId: request.params.fileId, version: request.query.version },
          app.deps.clock,
        ),
      ),
  );

  app.get(
    '/api/reports/:id/evidence/:fileId',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Download an evidence file of a report',
        tags: ['reports'],
        params: z.object({ id, fileId: id }),
      },
    },
    async (request, reply) => {
      const { file, bytes } = await readEvidence(db(), actor(request.user), {
        reportId: request.params.id,
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

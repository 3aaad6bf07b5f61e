import {
  buildResolver,
  type Clock,
  type Directory,
  emptyGroupOf,
  type Indicator,
  indicatorSchema,
  isIsoDate,
  type Plan,
  type PlanWarning,
  type Resolution,
  type ResolvedVia,
  reviewWarnings,
  type Suggestion,
  systemClock,
} from '@duban/core';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { newId } from '../../db/ids.ts';
import type { Database, OfficeKind } from '../../db/schema.ts';
import { DocumentError } from '../../documents/errors.ts';
import { readPlanIsolated } from '../../documents/isolated.ts';
import type { ParsedDocument } from '../../documents/read.ts';
import type { SessionUser } from '../../http/access.ts';
import { AppError, notFound, staleVersion, type Words } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { addMilestones } from '../milestones/milestones.service.ts';
import { createOffice, loadDirectory } from '../offices/offices.service.ts';
import { checkTargetValue, createPlan, type NewTask, planYear } from '../plans/plans.service.ts';
import {
  type Corrections,
  claimImport,
  type DuplicatePlan,
  findDuplicatePlans,
  findImport,
  type ImportRecord,
  insertImport,
  listImports,
  type MentionCorrection,
  markImportCommitted,
  taskIdsOfPlan,
  updateImportPreview,
} from './imports.repository.ts';

/**
 * Importing a plan document: parse it into a preview, let a person correct the preview (how
 * mentions resolve, titles, targets), then commit it as a plan in one transaction.
 */

export type { MentionCorrection } from './imports.repository.ts';

export type PreviewResolution =
  | { readonly kind: 'office'; readonly id: string; readonly name: string; readonly via: ResolvedVia | 'correction' }
  | { readonly kind: 'group'; readonly id: string; readonly name: string; readonly via: ResolvedVia | 'correction' }
  | { readonly kind: 'create'; readonly name: string; readonly officeKind: OfficeKind }
  | { readonly kind: 'unresolved'; readonly suggestions: Suggestion[] };

export interface MentionAppearance {
  /** Position of the section in the plan, from 0. */
  readonly section: number;
  /** Position of the item in its section, from 0. */
  readonly item: number;
  /** The item's number as printed. */
  readonly number: string;
  readonly role: 'lead' | 'support';
}

export interface PreviewMention {
  readonly mention: string;
  readonly appearances: MentionAppearance[];
  readonly resolution: PreviewResolution;
  /** Whether the resolution is a person's correction rather than the resolver's. */
  readonly corrected: boolean;
}

export interface ImportPreview {
  readonly id: string;
  readonly version: number;
  readonly status: 'preview' | 'committed';
  readonly fileName: string;
  readonly format: string;
  readonly createdAt: string;
  readonly planId: string | null;
  readonly sourceText: string;
  readonly plan: Omit<Plan, 'warnings'>;
  readonly mentions: PreviewMention[];
  readonly warnings: PlanWarning[];
  /** Plans already in Duban this import would repeat (same document, or same title and year). */
  readonly duplicates: DuplicatePlan[];
}

export interface ImportSummary {
  readonly id: string;
  readonly fileName: string;
  readonly format: string;
  readonly title: string;
  readonly status: 'preview' | 'committed';
  readonly planId: string | null;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly version: number;
}

const actorId = (actor: SessionUser | null): string | null => actor?.id ?? null;

// ---- resolution ----

/** Every mention of a plan in document order, with where it appears. */
function mentionsOf(plan: Plan): Map<string, MentionAppearance[]> {
  const found = new Map<string, MentionAppearance[]>();
  plan.sections.forEach((section, s) => {
    section.items.forEach((item, i) => {
      for (const role of ['lead', 'support'] as const) {
        for (const mention of item[role]) {
          const at: MentionAppearance = { section: s, item: i, number: item.number, role };
          const list = found.get(mention);
          if (list) list.push(at);
          else found.set(mention, [at]);
        }
      }
    });
  });
  return found;
}

/** How each mention resolves: a person's correction first, else the directory's resolver. */
function resolverWith(directory: Directory, corrections: Corrections): (mention: string) => PreviewResolution {
  const resolve = buildResolver(directory);
  const offices = new Map(directory.offices.map((o) => [o.id, o.name]));
  const groups = new Map(directory.groups.map((g) => [g.id, g.name]));
  return (mention) => {
    const c = corrections.mentions[mention];
    if (c && 'officeId' in c) {
      const name = offices.get(c.officeId);
      // An office removed since the correction: fall back to the resolver.
      if (name !== undefined) return { kind: 'office', id: c.officeId, name, via: 'correction' };
    } else if (c && 'groupId' in c) {
      const name = groups.get(c.groupId);
      if (name !== undefined) return { kind: 'group', id: c.groupId, name, via: 'correction' };
    } else if (c && 'create' in c) {
      return { kind: 'create', name: c.create.name, officeKind: c.create.kind };
    }
    return fromResolver(resolve(mention));
  };
}

const fromResolver = (r: Resolution): PreviewResolution =>
  r.kind === 'unresolved' ? { kind: 'unresolved', suggestions: [...r.suggestions] } : r;

function previewOf(record: ImportRecord, directory: Directory): Omit<ImportPreview, 'duplicates'> {
  const resolve = resolverWith(directory, record.corrections);
  const mentions: PreviewMention[] = [];
  for (const [mention, appearances] of mentionsOf(record.plan)) {
    const resolution = resolve(mention);
    mentions.push({
      mention,
      appearances,
      resolution,
      corrected: resolution.kind === 'create' || ('via' in resolution && resolution.via === 'correction'),
    });
  }
  const { warnings: parsed, ...plan } = record.plan;
  const resolutions = new Map(mentions.map((m) => [m.mention, m.resolution]));
  // The preview's own warnings, from today's directory: fixed in the preview, they go away.
  const review = reviewWarnings(plan, {
    // Any leap year reads every phrase that names a date; only "is it one" matters here.
    year: planYear(plan.date, plan.title) ?? 2000,
    emptyGroup: (mention) => {
      const resolution = resolutions.get(mention);
      return resolution ? (emptyGroupOf(directory, resolution)?.name ?? null) : null;
    },
  });
  const warnings = [...parsed, ...review];
  return {
    id: record.id,
    version: record.version,
    status: record.status,
    fileName: record.fileName,
    format: record.format,
    createdAt: record.createdAt,
    planId: record.planId,
    sourceText: record.sourceText,
    plan,
    mentions,
    warnings,
  };
}

// ---- import ----

const IMPORT: Words = { en: 'Import', zh: '导入记录' };
const STALE_IMPORT: Words = { en: 'Import', zh: '该导入记录' };

/** A DocumentError as the API tells it: too large, packed or not (413), or a document Duban cannot read (422). */
function documentProblem(error: DocumentError): AppError {
  const tooLarge = error.code === 'too-large' || error.code === 'unpacks-too-large';
  return new AppError(tooLarge ? 'too-large' : 'unparseable-document', { en: error.message, zh: error.zh });
}

/** Read and parse off the request's thread where it could take long (see readPlanIsolated). */
async function read(bytes: Uint8Array, fileName: string): Promise<ParsedDocument> {
  try {
    return await readPlanIsolated(bytes, fileName);
  } catch (error) {
    throw error instanceof DocumentError ? documentProblem(error) : error;
  }
}

/**
 * Read and parse a document (plain text in UTF-8 or GB18030, or .docx) and keep it as an import
 * in preview, with its bytes, its text and the parsed plan; answers with the preview.
 */
export async function createImport(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: { readonly bytes: Uint8Array; readonly fileName: string; readonly maxBytes: number },
): Promise<ImportPreview> {
  if (props.bytes.length > props.maxBytes) {
    throw new AppError('too-large', {
      en: `The document is larger than the ${props.maxBytes}-byte limit`,
      zh: `文件超过 ${props.maxBytes} 字节的大小限制`,
    });
  }
  const { format, plan, sourceText: text } = await read(props.bytes, props.fileName);
  const now = new Date().toISOString();
  const row = {
    id: newId(),
    created_at: now,
    created_by: actorId(actor),
    file_name: props.fileName,
    format,
    source_base64: Buffer.from(props.bytes).toString('base64'),
    source_text: text,
    plan_json: JSON.stringify(plan),
    corrections: '{}',
    status: 'preview' as const,
    plan_id: null,
    version: 1,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await insertImport(trx, row);
    const { source_base64, source_text, plan_json, ...kept } = row;
    await insertAudit(trx, {
      userId: actorId(actor),
      action: 'import',
      entity: 'import',
      entityId: row.id,
      after: {
        ...kept,
        bytes: props.bytes.length,
        title: plan.title,
        sections: plan.sections.length,
        items: plan.sections.reduce((n, s) => n + s.items.length, 0),
      },
    });
  });
  return getImport(db, row.id);
}

/** An import's preview, corrections applied, mentions resolved against today's directory. */
export async function getImport(db: Kysely<Database>, id: string): Promise<ImportPreview> {
  const [record, directory] = await Promise.all([findImport(db, id), loadDirectory(db)]);
  if (!record) throw notFound(IMPORT);
  return { ...previewOf(record, directory), duplicates: await duplicatesOf(db, record) };
}

function duplicatesOf(db: Kysely<Database>, record: { id: string; plan: Plan }): Promise<DuplicatePlan[]> {
  return findDuplicatePlans(db, {
    id: record.id,
    title: record.plan.title,
    year: planYear(record.plan.date, record.plan.title),
  });
}

/** The latest imports, newest first. */
export async function listImportSummaries(
  db: Kysely<Database>,
  props: { readonly limit: number },
): Promise<ImportSummary[]> {
  const records = await listImports(db, props.limit);
  return records.map((r) => ({
    id: r.id,
    fileName: r.fileName,
    format: r.format,
    title: r.title,
    status: r.status,
    planId: r.planId,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    version: r.version,
  }));
}

// ---- corrections ----

type TargetFields = Partial<
  Pick<Indicator, 'text' | 'kind' | 'op' | 'value' | 'unit' | 'period' | 'baseline' | 'deadline'>
> & {
  readonly condition?: string | null | undefined;
  readonly scope?: string | null | undefined;
};

export interface ImportCorrection {
  readonly id: string;
  readonly version: number;
  /** The plan's title. */
  readonly title?: string | undefined;
  /** How mentions resolve; null drops an earlier correction. */
  readonly mentions?: Readonly<Record<string, MentionCorrection | null>> | undefined;
  /** Item titles and deadlines (a date for a phrase that names none), by section and item position. */
  readonly items?:
    | readonly {
        readonly section: number;
        readonly item: number;
        readonly title?: string | undefined;
        readonly deadline?: string | null | undefined;
      }[]
    | undefined;
  /** Target edits and removals, by section, item and target position (as the preview shows them). */
  readonly targets?:
    | readonly ({
        readonly section: number;
        readonly item: number;
        readonly target: number;
        readonly remove?: boolean | undefined;
      } & TargetFields)[]
    | undefined;
  /** Milestone edits, removals (by position as the preview shows them) and additions (no position). */
  readonly milestones?:
    | readonly {
        readonly section: number;
        readonly item: number;
        readonly milestone?: number | undefined;
        readonly remove?: boolean | undefined;
        readonly text?: string | undefined;
        readonly due?: string | null | undefined;
      }[]
    | undefined;
  /**
   * Targets split into several (四险全覆盖 → 养老/工伤/医疗/失业保险), by position as the preview
   * shows them: one copy per label, in place of the target, each labelled.
   */
  readonly splits?:
    | readonly {
        readonly section: number;
        readonly item: number;
        readonly target: number;
        readonly labels: readonly string[];
      }[]
    | undefined;
}

interface Change {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

function itemAt(plan: Plan, section: number, item: number, field: string) {
  const found = plan.sections[section]?.items[item];
  if (!found) {
    throw new AppError(
      'bad-input',
      {
        en: `The plan has no item ${item} in section ${section}`,
        zh: `工作要点中找不到该事项(部分 ${section},事项 ${item})`,
      },
      field,
    );
  }
  return found;
}

/** A target after an edit, checked against the plan schema and the between rule. */
function editedTarget(current: Indicator, edit: TargetFields, field: string): Indicator {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(edit)) {
    if (value === undefined) continue;
    // condition and scope are optional in the plan JSON: null removes them.
    if (value === null && (key === 'condition' || key === 'scope')) delete merged[key];
    else merged[key] = value;
  }
  const parsed = indicatorSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    // The same check again, worded by zod's Chinese locale (only on this error path).
    const chinese = indicatorSchema.safeParse(merged, { error: z.locales.zhCN().localeError }).error?.issues[0];
    throw new AppError(
      'bad-input',
      {
        en: `${path}: ${issue?.message ?? 'not a valid target'}`,
        zh: `${path}: ${chinese?.message ?? '指标内容有误'}`,
      },
      `${field}${path}`,
    );
  }
  checkTargetValue(parsed.data.op, parsed.data.value, field);
  return parsed.data;
}

function checkMentionCorrection(c: MentionCorrection, directory: Directory, field: string): void {
  if ('officeId' in c) {
    if (!directory.offices.some((o) => o.id === c.officeId)) {
      throw new AppError(
        'bad-input',
        { en: `No office has the id ${c.officeId}`, zh: `找不到编号为 ${c.officeId} 的单位` },
        `${field}.officeId`,
      );
    }
  } else if ('groupId' in c) {
    if (!directory.groups.some((g) => g.id === c.groupId)) {
      throw new AppError(
        'bad-input',
        { en: `No office group has the id ${c.groupId}`, zh: `找不到编号为 ${c.groupId} 的单位组` },
        `${field}.groupId`,
      );
    }
  } else {
    const name = c.create.name.trim();
    if (name === '') {
      throw new AppError(
        'bad-input',
        { en: 'A new office needs a name', zh: '新建单位需要填写名称' },
        `${field}.create.name`,
      );
    }
    const taken =
      directory.offices.find((o) => o.name === name || o.aliases.includes(name)) ??
      directory.groups.find((g) => g.name === name || g.aliases.includes(name));
    if (taken) {
      const what: Words = 'kind' in taken ? { en: 'office', zh: '单位' } : { en: 'office group', zh: '单位组' };
      throw new AppError(
        'bad-input',
        {
          en: `The name ${name} is taken by the ${what.en} ${taken.name}: map the mention to it (id ${taken.id})`,
          zh: `名称“${name}”已被${what.zh}“${taken.name}”使用,请将该单位提及对应到它(编号 ${taken.id})`,
        },
        `${field}.create.name`,
      );
    }
  }
}

/**
 * Correct a preview: map mentions to offices or groups (or new offices), fix the plan's and
 * items' titles, edit or remove targets. Checked as a whole, then stored and audited with the
 * values before and after; a stale version is refused. Answers with the corrected preview.
 */
export async function correctImport(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: ImportCorrection,
): Promise<ImportPreview> {
  const outcome = await db.transaction().execute(async (trx) => {
    const record = await findImport(trx, props.id);
    if (!record) throw notFound(IMPORT);
    if (record.status === 'committed') {
      throw new AppError('conflict', {
        en: `This import was committed as plan ${record.planId}; edit the plan instead`,
        zh: `此次导入已确认,生成的工作要点编号为 ${record.planId},请直接修改该工作要点`,
      });
    }
    if (record.version !== props.version) throw staleVersion(STALE_IMPORT);
    const directory = await loadDirectory(trx);
    const plan = record.plan;
    const mentions: Record<string, MentionCorrection> = { ...record.corrections.mentions };
    const changes: Change[] = [];

    if (props.title !== undefined) {
      const title = props.title.trim();
      if (title === '') {
        throw new AppError('bad-input', { en: 'A plan needs a title', zh: '工作要点需要标题' }, 'title');
      }
      if (title !== plan.title) changes.push({ path: 'title', before: plan.title, after: title });
      plan.title = title;
    }

    if (props.mentions) {
      const known = mentionsOf(plan);
      for (const [mention, c] of Object.entries(props.mentions)) {
        const field = `mentions.${mention}`;
        if (!known.has(mention)) {
          throw new AppError(
            'bad-input',
            { en: `The plan has no mention ${mention}`, zh: `工作要点中没有单位提及“${mention}”` },
            field,
          );
        }
        const before = mentions[mention] ?? null;
        if (c === null) delete mentions[mention];
        else {
          checkMentionCorrection(c, directory, field);
          mentions[mention] = 'create' in c ? { create: { name: c.create.name.trim(), kind: c.create.kind } } : c;
        }
        changes.push({ path: field, before, after: mentions[mention] ?? null });
      }
    }

    props.items?.forEach((edit, i) => {
      const item = itemAt(plan, edit.section, edit.item, `items.${i}`);
      if (edit.title !== undefined) {
        const title = edit.title.trim();
        if (title === '') {
          throw new AppError('bad-input', { en: 'An item needs a title', zh: '事项需要标题' }, `items.${i}.title`);
        }
        changes.push({ path: `sections.${edit.section}.items.${edit.item}.title`, before: item.title, after: title });
        item.title = title;
      }
      if (edit.deadline !== undefined) {
        const deadline = edit.deadline?.trim() || null;
        changes.push({
          path: `sections.${edit.section}.items.${edit.item}.deadline`,
          before: item.deadline ?? null,
          after: deadline,
        });
        item.deadline = deadline;
      }
    });

    const removals: { section: number; item: number; target: number; labels?: readonly string[] }[] = [];
    props.splits?.forEach((split, i) => {
      const item = itemAt(plan, split.section, split.item, `splits.${i}`);
      const labels = split.labels.map((l) => l.trim());
      if (!item.indicators[split.target]) {
        throw new AppError(
          'bad-input',
          {
            en: `Item ${item.number} of section ${split.section} has no target ${split.target}`,
            zh: `事项 ${item.number}(部分 ${split.section})中找不到指标 ${split.target}`,
          },
          `splits.${i}.target`,
        );
      }
      if (labels.length < 2 || labels.some((l) => l === '') || new Set(labels).size !== labels.length) {
        throw new AppError(
          'bad-input',
          {
            en: 'A split needs two or more labels, each given and each different',
            zh: '拆分至少需要两个简称,且每个都要填写、互不相同',
          },
          `splits.${i}.labels`,
        );
      }
      removals.push({ section: split.section, item: split.item, target: split.target, labels });
    });
    props.targets?.forEach((edit, i) => {
      const field = `targets.${i}.`;
      const { section, item: itemIndex, target, remove, ...fields } = edit;
      const item = itemAt(plan, section, itemIndex, `targets.${i}`);
      const current = item.indicators[target];
      if (!current) {
        throw new AppError(
          'bad-input',
          {
            en: `Item ${item.number} of section ${section} has no target ${target}`,
            zh: `事项 ${item.number}(部分 ${section})中找不到指标 ${target}`,
          },
          `targets.${i}.target`,
        );
      }
      const path = `sections.${section}.items.${itemIndex}.indicators.${target}`;
      if (remove) {
        removals.push({ section, item: itemIndex, target });
        return;
      }
      const after = editedTarget(current, fields, field);
      changes.push({ path, before: current, after });
      item.indicators[target] = after;
    });
    // Remove from the end, so that the positions the request gives stay right.
    const seen = new Set<string>();
    removals.sort((a, b) => b.section - a.section || b.item - a.item || b.target - a.target);
    for (const r of removals) {
      const path = `sections.${r.section}.items.${r.item}.indicators.${r.target}`;
      if (seen.has(path)) continue;
      seen.add(path);
      const indicators = itemAt(plan, r.section, r.item, 'targets').indicators;
      const before = indicators[r.target] as Indicator;
      const parts = (r.labels ?? []).map((label): Indicator => ({ ...before, label }));
      changes.push({ path, before, after: parts.length > 0 ? parts : null });
      indicators.splice(r.target, 1, ...parts);
    }

    correctMilestones(plan, props.milestones ?? [], changes);

    if (changes.length === 0) return { record, directory };
    const corrections: Corrections = { mentions };
    const updatedAt = new Date().toISOString();
    if (!(await updateImportPreview(trx, record.id, record.version, { plan, corrections, updatedAt }))) {
      throw staleVersion(STALE_IMPORT);
    }
    await insertAudit(trx, {
      userId: actorId(actor),
      action: 'update',
      entity: 'import',
      entityId: record.id,
      before: { version: record.version, ...Object.fromEntries(changes.map((c) => [c.path, c.before])) },
      after: { version: record.version + 1, ...Object.fromEntries(changes.map((c) => [c.path, c.after])) },
    });
    return { record: { ...record, plan, corrections, version: record.version + 1, updatedAt }, directory };
  });
  // A corrected title may make, or unmake, a repeat of a plan in Duban.
  return { ...previewOf(outcome.record, outcome.directory), duplicates: await duplicatesOf(db, outcome.record) };
}

/** Apply milestone edits and additions, then removals from the end so positions stay right. */
function correctMilestones(plan: Plan, edits: NonNullable<ImportCorrection['milestones']>, changes: Change[]): void {
  const removals: { section: number; item: number; milestone: number }[] = [];
  edits.forEach((edit, i) => {
    const item = itemAt(plan, edit.section, edit.item, `milestones.${i}`);
    const list = item.milestones ?? [];
    const base = `sections.${edit.section}.items.${edit.item}.milestones`;
    if (edit.due !== undefined && edit.due !== null && !isIsoDate(edit.due)) {
      throw new AppError(
        'bad-input',
        { en: `"${edit.due}" is not a date like 2007-12-31`, zh: `“${edit.due}”不是有效日期,应写作 2007-12-31 的形式` },
        `milestones.${i}.due`,
      );
    }
    if (edit.milestone === undefined) {
      const text = edit.text?.trim() ?? '';
      if (text === '') {
        throw new AppError(
          'bad-input',
          { en: 'A new milestone needs its text', zh: '新增节点任务需要填写内容' },
          `milestones.${i}.text`,
        );
      }
      const added = { text, due: edit.due ?? null };
      changes.push({ path: `${base}.${list.length}`, before: null, after: added });
      item.milestones = [...list, added];
      return;
    }
    const current = list[edit.milestone];
    if (!current) {
      throw new AppError(
        'bad-input',
        {
          en: `Item ${item.number} of section ${edit.section} has no milestone ${edit.milestone}`,
          zh: `事项 ${item.number}(部分 ${edit.section})中找不到节点任务 ${edit.milestone}`,
        },
        `milestones.${i}.milestone`,
      );
    }
    if (edit.remove) {
      removals.push({ section: edit.section, item: edit.item, milestone: edit.milestone });
      return;
    }
    const after = {
      text: edit.text?.trim() || current.text,
      due: edit.due === undefined ? current.due : edit.due,
    };
    changes.push({ path: `${base}.${edit.milestone}`, before: current, after });
    list[edit.milestone] = after;
  });
  const seen = new Set<string>();
  removals.sort((a, b) => b.section - a.section || b.item - a.item || b.milestone - a.milestone);
  for (const r of removals) {
    const path = `sections.${r.section}.items.${r.item}.milestones.${r.milestone}`;
    if (seen.has(path)) continue;
    seen.add(path);
    const item = itemAt(plan, r.section, r.item, 'milestones');
    const list = item.milestones ?? [];
    changes.push({ path, before: list[r.milestone], after: null });
    list.splice(r.milestone, 1);
  }
}

// ---- commit ----

export interface CommitResult {
  readonly planId: string;
  readonly sections: number;
  readonly tasks: number;
  readonly targets: number;
  /** Milestones kept from the preview. */
  readonly milestones: number;
  /** Offices created for mentions corrected with `create`. */
  readonly officesCreated: number;
}

/**
 * Turn a preview into a plan, in one transaction: offices for `create` corrections, the plan
 * with its sections, tasks, assignments (office or group from the corrections or the resolver;
 * neither when a mention is still unresolved) and targets; the import is marked committed.
 * A second commit is refused (409), as is a stale version.
 */
export async function commitImport(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: {
    readonly id: string;
    readonly version: number;
    readonly confirmDuplicate?: boolean | undefined;
    readonly clock?: Clock | undefined;
  },
): Promise<CommitResult> {
  return db.transaction().execute(async (trx) => {
    const record = await findImport(trx, props.id);
    if (!record) throw notFound(IMPORT);
    if (record.status === 'committed') {
      throw new AppError('conflict', {
        en: `This import was already committed as plan ${record.planId}`,
        zh: `此次导入已确认过,生成的工作要点编号为 ${record.planId}`,
      });
    }
    if (record.version !== props.version) throw staleVersion(STALE_IMPORT);
    const duplicates = await duplicatesOf(trx, record);
    if (duplicates.length > 0 && props.confirmDuplicate !== true) {
      const titles = duplicates.map((d) => `《${d.title}》`).join('、');
      throw new AppError(
        'conflict',
        {
          en: `This plan seems to be in Duban already (${duplicates.map((d) => `"${d.title}"`).join(', ')}): confirm to import it again`,
          zh: `该工作要点似乎已导入过(${titles}):如确需再次导入,请确认后再提交`,
        },
        'confirmDuplicate',
      );
    }
    const plan = record.plan;
    if (!plan.sections.some((s) => s.items.length > 0)) {
      throw new AppError('bad-input', {
        en: 'The document gave no tasks: there is nothing to commit',
        zh: '文件中没有解析出工作事项,没有可导入的内容',
      });
    }
    const updatedAt = new Date().toISOString();
    // Hold the import first, so that a concurrent commit cannot create offices or a plan too.
    if (!(await claimImport(trx, record.id, record.version, updatedAt))) throw staleVersion(STALE_IMPORT);
    const resolve = resolverWith(await loadDirectory(trx), record.corrections);

    const created = new Map<string, string>();
    const resolved = new Map<string, { officeId: string | null; groupId: string | null }>();
    for (const mention of mentionsOf(plan).keys()) {
      const r = resolve(mention);
      if (r.kind === 'create') {
        let officeId = created.get(r.name);
        if (officeId === undefined) {
          officeId = (await createOffice(trx, actor, { name: r.name, kind: r.officeKind })).id;
          created.set(r.name, officeId);
        }
        resolved.set(mention, { officeId, groupId: null });
      } else if (r.kind === 'office') resolved.set(mention, { officeId: r.id, groupId: null });
      else if (r.kind === 'group') resolved.set(mention, { officeId: null, groupId: r.id });
      else resolved.set(mention, { officeId: null, groupId: null });
    }
    const assign = (role: 'lead' | 'support') => (mention: string) => ({
      role,
      mention,
      officeId: resolved.get(mention)?.officeId ?? null,
      groupId: resolved.get(mention)?.groupId ?? null,
    });

    const result = await createPlan(trx, actor, {
      title: plan.title,
      notice: plan.notice,
      issuers: plan.issuers,
      date: plan.date,
      importId: record.id,
      sections: plan.sections.map((s) => ({
        number: s.number,
        title: s.title,
        tasks: s.items.map(
          (item): NewTask => ({
            number: item.number,
            title: item.title,
            text: item.text,
            deadline: item.deadline ?? null,
            leaders: item.leaders ?? [],
            span: item.span ?? null,
            assignments: [...item.lead.map(assign('lead')), ...item.support.map(assign('support'))],
            targets: item.indicators.map((t) => ({
              text: t.text,
              kind: t.kind,
              op: t.op,
              value: t.value,
              unit: t.unit,
              period: t.period,
              baseline: t.baseline,
              deadline: t.deadline,
              condition: t.condition ?? null,
              scope: t.scope ?? null,
              span: t.span ?? null,
              label: t.label ?? null,
            })),
          }),
        ),
      })),
    });
    // The milestones a person kept in the preview, on the tasks just made (in the same order).
    const taskIds = await taskIdsOfPlan(trx, result.planId);
    const items = plan.sections.flatMap((s) => s.items);
    let milestones = 0;
    for (const [i, item] of items.entries()) {
      const taskId = taskIds[i];
      if (taskId === undefined || !item.milestones?.length) continue;
      milestones += (
        await addMilestones(trx, actor, { taskId, milestones: item.milestones, clock: props.clock ?? systemClock })
      ).length;
    }
    if (!(await markImportCommitted(trx, record.id, record.version, result.planId, updatedAt))) {
      throw staleVersion(STALE_IMPORT);
    }
    await insertAudit(trx, {
      userId: actorId(actor),
      action: 'commit',
      entity: 'import',
      entityId: record.id,
      before: { status: record.status, plan_id: null, version: record.version },
      after: {
        status: 'committed',
        plan_id: result.planId,
        version: record.version + 1,
        offices_created: Object.fromEntries(created),
      },
    });
    return { ...result, milestones, officesCreated: created.size };
  });
}

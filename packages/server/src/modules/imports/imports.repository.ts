import type { Plan } from '@duban/core';
import type { Kysely } from 'kysely';
import type { Database, ImportRow, OfficeKind } from '../../db/schema.ts';

/** SQL of imports: a parsed document waiting, as a preview, to be corrected and committed. */

/** How a person settled one mention: an office or group of the directory, or a new office. */
export type MentionCorrection =
  | { readonly officeId: string }
  | { readonly groupId: string }
  | { readonly create: { readonly name: string; readonly kind: OfficeKind } };

export interface Corrections {
  readonly mentions: Readonly<Record<string, MentionCorrection>>;
}

export interface ImportRecord {
  readonly id: string;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly fileName: string;
  readonly format: string;
  readonly sourceText: string;
  /** The parsed plan, with the preview's corrections to titles and targets made in place. */
  readonly plan: Plan;
  readonly corrections: Corrections;
  readonly status: ImportRow['status'];
  readonly planId: string | null;
  readonly version: number;
  readonly updatedAt: string;
}

export interface ImportSummaryRecord {
  readonly id: string;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly fileName: string;
  readonly format: string;
  readonly title: string;
  readonly status: ImportRow['status'];
  readonly planId: string | null;
  readonly version: number;
  readonly updatedAt: string;
}

function correctionsOf(text: string): Corrections {
  const parsed = JSON.parse(text) as Partial<Corrections>;
  return { mentions: parsed.mentions ?? {} };
}

function importRowToRecord(r: Omit<ImportRow, 'source_base64'>): ImportRecord {
  return {
    id: r.id,
    createdAt: r.created_at,
    createdBy: r.created_by,
    fileName: r.file_name,
    format: r.format,
    sourceText: r.source_text,
    plan: JSON.parse(r.plan_json) as Plan,
    corrections: correctionsOf(r.corrections),
    status: r.status,
    planId: r.plan_id,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export async function insertImport(db: Kysely<Database>, row: ImportRow): Promise<void> {
  await db.insertInto('imports').values(row).execute();
}

const RECORD_COLUMNS = [
  'id',
  'created_at',
  'created_by',
  'file_name',
  'format',
  'source_text',
  'plan_json',
  'corrections',
  'status',
  'plan_id',
  'version',
  'updated_at',
] as const;

/** An import without its source bytes (they are kept, not shown). */
export async function findImport(db: Kysely<Database>, id: string): Promise<ImportRecord | null> {
  const row = await db.selectFrom('imports').select(RECORD_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? importRowToRecord(row) : null;
}

/** Imports, newest first. */
export async function listImports(db: Kysely<Database>, limit: number): Promise<ImportSummaryRecord[]> {
  const rows = await db
    .selectFrom('imports')
    .select([
      'id',
      'created_at',
      'created_by',
      'file_name',
      'format',
      'plan_json',
      'status',
      'plan_id',
      'version',
      'updated_at',
    ])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    createdBy: r.created_by,
    fileName: r.file_name,
    format: r.format,
    title: (JSON.parse(r.plan_json) as Plan).title,
    status: r.status,
    planId: r.plan_id,
    version: r.version,
    updatedAt: r.updated_at,
  }));
}

/** Store a corrected preview if the import still has `version`; false when stale or committed. */
export async function updateImportPreview(
  db: Kysely<Database>,
  id: string,
  version: number,
  values: { readonly plan: Plan; readonly corrections: Corrections; readonly updatedAt: string },
): Promise<boolean> {
  const r = await db
    .updateTable('imports')
    .set({
      plan_json: JSON.stringify(values.plan),
      corrections: JSON.stringify(values.corrections),
      version: version + 1,
      updated_at: values.updatedAt,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'preview')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Claim a preview for its commit: a write that holds the row (PostgreSQL locks it until the
 * transaction ends, so a second commit waits, then finds the version gone). False when stale
 * or already committed.
 */
export async function claimImport(
  db: Kysely<Database>,
  id: string,
  version: number,
  updatedAt: string,
): Promise<boolean> {
  const r = await db
    .updateTable('imports')
    .set({ updated_at: updatedAt })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'preview')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Mark a preview committed as `planId`; false when stale or already committed. */
export async function markImportCommitted(
  db: Kysely<Database>,
  id: string,
  version: number,
  planId: string,
  updatedAt: string,
): Promise<boolean> {
  const r = await db
    .updateTable('imports')
    .set({ status: 'committed', plan_id: planId, version: version + 1, updated_at: updatedAt })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'preview')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A plan already in Duban that an import seems to repeat. */
export interface DuplicatePlan {
  readonly planId: string;
  readonly title: string;
  readonly year: number | null;
  /** Imported from the same document: the same bytes, or the same text read from it. */
  readonly sameDocument: boolean;
  /** The same title for the same year. */
  readonly sameTitle: boolean;
}

/**
 * The plans that the import `id` would repeat: imported from the same document (its bytes or its
 * text), or with the same title and year; its own plan once committed is not one.
 */
export async function findDuplicatePlans(
  db: Kysely<Database>,
  props: { id: string; title: string; year: number | null },
): Promise<DuplicatePlan[]> {
  const self = await db
    .selectFrom('imports')
    .select(['source_base64', 'source_text'])
    .where('id', '=', props.id)
    .executeTakeFirst();
  if (!self) return [];
  const rows = await db
    .selectFrom('plans')
    .leftJoin('imports', 'imports.id', 'plans.import_id')
    .select(['plans.id', 'plans.title', 'plans.year', 'imports.source_base64', 'imports.source_text'])
    .where((eb) =>
      eb.and([
        eb.or([eb('plans.import_id', 'is', null), eb('plans.import_id', '!=', props.id)]),
        eb.or([
          eb('plans.title', '=', props.title),
          eb('imports.source_base64', '=', self.source_base64),
          eb('imports.source_text', '=', self.source_text),
        ]),
      ]),
    )
    .orderBy('plans.created_at')
    .orderBy('plans.id')
    .execute();
  return rows
    .map((r) => ({
      planId: r.id,
      title: r.title,
      year: r.year === null ? null : Number(r.year),
      sameDocument: r.source_base64 === self.source_base64 || r.source_text === self.source_text,
      sameTitle: r.title === props.title && (r.year === null ? null : Number(r.year)) === props.year,
    }))
    .filter((d) => d.sameDocument || d.sameTitle);
}

/** A plan's task ids in plan order: the order of the items they were made from. */
export async function taskIdsOfPlan(db: Kysely<Database>, planId: string): Promise<string[]> {
  const rows = await db.selectFrom('tasks').select('id').where('plan_id', '=', planId).orderBy('position').execute();
  return rows.map((r) => r.id);
}

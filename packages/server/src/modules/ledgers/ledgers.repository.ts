import type { Kysely } from 'kysely';
import type { Database, OfficeKind } from '../../db/schema.ts';
import type { LedgerTables } from '../../db/tables/ledgers.ts';

/** The office ledgers kept by the same rules: links, visits, diaries, meetings, trainings. */
export type LedgerKind = 'links' | 'visits' | 'diaries' | 'meetings' | 'trainings';

/** One field of a ledger: its API name, its column, and whether it is text or a number. */
interface FieldSpec {
  readonly api: string;
  readonly column: string;
}

/** The fields each ledger has besides id, office, version and the who/when columns. */
export const LEDGER_FIELDS: Record<LedgerKind, readonly FieldSpec[]> = {
  links: [
    { api: 'person', column: 'person' },
    { api: 'personTitle', column: 'person_title' },
    { api: 'communityOfficeId', column: 'community_office_id' },
    { api: 'since', column: 'since' },
  ],
  visits: [
    { api: 'linkId', column: 'link_id' },
    { api: 'person', column: 'person' },
    { api: 'communityOfficeId', column: 'community_office_id' },
    { api: 'date', column: 'date' },
    { api: 'durationHours', column: 'duration_hours' },
    { api: 'notes', column: 'notes' },
    { api: 'problemsRaised', column: 'problems_raised' },
  ],
  diaries: [
    { api: 'cadre', column: 'cadre' },
    { api: 'date', column: 'date' },
    { api: 'text', column: 'text' },
    { api: 'problemsRaised', column: 'problems_raised' },
  ],
  meetings: [
    { api: 'level', column: 'level' },
    { api: 'date', column: 'date' },
    { api: 'topic', column: 'topic' },
    { api: 'attendance', column: 'attendance' },
  ],
  trainings: [
    { api: 'date', column: 'date' },
    { api: 'topic', column: 'topic' },
    { api: 'attendees', column: 'attendees' },
  ],
};

/** A ledger entry as the service sees it: the common fields plus the ledger's own, by API name. */
export interface LedgerEntry {
  readonly id: string;
  readonly officeId: string | null;
  readonly version: number;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly fields: Readonly<Record<string, string | number | null>>;
}

type Row = Record<string, unknown>;

function toEntry(kind: LedgerKind, row: Row): LedgerEntry {
  const fields: Record<string, string | number | null> = {};
  for (const f of LEDGER_FIELDS[kind]) {
    const v = row[f.column];
    // PostgreSQL gives double precision as a number; be safe with a numeric string anyway.
    fields[f.api] = v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);
  }
  if (kind === 'visits') fields.durationHours = Number(fields.durationHours ?? 0);
  return {
    id: String(row.id),
    officeId: (row.office_id as string | null) ?? null,
    version: Number(row.version),
    createdBy: (row.created_by as string | null) ?? null,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    fields,
  };
}

function toRow(kind: LedgerKind, e: LedgerEntry): Row {
  const row: Row = {
    id: e.id,
    office_id: e.officeId,
    version: e.version,
    created_by: e.createdBy,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
  for (const f of LEDGER_FIELDS[kind]) row[f.column] = e.fields[f.api] ?? null;
  return row;
}

// The five tables share id, office_id, version and date-like columns; one typed table stands in
// for them in the query builder, and the rows are converted through LEDGER_FIELDS.
type AnyLedger = 'visits';

/** One ledger entry by id. */
export async function findLedgerEntry(
  db: Kysely<Database>,
  kind: LedgerKind,
  id: string,
): Promise<LedgerEntry | undefined> {
  const row = await db
    .selectFrom(kind as AnyLedger)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toEntry(kind, row as unknown as Row) : undefined;
}

export interface LedgerFilter {
  /** Only these offices' entries; undefined: all. */
  readonly officeId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Ledger entries, newest first; `from`/`to` bound the date (links: the `since` date). */
export async function listLedgerEntries(
  db: Kysely<Database>,
  kind: LedgerKind,
  filter: LedgerFilter,
): Promise<LedgerEntry[]> {
  const dateColumn = (kind === 'links' ? 'since' : 'date') as 'date';
  let q = db.selectFrom(kind as AnyLedger).selectAll();
  if (filter.officeId !== undefined) q = q.where('office_id', '=', filter.officeId);
  if (filter.from) q = q.where(dateColumn, '>=', filter.from);
  if (filter.to) q = q.where(dateColumn, '<=', filter.to);
  const rows = await q.orderBy('id', 'desc').limit(5000).execute();
  return rows.map((r) => toEntry(kind, r as unknown as Row));
}

export async function insertLedgerEntry(db: Kysely<Database>, kind: LedgerKind, e: LedgerEntry): Promise<void> {
  await db
    .insertInto(kind as AnyLedger)
    .values(toRow(kind, e) as unknown as LedgerTables[AnyLedger])
    .execute();
}

/** Write an edited entry if its stored version is still `expectedVersion`; false when stale. */
export async function updateLedgerEntry(
  db: Kysely<Database>,
  kind: LedgerKind,
  e: LedgerEntry,
  expectedVersion: number,
): Promise<boolean> {
  const { id, created_by, created_at, ...rest } = toRow(kind, e);
  void created_by;
  void created_at;
  const r = await db
    .updateTable(kind as AnyLedger)
    .set(rest as unknown as Partial<LedgerTables[AnyLedger]>)
    .where('id', '=', id as string)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteLedgerEntry(db: Kysely<Database>, kind: LedgerKind, id: string): Promise<void> {
  await db
    .deleteFrom(kind as AnyLedger)
    .where('id', '=', id)
    .execute();
}

/** How many visits name this link: a link that visits refer to cannot be removed. */
export async function countVisitsOfLink(db: Kysely<Database>, linkId: string): Promise<number> {
  const rows = await db.selectFrom('visits').select('id').where('link_id', '=', linkId).limit(1).execute();
  return rows.length;
}

/** An office's kind, or undefined when there is no such office. */
export async function findOfficeKind(db: Kysely<Database>, id: string): Promise<OfficeKind | undefined> {
  const row = await db.selectFrom('offices').select('kind').where('id', '=', id).executeTakeFirst();
  return row?.kind;
}

/** Visits and their hours in a date range, for the 三个多少 figures. */
export async function listVisitHours(
  db: Kysely<Database>,
  filter: LedgerFilter,
): Promise<{ hours: number; linked: boolean }[]> {
  let q = db.selectFrom('visits').select(['duration_hours', 'link_id']);
  if (filter.officeId !== undefined) q = q.where('office_id', '=', filter.officeId);
  if (filter.from) q = q.where('date', '>=', filter.from);
  if (filter.to) q = q.where('date', '<=', filter.to);
  const rows = await q.execute();
  return rows.map((r) => ({ hours: Number(r.duration_hours), linked: r.link_id !== null }));
}

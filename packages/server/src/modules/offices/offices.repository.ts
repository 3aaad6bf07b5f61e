import type { Kysely } from 'kysely';
import type { Database, OfficeGroupRow, OfficeKind, OfficeRow } from '../../db/schema.ts';

/** An office as the rest of the server sees it. */
export interface Office {
  readonly id: string;
  readonly name: string;
  readonly kind: OfficeKind;
  readonly parentId: string | null;
  readonly aliases: readonly string[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An office group, without its members. */
export interface OfficeGroup {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly mode: OfficeGroupRow['mode'];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One membership, with the names the listings show. */
export interface Membership {
  readonly groupId: string;
  readonly groupName: string;
  readonly officeId: string;
  readonly officeName: string;
  readonly officeKind: OfficeKind;
}

function parseAliases(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    // A hand-edited row with broken JSON should not take the directory down.
    return [];
  }
}

function officeRowToOffice(row: OfficeRow): Office {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    aliases: parseAliases(row.aliases),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function groupRowToGroup(row: OfficeGroupRow): OfficeGroup {
  return {
    id: row.id,
    name: row.name,
    aliases: parseAliases(row.aliases),
    mode: row.mode,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** All offices, by name; optionally of one kind. */
export async function listOfficeRows(db: Kysely<Database>, filter: { kind?: OfficeKind } = {}): Promise<Office[]> {
  let q = db.selectFrom('offices').selectAll();
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q.orderBy('name').orderBy('id').execute();
  return rows.map(officeRowToOffice);
}

export async function findOffice(db: Kysely<Database>, id: string): Promise<Office | null> {
  const row = await db.selectFrom('offices').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? officeRowToOffice(row) : null;
}

export async function countOffices(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('offices')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertOffice(db: Kysely<Database>, o: Office): Promise<void> {
  await db
    .insertInto('offices')
    .values({
      id: o.id,
      name: o.name,
      kind: o.kind,
      parent_id: o.parentId,
      aliases: JSON.stringify(o.aliases),
      version: o.version,
      created_at: o.createdAt,
      updated_at: o.updatedAt,
    })
    .execute();
}

/**
 * Write an office's editable fields if its version is still `expectedVersion`, bumping it.
 * Returns whether a row was written (false: someone else changed it first).
 */
export async function updateOfficeRow(
  db: Kysely<Database>,
  o: Pick<Office, 'id' | 'name' | 'kind' | 'parentId' | 'aliases' | 'updatedAt'>,
  expectedVersion: number,
): Promise<boolean> {
  const r = await db
    .updateTable('offices')
    .set({
      name: o.name,
      kind: o.kind,
      parent_id: o.parentId,
      aliases: JSON.stringify(o.aliases),
      updated_at: o.updatedAt,
      version: expectedVersion + 1,
    })
    .where('id', '=', o.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteOfficeRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('offices').where('id', '=', id).execute();
}

export interface OfficeReferences {
  readonly assignments: number;
  readonly users: number;
  readonly children: number;
}

/** What refers to an office and would stop it from being deleted. */
export async function countOfficeReferences(db: Kysely<Database>, id: string): Promise<OfficeReferences> {
  const [assignments, users, children] = await Promise.all([
    db
      .selectFrom('task_assignments')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('office_id', '=', id)
      .executeTakeFirst(),
    db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('office_id', '=', id)
      .executeTakeFirst(),
    db
      .selectFrom('offices')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('parent_id', '=', id)
      .executeTakeFirst(),
  ]);
  return {
    assignments: Number(assignments?.n ?? 0),
    users: Number(users?.n ?? 0),
    children: Number(children?.n ?? 0),
  };
}

/** All groups, by name. */
export async function listGroupRows(db: Kysely<Database>): Promise<OfficeGroup[]> {
  const rows = await db.selectFrom('office_groups').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(groupRowToGroup);
}

export async function findGroup(db: Kysely<Database>, id: string): Promise<OfficeGroup | null> {
  const row = await db.selectFrom('office_groups').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? groupRowToGroup(row) : null;
}

export async function insertGroup(db: Kysely<Database>, g: OfficeGroup): Promise<void> {
  await db
    .insertInto('office_groups')
    .values({
      id: g.id,
      name: g.name,
      aliases: JSON.stringify(g.aliases),
      mode: g.mode,
      version: g.version,
      created_at: g.createdAt,
      updated_at: g.updatedAt,
    })
    .execute();
}

/** Like updateOfficeRow, for a group. */
export async function updateGroupRow(
  db: Kysely<Database>,
  g: Pick<OfficeGroup, 'id' | 'name' | 'aliases' | 'mode' | 'updatedAt'>,
  expectedVersion: number,
): Promise<boolean> {
  const r = await db
    .updateTable('office_groups')
    .set({
      name: g.name,
      aliases: JSON.stringify(g.aliases),
      mode: g.mode,
      updated_at: g.updatedAt,
      version: expectedVersion + 1,
    })
    .where('id', '=', g.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteGroupRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('office_group_members').where('group_id', '=', id).execute();
  await db.deleteFrom('office_groups').where('id', '=', id).execute();
}

/** How many task assignments name a group. */
export async function countGroupAssignments(db: Kysely<Database>, id: string): Promise<number> {
  const r = await db
    .selectFrom('task_assignments')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('group_id', '=', id)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Replace a group's members. */
export async function setGroupMembers(
  db: Kysely<Database>,
  groupId: string,
  officeIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('office_group_members').where('group_id', '=', groupId).execute();
  if (officeIds.length === 0) return;
  await db
    .insertInto('office_group_members')
    .values(officeIds.map((officeId) => ({ group_id: groupId, office_id: officeId })))
    .execute();
}

/** Memberships, with group and office names, optionally of some groups or offices only. */
export async function listMemberships(
  db: Kysely<Database>,
  filter: { groupIds?: readonly string[]; officeIds?: readonly string[] } = {},
): Promise<Membership[]> {
  if (filter.groupIds?.length === 0 || filter.officeIds?.length === 0) return [];
  let q = db
    .selectFrom('office_group_members as m')
    .innerJoin('office_groups as g', 'g.id', 'm.group_id')
    .innerJoin('offices as o', 'o.id', 'm.office_id')
    .select([
      'm.group_id as groupId',
      'g.name as groupName',
      'm.office_id as officeId',
      'o.name as officeName',
      'o.kind as officeKind',
    ]);
  if (filter.groupIds) q = q.where('m.group_id', 'in', [...filter.groupIds]);
  if (filter.officeIds) q = q.where('m.office_id', 'in', [...filter.officeIds]);
  return q.orderBy('g.name').orderBy('o.name').execute();
}

/** How many offices belong to each group that has any. */
export async function memberCounts(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('office_group_members')
    .select(['group_id', (eb) => eb.fn.countAll().as('n')])
    .groupBy('group_id')
    .execute();
  // PostgreSQL counts are bigint, which pg hands over as strings.
  return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
}

/** The ids among `ids` that name no office. */
export async function missingOfficeIds(db: Kysely<Database>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db
    .selectFrom('offices')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  const have = new Set(found.map((r) => r.id));
  return ids.filter((id) => !have.has(id));
}

/** Whether an error is a unique-constraint violation, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

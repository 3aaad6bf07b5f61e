import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { RosterPersonTable } from '../../db/tables/rosters.ts';

/** A person of a roster, as the service and the API see them. */
export interface RosterPerson {
  readonly id: string;
  readonly category: string;
  readonly name: string;
  readonly title: string;
  readonly officeId: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

function toPerson(r: Selectable<RosterPersonTable>): RosterPerson {
  return {
    id: r.id,
    category: r.category,
    name: r.name,
    title: r.title,
    officeId: r.office_id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Everyone on the rosters, by category then name; of one category when given. */
export async function listRosterRows(db: Kysely<Database>, category?: string): Promise<RosterPerson[]> {
  let q = db.selectFrom('roster_people').selectAll().orderBy('category').orderBy('name').orderBy('id');
  if (category !== undefined) q = q.where('category', '=', category);
  return (await q.execute()).map(toPerson);
}

export async function findRosterPerson(db: Kysely<Database>, id: string): Promise<RosterPerson | null> {
  const row = await db.selectFrom('roster_people').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPerson(row) : null;
}

export async function findRosterPersonByName(
  db: Kysely<Database>,
  category: string,
  name: string,
): Promise<RosterPerson | null> {
  const row = await db
    .selectFrom('roster_people')
    .selectAll()
    .where('category', '=', category)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? toPerson(row) : null;
}

export async function insertRosterPerson(db: Kysely<Database>, p: RosterPerson): Promise<void> {
  await db
    .insertInto('roster_people')
    .values({
      id: p.id,
      category: p.category,
      name: p.name,
      title: p.title,
      office_id: p.officeId,
      version: p.version,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
    })
    .execute();
}

/** Write `p` over the row if it still has `version`; false when someone changed it meanwhile. */
export async function updateRosterPerson(db: Kysely<Database>, p: RosterPerson, version: number): Promise<boolean> {
  const result = await db
    .updateTable('roster_people')
    .set({
      category: p.category,
      name: p.name,
      title: p.title,
      office_id: p.officeId,
      version: p.version,
      updated_at: p.updatedAt,
    })
    .where('id', '=', p.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteRosterPerson(db: Kysely<Database>, id: string, version: number): Promise<boolean> {
  const result = await db
    .deleteFrom('roster_people')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Office ids and names, to check an office and to read one named in an import. */
export async function listOfficeNames(db: Kysely<Database>): Promise<{ id: string; name: string; aliases: string }[]> {
  return db.selectFrom('offices').select(['id', 'name', 'aliases']).execute();
}

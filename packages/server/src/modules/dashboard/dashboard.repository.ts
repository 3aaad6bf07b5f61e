import { type Kysely, sql } from 'kysely';
import type { Database, OfficeKind } from '../../db/schema.ts';
import type { ProblemTable } from '../../db/tables/ledgers.ts';

/** A plan's sections in document order. */
export async function listSections(
  db: Kysely<Database>,
  planId: string,
): Promise<{ id: string; number: string; title: string }[]> {
  return db
    .selectFrom('sections')
    .select(['id', 'number', 'title'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
}

/** Names and kinds of the given offices. */
export async function findOffices(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<{ id: string; name: string; kind: OfficeKind }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('offices').select(['id', 'name', 'kind']).where('id', 'in', ids).execute();
}

/**
 * Open supervision orders led by each of the given offices, on any plan or problem, and how many
 * of them passed their deadline before `date`. Offices without open orders are left out.
 */
export async function countOpenOrdersByLead(
  db: Kysely<Database>,
  officeIds: readonly string[],
  date: string,
): Promise<Map<string, { open: number; overdue: number }>> {
  if (officeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('orders')
    .select([
      'lead_office_id',
      sql<number>`count(*)`.as('open'),
      sql<number>`sum(case when deadline < ${date} then 1 else 0 end)`.as('overdue'),
    ])
    .where('lead_office_id', 'in', officeIds)
    .where('state', '<>', 'closed')
    .groupBy('lead_office_id')
    .execute();
  return new Map(rows.map((r) => [r.lead_office_id, { open: Number(r.open), overdue: Number(r.overdue) }]));
}

/** Which moment of a problem is counted: when it was recorded, or when it closed. */
export type ProblemMoment = 'created_at' | 'closed_at';

export interface ProblemDayCount {
  /** The UTC calendar day of the stored timestamps. */
  readonly day: string;
  readonly category: ProblemTable['category'];
  readonly count: number;
  /** How many of them fell at 16:00 UTC or later: the next day in China. */
  readonly nextDayInChina: number;
}

/**
 * Problems whose `moment` lies in [from, to) (ISO instants), counted by UTC day and category,
 * those of one office only when `officeId` is given. Timestamps are stored in UTC, so the hour
 * says which of them fall on the next day in China (UTC+8): counted apart, in any dialect.
 */
export async function countProblemsByDay(
  db: Kysely<Database>,
  moment: ProblemMoment,
  range: { from: string; to: string; officeId?: string | undefined },
): Promise<ProblemDayCount[]> {
  const day = sql<string>`substr(${sql.ref(moment)}, 1, 10)`;
  const rows = await db
    .selectFrom('problems')
    .select([
      day.as('day'),
      'category',
      sql<number>`count(*)`.as('count'),
      sql<number>`sum(case when substr(${sql.ref(moment)}, 12, 2) >= '16' then 1 else 0 end)`.as('next_day'),
    ])
    .where(moment, '>=', range.from)
    .where(moment, '<', range.to)
    .$if(range.officeId !== undefined, (q) => q.where('owner_office_id', '=', range.officeId ?? ''))
    .groupBy([day, 'category'])
    .execute();
  return rows.map((r) => ({
    day: r.day,
    category: r.category,
    count: Number(r.count),
    nextDayInChina: Number(r.next_day),
  }));
}

/** How many problems' `moment` lies before `before` (an ISO instant), of one office when given. */
export async function countProblemsBefore(
  db: Kysely<Database>,
  moment: ProblemMoment,
  before: string,
  officeId?: string | undefined,
): Promise<number> {
  const row = await db
    .selectFrom('problems')
    .select(sql<number>`count(*)`.as('count'))
    .where(moment, '<', before)
    .$if(officeId !== undefined, (q) => q.where('owner_office_id', '=', officeId ?? ''))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

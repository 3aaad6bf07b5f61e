import { type Kysely, sql } from 'kysely';
import type { Database, OfficeKind } from '../../db/schema.ts';
import { PROBLEM_CATEGORIES, type ProblemTable } from '../../db/tables/ledgers.ts';

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

/** Numbers and titles of the given tasks. */
export async function findTaskHeads(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<{ id: string; number: string; title: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('tasks').select(['id', 'number', 'title']).where('id', 'in', ids).execute();
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
 * Open supervision orders of a plan led by each of the given offices, and how many of them passed
 * their deadline before `date`. An order is the plan's when its task is, or its problem is.
 * Offices without open orders are left out.
 */
export async function countOpenOrdersByLead(
  db: Kysely<Database>,
  planId: string,
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
    .where((eb) =>
      eb.or([
        eb('task_id', 'in', eb.selectFrom('tasks').select('id').where('plan_id', '=', planId)),
        eb('problem_id', 'in', eb.selectFrom('problems').select('id').where('plan_id', '=', planId)),
      ]),
    )
    .groupBy('lead_office_id')
    .execute();
  return new Map(rows.map((r) => [r.lead_office_id, { open: Number(r.open), overdue: Number(r.overdue) }]));
}

/** Which moment of a problem is counted: when it was recorded, or when it closed. */
export type ProblemMoment = 'created_at' | 'closed_at';

/** Problems whose moment fell in one stretch of time: all of them, and those of each category. */
export interface ProblemRangeCount {
  readonly count: number;
  readonly byCategory: Readonly<Record<ProblemTable['category'], number>>;
}

/**
 * How many problems' `moment` lies before `bounds[0]`, and how many (in all, and of each
 * category) in each range [bounds[i], bounds[i + 1]) (ISO instants, ascending), those of one
 * office only when `officeId` is given, of one plan only when `planId` is. One statement with a counting arm per range: each reads
 * its stretch of an index on the moment in order, where grouping every problem by day sorted
 * them all.
 */
export async function countProblemsInRanges(
  db: Kysely<Database>,
  moment: ProblemMoment,
  bounds: readonly string[],
  scope: { officeId?: string | undefined; planId?: string | undefined } = {},
): Promise<{ before: number; ranges: ProblemRangeCount[] }> {
  const { officeId, planId } = scope;
  const arms = bounds.map((upper, stretch) => {
    const lower = bounds[stretch - 1];
    return db
      .selectFrom('problems')
      .select((eb) => [
        // The arms of a UNION come back in any order: each says which stretch it counts.
        sql.lit(stretch).as('stretch'),
        eb.fn.countAll<number>().as('count'),
        // Before the first bound only the number matters.
        ...PROBLEM_CATEGORIES.map((category, i) =>
          (lower === undefined ? sql<number>`0` : eb.fn.countAll<number>().filterWhere('category', '=', category)).as(
            `c${i}`,
          ),
        ),
      ])
      .$if(lower !== undefined, (q) => q.where(moment, '>=', lower ?? ''))
      .where(moment, '<', upper)
      .$if(officeId !== undefined, (q) => q.where('owner_office_id', '=', officeId ?? ''))
      .$if(planId !== undefined, (q) => q.where('plan_id', '=', planId ?? ''));
  });
  const [first, ...rest] = arms;
  if (first === undefined) return { before: 0, ranges: [] };
  const rows = await rest.reduce((query, arm) => query.unionAll(arm), first).execute();
  const counts = bounds.map(() => ({ count: 0, byCategory: {} as Record<ProblemTable['category'], number> }));
  for (const row of rows) {
    const counted = counts[Number(row.stretch)];
    if (counted === undefined) continue;
    counted.count = Number(row.count);
    PROBLEM_CATEGORIES.forEach((category, i) => {
      counted.byCategory[category] = Number(row[`c${i}`] ?? 0);
    });
  }
  const [before, ...ranges] = counts;
  return { before: before?.count ?? 0, ranges };
}

/** Every plan's id, oldest imported first. */
export async function listPlanIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('plans').select('id').orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => r.id);
}

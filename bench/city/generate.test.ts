import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../packages/server/src/app.ts';
import type { Database } from '../../packages/server/src/db/schema.ts';
import { HANDED_IN_STATUSES } from '../../packages/server/src/db/tables/reports.ts';
import { CITY_ADMIN, CITY_AS_OF, CITY_PASSWORD, CITY_SPEC, CITY_YEARS, generateCity, OPEN_PERIOD } from './generate.ts';
import { type CityDialect, type CityStore, createCityStore } from './stores.ts';

const SCALE = 0.02;

type Table = keyof Database & string;

async function count(db: Kysely<Database>, table: Table): Promise<number> {
  const row = await (db as Kysely<Record<string, { n: number }>>)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

interface ForeignKey {
  readonly table: string;
  readonly column: string;
  readonly refTable: string;
  readonly refColumn: string;
}

/** Every foreign key the schema declares, read from the database's own catalogue. */
async function foreignKeys(db: Kysely<Database>, dialect: CityDialect): Promise<ForeignKey[]> {
  if (dialect === 'postgres') {
    const { rows } = await sql<ForeignKey>`
      select kcu.table_name as "table", kcu.column_name as "column",
             ccu.table_name as "refTable", ccu.column_name as "refColumn"
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu
        on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      join information_schema.constraint_column_usage ccu
        on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
    return rows;
  }
  const { rows } = await sql<ForeignKey>`
    select m.name as "table", f."from" as "column", f."table" as "refTable", f."to" as "refColumn"
    from sqlite_master m join pragma_foreign_key_list(m.name) f
    where m.type = 'table'`.execute(db);
  return rows;
}

/** Rows whose foreign key names no row. */
async function orphans(db: Kysely<Database>, fk: ForeignKey): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from ${sql.table(fk.table)} t
    where t.${sql.ref(fk.column)} is not null
      and not exists (select 1 from ${sql.table(fk.refTable)} r where r.${sql.ref(fk.refColumn)} = t.${sql.ref(fk.column)})`.execute(
    db,
  );
  return Number(rows[0]?.n);
}

describe.each(['sqlite', 'postgres'] as const)('the city generator on %s', (dialect) => {
  let city: CityStore | null = null;
  afterEach(async () => {
    await city?.drop();
    city = null;
  });

  it('writes a city of the specified sizes whose reports, keys and references hold, which the server reads', async () => {
    city = await createCityStore(dialect);
    const summary = await generateCity(city.store, { scale: SCALE });
    const db = city.store.db;
    const plans = CITY_YEARS.length;

    // Sizes: the full-scale numbers of the issue times the scale.
    expect(await count(db, 'offices')).toBe(CITY_SPEC.offices * SCALE);
    expect(await count(db, 'plans')).toBe(plans);
    expect(await count(db, 'tasks')).toBe(plans * CITY_SPEC.tasksPerPlan * SCALE);
    expect(await count(db, 'targets')).toBe(plans * CITY_SPEC.targetsPerPlan * SCALE);
    const ledger = await Promise.all(
      (['visits', 'diaries', 'meetings', 'trainings'] as const).map((t) => count(db, t)),
    );
    expect(ledger.reduce((a, b) => a + b, 0)).toBe(CITY_SPEC.ledgerEntries * SCALE);
    expect(Math.min(...ledger)).toBeGreaterThan(0);
    expect(await count(db, 'problems')).toBe(CITY_SPEC.problems * SCALE);
    expect(await count(db, 'orders')).toBe(CITY_SPEC.orders * SCALE);
    expect(summary.rows.reports).toBe(await count(db, 'reports'));

    // Communities sit under street offices.
    const communities = await db
      .selectFrom('offices as c')
      .leftJoin('offices as s', 's.id', 'c.parent_id')
      .select(['c.id', 's.kind as parentKind'])
      .where('c.kind', '=', 'community')
      .execute();
    expect(communities.length).toBeGreaterThan(0);
    expect(communities.every((c) => c.parentKind === 'street-office')).toBe(true);

    // Every report is by a lead office of its task, for a month of its plan's year, not the open one.
    const reports = await db
      .selectFrom('reports')
      .innerJoin('tasks', 'tasks.id', 'reports.task_id')
      .innerJoin('plans', 'plans.id', 'tasks.plan_id')
      .select(['reports.task_id', 'reports.office_id', 'reports.period_key', 'plans.year'])
      .execute();
    const leads = await db
      .selectFrom('task_assignments')
      .select(['task_id', 'office_id'])
      .where('role', '=', 'lead')
      .execute();
    const leadPairs = new Set(leads.map((a) => `${a.task_id}|${a.office_id}`));
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.filter((r) => !leadPairs.has(`${r.task_id}|${r.office_id}`))).toEqual([]);
    expect(reports.filter((r) => !r.period_key.startsWith(`${r.year}-M`) || r.period_key === OPEN_PERIOD)).toEqual([]);
    // Each plan reports on all its months: 60 in all, less the one left open.
    expect(new Set(reports.map((r) => r.period_key)).size).toBe(plans * 12 - 1);
    // At most one report of a lead office on a task a month.
    expect(reports.length).toBeLessThanOrEqual(leads.length * 12);

    // A figure is on a target of its report's task.
    const strayFigures = await db
      .selectFrom('report_figures')
      .innerJoin('reports', 'reports.id', 'report_figures.report_id')
      .innerJoin('targets', 'targets.id', 'report_figures.target_id')
      .select('report_figures.id')
      .whereRef('targets.task_id', '<>', 'reports.task_id')
      .execute();
    expect(strayFigures).toEqual([]);

    // Declared foreign keys hold (PostgreSQL loads without checking them).
    const keys = await foreignKeys(db, dialect);
    expect(keys.length).toBeGreaterThanOrEqual(30);
    const broken: string[] = [];
    for (const fk of keys) if ((await orphans(db, fk)) > 0) broken.push(`${fk.table}.${fk.column}`);
    expect(broken).toEqual([]);

    // References the schema does not declare: a problem's source entry, an order's support offices.
    const problems = await db.selectFrom('problems').select(['source', 'source_id']).execute();
    const visitIds = new Set((await db.selectFrom('visits').select('id').execute()).map((v) => v.id));
    const diaryIds = new Set((await db.selectFrom('diaries').select('id').execute()).map((v) => v.id));
    const fromLedger = problems.filter((p) => p.source === 'visit' || p.source === 'diary');
    expect(fromLedger.length).toBeGreaterThan(0);
    expect(fromLedger.filter((p) => !(p.source === 'visit' ? visitIds : diaryIds).has(p.source_id as string))).toEqual(
      [],
    );
    const officeIds = new Set((await db.selectFrom('offices').select('id').execute()).map((o) => o.id));
    const supports = (await db.selectFrom('orders').select('support_office_ids').execute()).flatMap(
      (o) => JSON.parse(o.support_office_ids) as string[],
    );
    expect(supports.filter((id) => !officeIds.has(id))).toEqual([]);

    // The server reads the 2026 plan: every lead office is expected for January to November.
    const plan = summary.plans.find((p) => p.year === 2026);
    if (!plan) throw new Error('no 2026 plan');
    const app = await buildApp({ store: city.store, logger: false });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: CITY_ADMIN, password: CITY_PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const r = await app.inject({ url: `/api/plans/${plan.id}/status?date=${CITY_AS_OF}`, headers: { cookie } });
      expect(r.statusCode, r.body).toBe(200);
      const status = r.json() as { tasks: { reports: { expected: number; submitted: number } }[] };
      const planLeads = await db
        .selectFrom('task_assignments')
        .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tasks.plan_id', '=', plan.id)
        .where('task_assignments.role', '=', 'lead')
        .executeTakeFirstOrThrow();
      const handedIn = await db
        .selectFrom('reports')
        .innerJoin('tasks', 'tasks.id', 'reports.task_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tasks.plan_id', '=', plan.id)
        .where('reports.status', 'in', HANDED_IN_STATUSES)
        .executeTakeFirstOrThrow();
      expect(status.tasks).toHaveLength(CITY_SPEC.tasksPerPlan * SCALE);
      expect(status.tasks.reduce((n, t) => n + t.reports.expected, 0)).toBe(Number(planLeads.n) * 11);
      expect(status.tasks.reduce((n, t) => n + t.reports.submitted, 0)).toBe(Number(handedIn.n));
    } finally {
      await app.close();
    }
  });
});

describe('the city generator', () => {
  const stores: CityStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.drop();
  });

  it('writes the same rows for the same seed, and other rows for another', async () => {
    const digest = async (seed: number) => {
      const city = await createCityStore('sqlite');
      stores.push(city);
      await generateCity(city.store, { scale: 0.005, seed });
      const db = city.store.db;
      return JSON.stringify([
        await db.selectFrom('reports').select(['id', 'office_id', 'status', 'submitted_at']).orderBy('id').execute(),
        await db.selectFrom('problems').select(['id', 'status', 'closed_at']).orderBy('id').execute(),
        await db.selectFrom('orders').select(['id', 'state', 'deadline']).orderBy('id').execute(),
      ]);
    };
    const first = await digest(1);
    expect(await digest(1)).toBe(first);
    expect(await digest(2)).not.toBe(first);
  });
});

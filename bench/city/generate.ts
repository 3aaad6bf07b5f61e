import { dueDate, periodsOf } from '@duban/core';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Dialect, Store } from '../../packages/server/src/db/connect.ts';
import type { Database, OfficeKind, Role } from '../../packages/server/src/db/schema.ts';
import type { OrderState } from '../../packages/server/src/db/tables/ledgers.ts';
import type { ReportAction, ReportProgress, ReportStatus } from '../../packages/server/src/db/tables/reports.ts';
import { hashPassword } from '../../packages/server/src/modules/auth/passwords.ts';
import {
  COMMUNITY_WORDS,
  DEPARTMENTS,
  DIARY_TEXTS,
  LEADER_TITLES,
  MEETING_TOPICS,
  NARRATIVES,
  PROBLEM_TITLES,
  personName,
  RAISED,
  REVIEW_COMMENTS,
  ROADS,
  SECTION_TITLES,
  STREETS,
  TASK_DEADLINES,
  TASK_SENTENCES,
  TRAINING_TOPICS,
  taskTitle,
  VISIT_NOTES,
} from './names.ts';
import { Ids, Random } from './random.ts';
import { figureFor, targetShape } from './targets.ts';

/**
 * The synthetic city of `npm run bench:city`: a district of 300 offices running five annual
 * plans (2022–2026, 60 monthly periods), each of 200 tasks and 600 targets, with a report of
 * every lead office on every task for every month, a million ledger entries and 100,000
 * problems with about 20,000 supervision orders. The same seed and scale give the same rows.
 */

/** Full-scale sizes; `--scale` multiplies all but the years (at least one of each, three offices). */
export const CITY_SPEC = {
  offices: 300,
  streets: 10,
  communitiesPerStreet: 25,
  tasksPerPlan: 200,
  targetsPerPlan: 600,
  ledgerEntries: 1_000_000,
  problems: 100_000,
  orders: 20_000,
} as const;

export const CITY_YEARS = [2022, 2023, 2024, 2025, 2026] as const;
/** The day the city stands on: reports are in up to November 2026's, December's are not due yet. */
export const CITY_AS_OF = '2026-12-31';
export const CITY_PASSWORD = 'city-bench-password';
export const CITY_ADMIN = 'city-admin';
/** The period left open for the submission benchmark: the 2026 plan's last month. */
export const OPEN_PERIOD = '2026-M12';

/** Shares of the ledger entries: visits, diaries, meetings; trainings take the rest. */
const LEDGER_SHARES = { visits: 0.4, diaries: 0.5, meetings: 0.06 } as const;
/** Share of the supervision orders that are about a plan task rather than a problem. */
const TASK_ORDER_SHARE = 0.1;
const LINKS_PER_COMMUNITY = 2;
const CADRES_PER_OFFICE = 3;

export interface CityCounts {
  readonly offices: number;
  readonly streets: number;
  readonly communities: number;
  readonly departments: number;
  readonly tasksPerPlan: number;
  readonly targetsPerPlan: number;
  readonly visits: number;
  readonly diaries: number;
  readonly meetings: number;
  readonly trainings: number;
  readonly problems: number;
  readonly orders: number;
}

/** The sizes of the city at a scale (1 = full). */
export function cityCounts(scale: number): CityCounts {
  const n = (full: number) => Math.max(1, Math.round(full * scale));
  const offices = Math.max(3, n(CITY_SPEC.offices));
  const streets = Math.max(1, Math.round(offices * (CITY_SPEC.streets / CITY_SPEC.offices)));
  const communityShare = (CITY_SPEC.streets * CITY_SPEC.communitiesPerStreet) / CITY_SPEC.offices;
  // At least one district department: the plans need someone to lead at district level.
  const communities = Math.max(1, Math.min(Math.round(offices * communityShare), offices - streets - 1));
  const tasksPerPlan = n(CITY_SPEC.tasksPerPlan);
  const ledger = n(CITY_SPEC.ledgerEntries);
  const visits = Math.round(ledger * LEDGER_SHARES.visits);
  const diaries = Math.round(ledger * LEDGER_SHARES.diaries);
  const meetings = Math.round(ledger * LEDGER_SHARES.meetings);
  return {
    offices,
    streets,
    communities,
    departments: offices - streets - communities,
    tasksPerPlan,
    targetsPerPlan: Math.max(tasksPerPlan, n(CITY_SPEC.targetsPerPlan)),
    visits,
    diaries,
    meetings,
    trainings: ledger - visits - diaries - meetings,
    problems: n(CITY_SPEC.problems),
    orders: n(CITY_SPEC.orders),
  };
}

export interface CityPlan {
  readonly id: string;
  readonly year: number;
}

export interface CitySummary {
  readonly counts: CityCounts;
  /** Rows written, by table. */
  readonly rows: Readonly<Record<string, number>>;
  readonly plans: readonly CityPlan[];
  /** Milliseconds each stage took, in order. */
  readonly stages: readonly { name: string; ms: number }[];
  readonly ms: number;
  /** False when PostgreSQL's foreign key triggers were skipped during the load. */
  readonly foreignKeysChecked: boolean;
}

/** Bound parameters one statement may carry: SQLite's default limit, and PostgreSQL's. */
const PARAMETER_LIMIT: Record<Dialect, number> = { sqlite: 32_766, postgres: 65_535 };

type LooseDb = Kysely<Record<string, Record<string, unknown>>>;

/** Multi-row INSERTs as large as the dialect's parameter limit allows, counting rows by table. */
class Loader {
  readonly rows: Record<string, number> = {};

  constructor(private readonly dialect: Dialect) {}

  /** Rows of `columns` columns that fit in one statement. */
  batchSize(columns: number): number {
    return Math.floor(PARAMETER_LIMIT[this.dialect] / columns);
  }

  async insert<T extends keyof Database & string>(
    db: Kysely<Database>,
    table: T,
    rows: readonly Insertable<Database[T]>[],
  ): Promise<void> {
    const first = rows[0];
    if (first === undefined) return;
    const size = this.batchSize(Object.keys(first).length);
    for (let i = 0; i < rows.length; i += size) {
      await (db as unknown as LooseDb)
        .insertInto(table)
        .values(rows.slice(i, i + size) as Record<string, unknown>[])
        .execute();
    }
    this.rows[table] = (this.rows[table] ?? 0) + rows.length;
  }

  /** Insert `total` rows made one by one by `make`, a statement's worth at a time. */
  async stream<T extends keyof Database & string>(
    db: Kysely<Database>,
    table: T,
    total: number,
    make: (i: number) => Insertable<Database[T]>,
  ): Promise<void> {
    let rows: Insertable<Database[T]>[] = [];
    let size = Number.POSITIVE_INFINITY;
    for (let i = 0; i < total; i++) {
      const row = make(i);
      if (i === 0) size = this.batchSize(Object.keys(row).length);
      rows.push(row);
      if (rows.length === size) {
        await this.insert(db, table, rows);
        rows = [];
      }
    }
    await this.insert(db, table, rows);
  }
}

/** Rows in the order of their ids (which follow time): each insert appends to the primary key index. */
function byId<R extends { id: string }>(rows: R[]): R[] {
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Midnight UTC of an ISO date, ms. */
function dayMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoDay = (ms: number) => iso(ms).slice(0, 10);

interface Office {
  readonly id: string;
  readonly name: string;
  readonly kind: OfficeKind;
  readonly parentId: string | null;
}

interface Directory {
  readonly offices: readonly Office[];
  readonly departments: readonly Office[];
  readonly streets: readonly Office[];
  readonly communities: readonly Office[];
  readonly streetGroupId: string;
  readonly adminId: string;
  readonly leaderIds: readonly string[];
  readonly inspectorIds: readonly string[];
  /** The reporter account of each office. */
  readonly reporterOf: ReadonlyMap<string, string>;
}

interface PlanTask {
  readonly id: string;
  readonly planId: string;
  readonly year: number;
  readonly leads: readonly string[];
  readonly targets: readonly { id: string; unit: string; op: string; value: number }[];
}

/** Generate the city into an empty, migrated store. */
export async function generateCity(
  store: Store,
  options: { scale: number; seed?: number; log?: (line: string) => void },
): Promise<CitySummary> {
  const counts = cityCounts(options.scale);
  const random = new Random(options.seed ?? 20_260_101);
  const ids = new Ids(random);
  const loader = new Loader(store.dialect);
  const stages: { name: string; ms: number }[] = [];
  const started = performance.now();
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    const ms = performance.now() - t0;
    stages.push({ name, ms });
    options.log?.(`  ${name.padEnd(34)} ${(ms / 1000).toFixed(1).padStart(6)} s`);
    return result;
  };
  // PostgreSQL checks foreign keys row by row in triggers, half the time of a load: skip them as
  // pg_restore --disable-triggers does (superusers only). generate.test.ts checks every key after.
  const skipForeignKeyTriggers = store.dialect === 'postgres' && (await isSuperuser(store.db));
  /** A stage of the load: one transaction. */
  const stage = <T>(name: string, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> =>
    timed(name, () =>
      store.db.transaction().execute(async (trx) => {
        if (skipForeignKeyTriggers) await sql`set local session_replication_role = replica`.execute(trx);
        return work(trx);
      }),
    );

  // A bulk load of a large transaction: give SQLite's page cache room (256 MB) while it lasts.
  if (store.dialect === 'sqlite') await sql`pragma cache_size = -262144`.execute(store.db);
  const passwordHash = await hashPassword(CITY_PASSWORD);
  const directory = await stage('offices, users', (trx) =>
    writeDirectory(trx, loader, random, ids, counts, passwordHash),
  );
  const { plans, tasks } = await stage('plans, tasks, targets, assignments', (trx) =>
    writePlans(trx, loader, random, ids, counts, directory),
  );
  await stage('reports, figures, report events', (trx) => writeReports(trx, loader, random, ids, directory, tasks));
  const raised = await stage('ledgers', (trx) => writeLedgers(trx, loader, random, ids, counts, directory));
  await stage('problems, orders, order events', (trx) =>
    writeProblems(trx, loader, random, ids, counts, directory, tasks, raised),
  );
  if (store.dialect === 'sqlite') await sql`pragma cache_size = -2000`.execute(store.db);
  if (store.dialect === 'postgres') {
    // What autovacuum does soon after a bulk load (the app itself never runs it): statistics for
    // the planner, and the visibility map that lets it read from indexes alone.
    const tables = Object.keys(loader.rows).map((t) => sql.table(t));
    await timed('vacuum, analyze (PostgreSQL)', () => sql`vacuum (analyze) ${sql.join(tables)}`.execute(store.db));
  }
  return {
    counts,
    rows: loader.rows,
    plans,
    stages,
    ms: performance.now() - started,
    foreignKeysChecked: !skipForeignKeyTriggers,
  };
}

async function isSuperuser(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ on: string }>`select current_setting('is_superuser') as on`.execute(db);
  return rows[0]?.on === 'on';
}

async function writeDirectory(
  db: Kysely<Database>,
  loader: Loader,
  random: Random,
  ids: Ids,
  counts: CityCounts,
  passwordHash: string,
): Promise<Directory> {
  const created = dayMs('2021-12-01');
  const at = iso(created);
  const office = (name: string, kind: OfficeKind, parentId: string | null): Office => ({
    id: ids.at(created),
    name,
    kind,
    parentId,
  });
  const departments = Array.from({ length: counts.departments }, (_, i) => {
    const [name, kind] = DEPARTMENTS[i % DEPARTMENTS.length] as (typeof DEPARTMENTS)[number];
    return office(i < DEPARTMENTS.length ? name : `${name}${Math.floor(i / DEPARTMENTS.length) + 1}`, kind, null);
  });
  const streets = Array.from({ length: counts.streets }, (_, i) => {
    const name = STREETS[i % STREETS.length] as string;
    const suffix = i < STREETS.length ? '' : String(Math.floor(i / STREETS.length) + 1);
    return office(`${name}${suffix}街道办事处`, 'street-office', null);
  });
  // Communities go round the streets, so that each street office has its share.
  const communities = Array.from({ length: counts.communities }, (_, i) => {
    const street = streets[i % streets.length] as Office;
    const n = Math.floor(i / streets.length);
    const word = COMMUNITY_WORDS[n % COMMUNITY_WORDS.length] as string;
    const suffix = n < COMMUNITY_WORDS.length ? '' : String(Math.floor(n / COMMUNITY_WORDS.length) + 1);
    return office(`${street.name.replace('街道办事处', '')}${word}${suffix}社区`, 'community', street.id);
  });
  const offices = [...departments, ...streets, ...communities];
  await loader.insert(
    db,
    'offices',
    offices.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      parent_id: o.parentId,
      aliases: '[]',
      version: 1,
      created_at: at,
      updated_at: at,
    })),
  );
  const streetGroupId = ids.at(created);
  await loader.insert(db, 'office_groups', [
    {
      id: streetGroupId,
      name: '各街道办事处',
      aliases: '["各街道办","各街道"]',
      mode: 'fixed',
      version: 1,
      created_at: at,
      updated_at: at,
    },
  ]);
  await loader.insert(
    db,
    'office_group_members',
    streets.map((s) => ({ group_id: streetGroupId, office_id: s.id })),
  );

  const users: Insertable<Database['users']>[] = [];
  const user = (username: string, role: Role, officeId: string | null, name: string) => {
    const id = ids.at(created);
    users.push({
      id,
      username,
      display_name: name,
      role,
      office_id: officeId,
      password_hash: passwordHash,
      failed_logins: 0,
      locked_until: null,
      locale: 'zh-CN',
      version: 1,
      created_at: at,
      updated_at: at,
    });
    return id;
  };
  const adminId = user(CITY_ADMIN, 'admin', null, '区基层办');
  const leaderIds = [0, 1, 2].map((i) => user(`city-leader-${i}`, 'leader', null, personName(random)));
  const inspectorIds = [0, 1, 2, 3, 4].map((i) => user(`city-inspector-${i}`, 'inspector', null, personName(random)));
  const reporterOf = new Map(
    offices.map((o, i) => [o.id, user(`city-reporter-${i}`, 'reporter', o.id, `${o.name}填报员`)]),
  );
  await loader.insert(db, 'users', users);
  return { offices, departments, streets, communities, streetGroupId, adminId, leaderIds, inspectorIds, reporterOf };
}

/**
 * An office to lead or support a task: mostly district departments, then street offices, now
 * and then a community.
 */
function assignee(random: Random, d: Directory): Office {
  const r = random.next();
  if (r < 0.6) return random.pick(d.departments);
  if (r < 0.9) return random.pick(d.streets);
  return random.pick(d.communities);
}

async function writePlans(
  db: Kysely<Database>,
  loader: Loader,
  random: Random,
  ids: Ids,
  counts: CityCounts,
  d: Directory,
): Promise<{ plans: CityPlan[]; tasks: PlanTask[] }> {
  const plans: CityPlan[] = [];
  const tasks: PlanTask[] = [];
  const sectionCount = Math.min(SECTION_TITLES.length, counts.tasksPerPlan);
  for (const year of CITY_YEARS) {
    // Entered before its year starts: every month of the year is expected.
    const created = dayMs(`${year - 1}-12-20`) + 2 * HOUR;
    const at = iso(created);
    const planId = ids.at(created);
    plans.push({ id: planId, year });
    await loader.insert(db, 'plans', [
      {
        id: planId,
        title: `${year}年城市基层治理工作要点`,
        notice: `关于印发${year}年城市基层治理工作要点的通知`,
        issuers: '["区委办公室","区政府办公室"]',
        date: `${year - 1}-12-18`,
        year,
        import_id: null,
        version: 1,
        revision: 1,
        created_at: at,
        updated_at: at,
      },
    ]);
    await loader.insert(db, 'plan_settings', [
      { plan_id: planId, cadence: 'monthly', due_working_days: 5, lock_days: 10, version: 1, updated_at: at },
    ]);
    const sections = Array.from({ length: sectionCount }, (_, i) => ({
      id: ids.at(created),
      plan_id: planId,
      position: i,
      number: '一二三四五'[i] as string,
      title: SECTION_TITLES[i] as string,
      version: 1,
    }));
    await loader.insert(db, 'sections', sections);

    const taskRows: Insertable<Database['tasks']>[] = [];
    const assignments: Insertable<Database['task_assignments']>[] = [];
    const planTasks: { id: string; leads: string[]; targets: PlanTask['targets'][number][] }[] = [];
    for (let i = 0; i < counts.tasksPerPlan; i++) {
      const id = ids.at(created);
      const title = taskTitle(random);
      taskRows.push({
        id,
        plan_id: planId,
        section_id: (sections[Math.floor((i * sectionCount) / counts.tasksPerPlan)] as { id: string }).id,
        position: i,
        number: String(i + 1),
        title,
        text: `${i + 1}.${title}。${random.pick(TASK_SENTENCES)}${random.pick(TASK_SENTENCES)}`,
        deadline: random.pick(TASK_DEADLINES),
        leaders: JSON.stringify([`${random.pick(LEADER_TITLES)}${personName(random)}`]),
        span_start: null,
        span_end: null,
        version: 1,
        created_at: at,
        updated_at: at,
      });
      const wanted = random.int(1, 3);
      const leads = new Map<string, Office>();
      for (let tries = 0; leads.size < wanted && tries < 20; tries++) {
        const o = assignee(random, d);
        leads.set(o.id, o);
      }
      const supports = new Map<string, Office>();
      const wantedSupports = random.int(0, 3);
      for (let tries = 0; supports.size < wantedSupports && tries < 20; tries++) {
        const o = assignee(random, d);
        if (!leads.has(o.id)) supports.set(o.id, o);
      }
      let position = 0;
      const assign = (role: 'lead' | 'support', o: Office) =>
        assignments.push({
          id: ids.at(created),
          task_id: id,
          role,
          position: position++,
          mention: o.name,
          office_id: o.id,
          group_id: null,
          version: 1,
        });
      for (const o of leads.values()) assign('lead', o);
      for (const o of supports.values()) assign('support', o);
      // As "各街道办事处协办" reads: a group, which every street office belongs to.
      if (random.chance(0.15)) {
        assignments.push({
          id: ids.at(created),
          task_id: id,
          role: 'support',
          position: position++,
          mention: '各街道办事处',
          office_id: null,
          group_id: d.streetGroupId,
          version: 1,
        });
      }
      planTasks.push({ id, leads: [...leads.keys()], targets: [] });
    }
    // One target per task, the rest spread at random.
    const targetRows: Insertable<Database['targets']>[] = [];
    for (let i = 0; i < counts.targetsPerPlan; i++) {
      const task = (i < planTasks.length ? planTasks[i] : random.pick(planTasks)) as (typeof planTasks)[number];
      const shape = targetShape(random);
      const id = ids.at(created);
      targetRows.push({
        ...shape,
        id,
        task_id: task.id,
        position: task.targets.length,
        span_start: null,
        span_end: null,
        version: 1,
      });
      task.targets.push({ id, unit: shape.unit, op: shape.op, value: Number(shape.value) });
    }
    await loader.insert(db, 'tasks', taskRows);
    await loader.insert(db, 'task_assignments', assignments);
    await loader.insert(db, 'targets', targetRows);
    for (const t of planTasks) tasks.push({ ...t, planId, year });
  }
  return { plans, tasks };
}

/** Working hours in China (09:00–18:00, UTC+8) on the day of `ms`, as a UTC instant. */
function workTime(random: Random, dayStart: number): number {
  return dayStart + HOUR + Math.floor(random.next() * 9 * HOUR);
}

async function writeReports(
  db: Kysely<Database>,
  loader: Loader,
  random: Random,
  ids: Ids,
  d: Directory,
  tasks: readonly PlanTask[],
): Promise<void> {
  const kindOf = new Map(d.offices.map((o) => [o.id, o.kind]));
  const parentOf = new Map(d.offices.map((o) => [o.id, o.parentId]));
  for (const year of CITY_YEARS) {
    const yearTasks = tasks.filter((t) => t.year === year);
    const planId = (yearTasks[0] as PlanTask).planId;
    const reports: Insertable<Database['reports']>[] = [];
    const figures: Insertable<Database['report_figures']>[] = [];
    const events: Insertable<Database['report_events']>[] = [];
    const exceptions: Insertable<Database['report_exceptions']>[] = [];
    for (const period of periodsOf('monthly', year)) {
      if (period.key === OPEN_PERIOD) continue;
      const due = dueDate(period, 5);
      const firstDay = dayMs(period.end) + DAY;
      const dueDay = dayMs(due);
      for (const task of yearTasks) {
        for (const officeId of task.leads) {
          const r = random.next();
          if (r < 0.04) continue; // never handed in
          const status: ReportStatus =
            r < 0.06
              ? 'draft'
              : r < 0.09
                ? 'returned'
                : r < 0.2
                  ? kindOf.get(officeId) === 'community'
                    ? 'reviewed'
                    : 'submitted'
                  : 'accepted';
          const late = status !== 'draft' && random.chance(0.08);
          const submitted =
            status === 'draft'
              ? null
              : late
                ? workTime(random, dueDay + random.int(1, 10) * DAY)
                : workTime(random, firstDay + Math.floor(random.next() * ((dueDay - firstDay) / DAY + 1)) * DAY);
          const created = Math.min(submitted ?? Number.POSITIVE_INFINITY, workTime(random, firstDay)) - HOUR;
          const reviewed =
            status === 'accepted' || status === 'returned' || status === 'reviewed'
              ? (submitted as number) + random.int(1, 5) * DAY
              : null;
          // A community's street office reviews it first ('reviewed'); the plan office accepts or returns.
          const street = parentOf.get(officeId);
          const reviewer = status === 'reviewed' && street ? (d.reporterOf.get(street) ?? null) : d.adminId;
          const id = ids.at(created);
          const reportFigures = task.targets.flatMap((target) => {
            if (random.chance(0.1)) return [];
            const f = figureFor(random, target);
            return [
              {
                id: ids.at(created),
                targetId: target.id,
                value: f.value,
                numerator: f.numerator,
                denominator: f.denominator,
                cumulative: f.cumulative,
              },
            ];
          });
          const month = Number(period.key.slice(-2));
          const progress: ReportProgress = random.chance(0.03)
            ? 'blocked'
            : month >= 11 && random.chance(0.6)
              ? 'done'
              : 'in-progress';
          const goodPractice = random.chance(0.03);
          const report = {
            id,
            taskId: task.id,
            officeId,
            periodKey: period.key,
            status,
            progress,
            narrative: random.pick(NARRATIVES),
            goodPractice,
            goodPracticeSummary: goodPractice ? '建立"街道吹哨、部门报到"机制,问题当天交办、一周办结' : null,
            submittedAt: submitted === null ? null : iso(submitted),
            // As the reports service sets it for a monthly period: the month's last day.
            dueDate: period.end,
            late,
            reviewedBy: reviewed === null ? null : reviewer,
            reviewedAt: reviewed === null ? null : iso(reviewed),
            reviewComment: status === 'returned' ? random.pick(REVIEW_COMMENTS) : null,
            version: 1,
            createdAt: iso(created),
            updatedAt: iso(reviewed ?? submitted ?? created),
          };
          const history: [ReportAction, number][] = [['create', created]];
          if (submitted !== null) history.push(['submit', submitted]);
          if (status === 'reviewed') history.push(['review', reviewed as number]);
          if (status === 'accepted' || status === 'returned')
            history.push([status === 'accepted' ? 'accept' : 'return', reviewed as number]);
          const reporter = d.reporterOf.get(officeId) ?? null;
          history.forEach(([action, atMs], i) => {
            const step = {
              ...report,
              status: (['draft', 'submitted', status][Math.min(i, 2)] ?? status) as ReportStatus,
              version: i + 1,
              updatedAt: iso(atMs),
            };
            events.push({
              id: ids.at(atMs),
              report_id: id,
              at: iso(atMs),
              user_id: action === 'create' || action === 'submit' ? reporter : reviewer,
              action,
              comment: action === 'return' ? report.reviewComment : null,
              snapshot: JSON.stringify({ report: step, figures: reportFigures }),
            });
          });
          reports.push({
            id,
            task_id: task.id,
            office_id: officeId,
            period_key: period.key,
            status,
            progress,
            narrative: report.narrative,
            good_practice: goodPractice ? 1 : 0,
            good_practice_summary: report.goodPracticeSummary,
            submitted_at: report.submittedAt,
            due_date: report.dueDate,
            late: late ? 1 : 0,
            reviewed_by: report.reviewedBy,
            reviewed_at: report.reviewedAt,
            review_comment: report.reviewComment,
            version: history.length,
            created_at: report.createdAt,
            updated_at: report.updatedAt,
          });
          for (const f of reportFigures) {
            figures.push({
              id: f.id,
              report_id: id,
              target_id: f.targetId,
              value: f.value,
              numerator: f.numerator,
              denominator: f.denominator,
              cumulative: f.cumulative ? 1 : 0,
            });
          }
        }
      }
      // Now and then the plan office lets an office hand a month in late.
      const task = random.pick(yearTasks);
      const officeId = task.leads[0];
      if (officeId !== undefined && random.chance(0.5)) {
        exceptions.push({
          id: ids.at(dueDay),
          plan_id: planId,
          office_id: officeId,
          period_key: period.key,
          until: isoDay(dueDay + 10 * DAY),
          granted_by: d.adminId,
          created_at: iso(dueDay + 2 * HOUR),
        });
      }
    }
    await loader.insert(db, 'reports', byId(reports));
    await loader.insert(db, 'report_figures', byId(figures));
    await loader.insert(db, 'report_events', byId(events));
    await loader.insert(db, 'report_exceptions', exceptions);
  }
}

/** A ledger entry that raised a problem: where a problem of the ledger came from. */
interface Raised {
  readonly source: 'visit' | 'diary';
  readonly id: string;
  readonly ms: number;
  readonly officeId: string;
}

const FIRST_DAY = dayMs(`${CITY_YEARS[0]}-01-01`);
const LAST_DAY = dayMs(CITY_AS_OF);
const DAYS = (LAST_DAY - FIRST_DAY) / DAY + 1;

/** A random day of the five years, ms at midnight UTC. */
function anyDay(random: Random): number {
  return FIRST_DAY + Math.floor(random.next() * DAYS) * DAY;
}

/**
 * The day of the `i`th of `total` entries written over the five years in order, as they were
 * logged: ids then grow with the rows, and the primary key index is appended to, not scattered.
 */
function dayOf(i: number, total: number): number {
  return FIRST_DAY + Math.floor((i * DAYS) / total) * DAY;
}

async function writeLedgers(
  db: Kysely<Database>,
  loader: Loader,
  random: Random,
  ids: Ids,
  counts: CityCounts,
  d: Directory,
): Promise<Raised[]> {
  const base = (ms: number, officeId: string | null) => {
    const at = iso(ms + HOUR);
    return {
      version: 1,
      created_by: officeId === null ? null : (d.reporterOf.get(officeId) ?? null),
      created_at: at,
      updated_at: at,
    };
  };
  // Leaders of district departments linked to communities (挂点联系), some without an office.
  const links = d.communities.flatMap((community) =>
    Array.from({ length: LINKS_PER_COMMUNITY }, () => {
      const dept = random.chance(0.1) ? null : random.pick(d.departments);
      const since = dayMs('2021-12-01') + random.int(0, 30) * DAY;
      return {
        id: ids.at(since),
        person: personName(random),
        person_title: random.pick(LEADER_TITLES),
        office_id: dept?.id ?? null,
        community_office_id: community.id,
        since: isoDay(since),
        ...base(since, dept?.id ?? null),
      };
    }),
  );
  await loader.insert(db, 'links', links);
  const streetOf = new Map(d.communities.map((c) => [c.id, c.parentId as string]));
  const raised: Raised[] = [];

  await loader.stream(db, 'visits', counts.visits, (i) => {
    const link = random.pick(links);
    const day = dayOf(i, counts.visits);
    const id = ids.at(day + HOUR);
    // A district leader without an office visits for the street office of the community.
    const officeId = link.office_id ?? (streetOf.get(link.community_office_id) as string);
    const problem = random.chance(0.15) ? random.pick(RAISED) : '';
    if (problem) raised.push({ source: 'visit', id, ms: day + HOUR, officeId: link.community_office_id });
    return {
      id,
      link_id: random.chance(0.8) ? link.id : null,
      person: link.person,
      office_id: officeId,
      community_office_id: link.community_office_id,
      date: isoDay(day),
      duration_hours: random.int(1, 8) / 2,
      notes: random.pick(VISIT_NOTES),
      problems_raised: problem,
      ...base(day, officeId),
    };
  });

  // Cadres stationed in communities and street offices (驻社区干部) keep the diaries.
  const diarists = [...d.communities, ...d.streets].flatMap((o) =>
    Array.from({ length: CADRES_PER_OFFICE }, () => ({ name: personName(random), officeId: o.id })),
  );
  await loader.stream(db, 'diaries', counts.diaries, (i) => {
    const cadre = random.pick(diarists);
    const day = dayOf(i, counts.diaries);
    const id = ids.at(day + HOUR);
    const problem = random.chance(0.1) ? random.pick(RAISED) : '';
    if (problem) raised.push({ source: 'diary', id, ms: day + HOUR, officeId: cadre.officeId });
    return {
      id,
      cadre: cadre.name,
      office_id: cadre.officeId,
      date: isoDay(day),
      text: random.pick(DIARY_TEXTS),
      problems_raised: problem,
      ...base(day, cadre.officeId),
    };
  });

  await loader.stream(db, 'meetings', counts.meetings, (i) => {
    const district = random.chance(0.2);
    const office = district ? random.pick(d.departments) : random.pick(d.streets);
    const day = dayOf(i, counts.meetings);
    return {
      id: ids.at(day + HOUR),
      level: district ? ('district' as const) : ('street' as const),
      office_id: office.id,
      date: isoDay(day),
      topic: random.pick(MEETING_TOPICS),
      attendance: random.int(10, 80),
      ...base(day, office.id),
    };
  });

  await loader.stream(db, 'trainings', counts.trainings, (i) => {
    const office = random.pick(d.offices);
    const day = dayOf(i, counts.trainings);
    return {
      id: ids.at(day + HOUR),
      office_id: office.id,
      date: isoDay(day),
      topic: random.pick(TRAINING_TOPICS),
      attendees: random.int(10, 200),
      ...base(day, office.id),
    };
  });
  return raised;
}

/** The order's path through its workflow to `state`, as event actions. */
function orderPath(random: Random, state: OrderState): string[] {
  const path = ['draft'];
  const order: OrderState[] = [
    'drafted',
    'approved',
    'issued',
    'signed',
    'handling',
    'rectified',
    'verified',
    'closed',
  ];
  const reach = order.indexOf(state);
  if (reach >= 1) path.push('approve');
  if (reach >= 2) path.push('issue');
  if (reach >= 3) path.push('sign');
  if (reach >= 4) for (let i = random.int(1, 2); i > 0; i--) path.push('feedback');
  if (reach >= 5) {
    // One in ten rectifications is sent back once before it passes.
    if (random.chance(0.1)) path.push('rectify', 'return', 'feedback');
    path.push('rectify');
  }
  if (reach >= 6) path.push('verify');
  if (reach >= 7) path.push('close');
  return path;
}

/** Escalation level of an order `daysLate` past its deadline: 1, 5 and 10 days (deadlines.ts). */
function escalation(daysLate: number): number {
  return [1, 5, 10].filter((t) => daysLate >= t).length;
}

async function writeProblems(
  db: Kysely<Database>,
  loader: Loader,
  random: Random,
  ids: Ids,
  counts: CityCounts,
  d: Directory,
  tasks: readonly PlanTask[],
  raised: readonly Raised[],
): Promise<void> {
  const officeById = new Map(d.offices.map((o) => [o.id, o]));
  // What each problem came from and when; statuses follow in time order.
  const specs = Array.from({ length: counts.problems }, () => {
    const r = random.next();
    if (raised.length > 0 && r < 0.65) {
      const from = random.pick(raised);
      return { ms: from.ms + random.int(0, 3) * DAY, source: from.source, sourceId: from.id, officeId: from.officeId };
    }
    const owner = random.chance(0.6)
      ? random.pick(d.communities)
      : random.chance(0.6)
        ? random.pick(d.streets)
        : random.pick(d.departments);
    const source = r < 0.8 ? 'inspection' : r < 0.95 ? 'hotline' : 'report';
    return { ms: workTime(random, anyDay(random)), source, sourceId: null, officeId: owner.id };
  }).sort((a, b) => a.ms - b.ms);

  const problems: Insertable<Database['problems']>[] = [];
  const closed: string[] = [];
  for (const spec of specs) {
    const id = ids.at(spec.ms);
    const ageDays = (LAST_DAY - spec.ms) / DAY;
    const closeChance = ageDays > 180 ? 0.95 : ageDays > 30 ? 0.8 : 0.4;
    const status = random.chance(closeChance) ? 'closed' : random.chance(0.6) ? 'in-progress' : 'open';
    const closedAt =
      status === 'closed'
        ? Math.min(LAST_DAY + 9 * HOUR, spec.ms + random.int(1, Math.max(1, Math.min(60, ageDays))) * DAY)
        : null;
    const owner = officeById.get(spec.officeId) as Office;
    const reopens = closed.length > 0 && random.chance(0.01) ? random.pick(closed) : null;
    problems.push({
      id,
      title: random.pick(PROBLEM_TITLES),
      description: `${owner.name}辖区群众反映,需协调处理。`,
      category: random.pick(['safety-hazard', 'dispute', 'livelihood', 'other'] as const),
      place: `${owner.name}${random.int(1, 99)}号${random.pick(ROADS)}`,
      source: spec.source as Insertable<Database['problems']>['source'],
      source_id: spec.sourceId,
      owner_office_id: spec.officeId,
      deadline: isoDay(spec.ms + 30 * DAY),
      status,
      reopened_from: reopens,
      closed_at: closedAt === null ? null : iso(closedAt),
      version: status === 'open' ? 1 : status === 'in-progress' ? 2 : 3,
      created_by: d.reporterOf.get(spec.officeId) ?? null,
      created_at: iso(spec.ms),
      updated_at: iso(closedAt ?? spec.ms + (status === 'open' ? 0 : DAY)),
    });
    if (status === 'closed') closed.push(id);
  }
  await loader.insert(db, 'problems', problems);

  const orders: Insertable<Database['orders']>[] = [];
  const events: Insertable<Database['order_events']>[] = [];
  const taskOrders = Math.min(tasks.length, Math.round(counts.orders * TASK_ORDER_SHARE));
  const problemOrders = Math.min(problems.length, counts.orders - taskOrders);
  const subjects: { problem: (typeof problems)[number] | null; task: PlanTask | null }[] = [
    ...random.sample(problems, problemOrders).map((problem) => ({ problem, task: null })),
    ...random.sample(tasks, taskOrders).map((task) => ({ problem: null, task })),
  ];
  for (const { problem, task } of subjects) {
    let created: number;
    let state: OrderState;
    let leadOfficeId: string;
    if (problem) {
      created = Date.parse(problem.created_at) + random.int(1, 5) * DAY;
      // The order follows its problem: signing puts it in progress, closing closes it.
      state =
        problem.status === 'closed'
          ? 'closed'
          : problem.status === 'in-progress'
            ? random.pick(['signed', 'handling', 'rectified', 'verified'] as const)
            : random.pick(['drafted', 'approved', 'issued'] as const);
      leadOfficeId = problem.owner_office_id;
    } else {
      const t = task as PlanTask;
      created = workTime(random, dayMs(`${t.year}-01-01`) + random.int(30, 300) * DAY);
      state =
        t.year < 2026 || random.chance(0.5) ? 'closed' : random.pick(['issued', 'handling', 'rectified'] as const);
      leadOfficeId = t.leads[0] as string;
    }
    created = Math.min(created, LAST_DAY);
    const deadlineMs = created + random.int(10, 60) * DAY;
    const path = orderPath(random, state);
    const daysLate = state === 'closed' ? 0 : Math.floor((LAST_DAY - deadlineMs) / DAY);
    const urges = escalation(daysLate);
    for (let i = 0; i < urges; i++) path.push('urge');
    const end =
      state === 'closed' && problem?.closed_at ? Date.parse(problem.closed_at) : Math.min(LAST_DAY, deadlineMs);
    const step = Math.max(HOUR, (Math.max(end, created + DAY) - created) / path.length);
    const id = ids.at(created);
    const reporter = d.reporterOf.get(leadOfficeId) ?? null;
    const inspector = random.pick(d.inspectorIds);
    const reached = (action: string) => path.includes(action);
    path.forEach((action, i) => {
      const at = created + Math.floor(i * step);
      events.push({
        id: ids.at(at),
        order_id: id,
        at: iso(at),
        user_id:
          action === 'approve'
            ? (d.leaderIds[0] as string)
            : ['sign', 'feedback', 'rectify'].includes(action)
              ? reporter
              : inspector,
        action,
        comment: action === 'return' ? '整改不到位,请继续落实' : action === 'feedback' ? '正在组织整改' : null,
        attachments: '[]',
      });
    });
    const support = random.sample(d.departments, random.int(0, 2)).filter((o) => o.id !== leadOfficeId);
    orders.push({
      id,
      problem_id: problem?.id ?? null,
      task_id: task?.id ?? null,
      lead_office_id: leadOfficeId,
      support_office_ids: JSON.stringify(support.map((o) => o.id)),
      deadline: isoDay(deadlineMs),
      state,
      escalation_level: urges,
      created_by: inspector,
      approved_by: reached('approve') ? (d.leaderIds[0] as string) : null,
      rectified_by: reached('rectify') ? reporter : null,
      verified_by: reached('verify') ? inspector : null,
      version: path.length,
      created_at: iso(created),
      updated_at: iso(created + Math.floor((path.length - 1) * step)),
    });
  }
  await loader.insert(db, 'orders', byId(orders));
  await loader.insert(db, 'order_events', byId(events));
}

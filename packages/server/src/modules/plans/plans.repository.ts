import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type {
  Database,
  NewTargetRow,
  OfficeKind,
  PlanRow,
  SectionRow,
  TargetRow,
  TaskAssignmentRow,
  TaskRow,
} from '../../db/schema.ts';

/**
 * SQL of plans and their parts. Reads of a whole plan take one query per table, whatever the
 * plan's size; rows become records here and never leave as rows.
 */

/** Which tasks a read is about: every task of a plan, or one task. */
export type TaskScope = { readonly planId: string } | { readonly taskId: string };

export type Span = [number, number];
export type TargetValue = number | [number, number];

export interface PlanRecord {
  readonly id: string;
  readonly title: string;
  readonly notice: string | null;
  readonly issuers: string[];
  readonly date: string | null;
  readonly year: number | null;
  readonly importId: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface SectionRecord {
  readonly id: string;
  readonly planId: string;
  readonly position: number;
  readonly number: string;
  readonly title: string;
  readonly version: number;
}

export interface TaskRecord {
  readonly id: string;
  readonly planId: string;
  readonly sectionId: string;
  readonly number: string;
  readonly title: string;
  readonly text: string;
  readonly deadline: string | null;
  readonly leaders: string[];
  readonly span: Span | null;
  readonly source: string | null;
  readonly assignedBy: string | null;
  readonly startDate: string | null;
  /** The task's own reporting cadence; null: the plan's. */
  readonly cadence: string | null;
  readonly version: number;
}

export interface MemberRecord {
  readonly id: string;
  readonly name: string;
}

export interface AssignmentRecord {
  readonly id: string;
  readonly taskId: string;
  readonly role: 'lead' | 'support';
  readonly mention: string;
  readonly office: { readonly id: string; readonly name: string; readonly kind: OfficeKind } | null;
  readonly group: { readonly id: string; readonly name: string; readonly members: MemberRecord[] } | null;
}

export interface TargetRecord {
  readonly id: string;
  readonly taskId: string;
  readonly text: string;
  readonly kind: TargetRow['kind'];
  readonly op: TargetRow['op'];
  readonly value: TargetValue;
  readonly unit: string;
  readonly period: string | null;
  readonly baseline: string | null;
  readonly deadline: string | null;
  readonly condition: string | null;
  readonly scope: string | null;
  /** Frequency targets: whom they bind (a core subject key); null: read from the text. */
  readonly subject: string | null;
  readonly version: number;
  /** Migration 016: the baseline's value and source, the offices asked (null: the task's leads), a set label. */
  readonly baselineValue: number | null;
  readonly baselineSource: string | null;
  readonly offices: string[] | null;
  readonly label: string | null;
}

export interface PlanCounts {
  readonly sections: number;
  readonly tasks: number;
  readonly targets: number;
}

// Lists are JSON text; most tasks name no leader, so skip the parse for the empty list.
const jsonList = (text: string): string[] => (text === '[]' ? [] : (JSON.parse(text) as string[]));
const spanOf = (start: number | null, end: number | null): Span | null =>
  start === null || end === null ? null : [start, end];

/** A plan row as a record: issuers parsed. */
function planRowToRecord(r: PlanRow): PlanRecord {
  return {
    id: r.id,
    title: r.title,
    notice: r.notice,
    issuers: jsonList(r.issuers),
    date: r.date,
    year: r.year,
    importId: r.import_id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A section row as a record. */
function sectionRowToRecord(r: SectionRow): SectionRecord {
  return { id: r.id, planId: r.plan_id, position: r.position, number: r.number, title: r.title, version: r.version };
}

type TaskColumns = Omit<TaskRow, 'created_at' | 'updated_at' | 'position'>;

/** A task row as a record: leaders parsed, span joined. */
function taskRowToRecord(r: TaskColumns): TaskRecord {
  return {
    id: r.id,
    planId: r.plan_id,
    sectionId: r.section_id,
    number: r.number,
    title: r.title,
    text: r.text,
    deadline: r.deadline,
    leaders: jsonList(r.leaders),
    span: spanOf(r.span_start, r.span_end),
    source: r.source,
    assignedBy: r.assigned_by,
    startDate: r.start_date,
    cadence: r.cadence,
    version: r.version,
  };
}

type TargetColumns = Omit<TargetRow, 'position' | 'span_start' | 'span_end'>;

/** A target row as a record: a "between" value joined into [low, high]. */
function targetRowToRecord(r: TargetColumns): TargetRecord {
  return {
    id: r.id,
    taskId: r.task_id,
    text: r.text,
    kind: r.kind,
    op: r.op,
    value: r.op === 'between' && r.value_high !== null ? [r.value, r.value_high] : r.value,
    unit: r.unit,
    period: r.period,
    baseline: r.baseline,
    deadline: r.deadline,
    condition: r.condition,
    scope: r.scope,
    subject: r.subject,
    version: r.version,
    baselineValue: r.baseline_value === null ? null : Number(r.baseline_value),
    baselineSource: r.baseline_source,
    offices: r.offices === null ? null : jsonList(r.offices),
    label: r.label,
  };
}

// ---- reads ----

const PARAM = '\u0000param\u0000';

/**
 * A read built and compiled by Kysely once per database, then only run with its parameter.
 * Building and compiling a query costs more than SQLite takes to run a small one, and the
 * whole-plan reads run on every GET /api/plans/:id. `build` gets a stand-in for the parameter.
 */
function precompiled<R>(build: (db: Kysely<Database>, param: string) => Compilable<R>) {
  // Keyed by the dialect's adapter, which a database shares with its transactions.
  const cache = new WeakMap<object, CompiledQuery<R>>();
  return async (db: Kysely<Database>, param: string): Promise<R[]> => {
    const key = db.getExecutor().adapter;
    let compiled = cache.get(key);
    if (!compiled) {
      compiled = build(db, PARAM).compile();
      cache.set(key, compiled);
    }
    const parameters = compiled.parameters.map((p) => (p === PARAM ? param : p));
    return (await db.executeQuery<R>({ ...compiled, parameters })).rows;
  };
}

const planById = precompiled((db, id) => db.selectFrom('plans').selectAll().where('id', '=', id));

/** One plan's own fields; null when there is none. */
export async function findPlan(db: Kysely<Database>, id: string): Promise<PlanRecord | null> {
  const [row] = await planById(db, id);
  return row ? planRowToRecord(row) : null;
}

/** Every plan, newest first. */
export async function listPlans(db: Kysely<Database>): Promise<PlanRecord[]> {
  const rows = await db.selectFrom('plans').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(planRowToRecord);
}

/** Sections, tasks and targets of every plan, counted with one grouped query each. */
export async function countsByPlan(db: Kysely<Database>): Promise<Map<string, PlanCounts>> {
  const [sections, tasks, targets] = await Promise.all([
    db
      .selectFrom('sections')
      .select(['plan_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy('plan_id')
      .execute(),
    db
      .selectFrom('tasks')
      .select(['plan_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy('plan_id')
      .execute(),
    db
      .selectFrom('targets')
      .innerJoin('tasks', 'tasks.id', 'targets.task_id')
      .select(['tasks.plan_id as plan_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy('tasks.plan_id')
      .execute(),
  ]);
  const counts = new Map<string, { sections: number; tasks: number; targets: number }>();
  const at = (planId: string) => {
    let c = counts.get(planId);
    if (!c) {
      c = { sections: 0, tasks: 0, targets: 0 };
      counts.set(planId, c);
    }
    return c;
  };
  // PostgreSQL counts are bigint, which pg hands over as strings.
  for (const r of sections) at(r.plan_id).sections = Number(r.n);
  for (const r of tasks) at(r.plan_id).tasks = Number(r.n);
  for (const r of targets) at(r.plan_id).targets = Number(r.n);
  return counts;
}

const sectionsByPlan = precompiled((db, planId) =>
  db.selectFrom('sections').selectAll().where('plan_id', '=', planId).orderBy('position'),
);

/** A plan's sections in order. */
export async function sectionsOfPlan(db: Kysely<Database>, planId: string): Promise<SectionRecord[]> {
  return (await sectionsByPlan(db, planId)).map(sectionRowToRecord);
}

/** One section; null when there is none. */
export async function findSection(db: Kysely<Database>, id: string): Promise<SectionRecord | null> {
  const row = await db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? sectionRowToRecord(row) : null;
}

const TASK_COLUMNS = [
  'id',
  'plan_id',
  'section_id',
  'number',
  'title',
  'text',
  'deadline',
  'leaders',
  'span_start',
  'span_end',
  'source',
  'assigned_by',
  'start_date',
  'cadence',
  'version',
] as const;

const tasksQuery = (db: Kysely<Database>) => db.selectFrom('tasks').select(TASK_COLUMNS).orderBy('position');
const tasksByPlan = precompiled((db, planId) => tasksQuery(db).where('plan_id', '=', planId));
const taskById = precompiled((db, id) => tasksQuery(db).where('id', '=', id));

/** Tasks in document order. */
export async function tasksOf(db: Kysely<Database>, scope: TaskScope): Promise<TaskRecord[]> {
  const rows = 'planId' in scope ? await tasksByPlan(db, scope.planId) : await taskById(db, scope.taskId);
  return rows.map(taskRowToRecord);
}

const assignmentsQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('task_assignments as a')
    .leftJoin('offices as o', 'o.id', 'a.office_id')
    .leftJoin('office_groups as g', 'g.id', 'a.group_id')
    .select([
      'a.id',
      'a.task_id',
      'a.role',
      'a.mention',
      'a.office_id',
      'o.name as office_name',
      'o.kind as office_kind',
      'a.group_id',
      'g.name as group_name',
    ])
    .orderBy('a.task_id')
    .orderBy('a.position');
const assignmentsByPlan = precompiled((db, planId) =>
  assignmentsQuery(db).innerJoin('tasks as t', 't.id', 'a.task_id').where('t.plan_id', '=', planId),
);
const assignmentsByTask = precompiled((db, taskId) => assignmentsQuery(db).where('a.task_id', '=', taskId));

// Members of the groups the scope's tasks are assigned to. Joining them into the assignments'
// query instead repeats each assignment's columns once per member: slower on SQLite, measured.
const membersQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('office_group_members as m')
    .innerJoin('offices as o', 'o.id', 'm.office_id')
    .select(['m.group_id', 'o.id', 'o.name'])
    .orderBy('m.group_id')
    // Ids sort by creation, the directory's own order, the same on both databases.
    .orderBy('o.id');
const groupsAssigned = (db: Kysely<Database>) =>
  db.selectFrom('task_assignments as a').select('a.group_id').where('a.group_id', 'is not', null);
const membersByPlan = precompiled((db, planId) =>
  membersQuery(db).where(
    'm.group_id',
    'in',
    groupsAssigned(db).innerJoin('tasks as t', 't.id', 'a.task_id').where('t.plan_id', '=', planId),
  ),
);
const membersByTask = precompiled((db, taskId) =>
  membersQuery(db).where('m.group_id', 'in', groupsAssigned(db).where('a.task_id', '=', taskId)),
);

/**
 * Assignments with their office, or their group and its members; ordered by task and position.
 * Two queries, whatever the count.
 */
export async function assignmentsOf(db: Kysely<Database>, scope: TaskScope): Promise<AssignmentRecord[]> {
  const [rows, memberRows] = await Promise.all(
    'planId' in scope
      ? [assignmentsByPlan(db, scope.planId), membersByPlan(db, scope.planId)]
      : [assignmentsByTask(db, scope.taskId), membersByTask(db, scope.taskId)],
  );
  const members = new Map<string, MemberRecord[]>();
  for (const m of memberRows) {
    const list = members.get(m.group_id);
    if (list) list.push({ id: m.id, name: m.name });
    else members.set(m.group_id, [{ id: m.id, name: m.name }]);
  }
  return rows.map((r) => ({
    id: r.id,
    taskId: r.task_id,
    role: r.role,
    mention: r.mention,
    office:
      r.office_id !== null && r.office_name !== null
        ? { id: r.office_id, name: r.office_name, kind: r.office_kind as OfficeKind }
        : null,
    group:
      r.group_id !== null && r.group_name !== null
        ? { id: r.group_id, name: r.group_name, members: members.get(r.group_id) ?? [] }
        : null,
  }));
}

const TARGET_COLUMNS = [
  'targets.id',
  'targets.task_id',
  'targets.text',
  'targets.kind',
  'targets.op',
  'targets.value',
  'targets.value_high',
  'targets.unit',
  'targets.period',
  'targets.baseline',
  'targets.deadline',
  'targets.condition',
  'targets.scope',
  'targets.subject',
  'targets.version',
  'targets.baseline_value',
  'targets.baseline_source',
  'targets.offices',
  'targets.label',
] as const;

const targetsQuery = (db: Kysely<Database>) =>
  db.selectFrom('targets').select(TARGET_COLUMNS).orderBy('targets.task_id').orderBy('targets.position');
const targetsByPlan = precompiled((db, planId) =>
  targetsQuery(db).innerJoin('tasks', 'tasks.id', 'targets.task_id').where('tasks.plan_id', '=', planId),
);
const targetsByTask = precompiled((db, taskId) => targetsQuery(db).where('targets.task_id', '=', taskId));

/** Targets ordered by task and position. */
export async function targetsOf(db: Kysely<Database>, scope: TaskScope): Promise<TargetRecord[]> {
  const rows = 'planId' in scope ? await targetsByPlan(db, scope.planId) : await targetsByTask(db, scope.taskId);
  return rows.map(targetRowToRecord);
}

const targetById = precompiled((db, id) => targetsQuery(db).where('targets.id', '=', id));

/** One target; null when there is none. */
export async function findTarget(db: Kysely<Database>, id: string): Promise<TargetRecord | null> {
  const [row] = await targetById(db, id);
  return row ? targetRowToRecord(row) : null;
}

/** One task without its assignments and targets; null when there is none. */
export async function findTask(db: Kysely<Database>, id: string): Promise<TaskRecord | null> {
  const [row] = await taskById(db, id);
  return row ? taskRowToRecord(row) : null;
}

export interface PlanRevision {
  readonly plan: number;
  readonly directory: number;
}

const revisionsOfPlan = precompiled((db, id) =>
  db
    .selectFrom(['plans as p', 'revisions as r'])
    .select(['p.revision as plan', 'r.revision as directory'])
    .where('p.id', '=', id)
    .where('r.name', '=', 'directory'),
);

/** A plan's revision with the directory's (see schema.ts); null when there is no such plan. */
export async function findPlanRevision(db: Kysely<Database>, id: string): Promise<PlanRevision | null> {
  const [row] = await revisionsOfPlan(db, id);
  return row ?? null;
}

// ---- writes ----

export interface NewPlanRows {
  readonly plan: PlanRow;
  readonly sections: readonly SectionRow[];
  readonly tasks: readonly TaskRow[];
  readonly assignments: readonly TaskAssignmentRow[];
  readonly targets: readonly NewTargetRow[];
}

// Rows per multi-row INSERT: far below SQLite's and PostgreSQL's limits on bound parameters.
const CHUNK = 200;

/** Run `insert` over `rows` a chunk at a time. */
async function inChunks<R>(rows: readonly R[], insert: (chunk: R[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Insert a plan with its sections, tasks, assignments and targets. */
export async function insertPlanTree(db: Kysely<Database>, rows: NewPlanRows): Promise<void> {
  await db.insertInto('plans').values(rows.plan).execute();
  await inChunks(rows.sections, (c) => db.insertInto('sections').values(c).execute());
  await inChunks(rows.tasks, (c) => db.insertInto('tasks').values(c).execute());
  await inChunks(rows.assignments, (c) => db.insertInto('task_assignments').values(c).execute());
  await inChunks(rows.targets, (c) => db.insertInto('targets').values(c).execute());
}

// Each update below writes only if the row still has `version`, bumping it; it answers with the
// updated record, or null when the version is stale (or the row is gone).

/** Update a plan's own fields, counting the change in its revision too. */
export async function updatePlanRow(
  db: Kysely<Database>,
  id: string,
  version: number,
  set: Partial<PlanRow>,
): Promise<PlanRecord | null> {
  const row = await db
    .updateTable('plans')
    .set((eb) => ({ ...set, version: version + 1, revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  return row ? planRowToRecord(row) : null;
}

/** Update a section. */
export async function updateSectionRow(
  db: Kysely<Database>,
  id: string,
  version: number,
  set: Partial<SectionRow>,
): Promise<SectionRecord | null> {
  const row = await db
    .updateTable('sections')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  return row ? sectionRowToRecord(row) : null;
}

/** Update a task's own fields (an empty `set` only bumps its version). */
export async function updateTaskRow(
  db: Kysely<Database>,
  id: string,
  version: number,
  set: Partial<TaskRow>,
): Promise<TaskRecord | null> {
  const row = await db
    .updateTable('tasks')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  return row ? taskRowToRecord(row) : null;
}

/** Update a target. */
export async function updateTargetRow(
  db: Kysely<Database>,
  id: string,
  version: number,
  set: Partial<TargetRow>,
): Promise<TargetRecord | null> {
  const row = await db
    .updateTable('targets')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  return row ? targetRowToRecord(row) : null;
}

/** Insert one task with its assignments (a task added to a live plan). */
export async function insertTaskRows(
  db: Kysely<Database>,
  task: TaskRow,
  assignments: readonly TaskAssignmentRow[],
): Promise<TaskRecord> {
  const row = await db.insertInto('tasks').values(task).returningAll().executeTakeFirstOrThrow();
  await inChunks(assignments, (c) => db.insertInto('task_assignments').values(c).execute());
  return taskRowToRecord(row);
}

/** The next free position in a plan's task order, and the highest numeric task number. */
export async function taskOrderOfPlan(
  db: Kysely<Database>,
  planId: string,
): Promise<{ position: number; numbers: string[] }> {
  const rows = await db.selectFrom('tasks').select(['position', 'number']).where('plan_id', '=', planId).execute();
  return {
    position: rows.reduce((max, r) => Math.max(max, r.position + 1), 0),
    numbers: rows.map((r) => r.number),
  };
}

/** The next free position among a task's targets. */
export async function nextTargetPosition(db: Kysely<Database>, taskId: string): Promise<number> {
  const row = await db
    .selectFrom('targets')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

/** Insert one target. */
export async function insertTargetRow(db: Kysely<Database>, target: NewTargetRow): Promise<TargetRecord> {
  const row = await db.insertInto('targets').values(target).returningAll().executeTakeFirstOrThrow();
  return targetRowToRecord(row);
}

/** What the store holds that was written against a task: it may not go while any exists. */
export interface TaskUses {
  readonly reports: number;
  readonly orders: number;
  /** Milestones an office has begun on (any state past 未开始): their notes and evidence would go. */
  readonly milestones: number;
}

/** Reports, supervision orders and milestones worked on, of a task. */
export async function usesOfTask(db: Kysely<Database>, taskId: string): Promise<TaskUses> {
  const [reports, orders, milestones] = await Promise.all([
    db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('task_id', '=', taskId)
      .executeTakeFirst(),
    db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('task_id', '=', taskId)
      .executeTakeFirst(),
    db
      .selectFrom('milestones')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('task_id', '=', taskId)
      .where('state', '<>', 'not-started')
      .executeTakeFirst(),
  ]);
  // PostgreSQL counts are bigint, which pg hands over as strings.
  return { reports: Number(reports?.n ?? 0), orders: Number(orders?.n ?? 0), milestones: Number(milestones?.n ?? 0) };
}

/** Figures reported against a target. */
export async function figuresOfTarget(db: Kysely<Database>, targetId: string): Promise<number> {
  const row = await db
    .selectFrom('report_figures')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('target_id', '=', targetId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Delete a task at `version` (its assignments and targets go with it); false when stale or gone. */
export async function deleteTaskRow(db: Kysely<Database>, id: string, version: number): Promise<boolean> {
  const r = await db.deleteFrom('tasks').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Delete a target at `version`; false when stale or gone. */
export async function deleteTargetRow(db: Kysely<Database>, id: string, version: number): Promise<boolean> {
  const r = await db.deleteFrom('targets').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Replace a task's assignments with `rows`. */
export async function replaceAssignmentRows(
  db: Kysely<Database>,
  taskId: string,
  rows: readonly TaskAssignmentRow[],
): Promise<void> {
  await db.deleteFrom('task_assignments').where('task_id', '=', taskId).execute();
  await inChunks(rows, (c) => db.insertInto('task_assignments').values(c).execute());
}

/** Delete a plan; its sections, tasks, assignments and targets go with it (ON DELETE CASCADE). */
export async function deletePlanRow(db: Kysely<Database>, id: string, version: number): Promise<boolean> {
  const r = await db.deleteFrom('plans').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  // PostgreSQL gives the count as a bigint.
  return Number(r.numDeletedRows) > 0;
}

// Revisions (see schema.ts): bumped in the transaction of the change they count. On PostgreSQL
// the bump locks the plan's row until the commit; edits take it first, as a plan delete does.

const bumpPlan = precompiled((db, id) =>
  db
    .updateTable('plans')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', id),
);
const bumpPlanOfTask = precompiled((db, taskId) =>
  db
    .updateTable('plans')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', (eb) => eb.selectFrom('tasks').select('tasks.plan_id').where('tasks.id', '=', taskId)),
);
const bumpDirectory = precompiled((db, name) =>
  db
    .updateTable('revisions')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('name', '=', name),
);

/** Count a change to a plan or anything in it. */
export async function bumpPlanRevision(db: Kysely<Database>, planId: string): Promise<void> {
  await bumpPlan(db, planId);
}

/** Count a change to the plan a task belongs to. */
export async function bumpPlanRevisionOfTask(db: Kysely<Database>, taskId: string): Promise<void> {
  await bumpPlanOfTask(db, taskId);
}

/** Count a change to the office directory. */
export async function bumpDirectoryRevision(db: Kysely<Database>): Promise<void> {
  await bumpDirectory(db, 'directory');
}

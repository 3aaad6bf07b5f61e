import { CADENCES, type Cadence, type Clock, frequencySubjectKey, nowIso, parseSubjectKey } from '@duban/core';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
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
import type { SessionUser } from '../../http/access.ts';
import { AppError, notFound, staleVersion, type Words } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { loadDirectory } from '../offices/offices.service.ts';
import {
  type AssignmentRecord,
  assignmentsOf,
  bumpDirectoryRevision,
  bumpPlanRevision,
  bumpPlanRevisionOfTask,
  countsByPlan,
  deletePlanRow,
  deleteTargetRow,
  deleteTaskRow,
  figuresOfTarget,
  findPlan,
  findPlanRevision,
  findSection,
  findTarget,
  findTask,
  insertPlanTree,
  insertTargetRow,
  insertTaskRows,
  listPlans,
  nextTargetPosition,
  type PlanRecord,
  type PlanRevision,
  replaceAssignmentRows,
  type SectionRecord,
  type Span,
  sectionsOfPlan,
  type TargetRecord,
  type TargetValue,
  type TaskRecord,
  targetsOf,
  taskOrderOfPlan,
  tasksOf,
  updatePlanRow,
  updateSectionRow,
  updateTargetRow,
  updateTaskRow,
  usesOfTask,
} from './plans.repository.ts';

/**
 * Plans as the office runs them: read whole, listed with their sizes, edited piece by piece.
 * Every edit takes the version it was made on (stale: 409) and is audited in its transaction.
 */

/** What errors name, in both languages. */
const PLAN: Words = { en: 'Plan', zh: '工作要点' };
const SECTION: Words = { en: 'Section', zh: '部分' };
const TASK: Words = { en: 'Task', zh: '工作事项' };
const TARGET: Words = { en: 'Target', zh: '指标' };

// ---- views: what the API returns ----

export interface PlanSummary {
  readonly id: string;
  readonly title: string;
  readonly year: number | null;
  readonly date: string | null;
  readonly issuers: string[];
  readonly sectionCount: number;
  readonly taskCount: number;
  readonly targetCount: number;
  readonly createdAt: string;
}

export interface PlanHeader {
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

export interface AssignmentView {
  readonly id: string;
  readonly role: 'lead' | 'support';
  readonly mention: string;
  readonly office: { readonly id: string; readonly name: string; readonly kind: OfficeKind } | null;
  readonly group: {
    readonly id: string;
    readonly name: string;
    readonly members: { id: string; name: string }[];
  } | null;
  readonly unresolved: boolean;
}

export interface TargetView {
  readonly id: string;
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
  /** Frequency targets: whom they bind (a core subject key: roster:区级领导, class:street …); null: read from the text. */
  readonly subject: string | null;
  readonly version: number;
  /** A change target's baseline (上年基数) and its source; offices asked for the figure (null: the task's leads); a set label. */
  readonly baselineValue: number | null;
  readonly baselineSource: string | null;
  readonly offices: string[] | null;
  readonly label: string | null;
}

export interface TaskView {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly text: string;
  readonly deadline: string | null;
  readonly leaders: string[];
  /** Where a task added after import came from, who assigned it, from when it is owed. */
  readonly source: string | null;
  readonly assignedBy: string | null;
  readonly startDate: string | null;
  readonly version: number;
  readonly span: Span | null;
  /** The task's own reporting cadence (季报 in a plan of 月报); null: the plan's. */
  readonly cadence: Cadence | null;
  readonly assignments: AssignmentView[];
  readonly targets: TargetView[];
}

/** A task on its own (an edit's answer): with the plan and section it belongs to. */
export interface StandaloneTaskView extends TaskView {
  readonly planId: string;
  readonly sectionId: string;
}

export interface SectionView {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly version: number;
  readonly tasks: TaskView[];
}

export interface PlanView extends PlanHeader {
  readonly sections: SectionView[];
}

export interface SectionEditView {
  readonly id: string;
  readonly planId: string;
  readonly number: string;
  readonly title: string;
  readonly version: number;
}

export interface StandaloneTargetView extends TargetView {
  readonly taskId: string;
}

const header = (p: PlanRecord): PlanHeader => ({
  id: p.id,
  title: p.title,
  notice: p.notice,
  issuers: p.issuers,
  date: p.date,
  year: p.year,
  importId: p.importId,
  version: p.version,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

const targetView = (t: TargetRecord): TargetView => ({
  id: t.id,
  text: t.text,
  kind: t.kind,
  op: t.op,
  value: t.value,
  unit: t.unit,
  period: t.period,
  baseline: t.baseline,
  deadline: t.deadline,
  condition: t.condition,
  scope: t.scope,
  subject: t.subject,
  version: t.version,
  baselineValue: t.baselineValue,
  baselineSource: t.baselineSource,
  offices: t.offices,
  label: t.label,
});

const sectionEditView = (s: SectionRecord): SectionEditView => ({
  id: s.id,
  planId: s.planId,
  number: s.number,
  title: s.title,
  version: s.version,
});

/** Group a list ordered by task into lists per task. */
function byTask<T extends { readonly taskId: string }, V>(items: readonly T[], view: (item: T) => V): Map<string, V[]> {
  const map = new Map<string, V[]>();
  for (const item of items) {
    const list = map.get(item.taskId);
    if (list) list.push(view(item));
    else map.set(item.taskId, [view(item)]);
  }
  return map;
}

const assignmentView = (a: AssignmentRecord): AssignmentView => ({
  id: a.id,
  role: a.role,
  mention: a.mention,
  office: a.office,
  group: a.group,
  unresolved: a.office === null && a.group === null,
});

const taskView = (t: TaskRecord, assignments: AssignmentView[], targets: TargetView[]): TaskView => ({
  id: t.id,
  number: t.number,
  title: t.title,
  text: t.text,
  deadline: t.deadline,
  leaders: t.leaders,
  source: t.source,
  assignedBy: t.assignedBy,
  startDate: t.startDate,
  version: t.version,
  span: t.span,
  cadence: (CADENCES as readonly (string | null)[]).includes(t.cadence) ? (t.cadence as Cadence) : null,
  assignments,
  targets,
});

function assembleTasks(
  tasks: readonly TaskRecord[],
  assignments: readonly AssignmentRecord[],
  targets: readonly TargetRecord[],
): { task: TaskRecord; view: TaskView }[] {
  const assignmentsByTask = byTask(assignments, assignmentView);
  const targetsByTask = byTask(targets, targetView);
  return tasks.map((t) => ({
    task: t,
    view: taskView(t, assignmentsByTask.get(t.id) ?? [], targetsByTask.get(t.id) ?? []),
  }));
}

/** A task as an edit answers it, from its record: its assignments and targets in two queries. */
async function standaloneTask(db: Kysely<Database>, task: TaskRecord): Promise<StandaloneTaskView> {
  const scope = { taskId: task.id };
  const [assignments, targets] = await Promise.all([assignmentsOf(db, scope), targetsOf(db, scope)]);
  return {
    ...taskView(task, assignments.map(assignmentView), targets.map(targetView)),
    planId: task.planId,
    sectionId: task.sectionId,
  };
}

// ---- reads ----

/** Every plan with the number of its sections, tasks and targets (one grouped query each). */
export async function listPlanSummaries(db: Kysely<Database>): Promise<PlanSummary[]> {
  const [plans, counts] = await Promise.all([listPlans(db), countsByPlan(db)]);
  return plans.map((p) => {
    const c = counts.get(p.id);
    return {
      id: p.id,
      title: p.title,
      year: p.year,
      date: p.date,
      issuers: p.issuers,
      sectionCount: c?.sections ?? 0,
      taskCount: c?.tasks ?? 0,
      targetCount: c?.targets ?? 0,
      createdAt: p.createdAt,
    };
  });
}

/**
 * A whole plan: sections, tasks, assignments with their office or group (and the group's
 * members), targets. Five queries however big the plan.
 */
export async function getPlan(db: Kysely<Database>, id: string): Promise<PlanView> {
  const scope = { planId: id };
  const [plan, sections, tasks, assignments, targets] = await Promise.all([
    findPlan(db, id),
    sectionsOfPlan(db, id),
    tasksOf(db, scope),
    assignmentsOf(db, scope),
    targetsOf(db, scope),
  ]);
  if (!plan) throw notFound(PLAN);
  const sectionViews = new Map<string, SectionView>();
  const ordered: SectionView[] = [];
  for (const s of sections) {
    const view: SectionView = { id: s.id, number: s.number, title: s.title, version: s.version, tasks: [] };
    sectionViews.set(s.id, view);
    ordered.push(view);
  }
  for (const { task, view } of assembleTasks(tasks, assignments, targets)) {
    sectionViews.get(task.sectionId)?.tasks.push(view);
  }
  return { ...header(plan), sections: ordered };
}

/** A plan read as the JSON it is sent as, with the revisions it was read at. */
interface CachedPlan extends PlanRevision {
  readonly body: Promise<Buffer>;
}

/**
 * The plan reads this server process has answered, as their JSON bytes, the most recently used
 * last. An entry is good while the plan's and the directory's revisions in the database are those
 * it was read at; every write that changes a plan read bumps one of them in its transaction, so
 * servers sharing a database never answer stale plans.
 */
export class PlanCache {
  readonly #entries = new Map<string, CachedPlan>();

  constructor(readonly capacity = 32) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The entry for a plan when it was read at `revision`. */
  get(id: string, revision: PlanRevision): CachedPlan | undefined {
    const entry = this.#entries.get(id);
    if (!entry || entry.plan !== revision.plan || entry.directory !== revision.directory) return undefined;
    // Map keeps insertion order: moving the entry to the end keeps the least recently used first.
    this.#entries.delete(id);
    this.#entries.set(id, entry);
    return entry;
  }

  set(id: string, entry: CachedPlan): void {
    this.#entries.delete(id);
    this.#entries.set(id, entry);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  /** Forget a plan, unless its entry has been replaced since `entry` was made. */
  delete(id: string, entry?: CachedPlan): void {
    if (entry === undefined || this.#entries.get(id) === entry) this.#entries.delete(id);
  }
}

/**
 * A whole plan (getPlan) as JSON bytes, from `cache` when it holds the plan at the revisions
 * the database has now: then one small query instead of five large ones and the serializing.
 * Concurrent misses on one revision share one read.
 */
export async function readPlanJson(db: Kysely<Database>, cache: PlanCache, id: string): Promise<Buffer> {
  // Revisions first, then the plan: a write committed in between leaves newer data under the
  // older revision, which the next read refetches; the other way round could keep stale data.
  const revision = await findPlanRevision(db, id);
  if (!revision) {
    cache.delete(id);
    throw notFound(PLAN);
  }
  const hit = cache.get(id, revision);
  if (hit) return hit.body;
  const entry: CachedPlan = {
    ...revision,
    body: getPlan(db, id).then((plan) => Buffer.from(JSON.stringify(plan))),
  };
  cache.set(id, entry);
  try {
    return await entry.body;
  } catch (error) {
    cache.delete(id, entry);
    throw error;
  }
}

/**
 * Count a change to the office directory (offices, groups, members), which plan reads show:
 * the offices service calls it in each of its write transactions.
 */
export async function noteDirectoryChange(db: Kysely<Database>): Promise<void> {
  await bumpDirectoryRevision(db);
}

// ---- rules shared with the importer ----

/**
 * The plan's year: from its date, else a four-digit year in its title (罗湖区…2007年工作要点);
 * null when neither gives one.
 */
export function planYear(date: string | null, title: string): number | null {
  const fromDate = date ? /^(\d{4})-/u.exec(date) : null;
  if (fromDate?.[1]) return Number(fromDate[1]);
  // Full-width digits (２００７) read as digits after NFKC.
  const fromTitle = /(?<!\d)((?:19|20|21)\d{2})(?!\d)/u.exec(title.normalize('NFKC'));
  return fromTitle?.[1] ? Number(fromTitle[1]) : null;
}

/**
 * Check that a target's op and value agree: "between" takes [low, high] with low ≤ high, every
 * other op one number. `field` prefixes the field named in the error.
 */
export function checkTargetValue(op: TargetRow['op'], value: TargetValue, field: string): void {
  if (op === 'between') {
    if (!Array.isArray(value)) {
      throw new AppError(
        'bad-input',
        { en: 'A "between" target needs its value as [low, high]', zh: '“介于”类指标的目标值应写作 [下限, 上限]' },
        `${field}value`,
      );
    }
    if (value[0] > value[1]) {
      throw new AppError(
        'bad-input',
        {
          en: `The low end ${value[0]} is above the high end ${value[1]}`,
          zh: `下限 ${value[0]} 大于上限 ${value[1]}`,
        },
        `${field}value`,
      );
    }
  } else if (Array.isArray(value)) {
    throw new AppError(
      'bad-input',
      {
        en: `Only a "between" target takes [low, high]; "${op}" takes one number`,
        zh: `只有“介于”类指标的目标值写作 [下限, 上限];“${op}”只需一个数值`,
      },
      `${field}value`,
    );
  }
}

const valueColumns = (value: TargetValue): { value: number; value_high: number | null } =>
  Array.isArray(value) ? { value: value[0], value_high: value[1] } : { value, value_high: null };

const actorId = (actor: SessionUser | null): string | null => actor?.id ?? null;

/** Run `fn` in the caller's transaction if there is one, else in a new one. */
function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

// ---- create (the importer's commit) ----

export interface NewTarget {
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
  readonly span: Span | null;
  /** A label given in the preview (migration 016); absent: derived from the text. */
  readonly label?: string | null | undefined;
}

export interface NewAssignment {
  readonly role: 'lead' | 'support';
  readonly mention: string;
  readonly officeId: string | null;
  readonly groupId: string | null;
}

export interface NewTask {
  readonly number: string;
  readonly title: string;
  readonly text: string;
  readonly deadline: string | null;
  readonly leaders: readonly string[];
  readonly span: Span | null;
  readonly assignments: readonly NewAssignment[];
  readonly targets: readonly NewTarget[];
}

export interface NewPlan {
  readonly title: string;
  readonly notice: string | null;
  readonly issuers: readonly string[];
  readonly date: string | null;
  readonly importId: string | null;
  readonly sections: readonly { readonly number: string; readonly title: string; readonly tasks: readonly NewTask[] }[];
}

export interface CreatedPlan {
  readonly planId: string;
  readonly sections: number;
  readonly tasks: number;
  readonly targets: number;
}

/**
 * Store a new plan with its sections, tasks, assignments and targets, audited as one 'create'.
 * Runs inside the caller's transaction when given one (the importer's commit), else in its own.
 */
export async function createPlan(db: Kysely<Database>, actor: SessionUser | null, plan: NewPlan): Promise<CreatedPlan> {
  const title = plan.title.trim();
  if (title === '') {
    throw new AppError(
      'bad-input',
      { en: 'The plan has no title; give it one first', zh: '该工作要点没有标题,请先填写标题' },
      'title',
    );
  }
  const now = new Date().toISOString();
  const planRow: PlanRow = {
    id: newId(),
    title,
    notice: plan.notice,
    issuers: JSON.stringify(plan.issuers),
    date: plan.date,
    year: planYear(plan.date, title),
    import_id: plan.importId,
    version: 1,
    revision: 1,
    created_at: now,
    updated_at: now,
  };
  const sections: SectionRow[] = [];
  const tasks: TaskRow[] = [];
  const assignments: TaskAssignmentRow[] = [];
  const targets: NewTargetRow[] = [];
  plan.sections.forEach((s, si) => {
    const sectionId = newId();
    sections.push({ id: sectionId, plan_id: planRow.id, position: si, number: s.number, title: s.title, version: 1 });
    s.tasks.forEach((t, ti) => {
      const taskId = newId();
      tasks.push({
        id: taskId,
        plan_id: planRow.id,
        section_id: sectionId,
        position: tasks.length,
        number: t.number,
        title: t.title,
        text: t.text,
        deadline: t.deadline,
        leaders: JSON.stringify(t.leaders),
        span_start: t.span?.[0] ?? null,
        span_end: t.span?.[1] ?? null,
        source: null,
        assigned_by: null,
        start_date: null,
        cadence: null,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      t.assignments.forEach((a, position) => {
        assignments.push({
          id: newId(),
          task_id: taskId,
          role: a.role,
          position,
          mention: a.mention,
          office_id: a.officeId,
          group_id: a.groupId,
          version: 1,
        });
      });
      t.targets.forEach((g, position) => {
        checkTargetValue(g.op, g.value, `sections.${si}.tasks.${ti}.targets.${position}.`);
        targets.push({
          id: newId(),
          task_id: taskId,
          position,
          text: g.text,
          kind: g.kind,
          op: g.op,
          ...valueColumns(g.value),
          unit: g.unit,
          period: g.period,
          baseline: g.baseline,
          deadline: g.deadline,
          condition: g.condition,
          scope: g.scope,
          label: g.label ?? null,
          span_start: g.span?.[0] ?? null,
          span_end: g.span?.[1] ?? null,
          version: 1,
          subject: g.kind === 'frequency' ? frequencySubjectKey(g.text, g.period, t.text) : null,
        });
      });
    });
  });
  const created = { planId: planRow.id, sections: sections.length, tasks: tasks.length, targets: targets.length };
  await inTransaction(db, async (trx) => {
    await insertPlanTree(trx, { plan: planRow, sections, tasks, assignments, targets });
    await insertAudit(trx, {
      userId: actorId(actor),
      action: 'create',
      entity: 'plan',
      entityId: planRow.id,
      after: { ...planRow, sections: created.sections, tasks: created.tasks, targets: created.targets },
    });
  });
  return created;
}

// ---- edits ----

/** Audit an update of one row, in the edit's transaction. */
function auditUpdate<B extends { readonly id: string }>(
  db: Kysely<Database>,
  actor: SessionUser | null,
  entity: string,
  before: B,
  after: unknown,
): Promise<void> {
  return insertAudit(db, { userId: actorId(actor), action: 'update', entity, entityId: before.id, before, after });
}

/** The thing as the subject of a stale-version message: 'Plan' / '该工作要点'. */
const stale = (what: Words) => staleVersion({ en: what.en, zh: `该${what.zh}` });

/** The version check every edit makes before writing: missing → 404, stale → 409. */
function checkVersion<T extends { version: number }>(row: T | null, version: number, what: Words): T {
  if (!row) throw notFound(what);
  if (row.version !== version) throw stale(what);
  return row;
}

const hasChanges = (set: object): boolean => Object.values(set).some((v) => v !== undefined);

/** Drop the keys left undefined, so an update sets only what was given. */
function defined<T extends object>(set: T): Partial<T> {
  return Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export interface PlanEdit {
  readonly id: string;
  readonly version: number;
  readonly title?: string | undefined;
  readonly notice?: string | null | undefined;
  readonly date?: string | null | undefined;
  readonly year?: number | null | undefined;
}

/**
 * Edit a plan's title, notice, date or year. Without a year given, a new date or title sets the
 * year again by the usual rule (planYear).
 */
export async function updatePlan(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: PlanEdit,
): Promise<PlanHeader> {
  return db.transaction().execute(async (trx) => {
    const before = checkVersion(await findPlan(trx, props.id), props.version, PLAN);
    const title = props.title?.trim();
    if (title === '') throw new AppError('bad-input', { en: 'A plan needs a title', zh: '工作要点需要标题' }, 'title');
    const set = defined({ title, notice: props.notice, date: props.date, year: props.year });
    if (!hasChanges(set)) return header(before);
    if (props.year === undefined && (set.title !== undefined || set.date !== undefined)) {
      set.year = planYear(set.date !== undefined ? set.date : before.date, set.title ?? before.title);
    }
    const after = await updatePlanRow(trx, props.id, props.version, { ...set, updated_at: new Date().toISOString() });
    if (!after) throw stale(PLAN);
    await auditUpdate(trx, actor, 'plan', before, after);
    return header(after);
  });
}

export interface SectionEdit {
  readonly id: string;
  readonly version: number;
  readonly number?: string | undefined;
  readonly title?: string | undefined;
}

/** Edit a section's number or title. */
export async function updateSection(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: SectionEdit,
): Promise<SectionEditView> {
  return db.transaction().execute(async (trx) => {
    const before = checkVersion(await findSection(trx, props.id), props.version, SECTION);
    const set = defined({ number: props.number?.trim(), title: props.title?.trim() });
    if (set.title === '') {
      throw new AppError('bad-input', { en: 'A section needs a title', zh: '部分需要标题' }, 'title');
    }
    if (!hasChanges(set)) return sectionEditView(before);
    await bumpPlanRevision(trx, before.planId);
    const after = await updateSectionRow(trx, props.id, props.version, set);
    if (!after) throw stale(SECTION);
    await auditUpdate(trx, actor, 'section', before, after);
    return sectionEditView(after);
  });
}

export interface TaskEdit {
  readonly id: string;
  readonly version: number;
  readonly title?: string | undefined;
  readonly text?: string | undefined;
  readonly deadline?: string | null | undefined;
  readonly leaders?: readonly string[] | undefined;
  readonly number?: string | undefined;
  readonly source?: string | null | undefined;
  readonly assignedBy?: string | null | undefined;
  readonly startDate?: string | null | undefined;
  /** The task's own cadence; null gives it back the plan's. */
  readonly cadence?: string | null | undefined;
}

/**
 * Edit a task's number, title, text, deadline, leaders, cadence, or where it came from and from
 * when it is owed; answers with the whole task.
 */
export async function updateTask(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: TaskEdit,
): Promise<StandaloneTaskView> {
  return db.transaction().execute(async (trx) => {
    const before = checkVersion(await findTask(trx, props.id), props.version, TASK);
    const title = props.title?.trim();
    if (title === '') throw new AppError('bad-input', { en: 'A task needs a title', zh: '工作事项需要标题' }, 'title');
    const number = props.number?.trim();
    if (number !== undefined && number !== before.number) await checkTaskNumber(trx, before.planId, number);
    if (props.cadence != null && !(CADENCES as readonly string[]).includes(props.cadence)) {
      throw new AppError(
        'bad-input',
        { en: `The cadence is one of ${CADENCES.join(', ')}`, zh: `报送周期只能是 ${CADENCES.join('、')} 之一` },
        'cadence',
      );
    }
    const set = defined({
      title,
      number,
      text: props.text,
      deadline: props.deadline,
      leaders: props.leaders ? JSON.stringify(props.leaders) : undefined,
      source: blankToNull(props.source),
      assigned_by: blankToNull(props.assignedBy),
      start_date: props.startDate,
      cadence: props.cadence,
    });
    if (!hasChanges(set)) return standaloneTask(trx, before);
    await bumpPlanRevision(trx, before.planId);
    const after = await updateTaskRow(trx, props.id, props.version, { ...set, updated_at: new Date().toISOString() });
    if (!after) throw stale(TASK);
    await auditUpdate(trx, actor, 'task', before, after);
    // The update answered with the row as written: no need to read the task again.
    return standaloneTask(trx, after);
  });
}

export interface TargetEdit {
  readonly id: string;
  readonly version: number;
  readonly text?: string | undefined;
  readonly kind?: TargetRow['kind'] | undefined;
  readonly op?: TargetRow['op'] | undefined;
  readonly value?: TargetValue | undefined;
  readonly unit?: string | undefined;
  readonly period?: string | null | undefined;
  readonly baseline?: string | null | undefined;
  readonly deadline?: string | null | undefined;
  readonly condition?: string | null | undefined;
  readonly scope?: string | null | undefined;
  readonly subject?: string | null | undefined;
}

/** Edit a target; op and value are checked together after the edit (see checkTargetValue). */
export async function updateTarget(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: TargetEdit,
): Promise<StandaloneTargetView> {
  return db.transaction().execute(async (trx) => {
    const before = checkVersion(await findTarget(trx, props.id), props.version, TARGET);
    const { id: _id, version: _version, value, ...rest } = props;
    const set: Partial<TargetRow> = defined(rest);
    if (value !== undefined) Object.assign(set, valueColumns(value));
    if (!hasChanges(set)) return { ...targetView(before), taskId: before.taskId };
    checkTargetValue(props.op ?? before.op, value ?? before.value, '');
    if (props.subject !== undefined && props.subject !== null && parseSubjectKey(props.subject) === null)
      throw new AppError(
        'bad-input',
        {
          en: `"${props.subject}" names no subject; use roster:<category>, class:<unit class>, group:<id>, district or leads`,
          zh: `“${props.subject}”不是有效的统计对象,应为 roster:<人员类别>、class:<单位类别>、group:<单位组>、district 或 leads`,
        },
        'subject',
      );
    await bumpPlanRevisionOfTask(trx, before.taskId);
    const after = await updateTargetRow(trx, props.id, props.version, set);
    if (!after) throw stale(TARGET);
    await auditUpdate(trx, actor, 'target', before, after);
    return { ...targetView(after), taskId: after.taskId };
  });
}

export interface AssignmentInput {
  readonly role: 'lead' | 'support';
  readonly mention?: string | undefined;
  readonly officeId?: string | null | undefined;
  readonly groupId?: string | null | undefined;
}

/**
 * The rows of a task's assignments. Each names an office or a group of the directory (or
 * neither, keeping a mention unresolved); the mention defaults to the office's or group's name.
 */
function assignmentRows(
  directory: Awaited<ReturnType<typeof loadDirectory>>,
  taskId: string,
  inputs: readonly AssignmentInput[],
): TaskAssignmentRow[] {
  const offices = new Map(directory.offices.map((o) => [o.id, o.name]));
  const groups = new Map(directory.groups.map((g) => [g.id, g.name]));
  return inputs.map((a, position) => {
    const field = `assignments.${position}.`;
    if (a.officeId && a.groupId) {
      throw new AppError(
        'bad-input',
        {
          en: 'An assignment names an office or a group, not both',
          zh: '责任分工只能指定一个单位或一个单位组,不能同时指定',
        },
        `${field}groupId`,
      );
    }
    let name: string | undefined;
    if (a.officeId) {
      name = offices.get(a.officeId);
      if (name === undefined) {
        throw new AppError(
          'bad-input',
          { en: `No office has the id ${a.officeId}`, zh: `找不到编号为 ${a.officeId} 的单位` },
          `${field}officeId`,
        );
      }
    } else if (a.groupId) {
      name = groups.get(a.groupId);
      if (name === undefined) {
        throw new AppError(
          'bad-input',
          { en: `No office group has the id ${a.groupId}`, zh: `找不到编号为 ${a.groupId} 的单位组` },
          `${field}groupId`,
        );
      }
    }
    const mention = a.mention?.trim() || name;
    if (!mention) {
      throw new AppError(
        'bad-input',
        {
          en: 'An assignment needs an office, a group or at least a mention',
          zh: '责任分工需要指定单位或单位组,至少要写明单位名称',
        },
        `${field}mention`,
      );
    }
    return {
      id: newId(),
      task_id: taskId,
      role: a.role,
      position,
      mention,
      office_id: a.officeId || null,
      group_id: a.groupId || null,
      version: 1,
    };
  });
}

/**
 * Replace a task's assignments. Each names an office or a group of the directory (or neither,
 * keeping a mention unresolved); the mention defaults to the office's or group's name. The
 * task's version guards the change and is bumped.
 */
export async function replaceAssignments(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: { readonly taskId: string; readonly version: number; readonly assignments: readonly AssignmentInput[] },
): Promise<StandaloneTaskView> {
  return db.transaction().execute(async (trx) => {
    const task = checkVersion(await findTask(trx, props.taskId), props.version, TASK);
    const rows = assignmentRows(await loadDirectory(trx), props.taskId, props.assignments);
    const before = await assignmentsOf(trx, { taskId: props.taskId });
    await bumpPlanRevision(trx, task.planId);
    const bumped = await updateTaskRow(trx, props.taskId, props.version, { updated_at: new Date().toISOString() });
    if (!bumped) throw stale(TASK);
    await replaceAssignmentRows(trx, props.taskId, rows);
    const after = await standaloneTask(trx, bumped);
    await auditUpdate(
      trx,
      actor,
      'task',
      { id: task.id, version: task.version, assignments: before },
      { id: task.id, version: bumped.version, assignments: after.assignments },
    );
    return after;
  });
}

// ---- tasks and targets added or removed on a live plan ----

const blankToNull = (text: string | null | undefined): string | null | undefined =>
  text === undefined ? undefined : text === null || text.trim() === '' ? null : text.trim();

/** A task number must be new in its plan: reports, orders and the board name tasks by it. */
async function checkTaskNumber(db: Kysely<Database>, planId: string, number: string): Promise<void> {
  if (number === '') {
    throw new AppError('bad-input', { en: 'A task needs a number', zh: '工作事项需要编号' }, 'number');
  }
  const { numbers } = await taskOrderOfPlan(db, planId);
  if (numbers.includes(number)) {
    throw new AppError(
      'bad-input',
      { en: `The plan has a task ${number} already`, zh: `该工作要点已有第 ${number} 项工作事项` },
      'number',
    );
  }
}

/** The number after the highest numeric one of the plan (27 after 26). */
function nextNumber(numbers: readonly string[]): string {
  const numeric = numbers.map(Number).filter((n) => Number.isInteger(n));
  return String(numeric.length === 0 ? numbers.length + 1 : Math.max(...numeric) + 1);
}

export interface NewTaskProps {
  readonly sectionId: string;
  /** Defaults to the next number of the plan. */
  readonly number?: string | undefined;
  readonly title: string;
  readonly text?: string | undefined;
  readonly deadline?: string | null | undefined;
  readonly leaders?: readonly string[] | undefined;
  /** A task a leader assigns mid-year (领导交办): the document or meeting, who, from when. */
  readonly source?: string | null | undefined;
  readonly assignedBy?: string | null | undefined;
  readonly startDate?: string | null | undefined;
  readonly assignments?: readonly AssignmentInput[] | undefined;
  readonly clock: Clock;
}

/**
 * Add a task to a live plan, at the end of a section: one the parser missed, or one assigned
 * mid-year with where it came from and the date its reports are owed from. Audited as a create.
 */
export async function addTask(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: NewTaskProps,
): Promise<StandaloneTaskView> {
  return db.transaction().execute(async (trx) => {
    const section = await findSection(trx, props.sectionId);
    if (!section) throw notFound(SECTION);
    const title = props.title.trim();
    if (title === '') throw new AppError('bad-input', { en: 'A task needs a title', zh: '工作事项需要标题' }, 'title');
    const order = await taskOrderOfPlan(trx, section.planId);
    const number = props.number?.trim() || nextNumber(order.numbers);
    await checkTaskNumber(trx, section.planId, number);
    const now = nowIso(props.clock);
    const row: TaskRow = {
      id: newId(),
      plan_id: section.planId,
      section_id: section.id,
      position: order.position,
      number,
      title,
      text: props.text ?? '',
      deadline: blankToNull(props.deadline) ?? null,
      leaders: JSON.stringify(props.leaders ?? []),
      span_start: null,
      span_end: null,
      cadence: null,
      source: blankToNull(props.source) ?? null,
      assigned_by: blankToNull(props.assignedBy) ?? null,
      start_date: props.startDate ?? null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    const assignments = assignmentRows(await loadDirectory(trx), row.id, props.assignments ?? []);
    await bumpPlanRevision(trx, section.planId);
    const task = await insertTaskRows(trx, row, assignments);
    const view = await standaloneTask(trx, task);
    await insertAudit(trx, { userId: actorId(actor), action: 'create', entity: 'task', entityId: row.id, after: view });
    return view;
  });
}

/**
 * Remove a task from a live plan. A task with reports or supervision orders is refused (409):
 * they are the year's record, and removing the task would take its reports with it. The audit
 * record keeps the whole task as `before`.
 */
export async function removeTask(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: { readonly id: string; readonly version: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const task = checkVersion(await findTask(trx, props.id), props.version, TASK);
    const uses = await usesOfTask(trx, task.id);
    if (uses.reports > 0 || uses.orders > 0 || uses.milestones > 0) {
      throw new AppError('conflict', {
        en: `Task ${task.number} has ${uses.reports} reports, ${uses.orders} supervision orders and ${uses.milestones} milestones under way: it cannot be removed. Edit it instead`,
        zh: `第 ${task.number} 项工作事项已有 ${uses.reports} 份进展报送、${uses.orders} 份督办单、${uses.milestones} 个已推进的节点任务,不能删除;如需调整请修改该事项`,
      });
    }
    const before = await standaloneTask(trx, task);
    await bumpPlanRevision(trx, task.planId);
    if (!(await deleteTaskRow(trx, task.id, task.version))) throw stale(TASK);
    await insertAudit(trx, { userId: actorId(actor), action: 'delete', entity: 'task', entityId: task.id, before });
  });
}

export interface NewTargetProps {
  readonly taskId: string;
  /** The task's version: adding a target changes the task, and bumps it. */
  readonly version: number;
  readonly text: string;
  readonly kind: TargetRow['kind'];
  readonly op: TargetRow['op'];
  readonly value: TargetValue;
  readonly unit?: string | undefined;
  readonly period?: string | null | undefined;
  readonly baseline?: string | null | undefined;
  readonly deadline?: string | null | undefined;
  readonly condition?: string | null | undefined;
  readonly scope?: string | null | undefined;
  readonly clock: Clock;
}

/** Add a target to a task of a live plan (one the parser missed: 一肩挑, 三线下地 …). */
export async function addTarget(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: NewTargetProps,
): Promise<StandaloneTargetView> {
  return db.transaction().execute(async (trx) => {
    const task = checkVersion(await findTask(trx, props.taskId), props.version, TASK);
    const text = props.text.trim();
    if (text === '') throw new AppError('bad-input', { en: 'A target needs its text', zh: '指标需要填写内容' }, 'text');
    checkTargetValue(props.op, props.value, '');
    await bumpPlanRevision(trx, task.planId);
    if (!(await updateTaskRow(trx, task.id, task.version, { updated_at: nowIso(props.clock) }))) throw stale(TASK);
    const target = await insertTargetRow(trx, {
      id: newId(),
      task_id: task.id,
      position: await nextTargetPosition(trx, task.id),
      text,
      kind: props.kind,
      op: props.op,
      ...valueColumns(props.value),
      unit: props.unit?.trim() ?? '',
      period: props.period ?? null,
      baseline: props.baseline ?? null,
      deadline: blankToNull(props.deadline) ?? null,
      condition: blankToNull(props.condition) ?? null,
      scope: blankToNull(props.scope) ?? null,
      // Whom a frequency target binds, read from its text as an imported one is.
      subject: props.kind === 'frequency' ? frequencySubjectKey(text, props.period ?? null, task.text) : null,
      span_start: null,
      span_end: null,
      version: 1,
    });
    const view = { ...targetView(target), taskId: task.id };
    await insertAudit(trx, {
      userId: actorId(actor),
      action: 'create',
      entity: 'target',
      entityId: target.id,
      after: view,
    });
    return view;
  });
}

/**
 * Remove a target. One with reported figures is refused (409): the figures are the year's
 * record. The audit record keeps the target as `before`.
 */
export async function removeTarget(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: { readonly id: string; readonly version: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const target = checkVersion(await findTarget(trx, props.id), props.version, TARGET);
    const figures = await figuresOfTarget(trx, target.id);
    if (figures > 0) {
      throw new AppError('conflict', {
        en: `The target has ${figures} reported figures: it cannot be removed. Edit it instead`,
        zh: `该指标已有 ${figures} 个报送数值,不能删除;如需调整请修改该指标`,
      });
    }
    await bumpPlanRevisionOfTask(trx, target.taskId);
    if (!(await deleteTargetRow(trx, target.id, target.version))) throw stale(TARGET);
    await insertAudit(trx, {
      userId: actorId(actor),
      action: 'delete',
      entity: 'target',
      entityId: target.id,
      before: { ...targetView(target), taskId: target.taskId },
    });
  });
}

/**
 * Delete a plan with everything in it. The audit record keeps the whole plan as `before`, so
 * nothing is lost silently. With a version, a stale one is refused.
 */
export async function deletePlan(
  db: Kysely<Database>,
  actor: SessionUser | null,
  props: { readonly id: string; readonly version?: number | undefined },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const plan = await getPlan(trx, props.id);
    if (props.version !== undefined && props.version !== plan.version) throw stale(PLAN);
    if (!(await deletePlanRow(trx, props.id, plan.version))) throw stale(PLAN);
    await insertAudit(trx, {
      userId: actorId(actor),
      action: 'delete',
      entity: 'plan',
      entityId: plan.id,
      before: plan,
    });
  });
}

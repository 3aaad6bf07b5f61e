import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { MilestoneEvidenceTable, MilestoneState, MilestoneTable } from '../../db/tables/milestones.ts';

/** A milestone as the rest of the server sees it. */
export interface Milestone {
  readonly id: string;
  readonly taskId: string;
  readonly position: number;
  readonly text: string;
  readonly due: string | null;
  readonly ownerOfficeId: string | null;
  readonly state: MilestoneState;
  readonly note: string | null;
  readonly returnReason: string | null;
  readonly submittedAt: string | null;
  readonly confirmedAt: string | null;
  readonly confirmedBy: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface MilestoneEvidence {
  readonly id: string;
  readonly milestoneId: string;
  readonly sha256: string;
  readonly name: string;
  readonly mime: string;
  readonly size: number;
  readonly createdAt: string;
}

function toMilestone(r: Selectable<MilestoneTable>): Milestone {
  return {
    id: r.id,
    taskId: r.task_id,
    position: Number(r.position),
    text: r.text,
    due: r.due,
    ownerOfficeId: r.owner_office_id,
    state: r.state,
    note: r.note,
    returnReason: r.return_reason,
    submittedAt: r.submitted_at,
    confirmedAt: r.confirmed_at,
    confirmedBy: r.confirmed_by,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(m: Milestone): MilestoneTable {
  return {
    id: m.id,
    task_id: m.taskId,
    position: m.position,
    text: m.text,
    due: m.due,
    owner_office_id: m.ownerOfficeId,
    state: m.state,
    note: m.note,
    return_reason: m.returnReason,
    submitted_at: m.submittedAt,
    confirmed_at: m.confirmedAt,
    confirmed_by: m.confirmedBy,
    version: m.version,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

function toEvidence(r: Selectable<MilestoneEvidenceTable>): MilestoneEvidence {
  return {
    id: r.id,
    milestoneId: r.milestone_id,
    sha256: r.sha256,
    name: r.name,
    mime: r.mime,
    size: Number(r.size),
    createdAt: r.created_at,
  };
}

export async function findMilestone(db: Kysely<Database>, id: string): Promise<Milestone | null> {
  const row = await db.selectFrom('milestones').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMilestone(row) : null;
}

export async function listMilestonesOfTask(db: Kysely<Database>, taskId: string): Promise<Milestone[]> {
  const rows = await db
    .selectFrom('milestones')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toMilestone);
}

/** Every milestone of a plan's tasks: what status derivation counts. */
export async function listMilestonesOfPlan(
  db: Kysely<Database>,
  planId: string,
): Promise<Pick<Milestone, 'taskId' | 'state' | 'due'>[]> {
  const rows = await db
    .selectFrom('milestones')
    .innerJoin('tasks', 'tasks.id', 'milestones.task_id')
    .select(['milestones.task_id', 'milestones.state', 'milestones.due'])
    .where('tasks.plan_id', '=', planId)
    .execute();
  return rows.map((r) => ({ taskId: r.task_id, state: r.state, due: r.due }));
}

export async function nextMilestonePosition(db: Kysely<Database>, taskId: string): Promise<number> {
  const row = await db
    .selectFrom('milestones')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

export async function insertMilestones(db: Kysely<Database>, milestones: readonly Milestone[]): Promise<void> {
  if (milestones.length === 0) return;
  // Chunked: SQLite allows a limited number of bound values per statement.
  for (let i = 0; i < milestones.length; i += 50) {
    await db
      .insertInto('milestones')
      .values(milestones.slice(i, i + 50).map(toRow))
      .execute();
  }
}

/** Write a changed milestone over the one of `expectedVersion`; false when that version is gone. */
export async function updateMilestoneRow(
  db: Kysely<Database>,
  m: Milestone,
  expectedVersion: number,
): Promise<boolean> {
  const { id: _id, task_id: _task, created_at: _created, ...fields } = toRow(m);
  const r = await db
    .updateTable('milestones')
    .set(fields)
    .where('id', '=', m.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteMilestoneRow(db: Kysely<Database>, id: string, expectedVersion: number): Promise<boolean> {
  await db.deleteFrom('milestone_evidence').where('milestone_id', '=', id).execute();
  const r = await db
    .deleteFrom('milestones')
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function listMilestoneEvidence(db: Kysely<Database>, milestoneIds: readonly string[]) {
  if (milestoneIds.length === 0) return [];
  const rows = await db
    .selectFrom('milestone_evidence')
    .selectAll()
    .where('milestone_id', 'in', [...milestoneIds])
    .orderBy('id')
    .execute();
  return rows.map(toEvidence);
}

export async function insertMilestoneEvidence(db: Kysely<Database>, e: MilestoneEvidence): Promise<void> {
  await db
    .insertInto('milestone_evidence')
    .values({
      id: e.id,
      milestone_id: e.milestoneId,
      sha256: e.sha256,
      name: e.name,
      mime: e.mime,
      size: e.size,
      created_at: e.createdAt,
    })
    .execute();
}

/** The task a milestone hangs on: its plan and its first lead office (not group). */
export async function findTaskFacts(
  db: Kysely<Database>,
  taskId: string,
): Promise<{ planId: string; firstLeadOfficeId: string | null } | null> {
  const task = await db.selectFrom('tasks').select(['id', 'plan_id']).where('id', '=', taskId).executeTakeFirst();
  if (!task) return null;
  const lead = await db
    .selectFrom('task_assignments')
    .select(['office_id'])
    .where('task_id', '=', taskId)
    .where('role', '=', 'lead')
    // A group names no one office to answer for the deliverable: the first lead office does.
    .where('office_id', 'is not', null)
    .orderBy('position')
    .executeTakeFirst();
  return { planId: task.plan_id, firstLeadOfficeId: lead?.office_id ?? null };
}

export async function officeExists(db: Kysely<Database>, officeId: string): Promise<boolean> {
  return (await db.selectFrom('offices').select('id').where('id', '=', officeId).executeTakeFirst()) !== undefined;
}

/** Office names by id, for the offices milestones name. */
export async function officeNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('offices')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

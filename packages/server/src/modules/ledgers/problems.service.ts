import { type Clock, chinaDate, nowIso, planOfDate, systemClock } from '@duban/core';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Database } from '../../db/schema.ts';
import type { ProblemTable } from '../../db/tables/ledgers.ts';
import { AppError, notFound, staleVersion, type Words } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { canRead, checkOfficeWrite, type LedgerActor, readScope } from './access.ts';
import { findLedgerEntry, findOfficeKind } from './ledgers.repository.ts';
import {
  countOpenOrdersByProblem,
  findProblem,
  insertProblem,
  insertProblemEvent,
  listPlanYears,
  listProblemEvents,
  listProblems,
  type Problem,
  type ProblemEvent,
  type ProblemEventView,
  type ProblemFilter,
  planExists,
  updateProblem,
} from './orders.repository.ts';

/** Write a changed problem (409 when stale), its history step and its audit record. */
async function saveStep(
  trx: Kysely<Database>,
  userId: string,
  step: Parameters<typeof recordStep>[2],
  before: Problem,
  after: Problem,
  comment: string | null = null,
): Promise<void> {
  if (!(await updateProblem(trx, after, before.version))) throw staleVersion(THE_PROBLEM);
  await recordStep(trx, userId, step, before, after, comment);
  await insertAudit(trx, { userId, action: 'update', entity: 'problem', entityId: after.id, before, after });
}

export type { Problem, ProblemEventView } from './orders.repository.ts';

/** The fields of a problem whose changes its history lists. */
const TRACKED = ['title', 'description', 'category', 'place', 'ownerOfficeId', 'deadline', 'status', 'planId'] as const;

/** What changed between two states of a problem: field → [before, after]. */
function changesOf(before: Problem | null, after: Problem): Record<string, readonly [unknown, unknown]> {
  const changes: Record<string, readonly [unknown, unknown]> = {};
  for (const f of TRACKED) {
    if (before === null || before[f] !== after[f]) changes[f] = [before === null ? null : before[f], after[f]];
  }
  return changes;
}

/** Record a step of a problem's history (in the step's transaction). */
async function recordStep(
  db: Kysely<Database>,
  actorId: string | null,
  action: string,
  before: Problem | null,
  after: Problem,
  comment: string | null = null,
): Promise<void> {
  const event: ProblemEvent = {
    id: newId(),
    problemId: after.id,
    at: after.updatedAt,
    userId: actorId,
    action,
    comment,
    changes: changesOf(before, after),
  };
  await insertProblemEvent(db, event);
}

const PROBLEM: Words = { en: 'Problem', zh: '问题' };
const THE_PROBLEM: Words = { en: 'The problem', zh: '该问题' };

/** Problems the actor may see: all, or a reporter's office's. */
export async function listProblemsFor(
  db: Kysely<Database>,
  actor: LedgerActor,
  filter: ProblemFilter,
): Promise<Problem[]> {
  const scope = readScope(actor);
  if (scope !== undefined && filter.officeId !== undefined && filter.officeId !== scope) return [];
  return listProblems(db, { ...filter, officeId: scope ?? filter.officeId });
}

/** Open supervision orders on each of the given problems (those without any left out). */
export function openOrderCounts(db: Kysely<Database>, problemIds: readonly string[]): Promise<Map<string, number>> {
  return countOpenOrdersByProblem(db, problemIds);
}

/** One problem; 404 also for one a reporter may not see. */
export async function getProblem(db: Kysely<Database>, actor: LedgerActor, id: string): Promise<Problem> {
  const p = await findProblem(db, id);
  if (!p || !canRead(actor, p.ownerOfficeId)) throw notFound(PROBLEM);
  return p;
}

/** Admins and inspectors handle every office's problems; a reporter their office's. */
function checkProblemWrite(actor: LedgerActor, ownerOfficeId: string): void {
  if (actor.role === 'inspector') return;
  checkOfficeWrite(actor, ownerOfficeId);
}

export interface CreateProblemProps {
  readonly title: string;
  readonly description?: string | undefined;
  readonly category: ProblemTable['category'];
  readonly place?: string | undefined;
  readonly source: ProblemTable['source'];
  readonly sourceId?: string | null | undefined;
  /** The office that owns the problem; the actor's own office when not given. */
  readonly ownerOfficeId?: string | undefined;
  readonly deadline?: string | null | undefined;
  /** The plan it belongs to; by default the plan of this year (planOfDate), or none. */
  readonly planId?: string | null | undefined;
}

/** The plan a new problem belongs to: the one named (it must exist), else the plan of this year. */
async function planFor(db: Kysely<Database>, planId: string | null | undefined, now: string): Promise<string | null> {
  if (planId === null) return null;
  if (planId !== undefined) {
    if (!(await planExists(db, planId))) {
      throw new AppError(
        'bad-input',
        { en: `No plan with id ${planId}`, zh: `找不到编号为 ${planId} 的工作要点` },
        'planId',
      );
    }
    return planId;
  }
  return planOfDate(await listPlanYears(db), chinaDate(now))?.id ?? null;
}

async function checkSource(db: Kysely<Database>, source: ProblemTable['source'], sourceId: string | null) {
  if (sourceId === null) return;
  const kind = source === 'visit' ? 'visits' : source === 'diary' ? 'diaries' : null;
  if (kind && !(await findLedgerEntry(db, kind, sourceId))) {
    throw new AppError(
      'bad-input',
      {
        en: `No ${source} with id ${sourceId}`,
        zh: `找不到编号为 ${sourceId} 的${kind === 'visits' ? '走访记录' : '民情日记'}`,
      },
      'sourceId',
    );
  }
}

/** Record a problem (status open); audited. */
export async function createProblem(
  db: Kysely<Database>,
  actor: LedgerActor,
  props: CreateProblemProps,
  clock: Clock = systemClock,
): Promise<Problem> {
  const owner = props.ownerOfficeId ?? actor.officeId;
  if (!owner) {
    throw new AppError(
      'bad-input',
      { en: 'Say which office owns the problem', zh: '请选择问题的责任单位' },
      'ownerOfficeId',
    );
  }
  checkProblemWrite(actor, owner);
  const now = nowIso(clock);
  const problem: Problem = {
    id: newId(),
    title: props.title,
    description: props.description ?? '',
    category: props.category,
    place: props.place ?? '',
    source: props.source,
    sourceId: props.sourceId ?? null,
    ownerOfficeId: owner,
    planId: null,
    deadline: props.deadline ?? null,
    status: 'open',
    reopenedFrom: null,
    closedAt: null,
    version: 1,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  return db.transaction().execute(async (trx) => {
    if (!(await findOfficeKind(trx, owner))) {
      throw new AppError(
        'bad-input',
        { en: `No office with id ${owner}`, zh: `找不到编号为 ${owner} 的单位` },
        'ownerOfficeId',
      );
    }
    await checkSource(trx, problem.source, problem.sourceId);
    const created: Problem = { ...problem, planId: await planFor(trx, props.planId, now) };
    await insertProblem(trx, created);
    await recordStep(trx, actor.id, 'create', null, created);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'create',
      entity: 'problem',
      entityId: created.id,
      after: created,
    });
    return created;
  });
}

/** When a problem moving to `status` closed: kept if it already had, now if it closes now, else none. */
function closedAtOf(before: Problem, status: ProblemTable['status'], now: string): string | null {
  if (status !== 'closed') return null;
  return before.status === 'closed' ? (before.closedAt ?? now) : now;
}

export interface UpdateProblemProps {
  readonly id: string;
  readonly version: number;
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly category?: ProblemTable['category'] | undefined;
  readonly place?: string | undefined;
  readonly deadline?: string | null | undefined;
  readonly status?: ProblemTable['status'] | undefined;
}

/** Edit a problem; a closed one stays closed (reopen makes a new problem); audited. */
export async function editProblem(
  db: Kysely<Database>,
  actor: LedgerActor,
  props: UpdateProblemProps,
  clock: Clock = systemClock,
): Promise<Problem> {
  return db.transaction().execute(async (trx) => {
    const before = await findProblem(trx, props.id);
    if (!before || !canRead(actor, before.ownerOfficeId)) throw notFound(PROBLEM);
    checkProblemWrite(actor, before.ownerOfficeId);
    if (before.version !== props.version) throw staleVersion(THE_PROBLEM);
    if (before.status === 'closed' && props.status !== undefined && props.status !== 'closed') {
      throw new AppError('conflict', {
        en: 'The problem is closed; reopen it as a new problem instead',
        zh: '该问题已解决;如需继续处理,请重新打开,作为新问题记录',
      });
    }
    const now = nowIso(clock);
    const status = props.status ?? before.status;
    const after: Problem = {
      ...before,
      title: props.title ?? before.title,
      description: props.description ?? before.description,
      category: props.category ?? before.category,
      place: props.place ?? before.place,
      deadline: props.deadline === undefined ? before.deadline : props.deadline,
      status,
      closedAt: closedAtOf(before, status, now),
      version: before.version + 1,
      updatedAt: now,
    };
    await saveStep(trx, actor.id, 'edit', before, after);
    return after;
  });
}

/** Assign a problem to another owner office (admins, inspectors); audited, with its history. */
export async function assignProblem(
  db: Kysely<Database>,
  actor: LedgerActor,
  props: { id: string; version: number; ownerOfficeId: string; comment?: string | undefined },
  clock: Clock = systemClock,
): Promise<Problem> {
  if (actor.role !== 'admin' && actor.role !== 'inspector') {
    throw new AppError('forbidden', {
      en: 'Only admins and inspectors assign a problem to an office',
      zh: '只有管理员和督查员可以指派问题的责任单位',
    });
  }
  return db.transaction().execute(async (trx) => {
    const before = await findProblem(trx, props.id);
    if (!before) throw notFound(PROBLEM);
    if (before.version !== props.version) throw staleVersion(THE_PROBLEM);
    if (before.status === 'closed') {
      throw new AppError('conflict', {
        en: 'The problem is closed; reopen it to assign it again',
        zh: '该问题已解决;如需重新指派,请先重新打开',
      });
    }
    if (!(await findOfficeKind(trx, props.ownerOfficeId))) {
      throw new AppError(
        'bad-input',
        { en: `No office with id ${props.ownerOfficeId}`, zh: `找不到编号为 ${props.ownerOfficeId} 的单位` },
        'ownerOfficeId',
      );
    }
    const after: Problem = {
      ...before,
      ownerOfficeId: props.ownerOfficeId,
      version: before.version + 1,
      updatedAt: nowIso(clock),
    };
    await saveStep(trx, actor.id, 'assign', before, after, props.comment?.trim() || null);
    return after;
  });
}

/** Close a problem, saying how it was solved (the note is required); audited, with its history. */
export async function closeProblem(
  db: Kysely<Database>,
  actor: LedgerActor,
  props: { id: string; version: number; note: string },
  clock: Clock = systemClock,
): Promise<Problem> {
  const note = props.note.trim();
  if (note === '') {
    throw new AppError('bad-input', { en: 'Say how the problem was solved', zh: '请填写问题的解决情况' }, 'note');
  }
  return db.transaction().execute(async (trx) => {
    const before = await findProblem(trx, props.id);
    if (!before || !canRead(actor, before.ownerOfficeId)) throw notFound(PROBLEM);
    checkProblemWrite(actor, before.ownerOfficeId);
    if (before.version !== props.version) throw staleVersion(THE_PROBLEM);
    if (before.status === 'closed') {
      throw new AppError('conflict', { en: 'The problem is already closed', zh: '该问题已解决,无需再次关闭' });
    }
    const now = nowIso(clock);
    const after: Problem = { ...before, status: 'closed', closedAt: now, version: before.version + 1, updatedAt: now };
    if (!(await updateProblem(trx, after, before.version))) throw staleVersion(THE_PROBLEM);
    await recordStep(trx, actor.id, 'close', before, after, note);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'update',
      entity: 'problem',
      entityId: after.id,
      before,
      after: { ...after, note },
    });
    return after;
  });
}

/** A problem's history, oldest first; 404 for one the actor may not see. */
export async function problemHistory(
  db: Kysely<Database>,
  actor: LedgerActor,
  id: string,
): Promise<ProblemEventView[]> {
  await getProblem(db, actor, id);
  return listProblemEvents(db, id);
}

/** Reopen a closed problem: a new open problem linked to it (reopened_from); audited. */
export async function reopenProblem(
  db: Kysely<Database>,
  actor: LedgerActor,
  props: { id: string; description?: string | undefined; deadline?: string | null | undefined },
  clock: Clock = systemClock,
): Promise<Problem> {
  return db.transaction().execute(async (trx) => {
    const first = await findProblem(trx, props.id);
    if (!first || !canRead(actor, first.ownerOfficeId)) throw notFound(PROBLEM);
    checkProblemWrite(actor, first.ownerOfficeId);
    if (first.status !== 'closed') {
      throw new AppError('conflict', {
        en: `Only a closed problem can be reopened; this one is ${first.status}`,
        zh: `只有已解决的问题才能重新打开;该问题当前为“${first.status === 'open' ? '待处理' : '处理中'}”`,
      });
    }
    const now = nowIso(clock);
    const problem: Problem = {
      ...first,
      id: newId(),
      description: props.description ?? first.description,
      deadline: props.deadline === undefined ? first.deadline : props.deadline,
      status: 'open',
      reopenedFrom: first.id,
      closedAt: null,
      version: 1,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    };
    await insertProblem(trx, problem);
    await recordStep(trx, actor.id, 'reopen', null, problem, props.description?.trim() || null);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'create',
      entity: 'problem',
      entityId: problem.id,
      after: problem,
    });
    return problem;
  });
}

/** Set a problem's status as its order moves on (signed: in progress; closed: closed); audited. */
export async function followOrder(
  db: Kysely<Database>,
  actorId: string,
  problemId: string,
  status: ProblemTable['status'],
  clock: Clock = systemClock,
): Promise<void> {
  const before = await findProblem(db, problemId);
  if (!before || before.status === status || before.status === 'closed') return;
  const now = nowIso(clock);
  const after: Problem = {
    ...before,
    status,
    closedAt: closedAtOf(before, status, now),
    version: before.version + 1,
    updatedAt: now,
  };
  if (!(await updateProblem(db, after, before.version)))
    throw staleVersion({ en: 'The order’s problem', zh: '督办单对应的问题' });
  await recordStep(db, actorId, 'order', before, after);
  await insertAudit(db, { userId: actorId, action: 'update', entity: 'problem', entityId: after.id, before, after });
}

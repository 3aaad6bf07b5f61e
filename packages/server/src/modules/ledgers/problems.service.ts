import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Database } from '../../db/schema.ts';
import type { ProblemTable } from '../../db/tables/ledgers.ts';
import { AppError, notFound, staleVersion } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { canRead, checkOfficeWrite, type LedgerActor, readScope } from './access.ts';
import { findLedgerEntry, findOfficeKind } from './ledgers.repository.ts';
import {
  findProblem,
  insertProblem,
  listProblems,
  type Problem,
  type ProblemFilter,
  updateProblem,
} from './orders.repository.ts';

export type { Problem } from './orders.repository.ts';

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

/** One problem; 404 also for one a reporter may not see. */
export async function getProblem(db: Kysely<Database>, actor: LedgerActor, id: string): Promise<Problem> {
  const p = await findProblem(db, id);
  if (!p || !canRead(actor, p.ownerOfficeId)) throw notFound('Problem');
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
}

async function checkSource(db: Kysely<Database>, source: ProblemTable['source'], sourceId: string | null) {
  if (sourceId === null) return;
  const kind = source === 'visit' ? 'visits' : source === 'diary' ? 'diaries' : null;
  if (kind && !(await findLedgerEntry(db, kind, sourceId))) {
    throw new AppError('bad-input', `No ${source} with id ${sourceId}`, 'sourceId');
  }
}

/** Record a problem (status open); audited. */
export async function createProblem(
  db: Kysely<Database>,
  actor: LedgerActor,
  props: CreateProblemProps,
): Promise<Problem> {
  const owner = props.ownerOfficeId ?? actor.officeId;
  if (!owner) throw new AppError('bad-input', 'Say which office owns the problem', 'ownerOfficeId');
  checkProblemWrite(actor, owner);
  const now = new Date().toISOString();
  const problem: Problem = {
    id: newId(),
    title: props.title,
    description: props.description ?? '',
    category: props.category,
    place: props.place ?? '',
    source: props.source,
    sourceId: props.sourceId ?? null,
    ownerOfficeId: owner,
    deadline: props.deadline ?? null,
    status: 'open',
    reopenedFrom: null,
    version: 1,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  return db.transaction().execute(async (trx) => {
    if (!(await findOfficeKind(trx, owner))) {
      throw new AppError('bad-input', `No office with id ${owner}`, 'ownerOfficeId');
    }
    await checkSource(trx, problem.source, problem.sourceId);
    await insertProblem(trx, problem);
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
): Promise<Problem> {
  return db.transaction().execute(async (trx) => {
    const before = await findProblem(trx, props.id);
    if (!before || !canRead(actor, before.ownerOfficeId)) throw notFound('Problem');
    checkProblemWrite(actor, before.ownerOfficeId);
    if (before.version !== props.version) throw staleVersion('The problem');
    if (before.status === 'closed' && props.status !== undefined && props.status !== 'closed') {
      throw new AppError('conflict', 'The problem is closed; reopen it as a new problem instead');
    }
    const after: Problem = {
      ...before,
      title: props.title ?? before.title,
      description: props.description ?? before.description,
      category: props.category ?? before.category,
      place: props.place ?? before.place,
      deadline: props.deadline === undefined ? before.deadline : props.deadline,
      status: props.status ?? before.status,
      version: before.version + 1,
      updatedAt: new Date().toISOString(),
    };
    if (!(await updateProblem(trx, after, before.version))) throw staleVersion('The problem');
    await insertAudit(trx, {
      userId: actor.id,
      action: 'update',
      entity: 'problem',
      entityId: after.id,
      before,
      after,
    });
    return after;
  });
}

/** Reopen a closed problem: a new open problem linked to it (reopened_from); audited. */
export async function reopenProblem(
  db: Kysely<Database>,
  actor: LedgerActor,
  props: { id: string; description?: string | undefined; deadline?: string | null | undefined },
): Promise<Problem> {
  return db.transaction().execute(async (trx) => {
    const first = await findProblem(trx, props.id);
    if (!first || !canRead(actor, first.ownerOfficeId)) throw notFound('Problem');
    checkProblemWrite(actor, first.ownerOfficeId);
    if (first.status !== 'closed') {
      throw new AppError('conflict', `Only a closed problem can be reopened; this one is ${first.status}`);
    }
    const now = new Date().toISOString();
    const problem: Problem = {
      ...first,
      id: newId(),
      description: props.description ?? first.description,
      deadline: props.deadline === undefined ? first.deadline : props.deadline,
      status: 'open',
      reopenedFrom: first.id,
      version: 1,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    };
    await insertProblem(trx, problem);
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
): Promise<void> {
  const before = await findProblem(db, problemId);
  if (!before || before.status === status || before.status === 'closed') return;
  const after: Problem = { ...before, status, version: before.version + 1, updatedAt: new Date().toISOString() };
  if (!(await updateProblem(db, after, before.version))) throw staleVersion('The order’s problem');
  await insertAudit(db, { userId: actorId, action: 'update', entity: 'problem', entityId: after.id, before, after });
}

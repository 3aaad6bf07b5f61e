import { type Clock, nowIso, systemClock } from '@duban/core';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, notFound, staleVersion, type Words } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { canRead, checkOfficeWrite, type LedgerActor, readScope } from './access.ts';
import {
  countVisitsOfLink,
  deleteLedgerEntry,
  findLedgerEntry,
  findOfficeKind,
  insertLedgerEntry,
  type LedgerEntry,
  type LedgerKind,
  listLedgerEntries,
  listVisitHours,
  updateLedgerEntry,
} from './ledgers.repository.ts';
import { listProblemStatuses } from './orders.repository.ts';

export type { LedgerEntry, LedgerKind } from './ledgers.repository.ts';

/** The audit entity of each ledger. */
const ENTITY: Record<LedgerKind, string> = {
  links: 'link',
  visits: 'visit',
  diaries: 'diary',
  meetings: 'meeting',
  trainings: 'training',
};

const WHAT: Record<LedgerKind, Words> = {
  links: { en: 'Linked community', zh: '挂点联系记录' },
  visits: { en: 'Visit', zh: '走访记录' },
  diaries: { en: 'Diary entry', zh: '民情日记' },
  meetings: { en: 'Meeting', zh: '会议记录' },
  trainings: { en: 'Training', zh: '培训记录' },
};

/** The entry as the subject of a sentence: 'Visit' / '该走访记录'. */
const theEntry = (kind: LedgerKind): Words => ({ en: WHAT[kind].en, zh: `该${WHAT[kind].zh}` });

type Fields = Readonly<Record<string, string | number | null | undefined>>;

/** Check the offices and links an entry names: they exist and are of the right kind. */
async function checkReferences(db: Kysely<Database>, kind: LedgerKind, fields: Fields): Promise<void> {
  const community = fields.communityOfficeId;
  if (typeof community === 'string') {
    const k = await findOfficeKind(db, community);
    if (!k) {
      throw new AppError(
        'bad-input',
        { en: `No office with id ${community}`, zh: `找不到编号为 ${community} 的单位` },
        'communityOfficeId',
      );
    }
    if (kind === 'links' && k !== 'community' && k !== 'street-office') {
      throw new AppError(
        'bad-input',
        { en: 'A leader is linked to a community or a street office', zh: '领导只能挂点联系社区或街道办事处' },
        'communityOfficeId',
      );
    }
  }
  if (kind === 'visits' && typeof fields.linkId === 'string') {
    if (!(await findLedgerEntry(db, 'links', fields.linkId))) {
      throw new AppError(
        'bad-input',
        { en: `No linked community with id ${fields.linkId}`, zh: `找不到编号为 ${fields.linkId} 的挂点联系记录` },
        'linkId',
      );
    }
  }
}

async function checkOffice(db: Kysely<Database>, officeId: string | null): Promise<void> {
  if (officeId !== null && !(await findOfficeKind(db, officeId))) {
    throw new AppError(
      'bad-input',
      { en: `No office with id ${officeId}`, zh: `找不到编号为 ${officeId} 的单位` },
      'officeId',
    );
  }
}

/** A ledger's entries the actor may see, newest first, optionally in a date range. */
export async function listEntries(
  db: Kysely<Database>,
  actor: LedgerActor,
  kind: LedgerKind,
  filter: { officeId?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<LedgerEntry[]> {
  const scope = readScope(actor);
  if (scope !== undefined && filter.officeId !== undefined && filter.officeId !== scope) return [];
  return listLedgerEntries(db, kind, { ...filter, officeId: scope ?? filter.officeId });
}

/** One entry; 404 also for another office's entry a reporter may not see. */
export async function getEntry(
  db: Kysely<Database>,
  actor: LedgerActor,
  kind: LedgerKind,
  id: string,
): Promise<LedgerEntry> {
  const e = await findLedgerEntry(db, kind, id);
  if (!e || !canRead(actor, e.officeId)) throw notFound(WHAT[kind]);
  return e;
}

export interface CreateEntryProps {
  /** The entry's office; the actor's own office when not given. */
  readonly officeId?: string | null | undefined;
  readonly fields: Fields;
}

/** Add a ledger entry for the actor's office (admins: any office); audited. */
export async function createEntry(
  db: Kysely<Database>,
  actor: LedgerActor,
  kind: LedgerKind,
  props: CreateEntryProps,
  clock: Clock = systemClock,
): Promise<LedgerEntry> {
  const officeId = props.officeId === undefined ? actor.officeId : props.officeId;
  if (officeId === null && kind !== 'links') {
    throw new AppError(
      'bad-input',
      { en: 'Say which office the entry belongs to', zh: '请选择这条记录所属的单位' },
      'officeId',
    );
  }
  checkOfficeWrite(actor, officeId);
  const now = nowIso(clock);
  const fields: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(props.fields)) fields[k] = v ?? null;
  const entry: LedgerEntry = {
    id: newId(),
    officeId,
    version: 1,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
    fields,
  };
  return db.transaction().execute(async (trx) => {
    await checkOffice(trx, officeId);
    await checkReferences(trx, kind, fields);
    await insertLedgerEntry(trx, kind, entry);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'create',
      entity: ENTITY[kind],
      entityId: entry.id,
      after: entry,
    });
    return entry;
  });
}

export interface UpdateEntryProps {
  readonly id: string;
  readonly version: number;
  readonly fields: Fields;
}

/** Edit an entry of the actor's office (admins: any); 409 when the version is stale; audited. */
export async function updateEntry(
  db: Kysely<Database>,
  actor: LedgerActor,
  kind: LedgerKind,
  props: UpdateEntryProps,
  clock: Clock = systemClock,
): Promise<LedgerEntry> {
  return db.transaction().execute(async (trx) => {
    const before = await findLedgerEntry(trx, kind, props.id);
    if (!before || !canRead(actor, before.officeId)) throw notFound(WHAT[kind]);
    checkOfficeWrite(actor, before.officeId);
    if (before.version !== props.version) throw staleVersion(theEntry(kind));
    const fields: Record<string, string | number | null> = { ...before.fields };
    for (const [k, v] of Object.entries(props.fields)) if (v !== undefined) fields[k] = v;
    await checkReferences(trx, kind, props.fields);
    const after: LedgerEntry = { ...before, fields, version: before.version + 1, updatedAt: nowIso(clock) };
    if (!(await updateLedgerEntry(trx, kind, after, before.version))) throw staleVersion(theEntry(kind));
    await insertAudit(trx, {
      userId: actor.id,
      action: 'update',
      entity: ENTITY[kind],
      entityId: after.id,
      before,
      after,
    });
    return after;
  });
}

/** Remove an entry of the actor's office (admins: any); audited. */
export async function deleteEntry(
  db: Kysely<Database>,
  actor: LedgerActor,
  kind: LedgerKind,
  props: { id: string; version?: number | undefined },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findLedgerEntry(trx, kind, props.id);
    if (!before || !canRead(actor, before.officeId)) throw notFound(WHAT[kind]);
    checkOfficeWrite(actor, before.officeId);
    if (props.version !== undefined && props.version !== before.version) throw staleVersion(theEntry(kind));
    if (kind === 'links' && (await countVisitsOfLink(trx, before.id)) > 0) {
      throw new AppError('conflict', {
        en: 'Visits refer to this linked community; remove them first',
        zh: '已有走访记录关联该挂点联系,请先删除这些走访记录',
      });
    }
    await deleteLedgerEntry(trx, kind, before.id);
    await insertAudit(trx, { userId: actor.id, action: 'delete', entity: ENTITY[kind], entityId: before.id, before });
  });
}

/** The 三个多少 figures over a date range. */
export interface ThreeMeasures {
  readonly from: string | null;
  readonly to: string | null;
  readonly visits: number;
  /** Visits made through a leader's linked community (挂点联系). */
  readonly linkedVisits: number;
  readonly visitHours: number;
  readonly problemsRaised: number;
  readonly problemsSolved: number;
}

/**
 * How many visits and hours, how many problems raised and how many of them solved (closed), in
 * the range (problems by the day they were recorded); a reporter's figures are their office's.
 */
export async function threeMeasures(
  db: Kysely<Database>,
  actor: LedgerActor,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<ThreeMeasures> {
  const scope = readScope(actor);
  const visits = await listVisitHours(db, { officeId: scope, from: range.from, to: range.to });
  const problems = await listProblemStatuses(db, { officeId: scope, from: range.from, to: range.to });
  const hours = visits.reduce((sum, v) => sum + v.hours, 0);
  return {
    from: range.from ?? null,
    to: range.to ?? null,
    visits: visits.length,
    linkedVisits: visits.filter((v) => v.linked).length,
    visitHours: Math.round(hours * 100) / 100,
    problemsRaised: problems.length,
    problemsSolved: problems.filter((s) => s === 'closed').length,
  };
}

import {
  type Clock,
  countMilestones,
  isIsoDate,
  type MilestoneMove,
  MOVE_RULES,
  mayMoveMilestone,
  nowIso,
  type TaskMilestones,
} from '@duban/core';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Database } from '../../db/schema.ts';
import type { MilestoneState } from '../../db/tables/milestones.ts';
import type { SessionUser } from '../../http/access.ts';
import { AppError, notFound, staleVersion, type Words } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { bumpPlanRevisionOfTask } from '../plans/plans.repository.ts';
import { readBlob, storeBlob } from '../reports/evidence.store.ts';
import {
  deleteMilestoneRow,
  findMilestone,
  findTaskFacts,
  insertMilestoneEvidence,
  insertMilestones,
  listMilestoneEvidence,
  listMilestonesOfPlan,
  listMilestonesOfTask,
  type Milestone,
  type MilestoneEvidence,
  nextMilestonePosition,
  officeExists,
  officeNames,
  updateMilestoneRow,
} from './milestones.repository.ts';

/**
 * Milestones (节点任务): a task's deliverables. The owner office moves one from 未开始 through
 * 推进中 to 申请确认 (with a note and evidence); only the plan office confirms it (已确认) or sends
 * it back to 推进中 saying why — and never for its own office's deliverable.
 */

export type { Milestone, MilestoneEvidence } from './milestones.repository.ts';

export type MilestoneActor = Pick<SessionUser, 'id' | 'role' | 'officeId'>;

export interface MilestoneView extends Milestone {
  /** The owner office's name, to show without a directory lookup. */
  readonly ownerOfficeName: string | null;
  readonly evidence: readonly MilestoneEvidence[];
}

export const TEXT_MAX = 500;
export const NOTE_MAX = 2_000;
export const EVIDENCE_MAX = 20;
const NAME_MAX = 200;

const MILESTONE: Words = { en: 'Milestone', zh: '节点任务' };
const TASK: Words = { en: 'Task', zh: '工作事项' };

/** ISO date check for due dates: a real calendar day. */
function checkDue(due: string | null | undefined, field = 'due'): void {
  if (due === null || due === undefined) return;
  if (!isIsoDate(due)) {
    throw new AppError(
      'bad-input',
      { en: `"${due}" is not a date like 2007-12-31`, zh: `“${due}”不是有效日期,应写作 2007-12-31 的形式` },
      field,
    );
  }
}

function cleanText(text: string, field = 'text'): string {
  const t = text.trim();
  if (t === '')
    throw new AppError('bad-input', { en: 'A milestone needs its text', zh: '节点任务需要填写内容' }, field);
  if (t.length > TEXT_MAX) {
    throw new AppError(
      'bad-input',
      { en: `At most ${TEXT_MAX} characters`, zh: `内容不能超过 ${TEXT_MAX} 个字` },
      field,
    );
  }
  return t;
}

async function checkOffice(db: Kysely<Database>, officeId: string | null | undefined): Promise<void> {
  if (officeId === null || officeId === undefined) return;
  if (!(await officeExists(db, officeId))) {
    throw new AppError(
      'bad-input',
      { en: `No office has the id ${officeId}`, zh: `找不到编号为 ${officeId} 的单位` },
      'ownerOfficeId',
    );
  }
}

async function withEvidence(db: Kysely<Database>, milestones: readonly Milestone[]): Promise<MilestoneView[]> {
  const evidence = await listMilestoneEvidence(
    db,
    milestones.map((m) => m.id),
  );
  const names = await officeNames(
    db,
    milestones.flatMap((m) => (m.ownerOfficeId === null ? [] : [m.ownerOfficeId])),
  );
  return milestones.map((m) => ({
    ...m,
    ownerOfficeName: m.ownerOfficeId === null ? null : (names.get(m.ownerOfficeId) ?? null),
    evidence: evidence.filter((e) => e.milestoneId === m.id),
  }));
}

/** A task's milestones in order, with their evidence. */
export async function listTaskMilestones(db: Kysely<Database>, taskId: string): Promise<MilestoneView[]> {
  if (!(await findTaskFacts(db, taskId))) throw notFound(TASK);
  return withEvidence(db, await listMilestonesOfTask(db, taskId));
}

/**
 * Each task's milestones counted for its status on `date`: all, confirmed, and those past their
 * due date unconfirmed (a milestone due on the date itself is not yet late).
 */
export async function milestoneCountsOfPlan(
  db: Kysely<Database>,
  planId: string,
  date: string,
  /** The day the plan entered Duban: a due date before it is not held against the task. */
  tracked = '',
): Promise<Map<string, TaskMilestones>> {
  const byTask = new Map<string, Pick<Milestone, 'state' | 'due'>[]>();
  for (const m of await listMilestonesOfPlan(db, planId)) {
    const list = byTask.get(m.taskId) ?? [];
    list.push(m.due !== null && m.due < tracked ? { state: m.state, due: null } : m);
    byTask.set(m.taskId, list);
  }
  return new Map([...byTask].map(([taskId, list]) => [taskId, countMilestones(list, date)]));
}

export interface NewMilestone {
  readonly text: string;
  readonly due: string | null;
  /** Omitted: the task's first lead office. */
  readonly ownerOfficeId?: string | null | undefined;
}

/**
 * Milestones for a task as the importer or the plan office gives them, inside the caller's
 * transaction; the owner defaults to the task's first lead office. Audited one record per task.
 */
export async function addMilestones(
  trx: Kysely<Database>,
  actor: Pick<SessionUser, 'id'> | null,
  props: { taskId: string; milestones: readonly NewMilestone[]; clock: Clock },
): Promise<Milestone[]> {
  const facts = await findTaskFacts(trx, props.taskId);
  if (!facts) throw notFound(TASK);
  const now = nowIso(props.clock);
  let position = await nextMilestonePosition(trx, props.taskId);
  const rows: Milestone[] = [];
  for (const [i, m] of props.milestones.entries()) {
    checkDue(m.due, `milestones.${i}.due`);
    await checkOffice(trx, m.ownerOfficeId);
    rows.push({
      id: newId(),
      taskId: props.taskId,
      position: position++,
      text: cleanText(m.text, `milestones.${i}.text`),
      due: m.due,
      ownerOfficeId: m.ownerOfficeId === undefined ? facts.firstLeadOfficeId : m.ownerOfficeId,
      state: 'not-started',
      note: null,
      returnReason: null,
      submittedAt: null,
      confirmedAt: null,
      confirmedBy: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }
  if (rows.length === 0) return [];
  await insertMilestones(trx, rows);
  for (const m of rows) {
    await insertAudit(trx, {
      userId: actor?.id ?? null,
      action: 'create',
      entity: 'milestone',
      entityId: m.id,
      after: m,
    });
  }
  await bumpPlanRevisionOfTask(trx, props.taskId);
  return rows;
}

/** The plan office adds a milestone to a live plan's task. */
export async function createMilestone(
  db: Kysely<Database>,
  actor: MilestoneActor,
  props: NewMilestone & { taskId: string; clock: Clock },
): Promise<MilestoneView> {
  return db.transaction().execute(async (trx) => {
    const [m] = await addMilestones(trx, actor, {
      taskId: props.taskId,
      clock: props.clock,
      milestones: [{ text: props.text, due: props.due, ownerOfficeId: props.ownerOfficeId }],
    });
    const [view] = await withEvidence(trx, [m as Milestone]);
    return view as MilestoneView;
  });
}

/**
 * One versioned change of a milestone in a transaction: loaded, checked by `change`, written
 * over the version the caller read (409 when stale), audited, and the plan's revision bumped.
 */
async function changeMilestone(
  db: Kysely<Database>,
  actor: MilestoneActor,
  props: { id: string; version: number; clock: Clock },
  change: (m: Milestone, trx: Kysely<Database>) => Promise<Partial<Milestone>> | Partial<Milestone>,
): Promise<MilestoneView> {
  return db.transaction().execute(async (trx) => {
    const before = await findMilestone(trx, props.id);
    if (!before) throw notFound(MILESTONE);
    const fields = await change(before, trx);
    if (before.version !== props.version) throw staleVersion(MILESTONE);
    const after: Milestone = {
      ...before,
      ...fields,
      version: before.version + 1,
      updatedAt: nowIso(props.clock),
    };
    if (!(await updateMilestoneRow(trx, after, before.version))) throw staleVersion(MILESTONE);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'update',
      entity: 'milestone',
      entityId: after.id,
      before,
      after,
    });
    await bumpPlanRevisionOfTask(trx, after.taskId);
    const [view] = await withEvidence(trx, [after]);
    return view as MilestoneView;
  });
}

export interface EditMilestoneProps {
  readonly id: string;
  readonly version: number;
  readonly clock: Clock;
  readonly text?: string | undefined;
  readonly due?: string | null | undefined;
  readonly ownerOfficeId?: string | null | undefined;
}

/** The plan office edits a milestone's text, due date or owner office. */
export async function editMilestone(
  db: Kysely<Database>,
  actor: MilestoneActor,
  props: EditMilestoneProps,
): Promise<MilestoneView> {
  return changeMilestone(db, actor, props, async (_m, trx) => {
    checkDue(props.due);
    await checkOffice(trx, props.ownerOfficeId);
    return {
      ...(props.text !== undefined ? { text: cleanText(props.text) } : {}),
      ...(props.due !== undefined ? { due: props.due } : {}),
      ...(props.ownerOfficeId !== undefined ? { ownerOfficeId: props.ownerOfficeId } : {}),
    };
  });
}

/** The plan office removes a milestone (and its evidence records; the bytes stay). */
export async function removeMilestone(
  db: Kysely<Database>,
  actor: MilestoneActor,
  props: { id: string; version: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findMilestone(trx, props.id);
    if (!before) throw notFound(MILESTONE);
    if (before.version !== props.version || !(await deleteMilestoneRow(trx, before.id, props.version))) {
      throw staleVersion(MILESTONE);
    }
    await insertAudit(trx, { userId: actor.id, action: 'delete', entity: 'milestone', entityId: before.id, before });
    await bumpPlanRevisionOfTask(trx, before.taskId);
  });
}

const REFUSED: Readonly<Record<MilestoneMove, Words>> = {
  start: { en: 'Only the office that owns this milestone may start it', zh: '只有该节点任务的责任单位可以开始推进' },
  submit: {
    en: 'Only the office that owns this milestone may ask for its confirmation',
    zh: '只有该节点任务的责任单位可以申请确认',
  },
  attach: {
    en: 'Only the office that owns this milestone, or the plan office, may add evidence',
    zh: '只有该节点任务的责任单位或基层办可以上传佐证材料',
  },
  confirm: {
    en: 'Only the plan office confirms a milestone, and never one of its own office',
    zh: '节点任务只能由基层办确认,且不能确认本单位的节点任务',
  },
  return: {
    en: 'Only the plan office sends a milestone back, and never one of its own office',
    zh: '节点任务只能由基层办退回,且不能退回本单位的节点任务',
  },
};

const DOING: Readonly<Record<MilestoneMove, Words>> = {
  start: { en: 'start', zh: '开始推进' },
  submit: { en: 'submit', zh: '申请确认' },
  confirm: { en: 'confirm', zh: '确认' },
  return: { en: 'send back', zh: '退回' },
  attach: { en: 'add evidence to', zh: '上传佐证材料' },
};

const STATE_WORDS: Readonly<Record<MilestoneState, Words>> = {
  'not-started': { en: 'not started', zh: '未开始' },
  'in-progress': { en: 'in progress', zh: '推进中' },
  submitted: { en: 'awaiting confirmation', zh: '申请确认' },
  confirmed: { en: 'confirmed', zh: '已确认' },
};

/** Who may make the move (403), then whether the state allows it (409): the rule is core's. */
function checkMove(actor: MilestoneActor, m: Milestone, move: MilestoneMove): void {
  if (!mayMoveMilestone(move, m, actor)) throw new AppError('forbidden', REFUSED[move]);
  if (MOVE_RULES[move].from.includes(m.state)) return;
  const now = STATE_WORDS[m.state];
  throw new AppError('conflict', {
    en: `Cannot ${DOING[move].en} a milestone that is ${now.en}`,
    zh: `节点任务当前为“${now.zh}”,不能${DOING[move].zh}`,
  });
}

type Transition = { id: string; version: number; clock: Clock };

/** The owner office starts work: 未开始 → 推进中. */
export function startMilestone(db: Kysely<Database>, actor: MilestoneActor, props: Transition) {
  return changeMilestone(db, actor, props, (m) => {
    checkMove(actor, m, 'start');
    return { state: 'in-progress' };
  });
}

/** The owner office asks for confirmation, saying what was delivered: → 申请确认. */
export function submitMilestone(
  db: Kysely<Database>,
  actor: MilestoneActor,
  props: Transition & { note?: string | null | undefined },
) {
  return changeMilestone(db, actor, props, (m) => {
    checkMove(actor, m, 'submit');
    const note = props.note?.trim() ?? '';
    if (note.length > NOTE_MAX) {
      throw new AppError(
        'bad-input',
        { en: `At most ${NOTE_MAX} characters`, zh: `不能超过 ${NOTE_MAX} 个字` },
        'note',
      );
    }
    return {
      state: 'submitted',
      note: note === '' ? m.note : note,
      returnReason: null,
      submittedAt: nowIso(props.clock),
    };
  });
}

/** The plan office confirms a delivered milestone: 申请确认 → 已确认. */
export function confirmMilestone(db: Kysely<Database>, actor: MilestoneActor, props: Transition) {
  return changeMilestone(db, actor, props, (m) => {
    checkMove(actor, m, 'confirm');
    return { state: 'confirmed', confirmedAt: nowIso(props.clock), confirmedBy: actor.id };
  });
}

/** The plan office sends a milestone back to 推进中, saying why (also undoes a confirmation). */
export function returnMilestone(db: Kysely<Database>, actor: MilestoneActor, props: Transition & { reason: string }) {
  return changeMilestone(db, actor, props, (m) => {
    checkMove(actor, m, 'return');
    const reason = props.reason.trim();
    if (reason === '') {
      throw new AppError('bad-input', { en: 'Say why it goes back', zh: '请说明退回原因' }, 'reason');
    }
    return { state: 'in-progress', returnReason: reason.slice(0, NOTE_MAX), confirmedAt: null, confirmedBy: null };
  });
}

/** The owner office (or the plan office) attaches evidence while the milestone is not confirmed. */
export async function attachMilestoneEvidence(
  db: Kysely<Database>,
  actor: MilestoneActor,
  props: Transition & { name: string; mime: string; bytes: Uint8Array; filesDir: string },
): Promise<MilestoneView> {
  if (props.bytes.length === 0) throw new AppError('bad-input', { en: 'The file is empty', zh: '文件是空的' }, 'file');
  const name =
    props.name
      .replace(/[\\/\p{Cc}]+/gu, '_')
      .trim()
      .slice(0, NAME_MAX) || 'file';
  const mime = /^[\w.+-]+\/[\w.+-]+$/u.test(props.mime) ? props.mime.toLowerCase() : 'application/octet-stream';
  const current = await findMilestone(db, props.id);
  if (!current) throw notFound(MILESTONE);
  // Refused before the bytes are written; checked again in the transaction.
  checkMove(actor, current, 'attach');
  const sha256 = await storeBlob(props.filesDir, props.bytes);
  return changeMilestone(db, actor, props, async (m, trx) => {
    checkMove(actor, m, 'attach');
    if ((await listMilestoneEvidence(trx, [m.id])).length >= EVIDENCE_MAX) {
      throw new AppError('conflict', {
        en: `A milestone may have at most ${EVIDENCE_MAX} evidence files`,
        zh: `每个节点任务最多上传 ${EVIDENCE_MAX} 个佐证材料`,
      });
    }
    const file: MilestoneEvidence = {
      id: newId(),
      milestoneId: m.id,
      sha256,
      name,
      mime,
      size: props.bytes.length,
      createdAt: nowIso(props.clock),
    };
    await insertMilestoneEvidence(trx, file);
    await insertAudit(trx, {
      userId: actor.id,
      action: 'create',
      entity: 'milestone_evidence',
      entityId: file.id,
      after: file,
    });
    return {};
  });
}

/** An evidence file of a milestone and its bytes; 404 when either is missing. */
export async function readMilestoneEvidence(
  db: Kysely<Database>,
  props: { milestoneId: string; fileId: string; filesDir: string },
): Promise<{ file: MilestoneEvidence; bytes: Buffer }> {
  const file = (await listMilestoneEvidence(db, [props.milestoneId])).find((e) => e.id === props.fileId);
  const missing = notFound({ en: 'Evidence file', zh: '佐证材料' });
  if (!file) throw missing;
  const bytes = await readBlob(props.filesDir, file.sha256);
  if (!bytes) throw missing;
  return { file, bytes };
}

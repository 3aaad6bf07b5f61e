import type { Kysely } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Database, NewTargetRow, TargetRow } from '../../db/schema.ts';
import type { SessionUser } from '../../http/access.ts';
import { AppError, notFound, staleVersion, type Words } from '../../http/errors.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import {
  bumpPlanRevisionOfTask,
  findTarget,
  type TargetRecord,
  type TargetValue,
  targetsOf,
  updateTargetRow,
} from '../plans/plans.repository.ts';
import { checkTargetValue } from '../plans/plans.service.ts';
import { existingOffices, insertTargetRows, leadOfficesOfTask, shiftTargets, targetRow } from './targets.repository.ts';

/**
 * Targets that fit a 工作要点 (issue 10): a change target's baseline (上年基数), the offices asked
 * for a target's figure, a short label, and a split of one parsed target into several. Every
 * edit takes the version it was made on (stale: 409), bumps the plan's read revision and is
 * audited in its transaction.
 */

const TARGET: Words = { en: 'Target', zh: '指标' };
export const LABEL_MAX = 40;
export const SOURCE_MAX = 200;
export const SPLIT_MAX = 12;

export type TargetActor = Pick<SessionUser, 'id' | 'role' | 'officeId'>;

/** A target as these edits answer it. */
export interface FitTargetView {
  readonly id: string;
  readonly taskId: string;
  readonly text: string;
  readonly kind: TargetRecord['kind'];
  readonly op: TargetRecord['op'];
  readonly value: TargetValue;
  readonly unit: string;
  readonly scope: string | null;
  readonly baselineValue: number | null;
  readonly baselineSource: string | null;
  readonly offices: string[] | null;
  readonly label: string | null;
  readonly version: number;
}

const view = (t: TargetRecord): FitTargetView => ({
  id: t.id,
  taskId: t.taskId,
  text: t.text,
  kind: t.kind,
  op: t.op,
  value: t.value,
  unit: t.unit,
  scope: t.scope,
  baselineValue: t.baselineValue,
  baselineSource: t.baselineSource,
  offices: t.offices,
  label: t.label,
  version: t.version,
});

async function loadTarget(db: Kysely<Database>, id: string, version: number): Promise<TargetRecord> {
  const target = await findTarget(db, id);
  if (!target) throw notFound(TARGET);
  if (target.version !== version) throw staleVersion({ en: TARGET.en, zh: `该${TARGET.zh}` });
  return target;
}

const forbidden = (words: Words) => new AppError('forbidden', words);

/** The offices that answer for a target: its own, else the task's lead offices; the first is the primary (主责). */
export async function officesOfTarget(db: Kysely<Database>, target: TargetRecord): Promise<string[]> {
  return target.offices && target.offices.length > 0 ? target.offices : leadOfficesOfTask(db, target.taskId);
}

async function save(
  db: Kysely<Database>,
  actor: TargetActor,
  before: TargetRecord,
  set: Partial<TargetRow>,
): Promise<FitTargetView> {
  await bumpPlanRevisionOfTask(db, before.taskId);
  const after = await updateTargetRow(db, before.id, before.version, set);
  if (!after) throw staleVersion({ en: TARGET.en, zh: `该${TARGET.zh}` });
  await insertAudit(db, { userId: actor.id, action: 'update', entity: 'target', entityId: before.id, before, after });
  return view(after);
}

function cleanText(text: string | null | undefined, max: number, field: string): string | null {
  const t = text?.trim() ?? '';
  if (t.length > max)
    throw new AppError('bad-input', { en: `At most ${max} characters`, zh: `最多 ${max} 个字` }, field);
  return t === '' ? null : t;
}

/**
 * Set (or clear, with null) a change target's baseline (上年基数: the previous year's level of
 * what its offices report, e.g. 730 公文) and where it came from. The plan office or one of the
 * target's offices may; a level or frequency target has none (400).
 */
export async function setBaseline(
  db: Kysely<Database>,
  actor: TargetActor,
  props: { id: string; version: number; value: number | null; source?: string | null | undefined },
): Promise<FitTargetView> {
  return db.transaction().execute(async (trx) => {
    const before = await loadTarget(trx, props.id, props.version);
    if (actor.role !== 'admin') {
      const offices = await officesOfTarget(trx, before);
      if (actor.role !== 'reporter' || actor.officeId === null || !offices.includes(actor.officeId))
        throw forbidden({
          en: 'Only the plan office or an office responsible for the target enters its baseline',
          zh: '只有督办部门或该指标的责任单位可以填写上年基数',
        });
    }
    if (before.kind !== 'change')
      throw new AppError(
        'bad-input',
        {
          en: 'Only a change target (比上年增长/减少) has a baseline',
          zh: '只有变化类指标(比上年增长/减少)才有上年基数',
        },
        'value',
      );
    if (props.value !== null && !Number.isFinite(props.value))
      throw new AppError('bad-input', { en: 'The baseline is a number', zh: '上年基数应为数字' }, 'value');
    const source = cleanText(props.source, SOURCE_MAX, 'source');
    return save(trx, actor, before, {
      baseline_value: props.value,
      baseline_source: props.value === null ? null : source,
    });
  });
}

/**
 * Name the offices asked for a target's figure and credited with it, the primary (主责) first;
 * null goes back to the task's lead offices. The plan office only.
 */
export async function setTargetOffices(
  db: Kysely<Database>,
  actor: TargetActor,
  props: { id: string; version: number; offices: readonly string[] | null },
): Promise<FitTargetView> {
  if (actor.role !== 'admin')
    throw forbidden({ en: 'Only the plan office names a target’s offices', zh: '只有督办部门可以指定指标的责任单位' });
  const offices = props.offices === null ? null : [...new Set(props.offices)];
  if (offices !== null && offices.length === 0)
    throw new AppError(
      'bad-input',
      {
        en: 'Name at least one office, or none to go back to the task’s lead offices',
        zh: '请至少指定一个单位;不指定则恢复为该事项的牵头单位',
      },
      'offices',
    );
  return db.transaction().execute(async (trx) => {
    const before = await loadTarget(trx, props.id, props.version);
    if (offices !== null) {
      const known = await existingOffices(trx, offices);
      const unknown = offices.find((o) => !known.has(o));
      if (unknown !== undefined)
        throw new AppError(
          'bad-input',
          { en: `No office ${unknown}`, zh: `没有编号为 ${unknown} 的单位` },
          `offices.${offices.indexOf(unknown)}`,
        );
    }
    return save(trx, actor, before, { offices: offices === null ? null : JSON.stringify(offices) });
  });
}

/** Give a target a short label that tells it from its siblings (null: derived from its text). The plan office only. */
export async function setTargetLabel(
  db: Kysely<Database>,
  actor: TargetActor,
  props: { id: string; version: number; label: string | null; scope?: string | null | undefined },
): Promise<FitTargetView> {
  if (actor.role !== 'admin')
    throw forbidden({ en: 'Only the plan office labels a target', zh: '只有督办部门可以修改指标简称' });
  const label = cleanText(props.label, LABEL_MAX, 'label');
  return db.transaction().execute(async (trx) => {
    const before = await loadTarget(trx, props.id, props.version);
    const set: Partial<TargetRow> = { label };
    if (props.scope !== undefined)
      set.scope = props.scope === null || props.scope.trim() === '' ? null : props.scope.trim();
    return save(trx, actor, before, set);
  });
}

export interface SplitPart {
  readonly label: string;
  readonly text?: string | undefined;
  readonly op?: TargetRecord['op'] | undefined;
  readonly value?: TargetValue | undefined;
  readonly unit?: string | undefined;
  readonly offices?: readonly string[] | null | undefined;
}

/**
 * Split one target into several (四险合一 → 养老/工伤/医疗/失业保险全覆盖): the first part stays the
 * target (its id, figures and history), the others become new targets right after it, each with
 * its label and, where given, its own text, op, value, unit and offices; the rest is copied.
 * The plan office only; audited as an update and a create for each new part.
 */
export async function splitTarget(
  db: Kysely<Database>,
  actor: TargetActor,
  props: { id: string; version: number; parts: readonly SplitPart[] },
): Promise<FitTargetView[]> {
  if (actor.role !== 'admin')
    throw forbidden({ en: 'Only the plan office splits a target', zh: '只有督办部门可以拆分指标' });
  if (props.parts.length < 2 || props.parts.length > SPLIT_MAX)
    throw new AppError(
      'bad-input',
      { en: `A split makes 2 to ${SPLIT_MAX} targets`, zh: `拆分后应有 2 到 ${SPLIT_MAX} 个指标` },
      'parts',
    );
  const labels = props.parts.map((p, i) => cleanText(p.label, LABEL_MAX, `parts.${i}.label`));
  labels.forEach((label, i) => {
    if (label === null)
      throw new AppError(
        'bad-input',
        { en: 'Give each part a label', zh: '请为拆分后的每个指标填写简称' },
        `parts.${i}.label`,
      );
    if (labels.indexOf(label) !== i)
      throw new AppError(
        'bad-input',
        { en: `Two parts are both labelled "${label}"`, zh: `拆分后的两个指标简称都是“${label}”` },
        `parts.${i}.label`,
      );
  });
  return db.transaction().execute(async (trx) => {
    const before = await loadTarget(trx, props.id, props.version);
    const row = await targetRow(trx, before.id);
    if (!row) throw notFound(TARGET);
    const columns = (part: SplitPart, i: number): Partial<TargetRow> => {
      const op = part.op ?? before.op;
      const value = part.value ?? (part.op === undefined ? before.value : undefined);
      if (value === undefined)
        throw new AppError(
          'bad-input',
          { en: 'Give the value with the op', zh: '修改比较方式时请同时填写目标值' },
          `parts.${i}.value`,
        );
      checkTargetValue(op, value, `parts.${i}.`);
      const set: Partial<TargetRow> = {
        label: labels[i] as string,
        op,
        ...(Array.isArray(value) ? { value: value[0], value_high: value[1] } : { value, value_high: null }),
      };
      const text = cleanText(part.text, 2000, `parts.${i}.text`);
      if (text !== null) set.text = text;
      if (part.unit !== undefined) set.unit = part.unit.trim();
      if (part.offices !== undefined) set.offices = part.offices === null ? null : JSON.stringify(part.offices);
      return set;
    };
    const sets = props.parts.map(columns);
    const offices = [...new Set(props.parts.flatMap((p) => p.offices ?? []))];
    const known = await existingOffices(trx, offices);
    const unknown = offices.find((o) => !known.has(o));
    if (unknown !== undefined)
      throw new AppError('bad-input', { en: `No office ${unknown}`, zh: `没有编号为 ${unknown} 的单位` }, 'parts');
    const first = await save(trx, actor, before, sets[0] as Partial<TargetRow>);
    await shiftTargets(trx, before.taskId, row.position, sets.length - 1);
    const created: NewTargetRow[] = sets.slice(1).map((set, i) => ({
      ...row,
      ...set,
      id: newId(),
      position: row.position + i + 1,
      version: 1,
    }));
    await insertTargetRows(trx, created);
    for (const c of created)
      await insertAudit(trx, {
        userId: actor.id,
        action: 'create',
        entity: 'target',
        entityId: c.id as string,
        after: { ...c, splitFrom: before.id },
      });
    const all = await targetsOf(trx, { taskId: before.taskId });
    const ids = new Set(created.map((c) => c.id));
    return [first, ...all.filter((t) => ids.has(t.id)).map(view)];
  });
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SessionUser } from '../../http/access.ts';
import { notFound } from '../../http/errors.ts';
import { getPlan, type TaskView } from '../plans/plans.service.ts';
import { usernamesByIds } from '../users/users.service.ts';
import { auditOfTask, planIdOfTask, targetIdsOfTask } from './history.repository.ts';

/**
 * A task on its own page: the task with where it sits, and the history of its changes as
 * anyone signed in may read it (the audit log itself is the plan office's).
 */

export interface TaskPageView extends TaskView {
  readonly plan: {
    readonly id: string;
    readonly title: string;
    readonly year: number | null;
    readonly date: string | null;
  };
  readonly section: { readonly id: string; readonly number: string; readonly title: string };
}

/**
 * One task as the plan read shows it (offices, groups with members, targets), with its plan and
 * section. Reads through the plans service's whole-plan read, so a task looks the same on its
 * page as on the board.
 */
export async function getTask(
  db: Kysely<Database>,
  _actor: SessionUser | null,
  props: { readonly id: string },
): Promise<TaskPageView> {
  const planId = await planIdOfTask(db, props.id);
  if (!planId) throw notFound({ en: 'Task', zh: '工作事项' });
  const plan = await getPlan(db, planId);
  for (const section of plan.sections) {
    const task = section.tasks.find((t) => t.id === props.id);
    if (task) {
      return {
        ...task,
        plan: { id: plan.id, title: plan.title, year: plan.year, date: plan.date },
        section: { id: section.id, number: section.number, title: section.title },
      };
    }
  }
  // Deleted between the two reads.
  throw notFound({ en: 'Task', zh: '工作事项' });
}

/** One field an audited change touched: its value before and after. */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface HistoryEntry {
  readonly id: string;
  readonly at: string;
  /** Who made the change; null for the system or the command line (an import by `duban demo`). */
  readonly username: string | null;
  readonly action: 'create' | 'update' | 'delete';
  /** 'task': the task or its offices; 'target': one of its targets; 'plan': the plan it came with. */
  readonly entity: 'task' | 'target' | 'plan';
  readonly entityId: string;
  /** What the entry is about when not the task itself: the target's text, the plan's title. */
  readonly subject: string | null;
  readonly changes: FieldChange[];
}

export const HISTORY_LIMIT = 200;

/**
 * The fields shown, by entity: only these, so that an audit record never shows more than the
 * task's page does (nothing of users, sessions or passwords lives in these records anyway).
 */
const FIELDS: Readonly<Record<'task' | 'target', readonly string[]>> = {
  task: ['number', 'title', 'text', 'deadline', 'leaders', 'source', 'assignedBy', 'startDate', 'assignments'],
  target: ['text', 'kind', 'op', 'value', 'unit', 'period', 'baseline', 'deadline', 'condition', 'scope'],
};

type Json = Record<string, unknown>;

const parse = (text: string | null): Json | null => {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
};

/**
 * An assignment list as a person reads it: role and the office's, group's or mention's name. The
 * audit keeps whole records (before) and views (after); both have these fields.
 */
function assignmentsShown(value: unknown): { role: string; name: string }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((a: { role?: string; mention?: string; office?: { name?: string }; group?: { name?: string } }) => ({
    role: a.role ?? '',
    name: a.office?.name ?? a.group?.name ?? a.mention ?? '',
  }));
}

function shown(field: string, value: unknown): unknown {
  if (field === 'assignments') return assignmentsShown(value);
  if (field === 'leaders' && typeof value === 'string') {
    // Rows keep lists as JSON text; records have them parsed.
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/** The listed fields whose value differs between before and after. */
export function changesOf(fields: readonly string[], before: Json | null, after: Json | null): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const had = before !== null && field in before;
    const has = after !== null && field in after;
    if (!had && !has) continue;
    const b = had ? shown(field, before[field]) : null;
    const a = has ? shown(field, after[field]) : null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ field, before: b, after: a });
  }
  return changes;
}

/** The changes of a task, its offices and targets, and the plan it came with, newest first. */
export async function taskHistory(
  db: Kysely<Database>,
  _actor: SessionUser | null,
  props: { readonly id: string; readonly limit?: number },
): Promise<HistoryEntry[]> {
  const [planId, targetIds] = await Promise.all([planIdOfTask(db, props.id), targetIdsOfTask(db, props.id)]);
  if (!planId) throw notFound({ en: 'Task', zh: '工作事项' });
  const rows = await auditOfTask(db, { taskId: props.id, targetIds, planId }, props.limit ?? HISTORY_LIMIT);
  const names = await usernamesByIds(
    db,
    rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id])),
  );
  return rows.map((r): HistoryEntry => {
    const entity = r.entity as HistoryEntry['entity'];
    const before = parse(r.before);
    const after = parse(r.after);
    let subject: string | null = null;
    let changes: FieldChange[] = [];
    if (entity === 'plan') {
      const title = after?.title;
      subject = typeof title === 'string' ? title : null;
    } else {
      changes = changesOf(FIELDS[entity], before, after);
      if (entity === 'target') {
        const text = after?.text ?? before?.text;
        subject = typeof text === 'string' ? text : null;
      }
    }
    return {
      id: r.id,
      at: r.at,
      username: r.user_id === null ? null : (names.get(r.user_id) ?? null),
      action: r.action as HistoryEntry['action'],
      entity,
      entityId: r.entity_id,
      subject,
      changes,
    };
  });
}

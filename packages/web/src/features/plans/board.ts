import type { AssignmentView, PlanView, TaskView } from './api';
import type { TaskStatus } from './status';

/** An office a task names, directly or as a member of a group it names. */
export interface OfficeRef {
  readonly id: string;
  readonly name: string;
}

/** The offices a task names: its offices, and each member of its groups (各街道办事处 → each street office). */
export function officesOfTask(task: Pick<TaskView, 'assignments'>): Map<string, string> {
  const offices = new Map<string, string>();
  for (const a of task.assignments) {
    if (a.office) offices.set(a.office.id, a.office.name);
    for (const m of a.group?.members ?? []) offices.set(m.id, m.name);
  }
  return offices;
}

/** Every office the plan's tasks name, directly or through a group, by name. */
export function planOffices(plan: PlanView): OfficeRef[] {
  const all = new Map<string, string>();
  for (const s of plan.sections) for (const t of s.tasks) for (const [id, name] of officesOfTask(t)) all.set(id, name);
  return [...all].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export interface BoardFilter {
  readonly office: string | null;
  readonly section: string | null;
  readonly status: TaskStatus | null;
  readonly text: string;
}

export const NO_FILTER: BoardFilter = { office: null, section: null, status: null, text: '' };

/** Whether a task of a section passes the board's filter. */
export function passes(
  task: TaskView,
  sectionId: string,
  filter: BoardFilter,
  statusOf: (task: TaskView) => TaskStatus,
): boolean {
  if (filter.section && filter.section !== sectionId) return false;
  if (filter.office && !officesOfTask(task).has(filter.office)) return false;
  if (filter.status && statusOf(task) !== filter.status) return false;
  const q = filter.text.trim().toLowerCase();
  if (q && !`${task.number} ${task.title}\n${task.text}`.toLowerCase().includes(q)) return false;
  return true;
}

/** The assignments of one role, in the document's order. */
export const ofRole = (assignments: readonly AssignmentView[], role: AssignmentView['role']): AssignmentView[] =>
  assignments.filter((a) => a.role === role);

/** The name an assignment shows: its office's, its group's, or the document's words when unmatched. */
export const assignmentName = (a: AssignmentView): string => a.office?.name ?? a.group?.name ?? a.mention;

import type { TaskView } from './api';

/** A task's status as the board colours it. */
export const TASK_STATUSES = ['onTrack', 'atRisk', 'late', 'met', 'noData'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Ant Design tag colours, and the card's edge colour, per status. */
export const STATUS_COLORS: Readonly<Record<TaskStatus, { tag: string; edge: string }>> = {
  onTrack: { tag: 'processing', edge: '#1677ff' },
  atRisk: { tag: 'warning', edge: '#faad14' },
  late: { tag: 'error', edge: '#ff4d4f' },
  met: { tag: 'success', edge: '#52c41a' },
  noData: { tag: 'default', edge: '#d9d9d9' },
};

/**
 * The status of a task, the one place the web app derives it.
 *
 * Duban has no progress reports yet, so no task has anything to be judged on: every task is
 * "no data" (暂无报送), honestly grey. The issue that adds reports brings a pure status function in
 * core (targets, reports, open supervision orders and the date → status, see DESIGN.md) and
 * replaces this body with a call to it; the board and the task page only call `taskStatus`.
 */
export function taskStatus(_task: Pick<TaskView, 'id' | 'targets'>): TaskStatus {
  return 'noData';
}

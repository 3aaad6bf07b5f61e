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

/** The server's status names (GET /api/plans/{id}/status) as the board's. */
const FROM_SERVER: Readonly<Record<string, TaskStatus>> = {
  'on-track': 'onTrack',
  'at-risk': 'atRisk',
  late: 'late',
  met: 'met',
  'no-data': 'noData',
};

/** Task id → status, from the plan's status read. */
export type TaskStatuses = ReadonlyMap<string, TaskStatus>;

/** The server's task statuses as a map the board looks tasks up in. */
export function statusMap(tasks: readonly { taskId: string; status: string }[]): TaskStatuses {
  return new Map(tasks.map((t) => [t.taskId, FROM_SERVER[t.status] ?? 'noData']));
}

/**
 * The status of a task, the one place the web app derives it: the server computes it from
 * targets, reports and supervision orders (GET /api/plans/{id}/status); until that read
 * arrives, or for a task it does not know, the task is honestly "no data" (暂无报送).
 */
export function taskStatus(task: Pick<TaskView, 'id' | 'targets'>, statuses?: TaskStatuses): TaskStatus {
  return statuses?.get(task.id) ?? 'noData';
}

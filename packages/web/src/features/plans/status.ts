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

/**
 * A task's reporting, judged apart from its work (core taskReporting): 按时, 逾期, 缺报, or nothing
 * due yet.
 */
export const TASK_REPORTINGS = ['onTime', 'late', 'missing', 'none'] as const;
export type TaskReporting = (typeof TASK_REPORTINGS)[number];

/** Ant Design tag colours per reporting state. */
export const REPORTING_COLORS: Readonly<Record<TaskReporting, string>> = {
  onTime: 'success',
  late: 'warning',
  missing: 'error',
  none: 'default',
};

const REPORTING_FROM_SERVER: Readonly<Record<string, TaskReporting>> = {
  'on-time': 'onTime',
  late: 'late',
  missing: 'missing',
  none: 'none',
};

/** An office whose latest report says the task's work is blocked (受阻), and why. */
export interface BlockedReport {
  readonly officeId: string;
  readonly periodKey: string;
  readonly reason: string;
}

/** The reporting side of a task's status, and the offices reporting it blocked. */
export interface TaskReportingView {
  readonly reporting: TaskReporting;
  readonly blocked: readonly BlockedReport[];
}

/** Task id → reporting, from the plan's status read (the same read as the work's). */
export type TaskReportings = ReadonlyMap<string, TaskReportingView>;

export function reportingMap(
  tasks: readonly { taskId: string; reporting: string; blocked: readonly BlockedReport[] }[],
): TaskReportings {
  return new Map(
    tasks.map((t) => [t.taskId, { reporting: REPORTING_FROM_SERVER[t.reporting] ?? 'none', blocked: t.blocked }]),
  );
}

/** Until the server's read arrives, or for a task it does not know: nothing due, nothing blocked. */
export function taskReporting(task: Pick<TaskView, 'id'>, reportings?: TaskReportings): TaskReportingView {
  return reportings?.get(task.id) ?? { reporting: 'none', blocked: [] };
}

/** The server's reporting names (dashboard counts) as the web app's. */
export function reportingOf(server: string): TaskReporting {
  return REPORTING_FROM_SERVER[server] ?? 'none';
}

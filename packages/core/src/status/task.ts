import type { Attainment } from './attainment.ts';

/**
 * A task's status, rolled up from its targets, its reports and its supervision orders.
 * Derived when read, never stored.
 */

export const TASK_STATUSES = ['met', 'on-track', 'at-risk', 'late', 'no-data'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskReports {
  /** Reports due so far or still to come for the periods elapsed. */
  readonly expected: number;
  /** Reports submitted (on time or not). */
  readonly submitted: number;
  /** Submitted reports the plan office sent back for rework and not yet resubmitted. */
  readonly returned: number;
  /** Expected reports still missing after their due date. */
  readonly late: number;
}

export interface TaskStatusInput {
  readonly targets: readonly Attainment[];
  readonly reports: TaskReports;
  /** Supervision orders not yet closed. */
  readonly openOrders: number;
  /** Open orders past their own deadline. */
  readonly overdueOrders: number;
  /** The task's deadline as an ISO date, or null when it runs all year without one. */
  readonly deadline: string | null;
  /** ISO date. */
  readonly today: string;
}

/**
 * The task's status, the first row that applies:
 *
 * | status   | when                                                                               |
 * |----------|------------------------------------------------------------------------------------|
 * | late     | a target missed; a report missing after its due date; an order overdue;           |
 * |          | or the task's deadline passed with a target not yet met                            |
 * | at-risk  | a target at risk; a report returned; an order open                                 |
 * | met      | it has targets and every one is met                                                |
 * | no-data  | no report submitted and no target has data                                         |
 * | on-track | otherwise                                                                          |
 */
export function taskStatus(input: TaskStatusInput): TaskStatus {
  const { targets, reports, openOrders, overdueOrders, deadline, today } = input;
  const pastDeadline = deadline !== null && today > deadline;
  if (
    targets.includes('missed') ||
    reports.late > 0 ||
    overdueOrders > 0 ||
    (pastDeadline && targets.some((t) => t !== 'met'))
  ) {
    return 'late';
  }
  if (targets.includes('at-risk') || reports.returned > 0 || openOrders > 0) return 'at-risk';
  if (targets.length > 0 && targets.every((t) => t === 'met')) return 'met';
  if (reports.submitted <= 0 && targets.every((t) => t === 'no-data')) return 'no-data';
  return 'on-track';
}

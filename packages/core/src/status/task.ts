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

/** The task's milestones (节点任务) by state, as of the judging date. */
export interface TaskMilestones {
  readonly total: number;
  /** Confirmed by the plan office. */
  readonly confirmed: number;
  /** Not confirmed and past their due date. */
  readonly overdue: number;
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
  /** Absent or total 0: the task promises no deliverable beyond its targets. */
  readonly milestones?: TaskMilestones;
}

/**
 * The task's status, the first row that applies:
 *
 * | status   | when                                                                               |
 * |----------|------------------------------------------------------------------------------------|
 * | late     | a target missed; a report missing after its due date; an order overdue;           |
 * |          | a milestone past its due date unconfirmed;                                         |
 * |          | or the task's deadline passed with a target not yet met                            |
 * | at-risk  | a target at risk; a report returned; an order open                                 |
 * | met      | it has targets or milestones, every target met and every milestone confirmed      |
 * | no-data  | no report submitted and no target has data                                         |
 * | on-track | otherwise                                                                          |
 */
export function taskStatus(input: TaskStatusInput): TaskStatus {
  const { targets, reports, openOrders, overdueOrders, deadline, today } = input;
  const pastDeadline = deadline !== null && today > deadline;
  const milestones = input.milestones ?? { total: 0, confirmed: 0, overdue: 0 };
  const deliveredAll = milestones.confirmed >= milestones.total;
  if (
    targets.includes('missed') ||
    reports.late > 0 ||
    overdueOrders > 0 ||
    milestones.overdue > 0 ||
    (pastDeadline && (targets.some((t) => t !== 'met') || !deliveredAll))
  ) {
    return 'late';
  }
  if (targets.includes('at-risk') || reports.returned > 0 || openOrders > 0) return 'at-risk';
  // 已完成 means the whole promise: the figures and the deliverables, not the figures alone.
  if (targets.length + milestones.total > 0 && targets.every((t) => t === 'met') && deliveredAll) return 'met';
  if (reports.submitted <= 0 && targets.every((t) => t === 'no-data')) return 'no-data';
  return 'on-track';
}

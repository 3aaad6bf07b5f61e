import type { Attainment } from './attainment.ts';

/**
 * A task's state, kept as two things apart (DESIGN.md): its **work** — is the task itself
 * getting done — and its **reporting** — are its offices handing their reports in on time.
 * A missing report is a reporting lapse, not lagging work. Derived when read, never stored.
 */

/** The work axis: 正常推进 / 存在风险 / 滞后 / 已完成 / 暂无报送. */
export const TASK_STATUSES = ['met', 'on-track', 'at-risk', 'late', 'no-data'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * The reporting axis: 按时 (no lapse), 逾期 (a report came in after its due day, or was
 * returned and is owed again), 缺报 (a report still missing after its due day), and 无应报
 * (nothing expected yet).
 */
export const TASK_REPORTINGS = ['on-time', 'late', 'missing', 'none'] as const;
export type TaskReporting = (typeof TASK_REPORTINGS)[number];

export interface TaskReports {
  /** Reports due so far or still to come for the periods elapsed. */
  readonly expected: number;
  /** Reports submitted (on time or not). */
  readonly submitted: number;
  /** Submitted reports handed in by their due day; when not given, every submitted one. */
  readonly onTime?: number | undefined;
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
  /** Offices whose latest report says the work is blocked (受阻); none when not given. */
  readonly blocked?: number | undefined;
  /** The task's deadline as an ISO date, or null when it runs all year without one. */
  readonly deadline: string | null;
  /** ISO date. */
  readonly today: string;
  /** Absent or total 0: the task promises no deliverable beyond its targets. */
  readonly milestones?: TaskMilestones;
}

/**
 * The task's work, the first row that applies. Only evidence about the work counts: how its
 * reports arrive is `taskReporting`'s.
 *
 * | work     | when                                                                               |
 * |----------|------------------------------------------------------------------------------------|
 * | late     | a target missed; an order overdue; a milestone past its due date unconfirmed;     |
 * |          | or the deadline passed with a target not met or a milestone unconfirmed          |
 * | at-risk  | a target at risk; an office reports the work blocked (受阻); an order open         |
 * | met      | it has targets or milestones, every target met and every milestone confirmed      |
 * | no-data  | no report submitted and no target has data                                         |
 * | on-track | otherwise                                                                          |
 */
export function taskWork(input: TaskStatusInput): TaskStatus {
  const { targets, openOrders, overdueOrders, deadline, today } = input;
  const pastDeadline = deadline !== null && today > deadline;
  const milestones = input.milestones ?? { total: 0, confirmed: 0, overdue: 0 };
  const deliveredAll = milestones.confirmed >= milestones.total;
  if (
    targets.includes('missed') ||
    overdueOrders > 0 ||
    milestones.overdue > 0 ||
    (pastDeadline && (targets.some((t) => t !== 'met') || !deliveredAll))
  ) {
    return 'late';
  }
  if (targets.includes('at-risk') || (input.blocked ?? 0) > 0 || openOrders > 0) return 'at-risk';
  // 已完成 means the whole promise: the figures and the deliverables, not the figures alone.
  if (targets.length + milestones.total > 0 && targets.every((t) => t === 'met') && deliveredAll) return 'met';
  if (input.reports.submitted <= 0 && targets.every((t) => t === 'no-data')) return 'no-data';
  return 'on-track';
}

/** The work axis under its former name: the `status` the API and the board have always shown. */
export const taskStatus = taskWork;

/**
 * The task's reporting, the first row that applies:
 *
 * | reporting | when                                                                  |
 * |-----------|-----------------------------------------------------------------------|
 * | none      | no report expected yet                                                |
 * | missing   | an expected report still missing after its due day                    |
 * | late      | a report handed in after its due day, or returned and owed again      |
 * | on-time   | otherwise                                                             |
 */
export function taskReporting(reports: TaskReports): TaskReporting {
  if (reports.expected <= 0) return 'none';
  if (reports.late > 0) return 'missing';
  if (reports.returned > 0 || (reports.onTime !== undefined && reports.submitted > reports.onTime)) return 'late';
  return 'on-time';
}

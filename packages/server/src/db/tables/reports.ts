import type { Generated } from 'kysely';

/** Tables of progress reporting (issue 5): one report per task, office and period. */

/**
 * 'reviewed': the office above the reporting office (a street office over its community) has
 * passed it on, and the plan office reviews it second.
 */
export const REPORT_STATUSES = ['draft', 'submitted', 'reviewed', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Statuses of a report that has been handed in: it counts as submitted, and its figures count. */
export const HANDED_IN_STATUSES = ['submitted', 'reviewed', 'accepted'] as const satisfies readonly ReportStatus[];

export function isHandedIn(status: ReportStatus): boolean {
  return (HANDED_IN_STATUSES as readonly string[]).includes(status);
}

/** Stored codes of 未启动 推进中 已完成 受阻. */
export const REPORT_PROGRESS = ['not-started', 'in-progress', 'done', 'blocked'] as const;
export type ReportProgress = (typeof REPORT_PROGRESS)[number];

/**
 * 'withdraw': the office took a submitted report back to draft before anyone reviewed it;
 * 'review': the office above passed the report on to the plan office; 'return' sends it back to
 * its office from either stage; 'attach' and 'detach' add or remove an evidence file.
 */
export const REPORT_ACTIONS = [
  'create',
  'edit',
  'submit',
  'withdraw',
  'review',
  'accept',
  'return',
  'attach',
  'detach',
] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export interface ReportTable {
  id: string;
  task_id: string;
  office_id: string;
  /** The reporting period, as the cadence names it: '2007-M06', '2007-Q2', '2007'. */
  period_key: string;
  status: ReportStatus;
  progress: ReportProgress;
  narrative: string;
  /** 0/1: the office offers this as a good practice (好经验好做法). */
  good_practice: number;
  good_practice_summary: string | null;
  submitted_at: string | null;
  /** The last day of reporting, 'YYYY-MM-DD' (China time); null: no deadline. */
  due_date: string | null;
  /** 0/1: the last submission came after the due date. */
  late: number;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** JSON [{ targetId, reason }]: targets the report gives no figure for, and why (migration 009). */
  missing_figures: Generated<string>;
}

export interface ReportFigureTable {
  id: string;
  report_id: string;
  target_id: string;
  value: number;
  /** For percents given as a fraction: value = numerator / denominator × 100. */
  numerator: number | null;
  denominator: number | null;
  /** 0/1: the value is the total since the start of the year, not this period's. */
  cumulative: number;
}

/** The report's history: every change appends one, with the report as it became. */
export interface ReportEventTable {
  id: string;
  report_id: string;
  at: string;
  user_id: string | null;
  action: ReportAction;
  comment: string | null;
  /**
   * JSON of the report and its figures after the change; an 'attach' or 'detach' event also
   * names its file (`fileName`). Events of before 'attach' were an 'edit' with the comment
   * "evidence: <name>", which the repository reads as an 'attach'.
   */
  snapshot: string;
}

/** A file offered as evidence (佐证材料); its bytes lie in the files folder under their SHA-256. */
export interface EvidenceFileTable {
  id: string;
  report_id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  created_at: string;
}

export interface ReportTables {
  reports: ReportTable;
  report_figures: ReportFigureTable;
  report_events: ReportEventTable;
  evidence_files: EvidenceFileTable;
}

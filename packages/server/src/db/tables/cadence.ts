import type { Generated } from 'kysely';

/** Tables of the reporting cadence: per-plan settings and late-report exceptions. */

/** How often and by when a plan's offices report. One row per plan; missing means the defaults. */
export interface PlanSettingsTable {
  plan_id: string;
  /** A core cadence: weekly, monthly, quarterly, half-yearly, yearly. */
  cadence: string;
  /** A period's report is due this many working days after the period ends. */
  due_working_days: number;
  /** Working days after the due date when a period's reports lock. */
  lock_days: number;
  /** The office that runs the plan (migration 015); null until an administrator names it. */
  plan_office_id: Generated<string | null>;
  version: number;
  updated_at: string;
}

/** An administrator lets an office report late for one period of a plan, until a date. */
export interface ReportExceptionTable {
  id: string;
  plan_id: string;
  office_id: string;
  period_key: string;
  /** ISO date: the report counts as on time when handed in by then. */
  until: string;
  granted_by: string | null;
  created_at: string;
}

export interface CadenceTables {
  plan_settings: PlanSettingsTable;
  report_exceptions: ReportExceptionTable;
}

import { dueDate, isLate, periodOfKey } from '@duban/core';
import type { Kysely } from 'kysely';

/**
 * Issue 10: a task may report on its own cadence (季报 while the plan's is 月报); null keeps the
 * plan's. Reports given the month's last day as their due date (the old default) get the one
 * rule's date, core's dueDate under the plan's settings, and their late flag anew: a report's
 * page then says what the status says.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('cadence', 'text').execute();
  await restampDueDates(db as Kysely<LegacyTables>);
}

interface LegacyTables {
  reports: {
    id: string;
    task_id: string;
    period_key: string;
    due_date: string | null;
    submitted_at: string | null;
    late: number;
  };
  tasks: { id: string; plan_id: string };
  plan_settings: { plan_id: string; due_working_days: number };
}

export async function restampDueDates(db: Kysely<LegacyTables>): Promise<void> {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('tasks', 'tasks.id', 'reports.task_id')
    .leftJoin('plan_settings', 'plan_settings.plan_id', 'tasks.plan_id')
    .select([
      'reports.id',
      'reports.period_key',
      'reports.due_date',
      'reports.submitted_at',
      'reports.late',
      'plan_settings.due_working_days',
    ])
    .where('reports.period_key', 'like', '%-M%')
    .execute();
  for (const r of rows) {
    const period = periodOfKey(r.period_key);
    // Only the old default: a date an administrator set stays.
    if (!period || r.due_date !== period.end) continue;
    const due = dueDate(period, r.due_working_days === null ? 5 : Number(r.due_working_days));
    const late = r.submitted_at !== null && isLate(r.submitted_at, due) ? 1 : 0;
    await db.updateTable('reports').set({ due_date: due, late }).where('id', '=', r.id).execute();
  }
}

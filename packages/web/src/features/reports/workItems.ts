import {
  effectiveCadence,
  judgingDate,
  owesReport,
  periodAt,
  periodOfKey,
  periodToReport,
  reportDueDate,
} from '@duban/core';
import type { PlanView, TaskView } from '../plans/api';
import { officesOfTask } from '../plans/board';
import type { ReportSummary } from './api';

/** Where one office stands on one task for a period: owed, or its report's status. */
export type WorkState = 'owed' | ReportSummary['status'];

export interface WorkItem {
  readonly key: string;
  readonly plan: Pick<PlanView, 'id' | 'title'>;
  readonly task: TaskView;
  readonly officeId: string;
  readonly officeName: string;
  readonly role: 'lead' | 'support';
  readonly state: WorkState;
  readonly report: ReportSummary | null;
  readonly periodKey: string;
  readonly dueDate: string | null;
  /** Still the office's to do (owed, a draft, returned) after its due date. */
  readonly overdue: boolean;
}

/** The role an office has on a task: lead when any lead assignment names it. */
function roleOf(task: TaskView, officeId: string): 'lead' | 'support' {
  const lead = task.assignments.some(
    (a) => a.role === 'lead' && (a.office?.id === officeId || a.group?.members.some((m) => m.id === officeId)),
  );
  return lead ? 'lead' : 'support';
}

/**
 * What comes first: the work the viewer must do now. A reporter fixes what came back, then what is
 * overdue, then writes; an admin reviews, then chases returns and what is overdue.
 */
type Rank = WorkState | 'overdue';
const RANK: Readonly<Record<'reporter' | 'admin', Record<Rank, number>>> = {
  reporter: { returned: 0, overdue: 1, draft: 2, owed: 3, submitted: 4, reviewed: 4, accepted: 5 },
  admin: { submitted: 0, reviewed: 0, returned: 1, overdue: 2, draft: 3, owed: 4, accepted: 5 },
};

/** Whether a plan runs in a period's year; a plan without a year runs in any. */
export function runsIn(plan: { readonly year: number | null }, periodKey: string): boolean {
  return plan.year === null || plan.year === Number(periodKey.slice(0, 4));
}

/** A plan's reporting settings, as its settings read gives them. */
export interface PlanRule {
  readonly cadence: string;
  readonly dueWorkingDays: number;
}

type PlanFacts = Pick<PlanView, 'year' | 'date'>;

/**
 * The period an office reports a task for today (core's periodToReport, as the status owes it):
 * of the task's cadence (its own, else the plan's), holding the day the plan is judged on (a plan
 * whose year has ended: its last period), never before the plan's first full period after issue.
 */
export function taskPeriod(
  plan: PlanFacts,
  task: Pick<TaskView, 'cadence'>,
  rule: PlanRule,
  today: string,
): string | null {
  const cadence = effectiveCadence(task.cadence, rule.cadence);
  const owed = { cadence, year: plan.year, issued: plan.date, dueWorkingDays: rule.dueWorkingDays };
  return periodToReport(owed, judgingDate(plan.year, today))?.key ?? null;
}

/** The period of a task's cadence a picked period (a month) falls in: the one holding its last day. */
export function periodIn(
  picked: string,
  plan: Pick<PlanView, 'year'>,
  task: Pick<TaskView, 'cadence'>,
  rule: PlanRule,
): string | null {
  const period = periodOfKey(picked);
  if (!period || !runsIn(plan, picked)) return null;
  return periodAt(effectiveCadence(task.cadence, rule.cadence), period.end).key;
}

/** A period's due date under a plan's settings (core's rule, as the server gives a new report). */
export function dueOf(rule: PlanRule, periodKey: string): string | null {
  return reportDueDate(periodKey, rule.dueWorkingDays);
}

/** Whether the report of an item waits for the office above its office, not yet for the plan office. */
export const awaitsOfficeAbove = (item: Pick<WorkItem, 'report'>): boolean =>
  item.report?.nextReviewer === 'office-above';

const OUTSTANDING: readonly WorkState[] = ['returned', 'draft'];

/**
 * Every (task, office) pair the plans assign, for one office or for all, in the period shown for
 * each plan, joined to its reports; with `outstanding`, also the returned reports and drafts of
 * any other period. Sorted by urgency, then due date, then task number.
 */
export function workItems(props: {
  plans: readonly PlanView[];
  /** Reports of the periods shown, and with `outstanding` the returned and draft ones of any period. */
  reports: readonly ReportSummary[];
  officeId: string | null;
  /** The period shown for a task of a plan ('2007-M12', '2007-Q4'); null: nothing owed in the period shown. */
  periodOf: (plan: PlanView, task: TaskView) => string | null;
  /** The due date of a plan's period with no report yet (dueOf under the plan's settings). */
  dueDateOf: (plan: PlanView, periodKey: string) => string | null;
  /** Add what is still to do from other periods: returned reports and drafts. */
  outstanding: boolean;
  /** Today in China, ISO date: what is past its due date is overdue. */
  today: string;
  viewer: 'reporter' | 'admin';
}): WorkItem[] {
  const reportOf = new Map(props.reports.map((r) => [`${r.taskId}|${r.officeId}|${r.periodKey}`, r]));
  const taskOf = new Map<string, { plan: PlanView; task: TaskView }>();
  const items = new Map<string, WorkItem>();
  const add = (plan: PlanView, task: TaskView, officeId: string, officeName: string, periodKey: string) => {
    const key = `${task.id}|${officeId}|${periodKey}`;
    if (items.has(key)) return;
    const report = reportOf.get(key) ?? null;
    const state: WorkState = report ? report.status : 'owed';
    const dueDate = report ? report.dueDate : props.dueDateOf(plan, periodKey);
    items.set(key, {
      key,
      plan: { id: plan.id, title: plan.title },
      task,
      officeId,
      officeName,
      role: roleOf(task, officeId),
      state,
      report,
      periodKey,
      dueDate,
      overdue: (state === 'owed' || OUTSTANDING.includes(state)) && dueDate !== null && dueDate < props.today,
    });
  };
  for (const plan of props.plans) {
    for (const section of plan.sections)
      for (const task of section.tasks) {
        taskOf.set(task.id, { plan, task });
        const period = props.periodOf(plan, task);
        if (period === null) continue;
        // A task assigned mid-year owes nothing for the periods before its start.
        const shown = periodOfKey(period);
        if (shown && !owesReport(shown, task.startDate)) continue;
        for (const [officeId, officeName] of officesOfTask(task)) {
          if (props.officeId && officeId !== props.officeId) continue;
          add(plan, task, officeId, officeName, period);
        }
      }
  }
  if (props.outstanding) {
    for (const r of props.reports) {
      if (!OUTSTANDING.includes(r.status)) continue;
      if (props.officeId && r.officeId !== props.officeId) continue;
      const found = taskOf.get(r.taskId);
      if (!found) continue;
      const name = officesOfTask(found.task).get(r.officeId) ?? r.officeId;
      add(found.plan, found.task, r.officeId, name, r.periodKey);
    }
  }
  // The plan office cannot act yet on what waits for the office above: it goes with the drafts.
  const rank = (i: WorkItem) => {
    const table = RANK[props.viewer];
    if (props.viewer === 'admin' && awaitsOfficeAbove(i)) return table.draft;
    if (i.state === 'returned') return table.returned;
    return i.overdue ? table.overdue : table[i.state];
  };
  const num = (n: string) => Number.parseInt(n, 10) || 0;
  return [...items.values()].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
      num(a.task.number) - num(b.task.number) ||
      a.officeName.localeCompare(b.officeName, 'zh-CN'),
  );
}

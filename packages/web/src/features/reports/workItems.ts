import type { PlanView, TaskView } from '../plans/api';
import { officesOfTask } from '../plans/board';
import type { ReportSummary } from './api';

/** Where one office stands on one task for the period: owed, or its report's status. */
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
  readonly dueDate: string | null;
}

/** The role an office has on a task: lead when any lead assignment names it. */
function roleOf(task: TaskView, officeId: string): 'lead' | 'support' {
  const lead = task.assignments.some(
    (a) => a.role === 'lead' && (a.office?.id === officeId || a.group?.members.some((m) => m.id === officeId)),
  );
  return lead ? 'lead' : 'support';
}

/** What comes first: the work the viewer must do now. A reporter fixes and writes; an admin reviews. */
const RANK: Readonly<Record<'reporter' | 'admin', Record<WorkState, number>>> = {
  reporter: { returned: 0, draft: 1, owed: 2, submitted: 3, reviewed: 3, accepted: 4 },
  admin: { submitted: 0, reviewed: 0, returned: 1, draft: 2, owed: 3, accepted: 4 },
};

/** Whether a plan runs in a period's year; a plan without a year runs in any. */
export function runsIn(plan: { readonly year: number | null }, periodKey: string): boolean {
  return plan.year === null || plan.year === Number(periodKey.slice(0, 4));
}

/**
 * The month the page opens on: this month, unless every plan's year has ended (a plan read back
 * after its year), then the last month of the latest plan — the day such a plan is judged on.
 */
export function defaultPeriod(plans: readonly { readonly year: number | null }[], current: string): string {
  const year = Number(current.slice(0, 4));
  if (plans.length === 0 || plans.some((p) => p.year === null || p.year >= year)) return current;
  return `${Math.max(...plans.map((p) => p.year as number))}-M12`;
}

/** Whether the report of an item waits for the office above its office, not yet for the plan office. */
export const awaitsOfficeAbove = (item: Pick<WorkItem, 'report'>): boolean =>
  item.report?.nextReviewer === 'office-above';

/**
 * Every (task, office) pair the plans assign, for one office or for all, joined to the period's
 * reports, sorted by urgency then due date then task number.
 */
export function workItems(props: {
  plans: readonly PlanView[];
  reports: readonly ReportSummary[];
  officeId: string | null;
  /** The period shown, '2007-M06': only plans of its year owe reports for it. */
  periodKey: string;
  dueDate: string | null;
  viewer: 'reporter' | 'admin';
}): WorkItem[] {
  const byKey = new Map(props.reports.map((r) => [`${r.taskId}|${r.officeId}`, r]));
  const items: WorkItem[] = [];
  for (const plan of props.plans.filter((p) => runsIn(p, props.periodKey)))
    for (const section of plan.sections)
      for (const task of section.tasks)
        for (const [officeId, officeName] of officesOfTask(task)) {
          if (props.officeId && officeId !== props.officeId) continue;
          const report = byKey.get(`${task.id}|${officeId}`) ?? null;
          items.push({
            key: `${task.id}|${officeId}`,
            plan: { id: plan.id, title: plan.title },
            task,
            officeId,
            officeName,
            role: roleOf(task, officeId),
            state: report ? report.status : 'owed',
            report,
            dueDate: report ? report.dueDate : props.dueDate,
          });
        }
  // The plan office cannot act yet on what waits for the office above: it goes with the drafts.
  const rank = (i: WorkItem) =>
    props.viewer === 'admin' && awaitsOfficeAbove(i) ? RANK.admin.draft : RANK[props.viewer][i.state];
  const num = (n: string) => Number.parseInt(n, 10) || 0;
  return items.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
      num(a.task.number) - num(b.task.number) ||
      a.officeName.localeCompare(b.officeName, 'zh-CN'),
  );
}

import { systemClock } from '@duban/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { MilestoneState } from '../db/tables/milestones.ts';
import { bumpPlanRevision } from '../modules/plans/plans.repository.ts';
import { derivePlanStatus } from '../modules/status/status.service.ts';

/** China-time noon of a 2007 day, as a stored timestamp. */
const noon = (date: string) => `${date}T04:00:00.000Z`;

interface Played {
  readonly state: MilestoneState;
  readonly due: string;
  readonly submitted: string | null;
  readonly confirmed: string | null;
}

/**
 * The demo's milestones as 2007 left them: each the parser proposed gets a due date and a state
 * fitting its task's work, so that every state shows and no task's status is made up — a task
 * whose work is met has its milestones confirmed; a late task has one milestone overdue; the
 * others have some confirmed, one awaiting the plan office's confirmation, the rest under way or
 * not started, due at the year's end. Writes the rows directly, as the demo's reports are.
 */
export async function playMilestones(db: Kysely<Database>, props: { planId: string; adminId: string }): Promise<void> {
  // The tasks' work as targets, reports and orders judge it: with every milestone delivered for
  // a moment, milestones do not weigh on it.
  const taskIds = db.selectFrom('tasks').select('id').where('plan_id', '=', props.planId);
  await db.updateTable('milestones').set({ state: 'confirmed' }).where('task_id', 'in', taskIds).execute();
  const status = await derivePlanStatus(db, { planId: props.planId, date: '2007-12-31', clock: systemClock });
  const statusOf = new Map(status.tasks.map((t) => [t.taskId, t.status]));
  const rows = await db
    .selectFrom('milestones')
    .innerJoin('tasks', 'tasks.id', 'milestones.task_id')
    .select(['milestones.id', 'milestones.task_id', 'milestones.due', 'milestones.version'])
    .where('tasks.plan_id', '=', props.planId)
    .orderBy('tasks.position')
    .orderBy('milestones.position')
    .execute();
  const byTask = new Map<string, typeof rows>();
  for (const r of rows) byTask.set(r.task_id, [...(byTask.get(r.task_id) ?? []), r]);

  let n = 0;
  for (const [taskId, list] of byTask) {
    const work = statusOf.get(taskId);
    for (const [i, m] of list.entries()) {
      const played = play(work, i, list.length, n++, m.due);
      await db
        .updateTable('milestones')
        .set({
          state: played.state,
          due: played.due,
          submitted_at: played.submitted === null ? null : noon(played.submitted),
          note: played.submitted === null ? null : '已按要求完成,材料见附件',
          confirmed_at: played.confirmed === null ? null : noon(played.confirmed),
          confirmed_by: played.confirmed === null ? null : props.adminId,
          version: Number(m.version) + 1,
          updated_at: noon(played.confirmed ?? played.submitted ?? '2007-07-02'),
        })
        .where('id', '=', m.id)
        .execute();
    }
  }
  await bumpPlanRevision(db, props.planId);
}

const MONTH_ENDS = ['2007-08-31', '2007-09-30', '2007-10-31', '2007-11-30'];

function play(work: string | undefined, i: number, count: number, n: number, parsedDue: string | null): Played {
  const early = parsedDue ?? (MONTH_ENDS[n % MONTH_ENDS.length] as string);
  const confirmed = (due: string): Played => ({
    state: 'confirmed',
    due,
    submitted: shift(due, -6),
    confirmed: shift(due, -2),
  });
  if (work === 'met') return confirmed(early);
  if (work === 'late') {
    // The first one is overdue: still under way weeks after its date.
    if (i === 0) return { state: 'in-progress', due: parsedDue ?? '2007-10-31', submitted: null, confirmed: null };
    return i % 2 === 1
      ? confirmed(early)
      : { state: 'submitted', due: '2007-12-31', submitted: '2007-12-20', confirmed: null };
  }
  if (work === 'no-data') return { state: 'not-started', due: '2007-12-31', submitted: null, confirmed: null };
  // On track or at risk: the early ones done, the last awaiting confirmation, one not started.
  if (i === count - 1 && count > 1)
    return { state: 'submitted', due: '2007-12-31', submitted: '2007-12-24', confirmed: null };
  if (i % 3 === 0) return confirmed(early);
  return { state: i % 3 === 1 ? 'in-progress' : 'not-started', due: '2007-12-31', submitted: null, confirmed: null };
}

/** An ISO date moved by whole days. */
function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

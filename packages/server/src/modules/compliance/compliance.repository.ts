import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface ComplianceTarget {
  readonly id: string;
  readonly taskId: string;
  readonly text: string;
  readonly op: '>=' | '<=' | '=' | '>' | '<' | 'between';
  readonly value: number;
  readonly valueHigh: number | null;
  readonly unit: string;
  readonly period: string | null;
  readonly deadline: string | null;
}

export interface ComplianceData {
  readonly plan: { readonly id: string; readonly year: number | null } | null;
  readonly targets: readonly ComplianceTarget[];
  /** Offices assigned to each task (lead or support), by task id. */
  readonly assigned: ReadonlyMap<string, readonly string[]>;
  readonly links: readonly { readonly id: string; readonly person: string }[];
  readonly visits: readonly {
    readonly linkId: string | null;
    readonly person: string;
    readonly officeId: string;
    readonly date: string;
  }[];
  readonly diaries: readonly { readonly cadre: string; readonly date: string }[];
  readonly meetings: readonly { readonly officeId: string; readonly level: string; readonly date: string }[];
  readonly trainings: readonly { readonly officeId: string; readonly date: string }[];
}

/** Everything compliance reads of a plan and the ledgers between `from` and `to`: seven queries. */
export async function loadComplianceData(
  db: Kysely<Database>,
  planId: string,
  range: { from: string; to: string },
): Promise<ComplianceData> {
  const plan = await db.selectFrom('plans').select(['id', 'year']).where('id', '=', planId).executeTakeFirst();
  if (!plan) {
    return {
      plan: null,
      targets: [],
      assigned: new Map(),
      links: [],
      visits: [],
      diaries: [],
      meetings: [],
      trainings: [],
    };
  }
  const targets = await db
    .selectFrom('targets')
    .innerJoin('tasks', 'tasks.id', 'targets.task_id')
    .select([
      'targets.id',
      'targets.task_id',
      'targets.text',
      'targets.op',
      'targets.value',
      'targets.value_high',
      'targets.unit',
      'targets.period',
      'targets.deadline',
    ])
    .where('tasks.plan_id', '=', planId)
    .where('targets.kind', '=', 'frequency')
    .orderBy('tasks.position')
    .orderBy('targets.position')
    .execute();
  const assignments = await db
    .selectFrom('task_assignments')
    .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
    .select(['task_assignments.task_id', 'task_assignments.office_id'])
    .where('tasks.plan_id', '=', planId)
    .where('task_assignments.office_id', 'is not', null)
    .orderBy('task_assignments.position')
    .execute();
  const assigned = new Map<string, string[]>();
  for (const a of assignments) {
    if (a.office_id === null) continue;
    const list = assigned.get(a.task_id) ?? [];
    if (!list.includes(a.office_id)) list.push(a.office_id);
    assigned.set(a.task_id, list);
  }
  const links = await db.selectFrom('links').select(['id', 'person']).orderBy('person').orderBy('id').execute();
  const visits = await db
    .selectFrom('visits')
    .select(['link_id', 'person', 'office_id', 'date'])
    .where('date', '>=', range.from)
    .where('date', '<=', range.to)
    .execute();
  const diaries = await db
    .selectFrom('diaries')
    .select(['cadre', 'date'])
    .where('date', '>=', range.from)
    .where('date', '<=', range.to)
    .execute();
  const meetings = await db
    .selectFrom('meetings')
    .select(['office_id', 'level', 'date'])
    .where('date', '>=', range.from)
    .where('date', '<=', range.to)
    .execute();
  const trainings = await db
    .selectFrom('trainings')
    .select(['office_id', 'date'])
    .where('date', '>=', range.from)
    .where('date', '<=', range.to)
    .execute();
  return {
    plan: { id: plan.id, year: plan.year === null ? null : Number(plan.year) },
    targets: targets.map((t) => ({
      id: t.id,
      taskId: t.task_id,
      text: t.text,
      op: t.op,
      value: Number(t.value),
      valueHigh: t.value_high === null ? null : Number(t.value_high),
      unit: t.unit,
      period: t.period,
      deadline: t.deadline,
    })),
    assigned,
    links: links.map((l) => ({ id: l.id, person: l.person })),
    visits: visits.map((v) => ({ linkId: v.link_id, person: v.person, officeId: v.office_id, date: v.date })),
    diaries: diaries.map((d) => ({ cadre: d.cadre, date: d.date })),
    meetings: meetings.map((m) => ({ officeId: m.office_id, level: m.level, date: m.date })),
    trainings: trainings.map((t) => ({ officeId: t.office_id, date: t.date })),
  };
}

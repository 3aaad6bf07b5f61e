import { chinaDate } from '@duban/core';
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
  /** A core subject key; null: read from the text (targets stored before rosters). */
  readonly subject: string | null;
}

export interface ComplianceData {
  /** `tracked`: the day in China the plan entered Duban; ledgers before it were never kept here. */
  readonly plan: { readonly id: string; readonly year: number | null; readonly tracked: string } | null;
  readonly targets: readonly ComplianceTarget[];
  /** Each task's text, by task id: a target's text may continue the sentence before it. */
  readonly taskTexts: ReadonlyMap<string, string>;
  /** Each task's lead offices and groups in the order printed, by task id. */
  readonly leads: ReadonlyMap<string, readonly { readonly officeId: string | null; readonly groupId: string | null }[]>;
  /** Each group's member office ids, by group id. */
  readonly groupMembers: ReadonlyMap<string, readonly string[]>;
  readonly offices: readonly {
    readonly id: string;
    readonly name: string;
    readonly kind: string;
    readonly aliases: readonly string[];
  }[];
  /** Everyone on the rosters. */
  readonly roster: readonly { readonly category: string; readonly name: string; readonly officeId: string | null }[];
  readonly links: readonly { readonly id: string; readonly person: string }[];
  readonly visits: readonly {
    readonly linkId: string | null;
    readonly person: string;
    readonly officeId: string;
    readonly date: string;
  }[];
  readonly diaries: readonly { readonly cadre: string; readonly officeId: string; readonly date: string }[];
  readonly meetings: readonly { readonly officeId: string; readonly level: string; readonly date: string }[];
  readonly trainings: readonly { readonly officeId: string; readonly date: string }[];
}

/** Everything compliance reads of a plan, the directory, the rosters and the ledgers between `from` and `to`. */
export async function loadComplianceData(
  db: Kysely<Database>,
  planId: string,
  range: { from: string; to: string },
): Promise<ComplianceData> {
  const plan = await db
    .selectFrom('plans')
    .select(['id', 'year', 'created_at'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) {
    return {
      plan: null,
      targets: [],
      taskTexts: new Map(),
      leads: new Map(),
      groupMembers: new Map(),
      offices: [],
      roster: [],
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
      'targets.subject',
      'tasks.text as task_text',
    ])
    .where('tasks.plan_id', '=', planId)
    .where('targets.kind', '=', 'frequency')
    .orderBy('tasks.position')
    .orderBy('targets.position')
    .execute();
  const assignments = await db
    .selectFrom('task_assignments')
    .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
    .select(['task_assignments.task_id', 'task_assignments.office_id', 'task_assignments.group_id'])
    .where('tasks.plan_id', '=', planId)
    .where('task_assignments.role', '=', 'lead')
    .orderBy('task_assignments.position')
    .execute();
  const leads = new Map<string, { officeId: string | null; groupId: string | null }[]>();
  for (const a of assignments) {
    const list = leads.get(a.task_id) ?? [];
    list.push({ officeId: a.office_id, groupId: a.group_id });
    leads.set(a.task_id, list);
  }
  const members = await db
    .selectFrom('office_group_members')
    .innerJoin('offices', 'offices.id', 'office_group_members.office_id')
    .select(['office_group_members.group_id', 'office_group_members.office_id'])
    .orderBy('offices.name')
    .execute();
  const groupMembers = new Map<string, string[]>();
  for (const m of members) {
    const list = groupMembers.get(m.group_id) ?? [];
    list.push(m.office_id);
    groupMembers.set(m.group_id, list);
  }
  const offices = await db.selectFrom('offices').select(['id', 'name', 'kind', 'aliases']).orderBy('name').execute();
  const roster = await db
    .selectFrom('roster_people')
    .select(['category', 'name', 'office_id'])
    .orderBy('name')
    .orderBy('id')
    .execute();
  const links = await db.selectFrom('links').select(['id', 'person']).orderBy('person').orderBy('id').execute();
  const visits = await db
    .selectFrom('visits')
    .select(['link_id', 'person', 'office_id', 'date'])
    .where('date', '>=', range.from)
    .where('date', '<=', range.to)
    .execute();
  const diaries = await db
    .selectFrom('diaries')
    .select(['cadre', 'office_id', 'date'])
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
    plan: { id: plan.id, year: plan.year === null ? null : Number(plan.year), tracked: chinaDate(plan.created_at) },
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
      subject: t.subject,
    })),
    taskTexts: new Map(targets.map((t) => [t.task_id, t.task_text])),
    leads,
    groupMembers,
    offices: offices.map((o) => ({ id: o.id, name: o.name, kind: o.kind, aliases: JSON.parse(o.aliases) as string[] })),
    roster: roster.map((r) => ({ category: r.category, name: r.name, officeId: r.office_id })),
    links: links.map((l) => ({ id: l.id, person: l.person })),
    visits: visits.map((v) => ({ linkId: v.link_id, person: v.person, officeId: v.office_id, date: v.date })),
    diaries: diaries.map((d) => ({ cadre: d.cadre, officeId: d.office_id, date: d.date })),
    meetings: meetings.map((m) => ({ officeId: m.office_id, level: m.level, date: m.date })),
    trainings: trainings.map((t) => ({ officeId: t.office_id, date: t.date })),
  };
}

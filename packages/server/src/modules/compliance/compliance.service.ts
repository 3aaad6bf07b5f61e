import {
  type Attainment,
  type AttainmentTarget,
  type Clock,
  chinaToday,
  type FrequencySubject,
  frequencySubjectKey,
  judgingDate,
  PERIODS,
  type Period,
  type PeriodCount,
  parseSubjectKey,
  satisfies,
  subjectKey,
  targetAttainment,
  unitClass,
} from '@duban/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { findPlanHead } from '../status/status.repository.ts';
import { type ComplianceData, type ComplianceTarget, loadComplianceData } from './compliance.repository.ts';
import {
  buildTable,
  type ComplianceCell,
  type CountedEntry,
  type Ledger,
  type MeetingLevel,
  mapTarget,
  type PeriodColumn,
} from './compliance.ts';

export interface TargetCompliance {
  readonly targetId: string;
  readonly taskId: string;
  readonly text: string;
  readonly period: Period;
  readonly ledger: Ledger | 'unmapped';
  readonly level: MeetingLevel | null;
  /** Whom the target binds, a core subject key: roster:区级领导, class:street, district, leads … */
  readonly subject: string;
  /** Who is counted: persons of a roster (by name) or offices (by id); null when unmapped. */
  readonly subjectKind: 'person' | 'office' | null;
  readonly attainment: Attainment;
  readonly periods: PeriodColumn[];
  readonly subjects: string[];
  readonly cells: ComplianceCell[];
}

export interface PlanCompliance {
  readonly planId: string;
  readonly date: string;
  readonly targets: TargetCompliance[];
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/u;

function uniq(items: Iterable<string>): string[] {
  return [...new Set(items)];
}

/** Who a target binds, resolved against the directory and the rosters: person names or office ids. */
interface Subjects {
  readonly kind: 'person' | 'office';
  readonly subjects: string[];
  /** A person's office, for ledgers kept by office (meetings, trainings). */
  readonly officeOf: ReadonlyMap<string, string | null>;
}

function subjectsOf(data: ComplianceData, target: ComplianceTarget, subject: FrequencySubject): Subjects {
  const none = new Map<string, string | null>();
  const expand = (lead: { officeId: string | null; groupId: string | null }): readonly string[] =>
    lead.officeId !== null ? [lead.officeId] : lead.groupId !== null ? (data.groupMembers.get(lead.groupId) ?? []) : [];
  const leads = data.leads.get(target.taskId) ?? [];
  switch (subject.kind) {
    case 'roster': {
      const people = data.roster.filter((p) => p.category === subject.category);
      return {
        kind: 'person',
        subjects: uniq(people.map((p) => p.name)).sort(),
        officeOf: new Map(people.map((p) => [p.name, p.officeId])),
      };
    }
    case 'class':
      return {
        kind: 'office',
        subjects: data.offices.filter((o) => unitClass(o) === subject.unitClass).map((o) => o.id),
        officeOf: none,
      };
    case 'group':
      return { kind: 'office', subjects: [...(data.groupMembers.get(subject.groupId) ?? [])], officeOf: none };
    case 'district': {
      const first = leads[0];
      return { kind: 'office', subjects: first ? uniq(expand(first)) : [], officeOf: none };
    }
    case 'leads':
      return { kind: 'office', subjects: uniq(leads.flatMap(expand)), officeOf: none };
  }
}

/** The ledger entries of one target, each counted for the subject it belongs to. */
function entriesOf(data: ComplianceData, who: Subjects, ledger: Ledger, level: MeetingLevel | null): CountedEntry[] {
  if (who.kind === 'person') {
    const personOf = new Map(data.links.map((l) => [l.id, l.person]));
    // Ledgers kept by office count for each person of the roster in that office.
    const byOffice = (officeId: string, date: string) =>
      who.subjects.filter((s) => who.officeOf.get(s) === officeId).map((subject) => ({ subject, date }));
    switch (ledger) {
      case 'diaries':
        return data.diaries.map((d) => ({ subject: d.cadre, date: d.date }));
      case 'visits':
        return data.visits.map((v) => ({
          subject: (v.linkId !== null ? personOf.get(v.linkId) : undefined) ?? v.person,
          date: v.date,
        }));
      case 'meetings':
        return data.meetings
          .filter((m) => level === null || m.level === level)
          .flatMap((m) => byOffice(m.officeId, m.date));
      case 'trainings':
        return data.trainings.flatMap((t) => byOffice(t.officeId, t.date));
    }
  }
  switch (ledger) {
    case 'diaries':
      return data.diaries.map((d) => ({ subject: d.officeId, date: d.date }));
    case 'visits':
      return data.visits.map((v) => ({ subject: v.officeId, date: v.date }));
    case 'meetings':
      return data.meetings
        .filter((m) => level === null || m.level === level)
        .map((m) => ({ subject: m.officeId, date: m.date }));
    case 'trainings':
      return data.trainings.map((t) => ({ subject: t.officeId, date: t.date }));
  }
}

/** The subject a target binds: as stored, else as read from its text in its task's text. */
function subjectOfTarget(data: ComplianceData, t: ComplianceTarget): FrequencySubject {
  const stored = t.subject === null ? null : parseSubjectKey(t.subject);
  if (stored) return stored;
  const key = frequencySubjectKey(t.text, t.period, data.taskTexts.get(t.taskId) ?? '');
  return parseSubjectKey(key) ?? { kind: 'leads' };
}

/** A target's table and attainment on `date`, and what core's attainment was given for it. */
interface Judged {
  readonly view: TargetCompliance;
  /** The per-subject period counts targetAttainment judged; null for an unmapped target. */
  readonly context: FrequencyContext | null;
}

/** What a frequency target's attainment reads: every subject's count in every period, and which closed. */
export interface FrequencyContext {
  readonly counts: readonly PeriodCount[];
  readonly subjects: readonly string[];
  readonly closedPeriods: readonly string[];
}

/** Every frequency target of the loaded plan judged on `date` in the plan's `year`. */
function judgeAll(data: ComplianceData, year: number, date: string): Judged[] {
  return data.targets
    .filter((t) => (PERIODS as readonly string[]).includes(t.period ?? ''))
    .map((t): Judged => {
      const period = t.period as Period;
      const value: AttainmentTarget['value'] =
        t.op === 'between' && t.valueHigh !== null ? [t.value, t.valueHigh] : t.value;
      const mapping = mapTarget({ text: t.text, unit: t.unit, period });
      const subject = subjectOfTarget(data, t);
      const base = {
        targetId: t.id,
        taskId: t.taskId,
        text: t.text,
        period,
        level: mapping.level,
        subject: subjectKey(subject),
      };
      if (mapping.ledger === 'unmapped') {
        const view: TargetCompliance = {
          ...base,
          ledger: 'unmapped',
          subjectKind: null,
          attainment: 'no-data',
          periods: [],
          subjects: [],
          cells: [],
        };
        return { view, context: null };
      }
      const who = subjectsOf(data, t, subject);
      const table = buildTable({
        period,
        year,
        date,
        satisfied: (count) => satisfies(count, t.op, value),
        subjects: who.subjects,
        entries: entriesOf(data, who, mapping.ledger, mapping.level),
      });
      const context: FrequencyContext = {
        counts: table.cells.map((c) => ({ subject: c.subject, periodKey: c.periodKey, count: c.count })),
        subjects: who.subjects,
        // Only periods that closed after the plan entered Duban are judged: ledgers of a plan
        // imported after its year were never kept here (as its reports were never owed here).
        closedPeriods: table.periods.filter((p) => p.closed && p.end >= (data.plan?.tracked ?? '')).map((p) => p.key),
      };
      const attainment = targetAttainment(
        { kind: 'frequency', op: t.op, value, unit: t.unit, period, deadline: t.deadline },
        [],
        date,
        { planYear: year, ...context },
      );
      const view: TargetCompliance = {
        ...base,
        ledger: mapping.ledger,
        subjectKind: who.kind,
        attainment,
        periods: table.periods,
        subjects: who.subjects,
        cells: table.cells,
      };
      return { view, context };
    });
}

/** The ledger dates a plan's year is counted from: ISO weeks may start in December and end in January. */
function ledgerRange(year: number, date: string): { from: string; to: string } {
  const yearEnd = `${year + 1}-01-10`;
  return { from: `${year - 1}-12-01`, to: date < yearEnd ? date : yearEnd };
}

/**
 * The per-subject period counts of each mapped frequency target of a plan on `date`, by target
 * id: what the plan's status feeds core's targetAttainment, so that the board, the dashboard and
 * the status API judge these targets as the compliance table does (one source).
 */
export async function frequencyContexts(
  db: Kysely<Database>,
  props: { planId: string; year: number; date: string },
): Promise<Map<string, FrequencyContext>> {
  const data = await loadComplianceData(db, props.planId, ledgerRange(props.year, props.date));
  const out = new Map<string, FrequencyContext>();
  for (const j of judgeAll(data, props.year, props.date)) if (j.context) out.set(j.view.targetId, j.context);
  return out;
}

/**
 * Frequency compliance of a plan on `date` (by default judgingDate: `today` in China, or the last
 * day of the plan's year once that has ended): for each frequency target, the ledger it is
 * counted from (compliance.ts), whom it binds (every person of its roster category, or every
 * office of its subject, including those who logged nothing), each one's count in each period of
 * the plan's year begun by then, and core's frequency attainment over the closed periods.
 */
export async function planCompliance(
  db: Kysely<Database>,
  props: { planId: string; date?: string | undefined; clock: Clock },
): Promise<PlanCompliance> {
  const asked = props.date;
  if (asked !== undefined && !DATE.test(asked)) {
    throw new AppError(
      'bad-input',
      { en: `"${asked}" is not a date like 2007-07-20`, zh: `“${asked}”不是有效日期,应写作 2007-07-20 的形式` },
      'date',
    );
  }
  const head = await findPlanHead(db, props.planId);
  if (!head) throw notFound({ en: 'Plan', zh: '工作要点' });
  const date = asked ?? judgingDate(head.year, chinaToday(props.clock));
  // The plan's year is counted, whenever it is judged: a look back from the next year still sees it.
  const year = head.year ?? Number(date.slice(0, 4));
  const data = await loadComplianceData(db, props.planId, ledgerRange(year, date));
  if (!data.plan) throw notFound({ en: 'Plan', zh: '工作要点' });
  return { planId: data.plan.id, date, targets: judgeAll(data, year, date).map((j) => j.view) };
}

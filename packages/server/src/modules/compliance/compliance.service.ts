import {
  type Attainment,
  type AttainmentTarget,
  type Clock,
  chinaToday,
  judgingDate,
  PERIODS,
  type Period,
  type PeriodCount,
  satisfies,
  targetAttainment,
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
  /** Who is counted: cadres, linked persons or office ids, by ledger. */
  readonly subjectKind: 'cadre' | 'person' | 'office' | null;
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

/** The subjects and counted entries of a ledger for one target. */
function countedOf(
  data: ComplianceData,
  target: ComplianceTarget,
  ledger: Ledger,
  level: MeetingLevel | null,
): { subjectKind: 'cadre' | 'person' | 'office'; subjects: string[]; entries: CountedEntry[] } {
  const assigned = data.assigned.get(target.taskId) ?? [];
  switch (ledger) {
    case 'diaries': {
      const entries = data.diaries.map((d) => ({ subject: d.cadre, date: d.date }));
      return { subjectKind: 'cadre', subjects: uniq(entries.map((e) => e.subject)).sort(), entries };
    }
    case 'visits': {
      if (data.links.length === 0) {
        const entries = data.visits.map((v) => ({ subject: v.officeId, date: v.date }));
        return { subjectKind: 'office', subjects: uniq([...assigned, ...entries.map((e) => e.subject)]), entries };
      }
      const personOf = new Map(data.links.map((l) => [l.id, l.person]));
      const entries = data.visits.map((v) => ({
        subject: (v.linkId !== null ? personOf.get(v.linkId) : undefined) ?? v.person,
        date: v.date,
      }));
      return { subjectKind: 'person', subjects: uniq(data.links.map((l) => l.person)), entries };
    }
    case 'meetings': {
      const entries = data.meetings
        .filter((m) => level === null || m.level === level)
        .map((m) => ({ subject: m.officeId, date: m.date }));
      return { subjectKind: 'office', subjects: uniq([...assigned, ...entries.map((e) => e.subject)]), entries };
    }
    case 'trainings': {
      const entries = data.trainings.map((t) => ({ subject: t.officeId, date: t.date }));
      return { subjectKind: 'office', subjects: uniq([...assigned, ...entries.map((e) => e.subject)]), entries };
    }
  }
}

/**
 * Frequency compliance of a plan on `date` (by default judgingDate: today in China, or the last
 * day of the plan's year once that has ended): for each frequency target,
 * the ledger it is counted from (compliance.ts), each subject's count in each period of the plan's
 * year begun by then, and core's frequency attainment over the closed periods.
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
  // ISO week 1 may start in late December of the year before, and the last week end in January.
  const yearEnd = `${year + 1}-01-10`;
  const range = { from: `${year - 1}-12-01`, to: date < yearEnd ? date : yearEnd };
  const data = await loadComplianceData(db, props.planId, range);
  if (!data.plan) throw notFound({ en: 'Plan', zh: '工作要点' });
  const targets = data.targets
    .filter((t) => (PERIODS as readonly string[]).includes(t.period ?? ''))
    .map((t): TargetCompliance => {
      const period = t.period as Period;
      const value: AttainmentTarget['value'] =
        t.op === 'between' && t.valueHigh !== null ? [t.value, t.valueHigh] : t.value;
      const mapping = mapTarget({ text: t.text, unit: t.unit, period });
      const base = { targetId: t.id, taskId: t.taskId, text: t.text, period, level: mapping.level };
      if (mapping.ledger === 'unmapped') {
        return {
          ...base,
          ledger: 'unmapped',
          subjectKind: null,
          attainment: 'no-data',
          periods: [],
          subjects: [],
          cells: [],
        };
      }
      const { subjectKind, subjects, entries } = countedOf(data, t, mapping.ledger, mapping.level);
      const table = buildTable({
        period,
        year,
        date,
        satisfied: (count) => satisfies(count, t.op, value),
        subjects,
        entries,
      });
      const counts: PeriodCount[] = table.cells.map((c) => ({
        subject: c.subject,
        periodKey: c.periodKey,
        count: c.count,
      }));
      const attainment = targetAttainment(
        { kind: 'frequency', op: t.op, value, unit: t.unit, period, deadline: t.deadline },
        [],
        date,
        { planYear: year, counts, subjects, closedPeriods: table.periods.filter((p) => p.closed).map((p) => p.key) },
      );
      return {
        ...base,
        ledger: mapping.ledger,
        subjectKind,
        attainment,
        periods: table.periods,
        subjects,
        cells: table.cells,
      };
    });
  return { planId: data.plan.id, date, targets };
}

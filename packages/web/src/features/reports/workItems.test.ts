import { describe, expect, it } from 'vitest';
import type { PlanView } from '../plans/api';
import { defaultPeriod, runsIn, workItems } from './workItems';

const plan = (id: string, year: number | null): PlanView =>
  ({
    id,
    title: id,
    year,
    sections: [
      {
        id: `${id}-s`,
        tasks: [
          {
            id: `${id}-t`,
            number: '1',
            assignments: [{ role: 'lead', office: { id: 'o1', name: '区卫生局' }, group: null }],
          },
        ],
      },
    ],
  }) as unknown as PlanView;

describe('the reporter page’s period', () => {
  it('opens on this month while some plan runs in this year or later', () => {
    expect(defaultPeriod([{ year: 2007 }, { year: 2026 }], '2026-M11')).toBe('2026-M11');
    expect(defaultPeriod([{ year: null }], '2026-M11')).toBe('2026-M11');
    expect(defaultPeriod([], '2026-M11')).toBe('2026-M11');
  });

  it('opens on the last month of the latest plan when every plan’s year has ended', () => {
    expect(defaultPeriod([{ year: 2007 }, { year: 2009 }], '2026-M11')).toBe('2009-M12');
  });

  it('asks only plans of the period’s year for reports', () => {
    expect(runsIn({ year: 2007 }, '2007-M06')).toBe(true);
    expect(runsIn({ year: 2007 }, '2026-M06')).toBe(false);
    expect(runsIn({ year: null }, '2026-M06')).toBe(true);
    const items = workItems({
      plans: [plan('old', 2007), plan('now', 2026)],
      reports: [],
      officeId: null,
      periodKey: '2026-M11',
      dueDate: '2026-11-30',
      viewer: 'reporter',
    });
    expect(items.map((i) => i.plan.id)).toEqual(['now']);
    expect(items[0]).toMatchObject({ officeId: 'o1', role: 'lead', state: 'owed' });
  });
});

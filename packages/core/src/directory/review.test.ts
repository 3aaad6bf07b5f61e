import { describe, expect, it } from 'vitest';
import type { Item } from '../schema/plan.ts';
import { deadlineDate, isUndatedDeadline } from '../status/deadline.ts';
import { emptyGroupOf } from './resolve.ts';
import { reviewWarnings } from './review.ts';

const item = (number: string, fields: Partial<Item>): Item => ({
  number,
  title: `事项${number}`,
  text: '',
  lead: [],
  support: [],
  indicators: [],
  ...fields,
});

const target = (deadline: string | null) => ({
  text: '90%以上规模以上非公有制企业完成党组织组建',
  kind: 'level' as const,
  op: '>=' as const,
  value: 90,
  unit: '%',
  period: null,
  baseline: null,
  deadline,
});

describe('isUndatedDeadline', () => {
  it('flags a phrase tied to an event, not a date, and nothing else', () => {
    expect(isUndatedDeadline('党的十七大召开之前', 2007)).toBe(true);
    expect(isUndatedDeadline('会议召开之前', 2007)).toBe(true);
    expect(isUndatedDeadline('年内', 2007)).toBe(false);
    expect(isUndatedDeadline('6月底前', 2007)).toBe(false);
    expect(isUndatedDeadline(null, 2007)).toBe(false);
    expect(isUndatedDeadline('  ', 2007)).toBe(false);
  });

  it('reads the ISO date a person entered for such a phrase', () => {
    expect(deadlineDate('2007-10-15', 2007)).toBe('2007-10-15');
    expect(isUndatedDeadline('2007-10-15', 2007)).toBe(false);
    expect(deadlineDate('2007-02-30', 2007)).toBeNull();
  });
});

describe('emptyGroupOf', () => {
  const directory = {
    offices: [],
    groups: [
      { id: 'g1', name: '各派驻单位', aliases: [], memberCount: 0 },
      { id: 'g2', name: '各街道办事处', aliases: [], memberCount: 10 },
      { id: 'g3', name: '区直机关', aliases: [] },
    ],
  };
  it('names a group with no members, and only such a group', () => {
    expect(emptyGroupOf(directory, { kind: 'group', id: 'g1' })?.name).toBe('各派驻单位');
    expect(emptyGroupOf(directory, { kind: 'group', id: 'g2' })).toBeNull();
    // Members not counted: no claim either way.
    expect(emptyGroupOf(directory, { kind: 'group', id: 'g3' })).toBeNull();
    expect(emptyGroupOf(directory, { kind: 'office', id: 'g1' })).toBeNull();
  });
});

describe('reviewWarnings', () => {
  it('flags undated deadlines of items and targets, and each mention of an empty group once', () => {
    const plan = {
      sections: [
        {
          number: '一',
          title: '基层党建',
          items: [
            item('1', { indicators: [target('年内'), target('党的十七大召开之前')], lead: ['各派驻单位'] }),
            item('2', { deadline: '会议召开之前', lead: ['区委组织部'], support: ['各派驻单位', '有关职能部门'] }),
          ],
        },
      ],
    };
    const empty: Record<string, string> = { 各派驻单位: '各派驻单位', 有关职能部门: '有关职能部门' };
    const warnings = reviewWarnings(plan, { year: 2007, emptyGroup: (m) => empty[m] ?? null });
    expect(warnings.map((w) => [w.code, w.item, w.target ?? w.mention ?? null, w.excerpt])).toEqual([
      ['undated-deadline', '1', 1, '党的十七大召开之前'],
      ['undated-deadline', '2', null, '会议召开之前'],
      ['empty-group', '1', '各派驻单位', '各派驻单位'],
      ['empty-group', '2', '有关职能部门', '有关职能部门'],
    ]);
  });

  it('has nothing to say about a plan whose deadlines are dates and whose groups have members', () => {
    const plan = {
      sections: [{ number: '一', title: 'x', items: [item('1', { deadline: '6月底前', lead: ['区委'] })] }],
    };
    expect(reviewWarnings(plan, { year: 2007, emptyGroup: () => null })).toEqual([]);
  });
});

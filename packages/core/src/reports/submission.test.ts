import { describe, expect, it } from 'vitest';
import { asksOffice, submissionProblems, targetsDue } from './submission.ts';

const level = { id: 't1', kind: 'level' } as const;
const change = { id: 't2', kind: 'change' } as const;
const frequency = { id: 't3', kind: 'frequency' } as const;
const empty = { narrative: '', figures: [], missingFigures: [] };

describe('targetsDue', () => {
  it('owes figures for level and change targets, not for frequency targets counted from the ledgers', () => {
    expect(targetsDue([level, change, frequency]).map((t) => t.id)).toEqual(['t1', 't2']);
  });
});

describe('submissionProblems', () => {
  it('refuses an untouched draft: no narrative, no figure', () => {
    expect(submissionProblems(empty, [level])).toEqual([
      { code: 'narrative' },
      { code: 'figure', targetId: 't1', index: 0 },
    ]);
  });

  it('asks only for a narrative on a task without targets', () => {
    expect(submissionProblems(empty, [])).toEqual([{ code: 'narrative' }]);
    expect(submissionProblems({ ...empty, narrative: '已召开推进会' }, [])).toEqual([]);
  });

  it('takes blank space for no narrative', () => {
    expect(submissionProblems({ ...empty, narrative: ' \n ' }, [])).toEqual([{ code: 'narrative' }]);
  });

  it('accepts a figure for each target due, or a stated reason for one that is missing', () => {
    const draft = {
      narrative: '推进中',
      figures: [{ targetId: 't1' }],
      missingFigures: [{ targetId: 't2', reason: '统计局数据下月发布' }],
    };
    expect(submissionProblems(draft, [level, change, frequency])).toEqual([]);
  });

  it('does not take an empty reason for a reason', () => {
    const draft = { narrative: '推进中', figures: [], missingFigures: [{ targetId: 't2', reason: '  ' }] };
    expect(submissionProblems(draft, [level, change])).toEqual([
      { code: 'figure', targetId: 't1', index: 0 },
      { code: 'figure', targetId: 't2', index: 1 },
    ]);
  });

  it('never asks for a frequency target’s figure', () => {
    expect(submissionProblems({ ...empty, narrative: '已走访' }, [frequency])).toEqual([]);
  });
});

describe('targets with their own offices', () => {
  const own = { id: 'injury', kind: 'level' as const, offices: ['labour'] };
  const shared = { id: 'medical', kind: 'level' as const, offices: null };

  it('asks only the named offices for the figure', () => {
    expect(asksOffice(own, 'labour')).toBe(true);
    expect(asksOffice(own, 'health')).toBe(false);
    expect(asksOffice(shared, 'health')).toBe(true);
    expect(targetsDue([own, shared], 'health').map((t) => t.id)).toEqual(['medical']);
  });

  it('does not hold another office to a figure it is not asked for', () => {
    const draft = { narrative: '已推进', figures: [{ targetId: 'medical' }], missingFigures: [] };
    expect(submissionProblems(draft, [own, shared], 'health')).toEqual([]);
    expect(submissionProblems(draft, [own, shared], 'labour')).toEqual([
      { code: 'figure', targetId: 'injury', index: 0 },
    ]);
  });
});

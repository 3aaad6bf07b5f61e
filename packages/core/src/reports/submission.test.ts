import { describe, expect, it } from 'vitest';
import { submissionProblems, targetsDue } from './submission.ts';

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

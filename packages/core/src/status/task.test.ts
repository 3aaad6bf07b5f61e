import { describe, expect, it } from 'vitest';
import type { Attainment } from './attainment.ts';
import { type TaskStatus, type TaskStatusInput, taskStatus } from './task.ts';

const input = (over: Partial<TaskStatusInput> = {}): TaskStatusInput => ({
  targets: [],
  reports: { expected: 2, submitted: 1, returned: 0, late: 0 },
  openOrders: 0,
  overdueOrders: 0,
  deadline: '2007-12-31',
  today: '2007-07-01',
  ...over,
});
const reports = (submitted: number, returned = 0, late = 0) => ({ expected: 2, submitted, returned, late });

describe('taskStatus', () => {
  it.each<[string, TaskStatusInput, TaskStatus]>([
    ['a missed target', input({ targets: ['met', 'missed'] }), 'late'],
    ['a report missing after its due date', input({ targets: ['on-track'], reports: reports(1, 0, 1) }), 'late'],
    ['an overdue order', input({ targets: ['met'], overdueOrders: 1, openOrders: 1 }), 'late'],
    ['past the deadline, not all met', input({ targets: ['met', 'on-track'], today: '2008-01-02' }), 'late'],
    ['past the deadline, all met', input({ targets: ['met', 'met'], today: '2008-01-02' }), 'met'],
    ['past the deadline, no targets', input({ today: '2008-01-02' }), 'on-track'],
    ['a target at risk', input({ targets: ['met', 'at-risk'] }), 'at-risk'],
    ['a returned report', input({ targets: ['on-track'], reports: reports(1, 1) }), 'at-risk'],
    ['an open order', input({ targets: ['met'], openOrders: 1 }), 'at-risk'],
    ['late beats at risk', input({ targets: ['at-risk', 'missed'], openOrders: 1 }), 'late'],
    ['every target met', input({ targets: ['met', 'met', 'met'] }), 'met'],
    ['met with no reports yet', input({ targets: ['met'], reports: reports(0) }), 'met'],
    ['nothing reported, no targets', input({ reports: reports(0) }), 'no-data'],
    [
      'targets met, a milestone unconfirmed',
      input({ targets: ['met'], milestones: { total: 2, confirmed: 1, overdue: 0 } }),
      'on-track',
    ],
    [
      'targets met, every milestone confirmed',
      input({ targets: ['met'], milestones: { total: 2, confirmed: 2, overdue: 0 } }),
      'met',
    ],
    ['milestones only, all confirmed', input({ milestones: { total: 1, confirmed: 1, overdue: 0 } }), 'met'],
    [
      'a milestone past its due date unconfirmed',
      input({ targets: ['met'], milestones: { total: 2, confirmed: 1, overdue: 1 } }),
      'late',
    ],
    [
      'past the task deadline with a milestone unconfirmed',
      input({ today: '2008-01-02', milestones: { total: 1, confirmed: 0, overdue: 0 } }),
      'late',
    ],
    ['nothing reported, targets without data', input({ targets: ['no-data'], reports: reports(0) }), 'no-data'],
    ['a report but no target data', input({ targets: ['no-data'] }), 'on-track'],
    ['targets on track', input({ targets: ['on-track', 'met'] }), 'on-track'],
    ['figures but no report', input({ targets: ['on-track'], reports: reports(0) }), 'on-track'],
    ['no deadline', input({ targets: ['on-track'], deadline: null, today: '2099-01-01' }), 'on-track'],
  ])('%s → %s', (_, given, status) => expect(taskStatus(given)).toBe(status));

  it('never reports met while anything is late or at risk', () => {
    const all: Attainment[] = ['met', 'on-track', 'at-risk', 'missed', 'no-data'];
    for (const a of all) {
      for (const b of all) {
        const status = taskStatus(input({ targets: [a, b] }));
        if (a === 'missed' || b === 'missed') expect(status).toBe('late');
        else if (a === 'at-risk' || b === 'at-risk') expect(status).toBe('at-risk');
        else if (a === 'met' && b === 'met') expect(status).toBe('met');
        else expect(status).toBe('on-track');
      }
    }
  });
});

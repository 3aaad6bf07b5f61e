import { describe, expect, it } from 'vitest';
import type { Attainment } from './attainment.ts';
import {
  type TaskReporting,
  type TaskStatus,
  type TaskStatusInput,
  taskReporting,
  taskStatus,
  taskWork,
} from './task.ts';

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

describe('taskWork', () => {
  it.each<[string, TaskStatusInput, TaskStatus]>([
    ['a missed target', input({ targets: ['met', 'missed'] }), 'late'],
    ['an overdue order', input({ targets: ['met'], overdueOrders: 1, openOrders: 1 }), 'late'],
    ['past the deadline, not all met', input({ targets: ['met', 'on-track'], today: '2008-01-02' }), 'late'],
    ['past the deadline, all met', input({ targets: ['met', 'met'], today: '2008-01-02' }), 'met'],
    ['past the deadline, no targets', input({ today: '2008-01-02' }), 'on-track'],
    ['a target at risk', input({ targets: ['met', 'at-risk'] }), 'at-risk'],
    ['a report blocked (受阻)', input({ targets: ['on-track'], blocked: 1 }), 'at-risk'],
    ['blocked with every target met', input({ targets: ['met'], blocked: 1 }), 'at-risk'],
    ['blocked before any figure', input({ reports: reports(0), blocked: 1 }), 'at-risk'],
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

  it('is the status the API has always called taskStatus', () => {
    expect(taskStatus).toBe(taskWork);
  });

  // A reporting lapse is not lagging work: it shows on the reporting axis only.
  it.each<[string, TaskStatusInput, TaskStatus]>([
    ['one report missing after its due date', input({ targets: ['on-track'], reports: reports(1, 0, 1) }), 'on-track'],
    [
      'every report missing, no targets',
      input({ reports: { expected: 2, submitted: 0, returned: 0, late: 2 } }),
      'no-data',
    ],
    ['a returned report', input({ targets: ['on-track'], reports: reports(1, 1) }), 'on-track'],
    ['a missing report, every target met', input({ targets: ['met'], reports: reports(1, 0, 1) }), 'met'],
  ])('%s → %s (not late)', (_, given, status) => expect(taskWork(given)).toBe(status));

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

describe('taskReporting', () => {
  const r = (over: Partial<Parameters<typeof taskReporting>[0]> = {}) => ({
    expected: 3,
    submitted: 3,
    onTime: 3,
    returned: 0,
    late: 0,
    ...over,
  });
  it.each<[string, Parameters<typeof taskReporting>[0], TaskReporting]>([
    ['every report in by its due day', r(), 'on-time'],
    ['nothing expected yet', r({ expected: 0, submitted: 0, onTime: 0 }), 'none'],
    ['a report missing after its due day', r({ submitted: 2, onTime: 2, late: 1 }), 'missing'],
    ['a report handed in after its due day', r({ onTime: 2 }), 'late'],
    ['a returned report owed again', r({ submitted: 2, onTime: 2, returned: 1 }), 'late'],
    ['missing beats late', r({ submitted: 1, onTime: 0, late: 2 }), 'missing'],
    ['a period closed but not yet due', r({ submitted: 2, onTime: 2 }), 'on-time'],
    ['without an on-time count', { expected: 2, submitted: 2, returned: 0, late: 0 }, 'on-time'],
  ])('%s → %s', (_, given, reporting) => expect(taskReporting(given)).toBe(reporting));

  it('does not depend on targets or orders: the work does', () => {
    const lapse = { expected: 2, submitted: 1, returned: 0, late: 1 };
    expect(taskReporting(lapse)).toBe('missing');
    expect(taskWork(input({ targets: ['met'], reports: lapse }))).toBe('met');
  });
});

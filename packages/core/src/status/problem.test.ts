import { describe, expect, it } from 'vitest';
import { isOrderOpen, isProblemOverdue, planOfDate } from './problem.ts';

describe('isProblemOverdue', () => {
  it('is overdue when open or in progress past its deadline', () => {
    expect(isProblemOverdue({ status: 'open', deadline: '2007-03-31' }, '2007-04-01')).toBe(true);
    expect(isProblemOverdue({ status: 'in-progress', deadline: '2007-03-31' }, '2007-12-31')).toBe(true);
  });
  it('is not overdue on its deadline day, without a deadline, or once closed', () => {
    expect(isProblemOverdue({ status: 'open', deadline: '2007-03-31' }, '2007-03-31')).toBe(false);
    expect(isProblemOverdue({ status: 'open', deadline: null }, '2030-01-01')).toBe(false);
    expect(isProblemOverdue({ status: 'closed', deadline: '2007-03-31' }, '2030-01-01')).toBe(false);
  });
});

describe('isOrderOpen', () => {
  it('counts every state but closed as open', () => {
    expect(isOrderOpen('drafted')).toBe(true);
    expect(isOrderOpen('verified')).toBe(true);
    expect(isOrderOpen('closed')).toBe(false);
  });
});

describe('planOfDate', () => {
  const plans = [
    { id: 'b', year: 2026, createdAt: '2026-02-01T00:00:00Z' },
    { id: 'a', year: 2007, createdAt: '2026-01-01T00:00:00Z' },
    { id: 'c', year: 2026, createdAt: '2026-01-15T00:00:00Z' },
  ];
  it('picks the plan of the date’s year, the earliest imported of several', () => {
    expect(planOfDate(plans, '2007-05-02')?.id).toBe('a');
    expect(planOfDate(plans, '2026-05-02')?.id).toBe('c');
  });
  it('picks none when no plan is of that year', () => {
    expect(planOfDate(plans, '2010-05-02')).toBeNull();
  });
});

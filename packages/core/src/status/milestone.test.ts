import { describe, expect, it } from 'vitest';
import { countMilestones, mayMoveMilestone, milestoneMoves } from './milestone.ts';

const owner = { role: 'reporter', officeId: 'civil' };
const other = { role: 'reporter', officeId: 'health' };
const planOffice = { role: 'admin', officeId: null };
const planOfficeOwner = { role: 'admin', officeId: 'civil' };

describe('milestoneMoves', () => {
  it('lets the owner start, submit and attach, and nothing else', () => {
    expect(milestoneMoves({ state: 'not-started', ownerOfficeId: 'civil' }, owner)).toEqual([
      'start',
      'submit',
      'attach',
    ]);
    expect(milestoneMoves({ state: 'submitted', ownerOfficeId: 'civil' }, owner)).toEqual(['attach']);
    expect(milestoneMoves({ state: 'confirmed', ownerOfficeId: 'civil' }, owner)).toEqual([]);
  });

  it('lets the plan office confirm or send back, never for its own office', () => {
    expect(milestoneMoves({ state: 'submitted', ownerOfficeId: 'civil' }, planOffice)).toEqual([
      'confirm',
      'return',
      'attach',
    ]);
    expect(milestoneMoves({ state: 'confirmed', ownerOfficeId: 'civil' }, planOffice)).toEqual(['return']);
    expect(mayMoveMilestone('confirm', { ownerOfficeId: 'civil' }, planOfficeOwner)).toBe(false);
    expect(milestoneMoves({ state: 'submitted', ownerOfficeId: 'civil' }, planOfficeOwner)).toEqual(['attach']);
  });

  it('gives another office nothing, and nobody the owner’s moves on an unowned milestone', () => {
    expect(milestoneMoves({ state: 'in-progress', ownerOfficeId: 'civil' }, other)).toEqual([]);
    expect(milestoneMoves({ state: 'in-progress', ownerOfficeId: null }, { role: 'reporter', officeId: null })).toEqual(
      [],
    );
  });
});

describe('countMilestones', () => {
  it('counts confirmed ones, and unconfirmed ones past (not on) their due date as overdue', () => {
    const ms = [
      { state: 'confirmed', due: '2007-06-30' },
      { state: 'submitted', due: '2007-08-31' },
      { state: 'in-progress', due: '2007-09-02' },
      { state: 'not-started', due: null },
    ] as const;
    expect(countMilestones(ms, '2007-09-02')).toEqual({ total: 4, confirmed: 1, overdue: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { unitClass } from './units.ts';

describe('unitClass', () => {
  it('tells the plan office, streets, their committees, communities and district offices apart', () => {
    // The demo's plan office is a party department under the organisation department.
    expect(unitClass({ name: '区委基层办', kind: 'party-department', aliases: ['区委组织部(基层办)'] })).toBe(
      'plan-office',
    );
    expect(unitClass({ name: '督查室', kind: 'other' })).toBe('plan-office');
    expect(unitClass({ name: '桂园街道办事处', kind: 'street-office' })).toBe('street');
    expect(unitClass({ name: '桂园街道党工委', kind: 'street-party-committee' })).toBe('street-committee');
    expect(unitClass({ name: '松园社区', kind: 'community' })).toBe('community');
    expect(unitClass({ name: '区委组织部', kind: 'party-department' })).toBe('district-office');
    expect(unitClass({ name: '罗湖公安分局', kind: 'vertical-agency' })).toBe('district-office');
    expect(unitClass({ name: '区法院', kind: 'other' })).toBe('other');
  });
});

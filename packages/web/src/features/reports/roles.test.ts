import { describe, expect, it } from 'vitest';
import { rolesOf } from './roles';

const office = (id: string) => ({ id });
const streets = { members: [office('s1'), office('s2'), office('lead1')] };

describe('rolesOf', () => {
  it('gives each office its role, directly or through a group', () => {
    const roles = rolesOf([
      { role: 'lead', office: office('lead1'), group: null },
      { role: 'support', office: null, group: streets },
      { role: 'support', office: office('x'), group: null },
    ]);
    expect(Object.fromEntries(roles)).toEqual({ lead1: 'lead', s1: 'support', s2: 'support', x: 'support' });
  });

  it('keeps lead over support whatever the order', () => {
    const roles = rolesOf([
      { role: 'support', office: null, group: streets },
      { role: 'lead', office: office('s2'), group: null },
    ]);
    expect(roles.get('s2')).toBe('lead');
    expect(roles.get('s1')).toBe('support');
  });
});

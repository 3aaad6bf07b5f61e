import { describe, expect, it } from 'vitest';
import { rolesOf } from './roles';

describe('rolesOf', () => {
  const members = (id: string) => (id === 'streets' ? ['s1', 's2', 'lead1'] : []);

  it('gives each office its role, directly or through a group', () => {
    const roles = rolesOf(
      [
        { role: 'lead', officeId: 'lead1' },
        { role: 'support', groupId: 'streets' },
        { role: 'support', officeId: 'x' },
      ],
      members,
    );
    expect(Object.fromEntries(roles)).toEqual({ lead1: 'lead', s1: 'support', s2: 'support', x: 'support' });
  });

  it('keeps lead over support whatever the order', () => {
    const roles = rolesOf(
      [
        { role: 'support', groupId: 'streets' },
        { role: 'lead', officeId: 's2' },
      ],
      members,
    );
    expect(roles.get('s2')).toBe('lead');
    expect(roles.get('s1')).toBe('support');
  });
});

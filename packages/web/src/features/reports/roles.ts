export interface Assignment {
  readonly role: 'lead' | 'support';
  readonly officeId?: string | null;
  readonly groupId?: string | null;
}

/** Each office's role on the task, through groups too; a lead role wins over support. */
export function rolesOf(
  assignments: readonly Assignment[],
  membersOf: (groupId: string) => readonly string[],
): Map<string, 'lead' | 'support'> {
  const roles = new Map<string, 'lead' | 'support'>();
  for (const a of assignments) {
    const offices = a.officeId ? [a.officeId] : a.groupId ? membersOf(a.groupId) : [];
    for (const id of offices) if (roles.get(id) !== 'lead') roles.set(id, a.role);
  }
  return roles;
}

/** An assignment as the plan read gives it: an office, or a group with its members. */
export interface Assignment {
  readonly role: 'lead' | 'support';
  readonly office: { readonly id: string } | null;
  readonly group: { readonly members: readonly { readonly id: string }[] } | null;
}

/** Each office's role on the task, through groups too; a lead role wins over support. */
export function rolesOf(assignments: readonly Assignment[]): Map<string, 'lead' | 'support'> {
  const roles = new Map<string, 'lead' | 'support'>();
  for (const a of assignments) {
    const offices = a.office ? [a.office.id] : (a.group?.members.map((m) => m.id) ?? []);
    for (const id of offices) if (roles.get(id) !== 'lead') roles.set(id, a.role);
  }
  return roles;
}

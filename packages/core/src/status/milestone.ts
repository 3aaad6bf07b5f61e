/**
 * Milestones (节点任务): the deliverables a task promises, and who may move one on. One rule for
 * the server (which refuses) and the web (which offers only what is allowed).
 */

/** 未开始 → 推进中 → 申请确认 → 已确认. */
export const MILESTONE_STATES = ['not-started', 'in-progress', 'submitted', 'confirmed'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

export const MILESTONE_MOVES = ['start', 'submit', 'confirm', 'return', 'attach'] as const;
export type MilestoneMove = (typeof MILESTONE_MOVES)[number];

/** The states each move starts from, and what it leads to. */
export const MOVE_RULES: Readonly<
  Record<MilestoneMove, { from: readonly MilestoneState[]; to: MilestoneState | null }>
> = {
  start: { from: ['not-started'], to: 'in-progress' },
  submit: { from: ['not-started', 'in-progress'], to: 'submitted' },
  confirm: { from: ['submitted'], to: 'confirmed' },
  // Sends a submitted milestone back, or undoes a confirmation made in error.
  return: { from: ['submitted', 'confirmed'], to: 'in-progress' },
  attach: { from: ['not-started', 'in-progress', 'submitted'], to: null },
};

export interface MilestoneActorFacts {
  readonly role: string;
  readonly officeId: string | null;
}

/**
 * Whether the actor's side may make the move, whatever the state: the owner office moves its
 * deliverable up to 申请确认 and attaches evidence; the plan office (admin) confirms or sends back,
 * and attaches too — but never judges its own office's deliverable.
 */
export function mayMoveMilestone(
  move: MilestoneMove,
  milestone: { readonly ownerOfficeId: string | null },
  actor: MilestoneActorFacts,
): boolean {
  const owner = milestone.ownerOfficeId !== null && actor.officeId === milestone.ownerOfficeId;
  switch (move) {
    case 'start':
    case 'submit':
      return owner;
    case 'attach':
      return owner || actor.role === 'admin';
    case 'confirm':
    case 'return':
      return actor.role === 'admin' && !owner;
  }
}

/** The moves the actor may make on the milestone now: allowed to them, and from its state. */
export function milestoneMoves(
  milestone: { readonly state: MilestoneState; readonly ownerOfficeId: string | null },
  actor: MilestoneActorFacts,
): MilestoneMove[] {
  return MILESTONE_MOVES.filter(
    (m) => MOVE_RULES[m].from.includes(milestone.state) && mayMoveMilestone(m, milestone, actor),
  );
}

/**
 * A task's milestones counted on a date: all, confirmed, and those unconfirmed past their due
 * date (one due on the date itself is not late yet). Feeds taskStatus.
 */
export function countMilestones(
  milestones: readonly { readonly state: MilestoneState; readonly due: string | null }[],
  date: string,
): { total: number; confirmed: number; overdue: number } {
  let confirmed = 0;
  let overdue = 0;
  for (const m of milestones) {
    if (m.state === 'confirmed') confirmed += 1;
    else if (m.due !== null && m.due < date) overdue += 1;
  }
  return { total: milestones.length, confirmed, overdue };
}

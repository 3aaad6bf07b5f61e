/** Tables of milestones (节点任务, issue 10): deliverables a task promises, confirmed by the plan office. */

import type { MilestoneState } from '@duban/core';

// The states and who moves them live in core (status/milestone.ts).
export { MILESTONE_STATES, type MilestoneState } from '@duban/core';

export interface MilestoneTable {
  id: string;
  task_id: string;
  position: number;
  text: string;
  /** 'YYYY-MM-DD'; null: no date yet (the plan office dates it). */
  due: string | null;
  /** The office that delivers it; null until one is named (a task led by a group alone). */
  owner_office_id: string | null;
  state: MilestoneState;
  /** The owner's note on what was delivered, given when asking for confirmation. */
  note: string | null;
  /** Why the plan office sent it back; cleared when it is submitted again. */
  return_reason: string | null;
  submitted_at: string | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A file offered as evidence of a milestone; its bytes lie in the files folder under their SHA-256. */
export interface MilestoneEvidenceTable {
  id: string;
  milestone_id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  created_at: string;
}

export interface MilestoneTables {
  milestones: MilestoneTable;
  milestone_evidence: MilestoneEvidenceTable;
}

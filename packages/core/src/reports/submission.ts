import type { Kind } from '../schema/plan.ts';

/**
 * What a progress report must hold before it is handed in for review: pure rules that the server
 * enforces on submit and the report form checks before it asks.
 */

/** The fields of a target the rules read. */
export interface SubmissionTarget {
  readonly id: string;
  readonly kind: Kind;
}

/** A report as it would be handed in. */
export interface SubmissionDraft {
  readonly narrative: string;
  /** The targets the report gives a figure for. */
  readonly figures: readonly { readonly targetId: string }[];
  /** Targets without a figure this period, each with the office's reason. */
  readonly missingFigures: readonly { readonly targetId: string; readonly reason: string }[];
}

export type SubmissionProblem =
  | { readonly code: 'narrative' }
  | { readonly code: 'figure'; readonly targetId: string; readonly index: number };

/**
 * The targets a period's report owes a figure for: every target measured by reported figures
 * (level and change). A frequency target (每季度≥1次) is counted from the ledgers, not reported.
 */
export function targetsDue<T extends SubmissionTarget>(targets: readonly T[]): T[] {
  return targets.filter((t) => t.kind !== 'frequency');
}

/**
 * Why a report may not be handed in yet, in the order a form shows them; empty when it may.
 * A report says in words what was done (a narrative), and gives a figure for each target due
 * (targetsDue) or states why that figure is missing. `index` is the target's place in `targets`.
 */
export function submissionProblems(draft: SubmissionDraft, targets: readonly SubmissionTarget[]): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  if (draft.narrative.trim() === '') problems.push({ code: 'narrative' });
  const given = new Set(draft.figures.map((f) => f.targetId));
  const explained = new Set(draft.missingFigures.filter((m) => m.reason.trim() !== '').map((m) => m.targetId));
  targets.forEach((t, index) => {
    if (t.kind === 'frequency') return;
    if (!given.has(t.id) && !explained.has(t.id)) problems.push({ code: 'figure', targetId: t.id, index });
  });
  return problems;
}

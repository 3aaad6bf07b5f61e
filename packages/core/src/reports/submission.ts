import type { Kind } from '../schema/plan.ts';

/**
 * What a progress report must hold before it is handed in for review: pure rules that the server
 * enforces on submit and the report form checks before it asks.
 */

/** The fields of a target the rules read. */
export interface SubmissionTarget {
  readonly id: string;
  readonly kind: Kind;
  /**
   * The offices asked for this target's figure, the primary (主责) first; null or absent: every
   * office that reports on the task (its lead offices).
   */
  readonly offices?: readonly string[] | null | undefined;
}

/** Whether `officeId` is asked for the target's figure: one of its offices, or any when it names none. */
export function asksOffice(target: Pick<SubmissionTarget, 'offices'>, officeId: string | null | undefined): boolean {
  const offices = target.offices;
  if (offices === null || offices === undefined || offices.length === 0 || officeId == null) return true;
  return offices.includes(officeId);
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
export function targetsDue<T extends SubmissionTarget>(targets: readonly T[], officeId?: string | null): T[] {
  return targets.filter((t) => t.kind !== 'frequency' && asksOffice(t, officeId));
}

/**
 * Why a report may not be handed in yet, in the order a form shows them; empty when it may.
 * A report says in words what was done (a narrative), and gives a figure for each target due
 * (targetsDue) or states why that figure is missing. `index` is the target's place in `targets`.
 * Given the reporting office, a target that names its own offices is due only from them.
 */
export function submissionProblems(
  draft: SubmissionDraft,
  targets: readonly SubmissionTarget[],
  officeId?: string | null,
): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  if (draft.narrative.trim() === '') problems.push({ code: 'narrative' });
  const given = new Set(draft.figures.map((f) => f.targetId));
  const explained = new Set(draft.missingFigures.filter((m) => m.reason.trim() !== '').map((m) => m.targetId));
  targets.forEach((t, index) => {
    if (t.kind === 'frequency' || !asksOffice(t, officeId)) return;
    if (!given.has(t.id) && !explained.has(t.id)) problems.push({ code: 'figure', targetId: t.id, index });
  });
  return problems;
}

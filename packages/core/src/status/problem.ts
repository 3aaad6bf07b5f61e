/**
 * Rules of the problem ledger (问题台账) that the server and the web app share.
 */

/** A problem as these rules read it. */
export interface ProblemDates {
  readonly status: 'open' | 'in-progress' | 'closed';
  /** ISO date (YYYY-MM-DD); null: no deadline. */
  readonly deadline: string | null;
}

/**
 * Overdue (逾期): not closed, and `today` (ISO date, China) is past its deadline. A closed
 * problem is never overdue, whenever it closed; one without a deadline never is.
 */
export function isProblemOverdue(problem: ProblemDates, today: string): boolean {
  if (problem.status === 'closed' || problem.deadline === null) return false;
  return today.slice(0, 10) > problem.deadline.slice(0, 10);
}

/** A supervision order still open: anything short of closed (销号). */
export function isOrderOpen(state: string): boolean {
  return state !== 'closed';
}

/** A plan as the problem rules read it. */
export interface PlanOfYear {
  readonly id: string;
  readonly year: number | null;
  /** When it was imported (ISO instant): the tie-break among plans of one year. */
  readonly createdAt: string;
}

/**
 * The plan a problem recorded on `date` (ISO date) belongs to when none is named: the plan of
 * that year, the earliest imported when there are several; null when no plan is of that year.
 */
export function planOfDate<P extends PlanOfYear>(plans: readonly P[], date: string): P | null {
  const year = Number(date.slice(0, 4));
  const ofYear = plans
    .filter((p) => p.year === year)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  return ofYear[0] ?? null;
}

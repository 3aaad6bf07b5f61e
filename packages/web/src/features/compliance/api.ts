import { useQuery } from '@tanstack/react-query';
import { api, type Body, unwrap } from '../../api/client';
import { PLANS_KEY } from '../plans/api';

export type PlanCompliance = Body<'/api/plans/{id}/compliance', 'get'>;
export type TargetCompliance = PlanCompliance['targets'][number];
export type ComplianceCell = TargetCompliance['cells'][number];
export type CellStatus = ComplianceCell['status'];
export type PeriodColumn = TargetCompliance['periods'][number];

/** Frequency compliance of a plan judged on `date`, counted from the ledgers when read; idle until enabled. */
export function useCompliance(planId: string, date: string, enabled = true) {
  return useQuery({
    queryKey: [...PLANS_KEY, planId, 'compliance', date] as const,
    queryFn: () => unwrap(api.GET('/api/plans/{id}/compliance', { params: { path: { id: planId }, query: { date } } })),
    // Ledgers change all the time: count afresh on every visit.
    staleTime: 0,
    enabled,
  });
}

import { useIsFetching, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Body, unwrap } from '../../api/client';

export type Dashboard = Body<'/api/plans/{id}/dashboard', 'get'>;
export type League = Body<'/api/plans/{id}/league', 'get'>;
export type ProblemTrend = Body<'/api/problems/trend', 'get'>;
export type Compliance = Body<'/api/plans/{id}/compliance', 'get'>;
export type ServerTaskStatus = Dashboard['statuses'][number]['status'];
export type LeagueOffice = League['offices'][number];
export type ReportingPeriod = Dashboard['reporting'][number];

/** Everything the dashboard reads, under one key, so its refresh button reads it all again. */
const DASHBOARD_KEY = ['dashboard'] as const;

/** Figures change with every report, order and problem anyone files: read them again on each visit. */
const FRESH = { staleTime: 0 } as const;

/** The plan overview on `date`; idle until enabled. */
export function useDashboard(planId: string, date: string, enabled = true) {
  return useQuery({
    queryKey: [...DASHBOARD_KEY, 'plan', planId, date],
    queryFn: () => unwrap(api.GET('/api/plans/{id}/dashboard', { params: { path: { id: planId }, query: { date } } })),
    ...FRESH,
    enabled,
  });
}

export function useLeague(planId: string, date: string) {
  return useQuery({
    queryKey: [...DASHBOARD_KEY, 'league', planId, date],
    queryFn: () => unwrap(api.GET('/api/plans/{id}/league', { params: { path: { id: planId }, query: { date } } })),
    ...FRESH,
  });
}

export function useCompliance(planId: string, date: string) {
  return useQuery({
    queryKey: [...DASHBOARD_KEY, 'compliance', planId, date],
    queryFn: () => unwrap(api.GET('/api/plans/{id}/compliance', { params: { path: { id: planId }, query: { date } } })),
    ...FRESH,
  });
}

/** A plan's problems opened and closed per month, from `from` to `to`. */
export function useProblemTrend(planId: string, from: string, to: string) {
  return useQuery({
    queryKey: [...DASHBOARD_KEY, 'problems', planId, from, to],
    queryFn: () => unwrap(api.GET('/api/problems/trend', { params: { query: { planId, from, to } } })),
    ...FRESH,
  });
}

/** Read every dashboard figure again. */
export function useRefreshDashboard(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: DASHBOARD_KEY });
}

/** Whether any dashboard figure is being read. */
export function useDashboardFetching(): boolean {
  return useIsFetching({ queryKey: DASHBOARD_KEY }) > 0;
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Body, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { PLANS_KEY } from '../plans/api';

export type PlanSettings = Body<'/api/plans/{id}/settings', 'get'>;
export type SettingsChanges = NonNullable<
  paths['/api/plans/{id}/settings']['patch']['requestBody']
>['content']['application/json'];
export type Cadence = NonNullable<SettingsChanges['cadence']>;
export type ReportException = Body<'/api/plans/{id}/exceptions', 'get'>['items'][number];
export type NewException = NonNullable<
  paths['/api/plans/{id}/exceptions']['post']['requestBody']
>['content']['application/json'];

/** The cadences in the order the form offers them (core's CADENCES). */
export const CADENCE_CHOICES: readonly Cadence[] = ['weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly'];

// Under the plan's key: a change of settings changes its status (due dates) too.
const settingsKey = (planId: string) => [...PLANS_KEY, planId, 'settings'] as const;
const exceptionsKey = (planId: string) => [...PLANS_KEY, planId, 'exceptions'] as const;

/** The query of a plan's settings, for useQuery or useQueries. */
export function settingsQuery(planId: string) {
  return {
    queryKey: settingsKey(planId),
    queryFn: () => unwrap(api.GET('/api/plans/{id}/settings', { params: { path: { id: planId } } })),
    // Another admin may have changed them: read them afresh on every visit.
    staleTime: 0,
  };
}

export function useSettings(planId: string) {
  return useQuery(settingsQuery(planId));
}

/**
 * Save the settings with the version they were read at. Success or failure the plan is read
 * again: after a 409 (changed by someone else meanwhile) the form shows what is stored now.
 */
export function useSaveSettings(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: SettingsChanges) =>
      unwrap(api.PATCH('/api/plans/{id}/settings', { params: { path: { id: planId } }, body: changes })),
    onSettled: () => client.invalidateQueries({ queryKey: [...PLANS_KEY, planId] }),
  });
}

export function useExceptions(planId: string) {
  return useQuery({
    queryKey: exceptionsKey(planId),
    queryFn: async () =>
      (await unwrap(api.GET('/api/plans/{id}/exceptions', { params: { path: { id: planId } } }))).items,
  });
}

export function useGrantException(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewException) =>
      unwrap(api.POST('/api/plans/{id}/exceptions', { params: { path: { id: planId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: [...PLANS_KEY, planId] }),
  });
}

/** Revoke (撤销) an exception: the office's period is due and locks as without it. */
export function useRevokeException(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (exceptionId: string) =>
      unwrap(api.DELETE('/api/plans/{id}/exceptions/{exceptionId}', { params: { path: { id: planId, exceptionId } } })),
    onSettled: () => client.invalidateQueries({ queryKey: [...PLANS_KEY, planId] }),
  });
}

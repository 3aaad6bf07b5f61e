import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Body, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { PLANS_KEY } from '../plans/api';

/** A target's judgement as the status read gives it: attainment, current figure, k / n, baseline to date. */
export type TargetJudgement = Body<'/api/plans/{id}/status', 'get'>['tasks'][number]['targets'][number];

/** Target id → its judgement on the plan's status read (read afresh on each visit). */
export function useTargetJudgements(planId: string | undefined) {
  return useQuery({
    // The same read as useTargetValues (reports/api.ts), so the task page asks for the status once.
    queryKey: [...PLANS_KEY, planId ?? '', 'status', 'targets'] as const,
    queryFn: () => unwrap(api.GET('/api/plans/{id}/status', { params: { path: { id: planId ?? '' } } })),
    select: (status) => new Map(status.tasks.flatMap((k) => k.targets.map((g) => [g.targetId, g] as const))),
    enabled: planId !== undefined,
    staleTime: 0,
  });
}

type Json<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
export type BaselineInput = Json<paths['/api/targets/{id}/baseline']['put']>;
export type OfficesInput = Json<paths['/api/targets/{id}/offices']['put']>;
export type LabelInput = Json<paths['/api/targets/{id}/label']['put']>;
export type SplitInput = Json<paths['/api/targets/{id}/split']['post']>;

/** The target-fit edits; each reads the task, the plans and their status again, success or conflict. */
export function useTargetEdits() {
  const client = useQueryClient();
  const settled = () =>
    Promise.all([client.invalidateQueries({ queryKey: ['tasks'] }), client.invalidateQueries({ queryKey: PLANS_KEY })]);
  const path = (id: string) => ({ params: { path: { id } } });
  return {
    baseline: useMutation({
      mutationFn: ({ id, ...body }: BaselineInput & { id: string }) =>
        unwrap(api.PUT('/api/targets/{id}/baseline', { ...path(id), body })),
      onSettled: settled,
    }),
    offices: useMutation({
      mutationFn: ({ id, ...body }: OfficesInput & { id: string }) =>
        unwrap(api.PUT('/api/targets/{id}/offices', { ...path(id), body })),
      onSettled: settled,
    }),
    label: useMutation({
      mutationFn: ({ id, ...body }: LabelInput & { id: string }) =>
        unwrap(api.PUT('/api/targets/{id}/label', { ...path(id), body })),
      onSettled: settled,
    }),
    split: useMutation({
      mutationFn: ({ id, ...body }: SplitInput & { id: string }) =>
        unwrap(api.POST('/api/targets/{id}/split', { ...path(id), body })),
      onSettled: settled,
    }),
  };
}

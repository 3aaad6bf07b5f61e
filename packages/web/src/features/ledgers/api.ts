import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Body, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { requestKeyHeaders } from '../forms/once';

export const LEDGER_KINDS = ['visits', 'diaries', 'meetings', 'trainings', 'links'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
type LedgerPath<K extends LedgerKind> = `/api/ledgers/${K}`;

export type LedgerEntry<K extends LedgerKind> = Body<LedgerPath<K>, 'get'>['items'][number];
export type AnyLedgerEntry = LedgerEntry<LedgerKind>;
export type NewLedgerEntry<K extends LedgerKind> = NonNullable<
  paths[LedgerPath<K>]['post']['requestBody']
>['content']['application/json'];
export type ThreeMeasures = Body<'/api/ledgers/three-measures', 'get'>;

export type Problem = Body<'/api/problems', 'get'>['items'][number];
export type NewProblem = NonNullable<paths['/api/problems']['post']['requestBody']>['content']['application/json'];
export type ProblemStatus = Problem['status'];
export const PROBLEM_CATEGORIES: readonly Problem['category'][] = ['safety-hazard', 'dispute', 'livelihood', 'other'];
export const PROBLEM_SOURCES: readonly Problem['source'][] = ['visit', 'diary', 'inspection', 'hotline', 'report'];
export const PROBLEM_STATUSES: readonly ProblemStatus[] = ['open', 'in-progress', 'closed'];

const LEDGERS_KEY = ['ledgers'] as const;
const PROBLEMS_KEY = ['problems'] as const;

/**
 * The five ledgers share one shape of route; the client is typed per path, so one call site
 * names one of them and the answer is read as the kind asked for.
 */
function pathOf<K extends LedgerKind>(kind: K): '/api/ledgers/visits' {
  return `/api/ledgers/${kind}` as '/api/ledgers/visits';
}

export function useLedger<K extends LedgerKind>(kind: K) {
  return useQuery({
    queryKey: [...LEDGERS_KEY, kind],
    queryFn: async () => (await unwrap(api.GET(pathOf(kind)))).items as unknown as LedgerEntry<K>[],
  });
}

export function useThreeMeasures() {
  return useQuery({
    queryKey: [...LEDGERS_KEY, 'three-measures'],
    queryFn: () => unwrap(api.GET('/api/ledgers/three-measures')),
  });
}

function useRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: LEDGERS_KEY }),
      client.invalidateQueries({ queryKey: PROBLEMS_KEY }),
    ]);
}

export function useSaveLedgerEntry<K extends LedgerKind>(kind: K) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (props: { id?: string; version?: number; body: NewLedgerEntry<K>; requestKey?: string }) => {
      if (props.id) {
        return unwrap(
          api.PATCH(`${pathOf(kind)}/{id}`, {
            params: { path: { id: props.id } },
            body: { ...(props.body as object), version: props.version ?? 1 },
          }),
        );
      }
      return unwrap(
        api.POST(pathOf(kind), {
          body: props.body as NewLedgerEntry<'visits'>,
          headers: requestKeyHeaders(props.requestKey),
        }),
      );
    },
    onSuccess: refresh,
  });
}

export function useDeleteLedgerEntry(kind: LedgerKind) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (e: { id: string; version: number }) =>
      unwrap(
        api.DELETE(`${pathOf(kind)}/{id}`, {
          params: { path: { id: e.id }, query: { version: e.version } },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useProblems(
  filter: { status?: ProblemStatus | undefined; officeId?: string | undefined; planId?: string | undefined } = {},
) {
  return useQuery({
    queryKey: [...PROBLEMS_KEY, filter],
    queryFn: async () => (await unwrap(api.GET('/api/problems', { params: { query: filter } }))).items,
  });
}

export function useCreateProblem() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ body, requestKey }: { body: NewProblem; requestKey?: string }) =>
      unwrap(api.POST('/api/problems', { body, headers: requestKeyHeaders(requestKey) })),
    onSuccess: refresh,
  });
}

export function useReopenProblem() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/problems/{id}/reopen', { params: { path: { id } }, body: {} })),
    onSuccess: refresh,
  });
}

export type ProblemEvent = Body<'/api/problems/{id}/history', 'get'>['items'][number];

export function useProblem(id: string) {
  return useQuery({
    queryKey: [...PROBLEMS_KEY, 'one', id],
    queryFn: () => unwrap(api.GET('/api/problems/{id}', { params: { path: { id } } })),
  });
}

export function useProblemHistory(id: string) {
  return useQuery({
    queryKey: [...PROBLEMS_KEY, 'history', id],
    queryFn: async () => (await unwrap(api.GET('/api/problems/{id}/history', { params: { path: { id } } }))).items,
  });
}

export type ProblemEdit = NonNullable<
  paths['/api/problems/{id}']['patch']['requestBody']
>['content']['application/json'];

export function useEditProblem(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ProblemEdit) => unwrap(api.PATCH('/api/problems/{id}', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useAssignProblem(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { version: number; ownerOfficeId: string; comment?: string }) =>
      unwrap(api.POST('/api/problems/{id}/assign', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useCloseProblem(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { version: number; note: string }) =>
      unwrap(api.POST('/api/problems/{id}/close', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Body, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { PLANS_KEY } from '../plans/api';

export type RosterPerson = Body<'/api/rosters', 'get'>['items'][number];
export type NewPerson = NonNullable<paths['/api/rosters']['post']['requestBody']>['content']['application/json'];
export type PersonChanges = NonNullable<
  paths['/api/rosters/{id}']['patch']['requestBody']
>['content']['application/json'];
export type ImportResult = Body<'/api/rosters/import', 'post'>;

const ROSTERS_KEY = ['rosters'] as const;

export function useRoster() {
  return useQuery({
    queryKey: ROSTERS_KEY,
    queryFn: async () => (await unwrap(api.GET('/api/rosters'))).items,
  });
}

function useRefresh() {
  const client = useQueryClient();
  // Compliance tables and statuses judge the rosters' people, under the plans' keys: they change too.
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ROSTERS_KEY }),
      client.invalidateQueries({ queryKey: PLANS_KEY }),
    ]);
}

export function useAddPerson() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (person: NewPerson) => unwrap(api.POST('/api/rosters', { body: person })),
    onSettled: refresh,
  });
}

export function useEditPerson() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: PersonChanges }) =>
      unwrap(api.PATCH('/api/rosters/{id}', { params: { path: { id } }, body: changes })),
    // After a failure too: a 409 means what the page shows is stale.
    onSettled: refresh,
  });
}

export function useRemovePerson() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (p: Pick<RosterPerson, 'id' | 'version'>) =>
      unwrap(api.DELETE('/api/rosters/{id}', { params: { path: { id: p.id }, query: { version: p.version } } })),
    onSettled: refresh,
  });
}

export function useImportRoster() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (csv: string) => unwrap(api.POST('/api/rosters/import', { body: { csv } })),
    onSettled: refresh,
  });
}

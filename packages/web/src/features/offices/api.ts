import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Body, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type Office = Body<'/api/offices', 'get'>['items'][number];
export type OfficeKind = Office['kind'];
export type OfficeGroup = Body<'/api/office-groups', 'get'>['items'][number];
export type GroupMode = OfficeGroup['mode'];
export type NewOffice = NonNullable<paths['/api/offices']['post']['requestBody']>['content']['application/json'];
export type OfficeChanges = NonNullable<
  paths['/api/offices/{id}']['patch']['requestBody']
>['content']['application/json'];
export type NewGroup = NonNullable<paths['/api/office-groups']['post']['requestBody']>['content']['application/json'];
export type GroupChanges = NonNullable<
  paths['/api/office-groups/{id}']['patch']['requestBody']
>['content']['application/json'];

/** The kinds in the order the directory shows them. */
export const OFFICE_KINDS: readonly OfficeKind[] = [
  'party-department',
  'government-department',
  'street-office',
  'street-party-committee',
  'community',
  'vertical-agency',
  'mass-organisation',
  'other',
];

export const GROUP_MODES: readonly GroupMode[] = ['fixed', 'fill-in'];

const OFFICES_KEY = ['offices'] as const;
const GROUPS_KEY = ['office-groups'] as const;

/** The whole directory: small enough (hundreds of rows) to filter in the browser. */
export function useOffices() {
  return useQuery({
    queryKey: OFFICES_KEY,
    queryFn: async () => (await unwrap(api.GET('/api/offices'))).items,
  });
}

export function useOfficeGroups() {
  return useQuery({
    queryKey: GROUPS_KEY,
    queryFn: async () => (await unwrap(api.GET('/api/office-groups'))).items,
  });
}

/** Offices and groups show each other (an office's groups, a group's members): refresh both. */
function useRefreshDirectory() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: OFFICES_KEY }),
      client.invalidateQueries({ queryKey: GROUPS_KEY }),
    ]);
}

export function useSaveOffice() {
  const refresh = useRefreshDirectory();
  return useMutation({
    mutationFn: (input: { id: string; changes: OfficeChanges } | { id: null; office: NewOffice }) =>
      input.id === null
        ? unwrap(api.POST('/api/offices', { body: input.office }))
        : unwrap(api.PATCH('/api/offices/{id}', { params: { path: { id: input.id } }, body: input.changes })),
    // After a failure too: a 409 means what the page shows is stale.
    onSettled: refresh,
  });
}

export function useDeleteOffice() {
  const refresh = useRefreshDirectory();
  return useMutation({
    mutationFn: (office: Pick<Office, 'id' | 'version'>) =>
      unwrap(
        api.DELETE('/api/offices/{id}', { params: { path: { id: office.id }, query: { version: office.version } } }),
      ),
    // After a failure too: a 409 means what the page shows is stale.
    onSettled: refresh,
  });
}

export function useSaveGroup() {
  const refresh = useRefreshDirectory();
  return useMutation({
    mutationFn: (input: { id: string; changes: GroupChanges } | { id: null; group: NewGroup }) =>
      input.id === null
        ? unwrap(api.POST('/api/office-groups', { body: input.group }))
        : unwrap(api.PATCH('/api/office-groups/{id}', { params: { path: { id: input.id } }, body: input.changes })),
    // After a failure too: a 409 means what the page shows is stale.
    onSettled: refresh,
  });
}

export function useDeleteGroup() {
  const refresh = useRefreshDirectory();
  return useMutation({
    mutationFn: (group: Pick<OfficeGroup, 'id' | 'version'>) =>
      unwrap(
        api.DELETE('/api/office-groups/{id}', {
          params: { path: { id: group.id }, query: { version: group.version } },
        }),
      ),
    // After a failure too: a 409 means what the page shows is stale.
    onSettled: refresh,
  });
}

/** Whether an office answers to the search text, by its name or one of its aliases. */
export function matchesText(item: { name: string; aliases: readonly string[] }, text: string): boolean {
  const q = text.trim().toLowerCase();
  if (!q) return true;
  return [item.name, ...item.aliases].some((n) => n.toLowerCase().includes(q));
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Body, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type User = Body<'/api/users', 'get'>['items'][number];
export type Role = User['role'];
export type NewUser = NonNullable<paths['/api/users']['post']['requestBody']>['content']['application/json'];
export type UserChanges = NonNullable<paths['/api/users/{id}']['patch']['requestBody']>['content']['application/json'];

export const ROLES: readonly Role[] = ['admin', 'reporter', 'leader', 'inspector'];
/** The server's bounds (users.routes.ts, auth/passwords.ts), checked here too for a quick answer. */
export const PASSWORD_MIN = 8;
export const USERNAME_PATTERN = /^[A-Za-z0-9_.\-\p{Script=Han}]{2,50}$/u;

const USERS_KEY = ['users'] as const;

export function useUsers() {
  return useQuery({
    queryKey: USERS_KEY,
    queryFn: async () => (await unwrap(api.GET('/api/users'))).items,
  });
}

/** Whether an account is locked out after failed sign-ins at this moment. */
export function isLocked(user: Pick<User, 'lockedUntil'>, now = new Date()): boolean {
  return user.lockedUntil !== null && user.lockedUntil > now.toISOString();
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: USERS_KEY });
}

export function useCreateUser() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (user: NewUser) => unwrap(api.POST('/api/users', { body: user })),
    // After a failure too: a 409 means what the page shows is stale.
    onSettled: refresh,
  });
}

export function useUpdateUser() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UserChanges }) =>
      unwrap(api.PATCH('/api/users/{id}', { params: { path: { id } }, body: changes })),
    // After a failure too: a 409 means what the page shows is stale.
    onSettled: refresh,
  });
}

export function useResetPassword() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      unwrap(api.POST('/api/users/{id}/password', { params: { path: { id } }, body: { password } })),
    // After a failure too: a 409 means what the page shows is stale.
    onSettled: refresh,
  });
}

export function useUnlockUser() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/users/{id}/unlock', { params: { path: { id } } })),
    // After a failure too: a 409 means what the page shows is stale.
    onSettled: refresh,
  });
}

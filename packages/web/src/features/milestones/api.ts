import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Body, languageHeaders, unwrap } from '../../api/client';
import { PLANS_KEY } from '../plans/api';

/** A milestone (节点任务) as GET /api/tasks/:id/milestones answers. */
export type MilestoneView = Body<'/api/tasks/{id}/milestones', 'get'>[number];
export type MilestoneState = MilestoneView['state'];

const milestonesKey = (taskId: string) => ['tasks', taskId, 'milestones'] as const;

export function useMilestones(taskId: string) {
  return useQuery({
    queryKey: milestonesKey(taskId),
    queryFn: () => unwrap(api.GET('/api/tasks/{id}/milestones', { params: { path: { id: taskId } } })),
  });
}

/** After any change: the task's list, and the plan's status (a milestone moves the task's status). */
function useSettle(taskId: string) {
  const client = useQueryClient();
  return {
    onSettled: () => {
      void client.invalidateQueries({ queryKey: milestonesKey(taskId) });
      void client.invalidateQueries({ queryKey: PLANS_KEY });
    },
  };
}

export type MilestoneAction =
  | { kind: 'start' | 'confirm'; id: string; version: number }
  | { kind: 'submit'; id: string; version: number; note?: string | null }
  | { kind: 'return'; id: string; version: number; reason: string }
  | { kind: 'edit'; id: string; version: number; text?: string; due?: string | null }
  | { kind: 'remove'; id: string; version: number }
  | { kind: 'add'; text: string; due: string | null }
  | { kind: 'evidence'; id: string; version: number; file: File };

/** Every change a milestone takes, one mutation: the panel sends what its buttons say. */
export function useMilestoneAction(taskId: string) {
  return useMutation({
    mutationFn: async (a: MilestoneAction): Promise<unknown> => {
      const path = { path: { id: a.kind === 'add' ? taskId : a.id } };
      switch (a.kind) {
        case 'add':
          return unwrap(api.POST('/api/tasks/{id}/milestones', { params: path, body: { text: a.text, due: a.due } }));
        case 'start':
          return unwrap(api.POST('/api/milestones/{id}/start', { params: path, body: { version: a.version } }));
        case 'confirm':
          return unwrap(api.POST('/api/milestones/{id}/confirm', { params: path, body: { version: a.version } }));
        case 'submit':
          return unwrap(
            api.POST('/api/milestones/{id}/submit', {
              params: path,
              body: { version: a.version, note: a.note ?? null },
            }),
          );
        case 'return':
          return unwrap(
            api.POST('/api/milestones/{id}/return', { params: path, body: { version: a.version, reason: a.reason } }),
          );
        case 'edit': {
          const { kind: _k, id: _i, ...body } = a;
          return unwrap(api.PATCH('/api/milestones/{id}', { params: path, body }));
        }
        case 'remove':
          return unwrap(api.DELETE('/api/milestones/{id}', { params: { ...path, query: { version: a.version } } }));
        case 'evidence': {
          const form = new FormData();
          form.append('file', a.file, a.file.name);
          const response = await fetch(`/api/milestones/${encodeURIComponent(a.id)}/evidence?version=${a.version}`, {
            method: 'POST',
            body: form,
            headers: languageHeaders(),
            credentials: 'same-origin',
          });
          const json: unknown = await response.json().catch(() => undefined);
          return unwrap(Promise.resolve(response.ok ? { data: json, response } : { error: json, response }));
        }
      }
    },
    ...useSettle(taskId),
  });
}

export const milestoneEvidenceUrl = (milestoneId: string, fileId: string) =>
  `/api/milestones/${encodeURIComponent(milestoneId)}/evidence/${encodeURIComponent(fileId)}`;

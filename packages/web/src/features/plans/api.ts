import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Body, type PlanSummary, type PlanView, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { reportingMap, statusMap } from './status';

export type { AssignmentView, PlanSummary, PlanView, SectionView, TargetView, TaskView } from '../../api/client';

/** A task on its own page: the board's task with its plan and section. */
export type TaskPage = Body<'/api/tasks/{id}', 'get'>;
export type HistoryEntry = Body<'/api/tasks/{id}/history', 'get'>['items'][number];
export type FieldChange = HistoryEntry['changes'][number];
export type TaskChanges = NonNullable<paths['/api/tasks/{id}']['patch']['requestBody']>['content']['application/json'];

/** Everything about plans lives under 'plans' (an import or an edit refreshes it all); a task under 'tasks'. */
export const PLANS_KEY = ['plans'] as const;
const planKey = (id: string) => [...PLANS_KEY, id] as const;
const taskKey = (id: string) => ['tasks', id] as const;
const historyKey = (id: string) => ['tasks', id, 'history'] as const;

export function usePlans() {
  return useQuery({
    queryKey: PLANS_KEY,
    queryFn: (): Promise<PlanSummary[]> => unwrap(api.GET('/api/plans')),
  });
}

export type PlanProgress = Body<'/api/plans/progress', 'get'>['items'][number];

/** Each plan's progress (tasks by status, reports so far) as its dashboard derives it; read afresh on each visit. */
export function usePlansProgress() {
  return useQuery({
    queryKey: [...PLANS_KEY, 'progress'],
    queryFn: async () => (await unwrap(api.GET('/api/plans/progress'))).items,
    staleTime: 0,
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: planKey(id),
    queryFn: (): Promise<PlanView> => unwrap(api.GET('/api/plans/{id}', { params: { path: { id } } })),
  });
}

export function useTask(id: string) {
  return useQuery({
    queryKey: taskKey(id),
    queryFn: () => unwrap(api.GET('/api/tasks/{id}', { params: { path: { id } } })),
  });
}

export function useTaskHistory(id: string) {
  return useQuery({
    queryKey: historyKey(id),
    queryFn: async () => (await unwrap(api.GET('/api/tasks/{id}/history', { params: { path: { id } } }))).items,
  });
}

/**
 * Edit a task's title, text or deadline with the version it was read at. Success or a conflict
 * (409: someone changed it meanwhile), the task, its history and the plans are read again.
 */
export function useUpdateTask(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: TaskChanges) =>
      unwrap(api.PATCH('/api/tasks/{id}', { params: { path: { id } }, body: changes })),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: taskKey(id) }),
        client.invalidateQueries({ queryKey: PLANS_KEY }),
      ]),
  });
}

/**
 * The status of every task of a plan, computed by the server when read (today in China); idle
 * until the plan's id is known (the task page learns it from the task).
 */
export function usePlanStatus(id: string | undefined) {
  return useQuery({ ...planStatusQuery(id), select: (tasks) => statusMap(tasks) });
}

/**
 * Each task's reporting (按时 / 逾期 / 缺报) and the offices reporting it blocked, from the same
 * read as usePlanStatus: one request for both axes.
 */
export function usePlanReporting(id: string | undefined) {
  return useQuery({ ...planStatusQuery(id), select: (tasks) => reportingMap(tasks) });
}

function planStatusQuery(id: string | undefined) {
  return {
    queryKey: [...planKey(id ?? ''), 'status'] as const,
    queryFn: async () =>
      (await unwrap(api.GET('/api/plans/{id}/status', { params: { path: { id: id ?? '' } } }))).tasks,
    enabled: id !== undefined,
  };
}

export type NewTask = NonNullable<
  paths['/api/sections/{id}/tasks']['post']['requestBody']
>['content']['application/json'];
export type NewTarget = NonNullable<
  paths['/api/tasks/{id}/targets']['post']['requestBody']
>['content']['application/json'];

/** After an add or a removal: the plans, the task and its history are read again. */
function useRefreshPlans() {
  const client = useQueryClient();
  return () =>
    Promise.all([client.invalidateQueries({ queryKey: PLANS_KEY }), client.invalidateQueries({ queryKey: ['tasks'] })]);
}

/** Add a task at the end of a section (a task the parser missed, or one assigned mid-year). */
export function useAddTask() {
  const refresh = useRefreshPlans();
  return useMutation({
    mutationFn: ({ sectionId, ...body }: NewTask & { sectionId: string }) =>
      unwrap(api.POST('/api/sections/{id}/tasks', { params: { path: { id: sectionId } }, body })),
    onSettled: refresh,
  });
}

/** Remove a task at the version it was read at; the server refuses one with reports (409). */
export function useRemoveTask() {
  const refresh = useRefreshPlans();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(api.DELETE('/api/tasks/{id}', { params: { path: { id }, query: { version } } })),
    onSettled: refresh,
  });
}

/** Add a target to a task, with the task's version. */
export function useAddTarget(taskId: string) {
  const refresh = useRefreshPlans();
  return useMutation({
    mutationFn: (body: NewTarget) =>
      unwrap(api.POST('/api/tasks/{id}/targets', { params: { path: { id: taskId } }, body })),
    onSettled: refresh,
  });
}

/** Remove a target at its version; the server refuses one with reported figures (409). */
export function useRemoveTarget() {
  const refresh = useRefreshPlans();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(api.DELETE('/api/targets/{id}', { params: { path: { id }, query: { version } } })),
    onSettled: refresh,
  });
}

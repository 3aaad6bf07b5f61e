import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, type Body, languageHeaders, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type ReportSummary = Body<'/api/reports', 'get'>['items'][number];
export type ReportDetail = Body<'/api/reports/{id}', 'get'>;
export type ReportFigure = ReportDetail['figures'][number];
export type ReportEvent = ReportDetail['events'][number];
export type ReportEvidence = ReportDetail['evidence'][number];
export type ReportChanges = NonNullable<
  paths['/api/reports/{id}']['patch']['requestBody']
>['content']['application/json'];
export type NewReport = NonNullable<paths['/api/reports']['post']['requestBody']>['content']['application/json'];
export type ReportFilter = NonNullable<paths['/api/reports']['get']['parameters']['query']>;
/** Who reviews a report now: the office above its office, or the plan office. */
export type ReviewStage = NonNullable<ReportDetail['nextReviewer']>;

export const REPORTS_KEY = ['reports'] as const;
const reportKey = (id: string) => [...REPORTS_KEY, 'one', id] as const;

/** The query of a report list, for useQuery or useQueries; writes invalidate every list. */
export function reportsQuery(filter: ReportFilter, enabled = true) {
  return {
    queryKey: [...REPORTS_KEY, 'list', filter],
    queryFn: async () => (await unwrap(api.GET('/api/reports', { params: { query: filter } }))).items,
    enabled,
    // Others review and edit reports: read them again on every visit.
    staleTime: 0,
  };
}

export function useReports(filter: ReportFilter, enabled = true) {
  return useQuery(reportsQuery(filter, enabled));
}

export function useReport(id: string) {
  return useQuery({
    queryKey: reportKey(id),
    queryFn: () => unwrap(api.GET('/api/reports/{id}', { params: { path: { id } } })),
    staleTime: 0,
  });
}

/** After any write: the report is what the server answered, lists are read again. */
function useSettle() {
  const client = useQueryClient();
  return {
    onSuccess: (detail: ReportDetail) => {
      client.setQueryData(reportKey(detail.id), detail);
      void client.invalidateQueries({ queryKey: [...REPORTS_KEY, 'list'] });
    },
    onError: (error: Error, vars: { id?: string } | unknown) => {
      const id = (vars as { id?: string }).id;
      if (error instanceof ApiError && error.status === 409 && id) {
        void client.invalidateQueries({ queryKey: reportKey(id) });
      }
    },
  };
}

export function useCreateReport() {
  const settle = useSettle();
  return useMutation({
    mutationFn: (body: NewReport) => unwrap(api.POST('/api/reports', { body })),
    onSuccess: settle.onSuccess,
  });
}

export function useUpdateReport() {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ id, ...body }: ReportChanges & { id: string }) =>
      unwrap(api.PATCH('/api/reports/{id}', { params: { path: { id } }, body })),
    ...settle,
  });
}

export function useSubmitReport() {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(api.POST('/api/reports/{id}/submit', { params: { path: { id } }, body: { version } })),
    ...settle,
  });
}

/** Take a submitted report back to draft before it is reviewed (撤回). */
export function useWithdrawReport() {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(api.POST('/api/reports/{id}/withdraw', { params: { path: { id } }, body: { version } })),
    ...settle,
  });
}

/** Reports waiting for the signed-in user's review, any period: the office above's, or the plan office's. */
export function useReportsToReview(enabled = true) {
  return useReports({ toReview: 'true' }, enabled);
}

/**
 * A review at either stage: the office above passes a report on or returns it; the plan office
 * accepts or returns it.
 */
export function useReviewReport() {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({
      id,
      version,
      stage,
      decision,
      comment,
    }: {
      id: string;
      version: number;
      stage: ReviewStage;
      decision: 'pass' | 'return';
      comment: string;
    }) => {
      const params = { params: { path: { id } } };
      const text = comment.trim() || null;
      if (stage === 'office-above') {
        return unwrap(api.POST('/api/reports/{id}/review', { ...params, body: { version, decision, comment: text } }));
      }
      return decision === 'pass'
        ? unwrap(api.POST('/api/reports/{id}/accept', { ...params, body: { version, comment: text } }))
        : unwrap(api.POST('/api/reports/{id}/return', { ...params, body: { version, comment } }));
    },
    ...settle,
  });
}

/** Upload one evidence file (multipart field `file`) at the version read. */
export function useUploadEvidence() {
  const settle = useSettle();
  return useMutation({
    mutationFn: async ({ id, version, file }: { id: string; version: number; file: File }): Promise<ReportDetail> => {
      const form = new FormData();
      form.append('file', file, file.name);
      const response = await fetch(`/api/reports/${encodeURIComponent(id)}/evidence?version=${version}`, {
        method: 'POST',
        body: form,
        // A refusal (type, size) reads in the UI's language.
        headers: languageHeaders(),
        credentials: 'same-origin',
      });
      const json: unknown = await response.json().catch(() => undefined);
      return unwrap(
        Promise.resolve(response.ok ? { data: json as ReportDetail, response } : { error: json, response }),
      );
    },
    ...settle,
  });
}

export function useRemoveEvidence() {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ id, version, fileId }: { id: string; version: number; fileId: string }) =>
      unwrap(
        api.DELETE('/api/reports/{id}/evidence/{fileId}', {
          params: { path: { id, fileId }, query: { version } },
        }),
      ),
    ...settle,
  });
}

export const evidenceUrl = (reportId: string, fileId: string) =>
  `/api/reports/${encodeURIComponent(reportId)}/evidence/${encodeURIComponent(fileId)}`;

/**
 * Each target's current value (target id → the figure or null), as the plan's status rolls the
 * offices' figures up and judges them (GET /api/plans/{id}/status): the same numbers the board
 * and the dashboard colour by.
 */
export function useTargetValues(planId: string | undefined) {
  return useQuery({
    // The status read is shared with the task page's target judgements (features/targets/api.ts).
    queryKey: ['plans', planId ?? '', 'status', 'targets'] as const,
    queryFn: () => unwrap(api.GET('/api/plans/{id}/status', { params: { path: { id: planId ?? '' } } })),
    select: (status) => new Map(status.tasks.flatMap((k) => k.targets.map((g) => [g.targetId, g.current] as const))),
    enabled: planId !== undefined,
    staleTime: 0,
  });
}

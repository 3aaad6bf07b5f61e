import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, type Body, unwrap } from '../../api/client';
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

export const REPORTS_KEY = ['reports'] as const;
const reportKey = (id: string) => [...REPORTS_KEY, 'one', id] as const;

/** The current monthly period key (2026-M11) of a date, in China's calendar (UTC+8). */
export function periodKeyOf(now: Date = new Date()): string {
  const china = new Date(now.getTime() + 8 * 3_600_000);
  return `${china.getUTCFullYear()}-M${String(china.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** A monthly period's due date: its last day (as the server sets it); null for other keys. */
export function monthlyDueDate(periodKey: string): string | null {
  const m = /^(\d{4})-M(0[1-9]|1[0-2])$/u.exec(periodKey);
  if (!m) return null;
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}`;
}

export function useReports(filter: ReportFilter, enabled = true) {
  return useQuery({
    queryKey: [...REPORTS_KEY, 'list', filter],
    queryFn: async () => (await unwrap(api.GET('/api/reports', { params: { query: filter } }))).items,
    enabled,
    // Others review and edit reports: read them again on every visit.
    staleTime: 0,
  });
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

export function useReviewReport() {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({
      id,
      version,
      decision,
      comment,
    }: {
      id: string;
      version: number;
      decision: 'accept' | 'return';
      comment: string;
    }) =>
      decision === 'accept'
        ? unwrap(
            api.POST('/api/reports/{id}/accept', {
              params: { path: { id } },
              body: { version, comment: comment.trim() || null },
            }),
          )
        : unwrap(api.POST('/api/reports/{id}/return', { params: { path: { id } }, body: { version, comment } })),
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

export const evidenceUrl = (reportId: string, fileId: string) =>
  `/api/reports/${encodeURIComponent(reportId)}/evidence/${encodeURIComponent(fileId)}`;

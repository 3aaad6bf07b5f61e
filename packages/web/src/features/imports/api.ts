import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError, api, type Body, languageHeaders, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

/** An import in preview (or committed), as GET /api/imports/:id answers. */
export type ImportPreview = Body<'/api/imports/{id}', 'get'>;
export type PreviewSection = ImportPreview['plan']['sections'][number];
export type PreviewItem = PreviewSection['items'][number];
export type PreviewTarget = PreviewItem['indicators'][number];
export type PreviewMention = ImportPreview['mentions'][number];
export type PreviewWarning = ImportPreview['warnings'][number];
export type Resolution = PreviewMention['resolution'];
export type ImportSummary = Body<'/api/imports', 'get'>[number];

/** The body of PATCH /api/imports/:id. */
export type ImportCorrection = paths['/api/imports/{id}']['patch']['requestBody']['content']['application/json'];
/** A correction without the version: the queue adds the current one. */
export type Correction = Omit<ImportCorrection, 'version'>;
export type TargetEdit = NonNullable<ImportCorrection['targets']>[number];
export type MentionCorrection = NonNullable<ImportCorrection['mentions']>[string];
export type OfficeKind = Extract<Resolution, { kind: 'create' }>['officeKind'];
export type DirectoryOffice = Body<'/api/offices', 'get'>['items'][number];
export type DirectoryGroup = Body<'/api/office-groups', 'get'>['items'][number];

export const importKey = (id: string) => ['imports', id] as const;

/** An error answer as `unwrap` reads it, from a plain fetch Response. */
async function errorOf(response: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; field?: string } } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON (a proxy's page, say): the status line is all there is.
  }
  return new ApiError(
    response.status,
    body.error?.code ?? 'http',
    body.error?.message ?? `${response.status} ${response.statusText}`,
    body.error?.field,
  );
}

/** Upload a document (multipart, field `file`): the typed client does not build forms. */
export async function uploadDocument(file: File): Promise<ImportPreview> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await fetch('/api/imports', {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: languageHeaders(),
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as ImportPreview;
}

/** Import pasted text. */
export function importText(text: string, name?: string): Promise<ImportPreview> {
  return unwrap(api.POST('/api/imports', { body: name ? { text, name } : { text } }));
}

export function useImport(id: string | undefined) {
  return useQuery({
    queryKey: importKey(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/imports/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== undefined,
    retry: false,
  });
}

export function useRecentImports() {
  return useQuery({
    queryKey: ['imports', 'recent'],
    queryFn: () => unwrap(api.GET('/api/imports', { params: { query: { limit: 10 } } })),
  });
}

/**
 * Corrections to a preview, one PATCH at a time: each waits for the one before and sends the
 * version that one answered with, so that quick successive edits do not refuse each other.
 * A refusal (400, 409) rejects with the server's message; after a 409 the preview is reloaded.
 */
export function useCorrection(id: string) {
  const client = useQueryClient();
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  return useMutation({
    mutationFn: (correction: Correction) => {
      const run = queue.current.then(async () => {
        const current = client.getQueryData<ImportPreview>(importKey(id));
        if (!current) throw new Error('the preview is not loaded');
        const next = await unwrap(
          api.PATCH('/api/imports/{id}', {
            params: { path: { id } },
            body: { ...correction, version: current.version },
          }),
        );
        client.setQueryData(importKey(id), next);
        return next;
      });
      queue.current = run.catch(() => undefined);
      return run;
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void client.invalidateQueries({ queryKey: importKey(id) });
    },
  });
}

export function useCommit(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; confirmDuplicate?: boolean }) =>
      unwrap(api.POST('/api/imports/{id}/commit', { params: { path: { id } }, body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['imports'] });
      void client.invalidateQueries({ queryKey: ['plans'] });
      // A commit may have created offices for mentions.
      void client.invalidateQueries({ queryKey: ['offices'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void client.invalidateQueries({ queryKey: importKey(id) });
    },
  });
}

/** Offices whose name or alias contains the query (all of them for an empty one). */
export function useOfficeSearch(q: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['offices', 'import-picker', q],
    queryFn: () => unwrap(api.GET('/api/offices', { params: { query: q ? { q } : {} } })),
    placeholderData: (previous) => previous,
  });
}

export function useOfficeGroups(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['office-groups', 'import-picker'],
    queryFn: () => unwrap(api.GET('/api/office-groups')),
  });
}

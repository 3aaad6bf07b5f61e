import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type Body, unwrap } from '../../api/client';

export type AuditRecord = Body<'/api/audit', 'get'>['items'][number];
export type AuditAction = AuditRecord['action'];

/** Names of the things audit records mention by id (offices, users, tasks…), from the server. */
export type AuditNames = Readonly<Record<string, string>>;

/** The entity kinds the log holds, as the server lists them: the filter offers each. */
export function useAuditEntities() {
  return useQuery({
    queryKey: ['audit', 'entities'],
    queryFn: async () => (await unwrap(api.GET('/api/audit/entities'))).entities,
    staleTime: 0,
  });
}

export interface AuditFilters {
  readonly userId?: string | undefined;
  readonly entity?: string | undefined;
  readonly entityId?: string | undefined;
  /** ISO 8601 with the browser's offset. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export const AUDIT_PAGE = 50;

/** Audit records newest first, a page at a time through the server's `nextBefore` cursor. */
export function useAudit(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/audit', { params: { query: { ...filters, limit: AUDIT_PAGE, before: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    // The log is what just happened: read it afresh on every visit.
    staleTime: 0,
  });
}

/** A short human name for the record's subject, when its row has one (name, title, username). */
export function subjectOf(record: Pick<AuditRecord, 'before' | 'after'>): string | null {
  for (const side of [record.after, record.before]) {
    if (side && typeof side === 'object' && !Array.isArray(side)) {
      const row = side as Record<string, unknown>;
      for (const key of ['name', 'title', 'username', 'fileName']) {
        const value = row[key];
        if (typeof value === 'string' && value) return value;
      }
    }
  }
  return null;
}

export type DiffKind = 'same' | 'changed' | 'added' | 'removed';

export interface DiffLine {
  readonly key: string;
  readonly kind: DiffKind;
  readonly before: unknown;
  readonly after: unknown;
  readonly hasBefore: boolean;
  readonly hasAfter: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Before and after side by side, key by key: a key only after was added, only before removed,
 * in both with different JSON changed. Values that are not objects compare as one line.
 */
export function diffRecords(before: unknown, after: unknown): DiffLine[] {
  const b = before === null || before === undefined ? {} : before;
  const a = after === null || after === undefined ? {} : after;
  if (!isRecord(b) || !isRecord(a)) {
    const same = JSON.stringify(before) === JSON.stringify(after);
    return [
      {
        key: '',
        kind: same ? 'same' : 'changed',
        before,
        after,
        hasBefore: before !== null && before !== undefined,
        hasAfter: after !== null && after !== undefined,
      },
    ];
  }
  const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
  return keys.map((key) => {
    const hasBefore = key in b;
    const hasAfter = key in a;
    const kind: DiffKind = !hasBefore
      ? 'added'
      : !hasAfter
        ? 'removed'
        : JSON.stringify(b[key]) === JSON.stringify(a[key])
          ? 'same'
          : 'changed';
    return { key, kind, before: b[key], after: a[key], hasBefore, hasAfter };
  });
}

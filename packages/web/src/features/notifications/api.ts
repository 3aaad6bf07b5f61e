import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Body, unwrap } from '../../api/client';

export type Notification = Body<'/api/notifications', 'get'>[number];
export type NotificationKind = Notification['kind'];

/**
 * The notifications' query keys. The list and the unread count are different data (a list, a
 * number): they must never share a key, or one reads the other's cache.
 */
export const notificationKeys = {
  all: ['notifications'] as const,
  list: (unreadOnly: boolean) => [...notificationKeys.all, 'list', unreadOnly ? 'unread' : 'all'] as const,
  unreadCount: () => [...notificationKeys.all, 'unread-count'] as const,
};

/** The user's notifications, newest first (a reporter's office's, everyone else's all). */
export function useNotifications(unreadOnly: boolean) {
  return useQuery({
    queryKey: notificationKeys.list(unreadOnly),
    queryFn: () => unwrap(api.GET('/api/notifications', { params: { query: unreadOnly ? { unread: '1' } : {} } })),
    staleTime: 0,
  });
}

/** How many notifications are unread, for the header; looked at again every minute. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unreadCount(),
    queryFn: async () => (await unwrap(api.GET('/api/notifications/unread-count'))).count,
    enabled,
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/** Mark every notification the user sees read (全部标为已读); answers how many were unread. */
export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/notifications/read-all')),
    onSettled: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/**
 * Where a notification leads: an order's to its page, a report's event to the report, an
 * exception granted to its plan; a report reminder to the office's
 * report of that task and period when one was started, else to the task.
 */
export async function notificationTarget(n: Notification): Promise<string> {
  if (n.kind.startsWith('order-')) return `/orders/${n.subjectId}`;
  if (n.kind === 'report-returned' || n.kind === 'report-accepted') return `/reports/${n.subjectId}`;
  if (n.kind === 'exception-granted') return `/plans/${n.subjectId}`;
  if (n.officeId && n.periodKey) {
    const found = await unwrap(
      api.GET('/api/reports', {
        params: { query: { taskId: n.subjectId, officeId: n.officeId, periodKey: n.periodKey } },
      }),
    ).catch(() => null);
    const report = found?.items[0];
    if (report) return `/reports/${report.id}`;
  }
  return `/tasks/${n.subjectId}`;
}

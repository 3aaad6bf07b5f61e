import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Body, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { notificationKeys } from '../notifications/api';

export type Webhook = Body<'/api/webhooks', 'get'>[number];
export type WebhookFormat = Webhook['format'];
export type NewWebhook = NonNullable<paths['/api/webhooks']['post']['requestBody']>['content']['application/json'];
export type WebhookChanges = NonNullable<
  paths['/api/webhooks/{id}']['patch']['requestBody']
>['content']['application/json'];
export type RunCounts = Body<'/api/reminders/run', 'post'>;

export const WEBHOOK_FORMATS: readonly WebhookFormat[] = ['wecom', 'dingtalk', 'feishu'];

/** Where each kind of group robot's webhook usually lives, to warn of a pasted wrong address. */
export const USUAL_HOSTS: Readonly<Record<WebhookFormat, readonly string[]>> = {
  wecom: ['qyapi.weixin.qq.com'],
  dingtalk: ['oapi.dingtalk.com'],
  feishu: ['open.feishu.cn', 'open.larksuite.com'],
};

/** Whether text is an http(s) address, as the server requires. */
export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The usual host of the format when the address points elsewhere (a warning, not a refusal: relays exist). */
export function unusualHost(format: WebhookFormat, text: string): string | null {
  if (!isWebAddress(text)) return null;
  const host = new URL(text.trim()).hostname;
  const usual = USUAL_HOSTS[format];
  return usual.includes(host) ? null : (usual[0] as string);
}

const WEBHOOKS_KEY = ['webhooks'] as const;

export function useWebhooks() {
  return useQuery({ queryKey: WEBHOOKS_KEY, queryFn: () => unwrap(api.GET('/api/webhooks')) });
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: WEBHOOKS_KEY });
}

export function useSaveWebhook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { id: string; changes: WebhookChanges } | { id: null; webhook: NewWebhook }) =>
      input.id === null
        ? unwrap(api.POST('/api/webhooks', { body: input.webhook }))
        : unwrap(api.PATCH('/api/webhooks/{id}', { params: { path: { id: input.id } }, body: input.changes })),
    // After a failure too: a 409 means what the page shows is stale.
    onSettled: refresh,
  });
}

export function useDeleteWebhook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/webhooks/{id}', { params: { path: { id } } })),
    onSettled: refresh,
  });
}

/** Post a test message to one group robot now; answers whether it arrived (recorded on the server). */
export function useTestWebhook() {
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/webhooks/{id}/test', { params: { path: { id } } })),
  });
}

/** Run the daily reminder job now, optionally as of another day; the notifications are read again. */
export function useRunReminders() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (date: string | undefined) => unwrap(api.POST('/api/reminders/run', { body: date ? { date } : {} })),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Body, type Me, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { requestKeyHeaders } from '../forms/once';

export type Order = Body<'/api/orders', 'get'>['items'][number];
export type OrderDetail = Body<'/api/orders/{id}', 'get'>;
export type OrderEvent = OrderDetail['events'][number];
export type OrderState = Order['state'];
export type OrderColour = Order['colour'];
export type NewOrder = NonNullable<paths['/api/orders']['post']['requestBody']>['content']['application/json'];

export const ORDER_STATES: readonly OrderState[] = [
  'drafted',
  'approved',
  'issued',
  'signed',
  'handling',
  'rectified',
  'verified',
  'closed',
];
export const ORDER_COLOURS: readonly OrderColour[] = ['green', 'yellow', 'red'];

/** The workflow's steps as the server allows them (orders.service.ts ORDER_STEPS), for the buttons. */
export const ORDER_STEPS = {
  approve: { from: ['drafted'], roles: ['admin', 'leader'], leadOffice: false },
  issue: { from: ['approved'], roles: ['admin', 'inspector'], leadOffice: false },
  sign: { from: ['issued'], roles: ['admin', 'reporter'], leadOffice: true },
  feedback: { from: ['signed', 'handling'], roles: ['admin', 'reporter'], leadOffice: true },
  rectify: { from: ['signed', 'handling'], roles: ['admin', 'reporter'], leadOffice: true },
  verify: { from: ['rectified'], roles: ['admin', 'inspector'], leadOffice: false },
  return: { from: ['rectified'], roles: ['admin', 'inspector'], leadOffice: false },
  close: { from: ['verified'], roles: ['admin', 'inspector'], leadOffice: false },
} as const satisfies Record<string, { from: readonly OrderState[]; roles: readonly Me['role'][]; leadOffice: boolean }>;
export type OrderStep = keyof typeof ORDER_STEPS;
export type OrderAction = OrderStep | 'urge';
const URGERS: readonly Me['role'][] = ['admin', 'leader', 'inspector'];

/** The actions the user may take on the order now (the server decides; this only offers them). */
export function availableActions(order: Order, me: Me | null): OrderAction[] {
  if (!me) return [];
  const out: OrderAction[] = [];
  for (const [step, rule] of Object.entries(ORDER_STEPS) as [OrderStep, (typeof ORDER_STEPS)[OrderStep]][]) {
    if (!(rule.from as readonly OrderState[]).includes(order.state)) continue;
    if (!(rule.roles as readonly Me['role'][]).includes(me.role)) continue;
    if (rule.leadOffice && me.role !== 'admin' && me.officeId !== order.leadOfficeId) continue;
    if ((step === 'verify' || step === 'return') && order.rectifiedBy === me.id) continue;
    out.push(step);
  }
  if (order.state !== 'closed' && URGERS.includes(me.role)) out.push('urge');
  return out;
}

const ORDERS_KEY = ['orders'] as const;

export function useOrders(
  filter: { state?: OrderState | undefined; colour?: OrderColour | undefined; problemId?: string | undefined } = {},
) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'list', filter],
    queryFn: async () => (await unwrap(api.GET('/api/orders', { params: { query: filter } }))).items,
  });
}

export function useOrder(id: string) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'one', id],
    queryFn: () => unwrap(api.GET('/api/orders/{id}', { params: { path: { id } } })),
  });
}

function useRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ORDERS_KEY }),
      client.invalidateQueries({ queryKey: ['problems'] }),
    ]);
}

export function useCreateOrder() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ body, requestKey }: { body: NewOrder; requestKey?: string }) =>
      unwrap(api.POST('/api/orders', { body, headers: requestKeyHeaders(requestKey) })),
    onSuccess: refresh,
  });
}

export function useOrderAction() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ action, order, comment }: { action: OrderAction; order: Order; comment?: string }) => {
      const path = { params: { path: { id: order.id } } };
      const text = comment?.trim() ? comment.trim() : undefined;
      if (action === 'urge') return unwrap(api.POST('/api/orders/{id}/urge', { ...path, body: { comment: text } }));
      return unwrap(
        api.POST(`/api/orders/{id}/${action}` as '/api/orders/{id}/approve', {
          ...path,
          body: { version: order.version, comment: text },
        }),
      );
    },
    onSuccess: refresh,
  });
}

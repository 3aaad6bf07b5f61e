import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useHasRole } from '../features/auth/session';
import { useProblems } from '../features/ledgers/api';
import { useOfficeNames } from '../features/ledgers/offices';
import {
  ORDER_COLOURS,
  ORDER_STATES,
  type Order,
  type OrderColour,
  type OrderState,
  useOrders,
} from '../features/orders/api';
import { ColourDot } from '../features/orders/ColourDot';
import { OrderFormModal } from '../features/orders/OrderFormModal';

/** Supervision orders (督办单) with their deadline warning and escalation, filtered by state and colour. */
export function OrdersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const stateParam = params.get('state');
  const colourParam = params.get('colour');
  const state = ORDER_STATES.includes(stateParam as OrderState) ? (stateParam as OrderState) : undefined;
  const colour = ORDER_COLOURS.includes(colourParam as OrderColour) ? (colourParam as OrderColour) : undefined;
  const orders = useOrders({ state, colour });
  const problems = useProblems();
  const offices = useOfficeNames();
  const drafts = useHasRole('admin', 'inspector');
  const [drafting, setDrafting] = useState(false);
  const problemTitle = new Map((problems.data ?? []).map((p) => [p.id, p.title]));

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<Order> = [
    { key: 'colour', title: t('orders.fields.colour'), render: (_, o) => <ColourDot colour={o.colour} /> },
    {
      key: 'subject',
      title: t('orders.fields.subject'),
      render: (_, o) => (
        <Link to={`/orders/${o.id}`}>
          {o.problemId
            ? (problemTitle.get(o.problemId) ?? t('orders.fields.problem'))
            : t('orders.taskRef', { id: o.taskId ?? '' })}
        </Link>
      ),
    },
    { key: 'lead', title: t('orders.fields.lead'), render: (_, o) => offices.name(o.leadOfficeId) },
    { key: 'deadline', title: t('orders.fields.deadline'), dataIndex: 'deadline' },
    { key: 'state', title: t('orders.fields.state'), render: (_, o) => <Tag>{t(`orders.states.${o.state}`)}</Tag> },
    {
      key: 'escalation',
      title: t('orders.fields.escalation'),
      render: (_, o) =>
        o.escalationLevel > 0 ? <Tag color="red">{t('orders.level', { level: o.escalationLevel })}</Tag> : '',
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('orders.title')}
        </Typography.Title>
        {drafts && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrafting(true)}>
            {t('orders.new')}
          </Button>
        )}
      </Flex>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('orders.allStates')}
          value={state}
          onChange={(v?: string) => setFilter('state', v)}
          options={ORDER_STATES.map((s) => ({ value: s, label: t(`orders.states.${s}`) }))}
          style={{ minWidth: 140 }}
          data-testid="state-filter"
        />
        <Select
          allowClear
          placeholder={t('orders.allColours')}
          value={colour}
          onChange={(v?: string) => setFilter('colour', v)}
          options={ORDER_COLOURS.map((c) => ({ value: c, label: <ColourDot colour={c} /> }))}
          style={{ minWidth: 140 }}
          data-testid="colour-filter"
        />
      </Flex>
      <Table<Order>
        rowKey="id"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.emptyHint')} /> }}
        size="small"
        loading={orders.isPending}
        dataSource={orders.data ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="order-table"
      />
      <OrderFormModal open={drafting} prefill={{}} onClose={() => setDrafting(false)} />
    </>
  );
}

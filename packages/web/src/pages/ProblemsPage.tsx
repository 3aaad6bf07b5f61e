import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../features/auth/session';
import {
  PROBLEM_STATUSES,
  type Problem,
  type ProblemStatus,
  useProblems,
  useReopenProblem,
} from '../features/ledgers/api';
import { useOfficeNames } from '../features/ledgers/offices';
import { ProblemFormModal } from '../features/ledgers/ProblemFormModal';
import type { NewOrder } from '../features/orders/api';
import { OrderFormModal } from '../features/orders/OrderFormModal';
import { formatDate } from '../format/time';

export const STATUS_COLOUR: Record<ProblemStatus, string> = { open: 'orange', 'in-progress': 'blue', closed: 'green' };

/** The problem ledger (问题台账): problems with their office and status; inspectors draft orders on them. */
export function ProblemsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = PROBLEM_STATUSES.includes(statusParam as ProblemStatus) ? (statusParam as ProblemStatus) : undefined;
  const officeId = params.get('office') ?? undefined;
  const problems = useProblems({ status, officeId });
  const offices = useOfficeNames();
  const reopen = useReopenProblem();
  const [raising, setRaising] = useState(false);
  const [ordering, setOrdering] = useState<{ open: boolean; prefill: Partial<NewOrder> }>({ open: false, prefill: {} });
  const writes = me !== null && me.role !== 'leader';
  const drafts = me?.role === 'admin' || me?.role === 'inspector';

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<Problem> = [
    {
      key: 'title',
      title: t('problems.fields.title'),
      render: (_, p) => (
        <Link to={`/problems/${p.id}`} data-testid="problem-link">
          {p.title}
        </Link>
      ),
    },
    {
      key: 'category',
      title: t('problems.fields.category'),
      render: (_, p) => t(`problems.categories.${p.category}`),
    },
    { key: 'source', title: t('problems.fields.source'), render: (_, p) => t(`problems.sources.${p.source}`) },
    { key: 'owner', title: t('problems.fields.owner'), render: (_, p) => offices.name(p.ownerOfficeId) },
    { key: 'deadline', title: t('problems.fields.deadline'), render: (_, p) => p.deadline ?? '' },
    {
      key: 'status',
      title: t('problems.fields.status'),
      render: (_, p) => (
        <Space size={4}>
          <Tag color={STATUS_COLOUR[p.status]}>{t(`problems.statuses.${p.status}`)}</Tag>
          {p.overdue && (
            <Tag color="red" data-testid="problem-overdue">
              {t('problems.overdue')}
            </Tag>
          )}
        </Space>
      ),
    },
    { key: 'createdAt', title: t('problems.fields.createdAt'), render: (_, p) => formatDate(p.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, p) => (
        <Space size={0} wrap>
          {drafts && p.status !== 'closed' && (
            <Tooltip title={p.openOrders > 0 ? t('problems.hasOpenOrder') : undefined}>
              <Button
                type="link"
                size="small"
                data-testid="draft-order"
                disabled={p.openOrders > 0}
                onClick={() => setOrdering({ open: true, prefill: { problemId: p.id, leadOfficeId: p.ownerOfficeId } })}
              >
                {t('problems.draftOrder')}
              </Button>
            </Tooltip>
          )}
          {writes && p.status === 'closed' && (
            <Button
              type="link"
              size="small"
              onClick={() =>
                reopen
                  .mutateAsync(p.id)
                  .then(() => message.success(t('problems.reopened')))
                  .catch((e: Error) => message.error(e.message))
              }
            >
              {t('problems.reopen')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('problems.title')}
        </Typography.Title>
        {writes && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="new-problem">
            {t('problems.new')}
          </Button>
        )}
      </Flex>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('problems.allStatuses')}
          value={status}
          onChange={(v?: string) => setFilter('status', v)}
          options={PROBLEM_STATUSES.map((s) => ({ value: s, label: t(`problems.statuses.${s}`) }))}
          style={{ minWidth: 140 }}
        />
        {me?.role !== 'reporter' && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('problems.allOffices')}
            value={officeId}
            onChange={(v?: string) => setFilter('office', v)}
            options={offices.options}
            style={{ minWidth: 200 }}
          />
        )}
      </Flex>
      <Table<Problem>
        rowKey="id"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('problems.emptyHint')} /> }}
        size="small"
        loading={problems.isPending}
        dataSource={problems.data ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="problem-table"
      />
      <ProblemFormModal open={raising} prefill={{}} onClose={() => setRaising(false)} />
      <OrderFormModal
        open={ordering.open}
        prefill={ordering.prefill}
        onClose={() => setOrdering((o) => ({ ...o, open: false }))}
      />
    </>
  );
}

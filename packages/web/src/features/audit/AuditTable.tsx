import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format/time';
import { AuditDiff } from './AuditDiff';
import { type AuditAction, type AuditNames, type AuditRecord, subjectOf } from './api';
import { useEntityLabel } from './words';

const ACTION_COLORS: Record<AuditAction, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  login: 'default',
  logout: 'default',
  lock: 'volcano',
  import: 'purple',
  commit: 'geekblue',
};

/** Audit records newest first; a row opens to its before and after. */
export function AuditTable({
  records,
  names,
  loading,
  onEntityId,
}: {
  records: readonly AuditRecord[];
  /** What the ids in the records stand for. */
  names: AuditNames;
  loading: boolean;
  /** Show only this entity's records. */
  onEntityId: (entity: string, entityId: string) => void;
}) {
  const { t } = useTranslation();
  const entityLabel = useEntityLabel();

  const columns: ColumnsType<AuditRecord> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      // A fixed column makes antd fit an opened row to the visible width instead of the scrolled one.
      fixed: 'left',
      render: (at: string) => (
        <span style={{ whiteSpace: 'nowrap' }} data-testid="audit-at">
          {formatDateTime(at)}
        </span>
      ),
    },
    {
      title: t('audit.user'),
      key: 'user',
      render: (_: unknown, r) =>
        r.username ??
        (r.userId ? names[r.userId] : undefined) ?? (
          <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
        ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (action: AuditAction) => <Tag color={ACTION_COLORS[action]}>{t(`audit.actions.${action}`)}</Tag>,
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_: unknown, r) => {
        const subject = subjectOf(r) ?? names[r.entityId] ?? null;
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            {entityLabel(r.entity)}
            {subject && <Typography.Text strong>{` · ${subject}`}</Typography.Text>}
          </span>
        );
      },
    },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      key: 'entityId',
      responsive: ['md'],
      render: (id: string, r) => (
        <Typography.Link
          code={!names[id]}
          title={t('audit.onlyThis')}
          onClick={(e) => {
            e.stopPropagation();
            onEntityId(r.entity, id);
          }}
        >
          {names[id] ?? id}
        </Typography.Link>
      ),
    },
  ];

  return (
    <Table<AuditRecord>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={records as AuditRecord[]}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={false}
      locale={{ emptyText: t('audit.empty') }}
      expandable={{
        expandRowByClick: true,
        expandedRowRender: (r) => <AuditDiff before={r.before} after={r.after} names={names} />,
      }}
      data-testid="audit-table"
    />
  );
}

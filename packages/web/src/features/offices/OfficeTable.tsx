import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Grid, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type Office, useDeleteOffice } from './api';

const KIND_COLORS: Record<Office['kind'], string> = {
  'party-department': 'red',
  'government-department': 'blue',
  'street-office': 'green',
  'street-party-committee': 'volcano',
  community: 'cyan',
  'vertical-agency': 'purple',
  'mass-organisation': 'gold',
  other: 'default',
};

export function KindTag({ kind }: { kind: Office['kind'] }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]}>{t(`officeKinds.${kind}`)}</Tag>;
}

const none = <Typography.Text type="secondary">—</Typography.Text>;

function Aliases({ aliases }: { aliases: readonly string[] }) {
  if (aliases.length === 0) return none;
  return (
    <Space size={[0, 4]} wrap>
      {aliases.map((a) => (
        <Tag key={a} data-testid="alias">
          {a}
        </Tag>
      ))}
    </Space>
  );
}

function Groups({ groups }: { groups: Office['groups'] }) {
  if (groups.length === 0) return none;
  return (
    <Space size={[0, 4]} wrap>
      {groups.map((g) => (
        <Tag key={g.id} color="geekblue">
          {g.name}
        </Tag>
      ))}
    </Space>
  );
}

/** Edit and delete, for admins; a refused delete (an office still in use) shows the server's reason. */
function OfficeActions({ office, onEdit }: { office: Office; onEdit: (office: Office) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDeleteOffice();
  return (
    <Space size={0}>
      <Button
        type="link"
        size="small"
        icon={<EditOutlined />}
        onClick={() => onEdit(office)}
        data-testid="office-edit"
        aria-label={`${t('common.edit')} ${office.name}`}
      />
      <Popconfirm
        title={t('offices.deleteConfirm', { name: office.name })}
        okText={t('common.delete')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true }}
        onConfirm={async () => {
          try {
            await remove.mutateAsync(office);
            message.success(t('offices.deleted'));
          } catch (error) {
            message.error(error instanceof ApiError ? error.message : String(error), 8);
          }
        }}
      >
        <Button
          type="link"
          size="small"
          danger
          icon={<DeleteOutlined />}
          data-testid="office-delete"
          aria-label={`${t('common.delete')} ${office.name}`}
        />
      </Popconfirm>
    </Space>
  );
}

interface OfficeListProps {
  offices: readonly Office[];
  /** Every office's name by id, to show parents that the filter hides. */
  names: ReadonlyMap<string, string>;
  loading: boolean;
  canEdit: boolean;
  onEdit: (office: Office) => void;
}

/**
 * The offices, with their kind, aliases, parent and groups; admins also get edit and delete.
 * A table on a wide screen, a card per office on a phone.
 */
export function OfficeTable(props: OfficeListProps) {
  const screens = Grid.useBreakpoint();
  return screens.md === false ? <OfficeCards {...props} /> : <OfficeRows {...props} />;
}

function OfficeRows({ offices, names, loading, canEdit, onEdit }: OfficeListProps) {
  const { t } = useTranslation();
  const parentOf = (id: string | null) => (id === null ? none : (names.get(id) ?? id));
  const columns: ColumnsType<Office> = [
    {
      title: t('offices.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('offices.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (kind: Office['kind']) => <KindTag kind={kind} />,
    },
    {
      title: t('offices.aliases'),
      dataIndex: 'aliases',
      key: 'aliases',
      render: (aliases: string[]) => <Aliases aliases={aliases} />,
    },
    { title: t('offices.parent'), dataIndex: 'parentId', key: 'parent', render: parentOf },
    {
      title: t('offices.groups'),
      dataIndex: 'groups',
      key: 'groups',
      render: (groups: Office['groups']) => <Groups groups={groups} />,
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, office) => <OfficeActions office={office} onEdit={onEdit} />,
    });
  }
  return (
    <Table<Office>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={offices as Office[]}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
      locale={{ emptyText: t('offices.empty') }}
      data-testid="office-table"
    />
  );
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', gap: 8, marginTop: 6 }}>
      <Typography.Text type="secondary" style={{ flex: '0 0 auto' }}>
        {label}
      </Typography.Text>
      <div style={{ minWidth: 0 }}>{children}</div>
    </div>
  );
}

function OfficeCards({ offices, names, loading, canEdit, onEdit }: OfficeListProps) {
  const { t } = useTranslation();
  return (
    <List<Office>
      dataSource={offices as Office[]}
      loading={loading}
      locale={{ emptyText: t('offices.empty') }}
      pagination={offices.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
      data-testid="office-cards"
      renderItem={(office) => (
        <Card
          size="small"
          style={{ marginBottom: 8 }}
          data-testid="office-card"
          title={
            <Space size={4} wrap>
              <Typography.Text strong>{office.name}</Typography.Text>
              <KindTag kind={office.kind} />
            </Space>
          }
          extra={canEdit ? <OfficeActions office={office} onEdit={onEdit} /> : null}
        >
          <Line label={t('offices.aliases')}>
            <Aliases aliases={office.aliases} />
          </Line>
          {office.parentId !== null && (
            <Line label={t('offices.parent')}>{names.get(office.parentId) ?? office.parentId}</Line>
          )}
          <Line label={t('offices.groups')}>
            <Groups groups={office.groups} />
          </Line>
        </Card>
      )}
    />
  );
}

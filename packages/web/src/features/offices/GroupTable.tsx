import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Grid, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type OfficeGroup, useDeleteGroup } from './api';

/** Office groups: name, aliases, mode and member count; a row expands to its members. */
export function GroupTable({
  groups,
  loading,
  canEdit,
  onEdit,
}: {
  groups: readonly OfficeGroup[];
  loading: boolean;
  canEdit: boolean;
  onEdit: (group: OfficeGroup) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDeleteGroup();
  const screens = Grid.useBreakpoint();

  const columns: ColumnsType<OfficeGroup> = [
    {
      title: t('offices.groupName'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('offices.aliases'),
      dataIndex: 'aliases',
      key: 'aliases',
      // A phone shows them when the row opens, to leave room for the mode and the members.
      responsive: ['md'],
      render: (aliases: string[]) =>
        aliases.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Space size={[0, 4]} wrap>
            {aliases.map((a) => (
              <Tag key={a}>{a}</Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('offices.mode'),
      dataIndex: 'mode',
      key: 'mode',
      render: (mode: OfficeGroup['mode']) => (
        <Tag color={mode === 'fixed' ? 'green' : 'orange'}>{t(`offices.modes.${mode}`)}</Tag>
      ),
    },
    {
      title: t('offices.members'),
      key: 'members',
      render: (_: unknown, g) => (
        <span data-testid="member-count">
          {screens.md === false ? g.members.length : t('offices.memberCount', { count: g.members.length })}
          {g.members.length === 0 && (
            <Tag color="warning" style={{ marginLeft: 8 }} data-testid="group-empty">
              {t('planEdits.emptyGroup')}
            </Tag>
          )}
        </span>
      ),
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, group) => (
        // A click here must not also fold the row open or shut (popups bubble through React too).
        // biome-ignore lint/a11y/noStaticElementInteractions: only stops the click from reaching the row
        // biome-ignore lint/a11y/useKeyWithClickEvents: only stops the click from reaching the row
        <span onClick={(e) => e.stopPropagation()}>
          <Space size={0}>
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => onEdit(group)}
              data-testid="group-edit"
              aria-label={`${t('common.edit')} ${group.name}`}
            />
            <Popconfirm
              title={t('offices.deleteConfirm', { name: group.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={async () => {
                try {
                  await remove.mutateAsync(group);
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
                data-testid="group-delete"
                aria-label={`${t('common.delete')} ${group.name}`}
              />
            </Popconfirm>
          </Space>
        </span>
      ),
    });
  }

  return (
    <Table<OfficeGroup>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={groups as OfficeGroup[]}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={false}
      locale={{ emptyText: t('offices.emptyGroups') }}
      expandable={{
        expandRowByClick: true,
        expandedRowRender: (g) => (
          <>
            {screens.md === false && g.aliases.length > 0 && (
              <div style={{ marginBottom: 8 }}>
                <Typography.Text type="secondary">{t('offices.aliases')}:</Typography.Text> {g.aliases.join('、')}
              </div>
            )}
            {g.members.length === 0 ? (
              <Typography.Text type="secondary">{t('offices.noMembers')}</Typography.Text>
            ) : (
              <Space size={[4, 8]} wrap data-testid="group-members-list">
                {g.members.map((m) => (
                  <Tag key={m.id} data-testid="group-member">
                    {m.name}
                  </Tag>
                ))}
              </Space>
            )}
          </>
        ),
      }}
      data-testid="group-table"
    />
  );
}

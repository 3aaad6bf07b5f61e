import { DeleteOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format/time';
import { useOfficeNames } from '../ledgers/offices';
import { ErrorAlert } from '../offices/ErrorAlert';
import { useDeleteWebhook, useSaveWebhook, useTestWebhook, type Webhook } from './api';

const FORMAT_COLOURS: Readonly<Record<Webhook['format'], string>> = {
  wecom: 'green',
  dingtalk: 'blue',
  feishu: 'cyan',
};

/** Every group robot: whose reminders it gets, its kind and address; switch it off or on, edit, delete. */
export function WebhookTable({
  webhooks,
  loading,
  onEdit,
}: {
  webhooks: readonly Webhook[];
  loading: boolean;
  onEdit: (webhook: Webhook) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const offices = useOfficeNames();
  const save = useSaveWebhook();
  const remove = useDeleteWebhook();
  const test = useTestWebhook();
  /** The last test's outcome of each robot tested on this page: the words shown under its actions. */
  const [tested, setTested] = useState<Readonly<Record<string, { ok: boolean; text: string }>>>({});
  const error = save.error ?? remove.error ?? test.error;

  const sendTest = async (w: Webhook) => {
    try {
      const r = await test.mutateAsync(w.id);
      const text = r.ok
        ? t('webhooks.testOk', { status: r.status })
        : t('webhooks.testFailed', { error: r.error ?? '' });
      setTested((all) => ({ ...all, [w.id]: { ok: r.ok, text } }));
      if (r.ok) message.success(text);
      else message.error(text);
    } catch {
      // Shown by the ErrorAlert above the table.
    }
  };

  const columns: ColumnsType<Webhook> = [
    {
      key: 'office',
      title: t('webhooks.office'),
      render: (_, w) => (w.officeId ? offices.name(w.officeId) : <Tag>{t('webhooks.allOffices')}</Tag>),
    },
    {
      key: 'format',
      title: t('webhooks.format'),
      render: (_, w) => <Tag color={FORMAT_COLOURS[w.format]}>{t(`webhooks.formats.${w.format}`)}</Tag>,
    },
    {
      key: 'url',
      title: t('webhooks.url'),
      render: (_, w) => (
        <Typography.Text copyable={{ text: w.url }} style={{ maxWidth: 320 }} ellipsis={{ tooltip: w.url }}>
          {w.url}
        </Typography.Text>
      ),
    },
    {
      key: 'enabled',
      title: t('webhooks.state'),
      render: (_, w) => (
        <Space size={6}>
          <Switch
            size="small"
            checked={w.enabled}
            loading={save.isPending && save.variables?.id === w.id}
            onChange={(enabled) =>
              save.mutate(
                { id: w.id, changes: { version: w.version, enabled } },
                { onSuccess: () => message.success(enabled ? t('webhooks.turnedOn') : t('webhooks.turnedOff')) },
              )
            }
            aria-label={t('webhooks.enabled')}
            data-testid="webhook-toggle"
          />
          <Typography.Text type={w.enabled ? undefined : 'secondary'}>
            {w.enabled ? t('webhooks.on') : t('webhooks.off')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'createdAt',
      title: t('webhooks.createdAt'),
      render: (_, w) => formatDateTime(w.createdAt),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, w) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            icon={<SendOutlined />}
            loading={test.isPending && test.variables === w.id}
            onClick={() => void sendTest(w)}
            data-testid="webhook-test"
          >
            {t('webhooks.test')}
          </Button>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(w)} data-testid="webhook-edit">
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('webhooks.deleteConfirm')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutateAsync(w.id).then(
                () => void message.success(t('webhooks.deleted')),
                () => undefined,
              )
            }
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="webhook-delete">
              {t('common.delete')}
            </Button>
          </Popconfirm>
          {tested[w.id] && (
            <Typography.Text
              type={tested[w.id]?.ok ? 'success' : 'danger'}
              data-testid="webhook-test-result"
              data-ok={tested[w.id]?.ok ? '1' : '0'}
            >
              {tested[w.id]?.text}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ErrorAlert error={error} />
      <Table<Webhook>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={[...webhooks]}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: t('webhooks.empty') }}
        data-testid="webhook-table"
      />
    </>
  );
}

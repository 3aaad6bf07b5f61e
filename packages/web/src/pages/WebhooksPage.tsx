import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWebhooks, type Webhook } from '../features/webhooks/api';
import { RunRemindersCard } from '../features/webhooks/RunRemindersCard';
import { WebhookFormModal } from '../features/webhooks/WebhookFormModal';
import { WebhookTable } from '../features/webhooks/WebhookTable';

/** 群机器人: where reminders are posted (WeCom, DingTalk, Feishu), and running the reminders now (admins). */
export function WebhooksPage() {
  const { t } = useTranslation();
  const webhooks = useWebhooks();
  const [editing, setEditing] = useState<{ webhook: Webhook | null } | null>(null);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('webhooks.title')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ webhook: null })}
          data-testid="webhook-add"
        >
          {t('webhooks.add')}
        </Button>
      </Flex>
      <Card>
        <Typography.Paragraph type="secondary">{t('webhooks.intro')}</Typography.Paragraph>
        {webhooks.isError ? (
          <Typography.Text type="danger">{t('errors.generic', { message: webhooks.error.message })}</Typography.Text>
        ) : (
          <WebhookTable
            webhooks={webhooks.data ?? []}
            loading={webhooks.isPending}
            onEdit={(webhook) => setEditing({ webhook })}
          />
        )}
      </Card>
      <RunRemindersCard />
      <WebhookFormModal open={editing !== null} webhook={editing?.webhook ?? null} onClose={() => setEditing(null)} />
    </Space>
  );
}

import { Button, Grid, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../format/time';
import { periodName } from '../compliance/table';
import { useOfficeNames } from '../ledgers/offices';
import { ErrorAlert } from '../offices/ErrorAlert';
import { type Notification, type NotificationKind, notificationTarget, useMarkRead } from './api';

const KIND_COLOURS: Readonly<Record<NotificationKind, string>> = {
  'report-due': 'gold',
  'report-late': 'red',
  'order-overdue': 'volcano',
  'report-returned': 'orange',
  'report-accepted': 'green',
  'order-issued': 'blue',
  'order-urged': 'magenta',
  'order-returned': 'orange',
  'exception-granted': 'cyan',
};

/** The label of the button that opens what a notification is about. */
function openLabel(kind: NotificationKind): string {
  if (kind.startsWith('order-')) return 'notifications.openOrder';
  if (kind === 'exception-granted') return 'notifications.openPlan';
  return 'notifications.openReport';
}

/** Notifications newest first; unread ones bold with a button to mark them read; each opens what it is about. */
export function NotificationList({ items, loading }: { items: readonly Notification[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const offices = useOfficeNames();
  const markRead = useMarkRead();
  const [opening, setOpening] = useState<string | null>(null);
  const screens = Grid.useBreakpoint();

  const open = async (n: Notification) => {
    setOpening(n.id);
    try {
      const to = await notificationTarget(n);
      if (n.readAt === null) await markRead.mutateAsync(n.id).catch(() => undefined);
      navigate(to);
    } finally {
      setOpening(null);
    }
  };

  return (
    <>
      <ErrorAlert error={markRead.error} />
      <List<Notification>
        loading={loading}
        // On a phone the buttons go under the message rather than squeezing it.
        itemLayout={screens.md === false ? 'vertical' : 'horizontal'}
        dataSource={[...items]}
        locale={{ emptyText: t('notifications.empty') }}
        pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false}
        data-testid="notification-list"
        renderItem={(n) => {
          const unread = n.readAt === null;
          const when = formatDateTime(n.createdAt);
          return (
            <List.Item
              data-testid="notification"
              data-kind={n.kind}
              data-read={unread ? '0' : '1'}
              data-subject={n.subjectId}
              actions={[
                <Button
                  key="open"
                  type="link"
                  size="small"
                  loading={opening === n.id}
                  onClick={() => void open(n)}
                  data-testid="notification-open"
                >
                  {t(openLabel(n.kind))}
                </Button>,
                unread ? (
                  <Button
                    key="read"
                    size="small"
                    loading={markRead.isPending && markRead.variables === n.id}
                    onClick={() => markRead.mutate(n.id)}
                    data-testid="notification-mark-read"
                  >
                    {t('notifications.markRead')}
                  </Button>
                ) : (
                  <Typography.Text key="read" type="secondary">
                    {t('notifications.read')}
                  </Typography.Text>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    <Tag color={KIND_COLOURS[n.kind]}>{t(`notifications.kinds.${n.kind}`)}</Tag>
                    {unread && (
                      <Tag color="red" bordered={false}>
                        {t('notifications.unread')}
                      </Tag>
                    )}
                    <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                      {[
                        n.officeId ? offices.name(n.officeId) : t('notifications.planOffice'),
                        n.periodKey && !n.kind.startsWith('order-') ? periodName(n.periodKey, i18n.language) : null,
                        when,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                  </Space>
                }
                description={
                  <Typography.Text
                    strong={unread}
                    type={unread ? undefined : 'secondary'}
                    data-testid="notification-message"
                  >
                    {n.message}
                  </Typography.Text>
                }
              />
            </List.Item>
          );
        }}
      />
    </>
  );
}

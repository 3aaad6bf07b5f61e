import { App, Button, Flex, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMarkAllRead, useNotifications, useUnreadCount } from '../features/notifications/api';
import { NotificationList } from '../features/notifications/NotificationList';
import { ErrorAlert } from '../features/offices/ErrorAlert';

/** 消息提醒: the daily job's reminders and the events' notifications, newest first, all or only the unread (?unread=1). */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const notifications = useNotifications(unreadOnly);
  const unread = useUnreadCount(true).data ?? 0;
  const markAll = useMarkAllRead();
  const { message } = App.useApp();

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('notifications.title')}
        </Typography.Title>
        <Space wrap>
          <Button
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() =>
              markAll.mutate(undefined, {
                onSuccess: (r) => void message.success(t('notifications.markedAllRead', { count: r.count })),
              })
            }
            data-testid="notification-mark-all-read"
          >
            {t('notifications.markAllRead')}
          </Button>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            options={[
              { value: 'all', label: t('notifications.all') },
              { value: 'unread', label: t('notifications.unread') },
            ]}
            onChange={(v) => setParams(v === 'unread' ? { unread: '1' } : {}, { replace: true })}
            data-testid="notification-filter"
          />
        </Space>
      </Flex>
      <ErrorAlert error={markAll.error} />
      {notifications.isError ? (
        <Typography.Text type="danger">{t('errors.generic', { message: notifications.error.message })}</Typography.Text>
      ) : (
        <NotificationList items={notifications.data ?? []} loading={notifications.isPending} />
      )}
    </>
  );
}

import { Flex, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useNotifications } from '../features/notifications/api';
import { NotificationList } from '../features/notifications/NotificationList';

/** 消息提醒: the reminders the daily job wrote, newest first, all or only the unread (?unread=1). */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const notifications = useNotifications(unreadOnly);

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('notifications.title')}
        </Typography.Title>
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          options={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: t('notifications.unread') },
          ]}
          onChange={(v) => setParams(v === 'unread' ? { unread: '1' } : {}, { replace: true })}
          data-testid="notification-filter"
        />
      </Flex>
      {notifications.isError ? (
        <Typography.Text type="danger">{t('errors.generic', { message: notifications.error.message })}</Typography.Text>
      ) : (
        <NotificationList items={notifications.data ?? []} loading={notifications.isPending} />
      )}
    </>
  );
}

import { BellOutlined, GlobalOutlined, LogoutOutlined } from '@ant-design/icons';
import { Badge, Button, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Me } from '../../api/client';
import { PageBoundary } from '../../app/PageBoundary';
import { useSession } from '../auth/session';
import { useUnreadCount } from '../notifications/api';
import { useLanguage } from './language';

interface NavItem {
  readonly key: string;
  readonly label: string;
  readonly roles?: readonly Me['role'][];
}

/** The frame of every signed-in page: the app's name, the menu the role may use, the user. */
export function AppLayout() {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const { toggle } = useLanguage();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const unread = useUnreadCount(me !== null).data ?? 0;
  const nav: NavItem[] = [
    { key: '/plans', label: t('nav.plans') },
    { key: '/my-work', label: t('reports.myWork'), roles: ['reporter', 'admin'] },
    { key: '/imports/new', label: t('nav.import'), roles: ['admin'] },
    { key: '/ledgers', label: t('ledgers.nav') },
    { key: '/problems', label: t('problems.nav') },
    { key: '/orders', label: t('orders.nav') },
    { key: '/offices', label: t('nav.offices') },
    { key: '/notifications', label: t('notifications.nav') },
    { key: '/webhooks', label: t('webhooks.nav'), roles: ['admin'] },
    { key: '/users', label: t('nav.users'), roles: ['admin'] },
    { key: '/audit', label: t('nav.audit'), roles: ['admin'] },
  ];
  const items = nav
    .filter((n) => !n.roles || (me && n.roles.includes(me.role)))
    .map((n) => ({ key: n.key, label: <Link to={n.key}>{n.label}</Link> }));
  const selected = nav.find((n) => location.pathname.startsWith(n.key.replace('/new', '')))?.key;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: screens.md ? '0 24px' : '0 8px',
          background: '#fff',
        }}
      >
        <Link to="/plans">
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap', color: '#b71c1c' }}>
            {screens.md ? t('app.full') : t('app.name')}
          </Typography.Title>
        </Link>
        <Menu
          mode="horizontal"
          items={items}
          selectedKeys={selected ? [selected] : []}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Space size={screens.md ? 'middle' : 4} style={{ flexShrink: 0 }}>
          <Link
            to="/notifications"
            data-testid="notification-bell"
            data-unread={unread}
            aria-label={`${t('notifications.title')} ${t('notifications.unreadCount', { count: unread })}`}
          >
            <Badge count={unread} size="small" overflowCount={99}>
              <BellOutlined style={{ fontSize: 18, padding: 4 }} />
            </Badge>
          </Link>
          {me && (
            <span data-testid="current-user">
              {screens.md && <Typography.Text strong>{me.displayName}</Typography.Text>}{' '}
              <Tag color={me.role === 'admin' ? 'red' : 'blue'}>{t(`roles.${me.role}`)}</Tag>
            </span>
          )}
          <Button
            size="small"
            icon={<GlobalOutlined />}
            onClick={() => void toggle()}
            data-testid="language-switch"
            aria-label={t('app.language')}
          >
            {screens.md ? t('app.language') : null}
          </Button>
          <Button size="small" icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="sign-out">
            {screens.md ? t('app.signOut') : null}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: screens.md ? 24 : 8 }}>
        <PageBoundary />
      </Layout.Content>
    </Layout>
  );
}

import { BellOutlined, GlobalOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Badge, Button, Grid, Layout, Menu, type MenuProps, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Me } from '../../api/client';
import { PageBoundary } from '../../app/PageBoundary';
import { useSession } from '../auth/session';
import { useUnreadCount } from '../notifications/api';
import { useLanguage } from './language';
import { titleKeyOf, usePageTitle } from './usePageTitle';

interface NavItem {
  readonly key: string;
  readonly label: string;
  readonly roles?: readonly Me['role'][];
  /** Under 系统管理 (the plan office's own pages) rather than on the bar. */
  readonly admin?: boolean;
}

const ADMIN_MENU = 'admin-menu';
// Only phones open the menu in a drawer: desks do not load it.
const Drawer = lazy(() => import('antd/es/drawer'));

/** The frame of every signed-in page: the app's name, the menu the role may use, the user. */
export function AppLayout() {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const { toggle } = useLanguage();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const unread = useUnreadCount(me !== null).data ?? 0;
  usePageTitle(t(titleKeyOf(location.pathname)));
  const nav: NavItem[] = [
    { key: '/plans', label: t('nav.plans') },
    { key: '/my-work', label: t('reports.myWork'), roles: ['reporter', 'admin'] },
    { key: '/ledgers', label: t('ledgers.nav') },
    { key: '/problems', label: t('problems.nav') },
    { key: '/orders', label: t('orders.nav') },
    { key: '/notifications', label: t('notifications.nav') },
    { key: '/offices', label: t('nav.offices') },
    { key: '/imports/new', label: t('nav.import'), roles: ['admin'], admin: true },
    { key: '/webhooks', label: t('webhooks.nav'), roles: ['admin'], admin: true },
    { key: '/users', label: t('nav.users'), roles: ['admin'], admin: true },
    { key: '/rosters', label: t('rosters.nav'), roles: ['admin'], admin: true },
    { key: '/audit', label: t('nav.audit'), roles: ['admin'], admin: true },
  ];
  const mayUse = nav.filter((n) => !n.roles || (me && n.roles.includes(me.role)));
  const isAdmin = me?.role === 'admin';
  const itemOf = (n: NavItem) => ({
    key: n.key,
    label: (
      <Link to={n.key} onClick={() => setDrawerOpen(false)}>
        {n.label}
      </Link>
    ),
  });
  // The plan office's own pages, and for it the directory, sit under one 系统管理 menu so the
  // bar fits a desk screen without hiding anything behind "…".
  const underAdmin = (n: NavItem) => n.admin === true || (isAdmin && n.key === '/offices');
  const adminItems = mayUse.filter(underAdmin).map(itemOf);
  const items: MenuProps['items'] = [
    ...mayUse.filter((n) => !underAdmin(n)).map(itemOf),
    ...(adminItems.length > 0 ? [{ key: ADMIN_MENU, label: t('nav.admin'), children: adminItems }] : []),
  ];
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
          {/* The full name only where the menu still fits beside it (≥ 1600 px). */}
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap', color: '#b71c1c' }}>
            {screens.xxl ? t('app.full') : t('app.name')}
          </Typography.Title>
        </Link>
        {phone ? (
          <>
            <Button
              icon={<MenuOutlined />}
              onClick={() => setDrawerOpen(true)}
              data-testid="menu-open"
              aria-label={t('nav.menu')}
            />
            <span style={{ flex: 1 }} />
            <Suspense fallback={null}>
              {drawerOpen && (
                <Drawer
                  open={drawerOpen}
                  onClose={() => setDrawerOpen(false)}
                  placement="left"
                  width={260}
                  title={t('app.name')}
                  styles={{ body: { padding: 0 } }}
                  data-testid="menu-drawer"
                >
                  <Menu
                    mode="inline"
                    items={items}
                    selectedKeys={selected ? [selected] : []}
                    defaultOpenKeys={[ADMIN_MENU]}
                  />
                </Drawer>
              )}
            </Suspense>
          </>
        ) : (
          <Menu
            mode="horizontal"
            items={items}
            selectedKeys={selected ? [selected] : []}
            style={{ flex: 1, minWidth: 0 }}
            data-testid="main-menu"
          />
        )}
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

import '@ant-design/v5-patch-for-react-19';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError, type Me } from '../api/client';
import { SessionProvider, useSession } from '../features/auth/session';
import { AppLayout } from '../features/layout/AppLayout';
import { usePageTitle } from '../features/layout/usePageTitle';
import { rememberLanguage, switchLanguage } from '../i18n';

// Each page is its own chunk: a reporter on a phone loads the board, not the import wizard, and
// the sign-in page loads neither the forms of the others nor the charts.
const LoginPage = lazy(() => import('../pages/LoginPage').then((m) => ({ default: m.LoginPage })));
const NotFoundPage = lazy(() => import('../pages/ErrorPages').then((m) => ({ default: m.NotFoundPage })));
const ForbiddenPage = lazy(() => import('../pages/ErrorPages').then((m) => ({ default: m.ForbiddenPage })));
const AuditPage = lazy(() => import('../pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const MyWorkPage = lazy(() => import('../pages/MyWorkPage').then((m) => ({ default: m.MyWorkPage })));
const LedgersPage = lazy(() => import('../pages/LedgersPage').then((m) => ({ default: m.LedgersPage })));
const OrderPage = lazy(() => import('../pages/OrderPage').then((m) => ({ default: m.OrderPage })));
const OrdersPage = lazy(() => import('../pages/OrdersPage').then((m) => ({ default: m.OrdersPage })));
const ProblemsPage = lazy(() => import('../pages/ProblemsPage').then((m) => ({ default: m.ProblemsPage })));
const ProblemPage = lazy(() => import('../pages/ProblemPage').then((m) => ({ default: m.ProblemPage })));
const ImportPage = lazy(() => import('../pages/ImportPage').then((m) => ({ default: m.ImportPage })));
const OfficesPage = lazy(() => import('../pages/OfficesPage').then((m) => ({ default: m.OfficesPage })));
const PlanBoardPage = lazy(() => import('../pages/PlanBoardPage').then((m) => ({ default: m.PlanBoardPage })));
const PlansPage = lazy(() => import('../pages/PlansPage').then((m) => ({ default: m.PlansPage })));
const ReportPage = lazy(() => import('../pages/ReportPage').then((m) => ({ default: m.ReportPage })));
const StartReportPage = lazy(() => import('../pages/ReportPage').then((m) => ({ default: m.StartReportPage })));
const TaskPage = lazy(() => import('../pages/TaskPage').then((m) => ({ default: m.TaskPage })));
const DashboardPage = lazy(() => import('../pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const CompliancePage = lazy(() => import('../pages/CompliancePage').then((m) => ({ default: m.CompliancePage })));
const PlanSettingsPage = lazy(() => import('../pages/PlanSettingsPage').then((m) => ({ default: m.PlanSettingsPage })));
const NotificationsPage = lazy(() =>
  import('../pages/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
);
const WebhooksPage = lazy(() => import('../pages/WebhooksPage').then((m) => ({ default: m.WebhooksPage })));
const UsersPage = lazy(() => import('../pages/UsersPage').then((m) => ({ default: m.UsersPage })));
const RostersPage = lazy(() => import('../pages/RostersPage').then((m) => ({ default: m.RostersPage })));

/** Tries of a failed query: a 4xx answer (forbidden, missing, bad input) says the same the next time. */
const MAX_RETRIES = 3;
function retryQuery(failures: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < MAX_RETRIES;
}

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: retryQuery } },
});

/** Signed-in pages: anonymous users go to sign in; a role that may not see the page is told so. */
function Guard({ roles, children }: { roles?: readonly Me['role'][]; children: ReactNode }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spin style={{ display: 'block', marginTop: 120 }} />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (roles && !roles.includes(me.role)) {
    return (
      <Suspense fallback={<Spin style={{ display: 'block', marginTop: 120 }} />}>
        <ForbiddenPage />
      </Suspense>
    );
  }
  return <Suspense fallback={<Spin style={{ display: 'block', marginTop: 120 }} />}>{children}</Suspense>;
}

/** A page with its own document title (`督办 · 计划看板`). */
function Titled({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(t(title));
  return children;
}

/** After sign-in the user's own language wins over this browser's last one. */
function LanguageFromProfile() {
  const { me } = useSession();
  const { i18n } = useTranslation();
  const locale = me?.locale;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new profile language (sign-in, a switch) may change the UI's language, not the UI's own change
  useEffect(() => {
    if ((locale === 'en' || locale === 'zh-CN') && locale !== i18n.language) {
      void switchLanguage(locale);
      rememberLanguage(locale);
    }
  }, [locale]);
  return null;
}

function Localized({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#b71c1c' } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <Localized>
          <LanguageFromProfile />
          <BrowserRouter>
            <Routes>
              <Route
                path="/login"
                element={
                  <Suspense fallback={<Spin style={{ display: 'block', marginTop: 120 }} />}>
                    <Titled title="pageTitles.login">
                      <LoginPage />
                    </Titled>
                  </Suspense>
                }
              />
              <Route
                element={
                  <Guard>
                    <AppLayout />
                  </Guard>
                }
              >
                <Route index element={<Navigate to="/plans" replace />} />
                <Route path="/plans" element={<PlansPage />} />
                <Route path="/plans/:id" element={<PlanBoardPage />} />
                <Route path="/plans/:id/dashboard" element={<DashboardPage />} />
                <Route path="/plans/:id/compliance" element={<CompliancePage />} />
                <Route
                  path="/plans/:id/settings"
                  element={
                    <Guard roles={['admin']}>
                      <PlanSettingsPage />
                    </Guard>
                  }
                />
                <Route path="/notifications" element={<NotificationsPage />} />
                <Route
                  path="/webhooks"
                  element={
                    <Guard roles={['admin']}>
                      <WebhooksPage />
                    </Guard>
                  }
                />
                <Route path="/tasks/:id" element={<TaskPage />} />
                <Route
                  path="/my-work"
                  element={
                    <Guard roles={['admin', 'reporter']}>
                      <MyWorkPage />
                    </Guard>
                  }
                />
                <Route path="/reports/:id" element={<ReportPage />} />
                <Route
                  path="/tasks/:id/report"
                  element={
                    <Guard roles={['admin', 'reporter']}>
                      <StartReportPage />
                    </Guard>
                  }
                />
                <Route path="/offices" element={<OfficesPage />} />
                <Route path="/ledgers" element={<LedgersPage />} />
                <Route path="/problems" element={<ProblemsPage />} />
                <Route path="/problems/:id" element={<ProblemPage />} />
                <Route path="/orders" element={<OrdersPage />} />
                <Route path="/orders/:id" element={<OrderPage />} />
                <Route
                  path="/imports/new"
                  element={
                    <Guard roles={['admin']}>
                      <ImportPage />
                    </Guard>
                  }
                />
                <Route
                  path="/imports/:id"
                  element={
                    <Guard roles={['admin']}>
                      <ImportPage />
                    </Guard>
                  }
                />
                <Route
                  path="/users"
                  element={
                    <Guard roles={['admin']}>
                      <UsersPage />
                    </Guard>
                  }
                />
                <Route
                  path="/rosters"
                  element={
                    <Guard roles={['admin']}>
                      <RostersPage />
                    </Guard>
                  }
                />
                <Route
                  path="/audit"
                  element={
                    <Guard roles={['admin']}>
                      <AuditPage />
                    </Guard>
                  }
                />
                <Route
                  path="*"
                  element={
                    <Suspense fallback={<Spin style={{ display: 'block', marginTop: 120 }} />}>
                      <NotFoundPage />
                    </Suspense>
                  }
                />
              </Route>
            </Routes>
          </BrowserRouter>
        </Localized>
      </SessionProvider>
    </QueryClientProvider>
  );
}

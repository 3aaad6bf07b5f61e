import { Alert, Button, Card, Empty, Grid, List, Progress, Skeleton, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useHasRole } from '../features/auth/session';
import { type PlanSummary, type PlanProgress as Progressed, usePlans, usePlansProgress } from '../features/plans/api';

/**
 * A plan's progress, as its dashboard derives it: the bar is the share of tasks done (green) and
 * on track (blue); beside it, tasks done and the reports handed in of those expected so far.
 */
function PlanProgress({ progress, failed }: { progress: Progressed | undefined; failed: boolean }) {
  const { t } = useTranslation();
  if (progress === undefined && failed) return <Typography.Text type="secondary">—</Typography.Text>;
  if (progress === undefined) return <Skeleton.Input active size="small" data-testid="plan-progress-loading" />;
  const count = (status: string) => progress.statuses.find((s) => s.status === status)?.count ?? 0;
  const done = count('met');
  const onTrack = count('on-track');
  // The reporting axis, apart from the work: tasks with a report missing after its due day.
  const missing = progress.reportings.find((r) => r.reporting === 'missing')?.count ?? 0;
  const share = (n: number) => (progress.tasks > 0 ? Math.round((n / progress.tasks) * 100) : 0);
  const words = { ...progress, done, onTrack };
  return (
    <Tooltip title={t('plans.progressTitle', words)}>
      <Space
        size={8}
        wrap
        data-testid="plan-progress"
        data-done={done}
        data-tasks={progress.tasks}
        data-submitted={progress.submitted}
        data-expected={progress.expected}
        data-missing={missing}
      >
        <Progress
          percent={share(done + onTrack)}
          success={{ percent: share(done) }}
          size="small"
          style={{ width: 90, margin: 0 }}
          format={() => `${share(done)}%`}
        />
        <Typography.Text type="secondary">
          {t('plans.progressDone', words)}
          {' · '}
          {progress.submitted === 0 ? t('plans.noReports') : t('plans.progressReports', words)}
          {missing > 0 && ` · ${t('judgement.plansMissing', { count: missing })}`}
        </Typography.Text>
      </Space>
    </Tooltip>
  );
}

function NoPlans() {
  const { t } = useTranslation();
  const admin = useHasRole('admin');
  const navigate = useNavigate();
  return (
    <Empty
      data-testid="plans-empty"
      description={
        <>
          {t('plans.empty')}
          {!admin && <div>{t('plans.askAdmin')}</div>}
        </>
      }
    >
      {admin && (
        <Button type="primary" onClick={() => navigate('/imports/new')}>
          {t('plans.importNow')}
        </Button>
      )}
    </Empty>
  );
}

const LeaderReviewQueue = lazy(() =>
  import('../features/reports/LeaderReviewQueue').then((m) => ({ default: m.LeaderReviewQueue })),
);

/** Every plan with its year, size and progress; each opens its board. A leader sees what waits for their review. */
export function PlansPage() {
  const { t } = useTranslation();
  const leader = useHasRole('leader');
  const screens = Grid.useBreakpoint();
  const plans = usePlans();
  const progress = usePlansProgress();
  const progressOf = (p: PlanSummary) => progress.data?.find((x) => x.planId === p.id);

  const counts = (p: PlanSummary) =>
    [
      `${t('plans.sections')} ${p.sectionCount}`,
      `${t('plans.tasks')} ${p.taskCount}`,
      `${t('plans.targets')} ${p.targetCount}`,
    ].join(' · ');

  const columns: ColumnsType<PlanSummary> = [
    {
      title: t('plans.title'),
      dataIndex: 'title',
      render: (title: string, p) => (
        <Link to={`/plans/${p.id}`} data-testid="plan-link">
          {title}
        </Link>
      ),
    },
    { title: t('plans.year'), dataIndex: 'year', width: 80, render: (y: number | null) => y ?? '—' },
    { title: t('plans.date'), dataIndex: 'date', width: 120, render: (d: string | null) => d ?? '—' },
    { title: t('plans.issuers'), dataIndex: 'issuers', render: (issuers: string[]) => issuers.join('、') || '—' },
    { title: t('plans.sections'), dataIndex: 'sectionCount', width: 80, align: 'right' },
    { title: t('plans.tasks'), dataIndex: 'taskCount', width: 90, align: 'right' },
    { title: t('plans.targets'), dataIndex: 'targetCount', width: 80, align: 'right' },
    {
      title: t('plans.progress'),
      key: 'progress',
      width: 260,
      render: (_: unknown, p) => <PlanProgress progress={progressOf(p)} failed={progress.isError} />,
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('plans.title')}
      </Typography.Title>
      {leader && (
        <Suspense fallback={null}>
          <LeaderReviewQueue />
        </Suspense>
      )}
      {plans.isError && <Alert type="error" showIcon message={t('errors.generic', { message: plans.error.message })} />}
      {plans.data?.length === 0 ? (
        <NoPlans />
      ) : screens.md ? (
        <Table<PlanSummary>
          rowKey="id"
          loading={plans.isPending}
          columns={columns}
          dataSource={plans.data ?? []}
          pagination={false}
          onRow={() => ({ 'data-testid': 'plan-row' }) as HTMLAttributes<HTMLElement>}
        />
      ) : (
        <List
          loading={plans.isPending}
          dataSource={plans.data ?? []}
          rowKey="id"
          renderItem={(p) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="plan-row">
              <Link to={`/plans/${p.id}`} data-testid="plan-link">
                <Typography.Text strong style={{ color: 'inherit' }}>
                  {p.title}
                </Typography.Text>
              </Link>
              <div>
                <Typography.Text type="secondary">
                  {[p.year, p.date ? t('plans.issued', { date: p.date }) : null].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
              <div>{counts(p)}</div>
              <PlanProgress progress={progressOf(p)} failed={progress.isError} />
            </Card>
          )}
        />
      )}
    </Space>
  );
}

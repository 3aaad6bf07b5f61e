import { ReloadOutlined } from '@ant-design/icons';
import { judgingDate, periodLabel } from '@duban/core';
import { Alert, Button, Col, Grid, Row, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useDashboard, useDashboardFetching, useRefreshDashboard } from '../features/dashboard/api';
import { CoordinationPanel } from '../features/dashboard/Coordination';
import { headline, statusCounts } from '../features/dashboard/figures';
import { HeadlineFigures } from '../features/dashboard/Headline';
import { LeaguePanel } from '../features/dashboard/LeagueTable';
import {
  CompliancePanel,
  ProblemsPanel,
  ReportingPanel,
  SectionsPanel,
  StatusPanel,
} from '../features/dashboard/Panels';
import { usePlan } from '../features/plans/api';
import { PlanHeader } from '../features/plans/components/PlanHeader';
import { DatePicker } from '../format/DatePicker';
import { todayInChina } from '../format/time';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

/**
 * The day the figures are counted up to lives in the address (?date=): a dashboard of a day can be
 * shared. By default the server's: today, or the last day of the plan's year once it has ended.
 */
function useAsOf(planYear: number | null): [string, (date: string) => void] {
  const [params, setParams] = useSearchParams();
  const asked = params.get('date');
  const date = asked && ISO_DATE.test(asked) ? asked : judgingDate(planYear, todayInChina());
  return [date, (next) => setParams({ date: next }, { replace: true })];
}

/** A plan in figures and charts: progress, reporting, the office league, cadence compliance, problems. */
export function DashboardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const plan = usePlan(id);
  const [date, setDate] = useAsOf(plan.data?.year ?? null);
  // The default day depends on the plan's year: wait for the plan before counting.
  const dashboard = useDashboard(id, date, plan.isSuccess);
  const refresh = useRefreshDashboard();
  const fetching = useDashboardFetching();
  const d = dashboard.data;
  // One object per answer, so the charts redraw only when the figures change.
  const counts = useMemo(() => (d ? statusCounts(d.statuses) : null), [d]);

  if (plan.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (plan.isError)
    return <Alert type="error" showIcon message={t('errors.generic', { message: plan.error.message })} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard" data-date={date}>
      <PlanHeader plan={{ id, title: plan.data.title }} active="dashboard" crumb={t('dashboard.title')} />
      <Space wrap>
        <Typography.Text>{t('dashboard.asOf')}</Typography.Text>
        <DatePicker
          data-testid="dashboard-date"
          allowClear={false}
          value={dayjs(date)}
          onChange={(value) => value && setDate(value.format('YYYY-MM-DD'))}
        />
        <Button
          icon={<ReloadOutlined />}
          loading={fetching}
          onClick={() => void refresh()}
          data-testid="dashboard-refresh"
        >
          {t('dashboard.refresh')}
        </Button>
      </Space>
      {d && (
        <Typography.Text type="secondary">
          {t('dashboard.cadence', { cadence: t(`dashboard.cadences.${d.cadence}`, { defaultValue: d.cadence }) })}
          {d.period && (
            <span data-testid="dashboard-period" data-period={d.period.key}>
              {' · '}
              {t('dashboard.period', { period: periodLabel(d.period.key), due: d.period.due })}
            </span>
          )}
        </Typography.Text>
      )}
      {dashboard.isError && (
        <Alert type="error" showIcon message={t('errors.generic', { message: dashboard.error.message })} />
      )}
      {dashboard.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        d &&
        counts && (
          <>
            <HeadlineFigures figures={headline(d)} />
            <Row gutter={[12, 12]}>
              <Col xs={24} xl={10}>
                <StatusPanel counts={counts} />
              </Col>
              <Col xs={24} xl={14}>
                <SectionsPanel sections={d.sections} narrow={narrow} />
              </Col>
              <Col xs={24}>
                <CoordinationPanel coordination={d.coordination} reportings={d.reportings} />
              </Col>
              <Col xs={24} xl={12}>
                <ReportingPanel reporting={d.reporting} />
              </Col>
              <Col xs={24} xl={12}>
                <CompliancePanel planId={id} date={date} narrow={narrow} />
              </Col>
              <Col xs={24}>
                <LeaguePanel planId={id} date={date} narrow={narrow} />
              </Col>
              <Col xs={24}>
                <ProblemsPanel planId={id} date={date} />
              </Col>
            </Row>
          </>
        )
      )}
    </Space>
  );
}

import { Card, Col, Row, Space, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS_COLORS, TASK_STATUSES } from '../plans/status';
import type { Headline } from './figures';

function Figure({
  testId,
  title,
  children,
  data,
  wide = false,
}: {
  testId: string;
  /** Several numbers side by side: a whole row on a phone. */
  wide?: boolean;
  title: ReactNode;
  children: ReactNode;
  data: Record<`data-${string}`, string | number>;
}) {
  return (
    <Col xs={wide ? 24 : 12} md={8}>
      <Card size="small" style={{ height: '100%' }} data-testid={testId} {...data}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        <div style={{ marginTop: 4 }}>{children}</div>
      </Card>
    </Col>
  );
}

/** A figure of x out of y: x large, "/ y" after it; coloured only when there is something to show. */
function OutOf({ value, total, color }: { value: number; total: number | null; color?: string }) {
  return (
    <Statistic
      value={value}
      suffix={total === null ? undefined : `/ ${total}`}
      valueStyle={{ fontSize: 24, ...(color && value > 0 ? { color } : {}) }}
    />
  );
}

/** The dashboard's headline figures: tasks and their statuses, targets met, this period's reports, orders. */
export function HeadlineFigures({ figures }: { figures: Headline }) {
  const { t } = useTranslation();
  const { statuses, period, orders } = figures;
  // Every task in exactly one status, so the figures add up to the plan's tasks; 暂无报送 only
  // when some task has none.
  const shown = TASK_STATUSES.filter((s) => s !== 'noData' || statuses.noData > 0);
  const progress = shown.map((s) => (
    <Space key={s} direction="vertical" size={0} data-testid={`progress-${s}`} data-count={statuses[s]}>
      <span style={{ fontSize: 24, color: STATUS_COLORS[s].edge, fontWeight: 500 }}>{statuses[s]}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`status.${s}`)}
      </Typography.Text>
    </Space>
  ));
  return (
    <Row gutter={[12, 12]} data-testid="dashboard-figures">
      <Figure testId="figure-tasks" title={t('dashboard.figures.tasks')} data={{ 'data-value': figures.tasks }}>
        <Statistic value={figures.tasks} suffix={t('dashboard.figures.tasksUnit')} valueStyle={{ fontSize: 24 }} />
      </Figure>
      <Figure
        testId="figure-targets"
        title={t('dashboard.figures.targetsMet')}
        data={{ 'data-value': figures.targetsMet, 'data-total': figures.targetsTotal }}
      >
        <OutOf value={figures.targetsMet} total={figures.targetsTotal} color={STATUS_COLORS.met.edge} />
      </Figure>
      <Figure
        testId="figure-progress"
        wide
        title={t('dashboard.figures.progress')}
        data={{
          'data-on-track': statuses.onTrack,
          'data-at-risk': statuses.atRisk,
          'data-late': statuses.late,
          'data-met': statuses.met,
          'data-no-data': statuses.noData,
        }}
      >
        <Space size="middle">{progress}</Space>
      </Figure>
      <Figure
        testId="figure-submitted"
        title={t('dashboard.figures.submitted')}
        data={{ 'data-value': period?.submitted ?? '', 'data-total': period?.expected ?? '' }}
      >
        {period ? <OutOf value={period.submitted} total={period.expected} /> : <NoPeriod />}
      </Figure>
      <Figure
        testId="figure-on-time"
        title={t('dashboard.figures.onTime')}
        data={{ 'data-value': period?.onTime ?? '', 'data-total': period?.expected ?? '' }}
      >
        {period ? <OutOf value={period.onTime} total={period.expected} color={STATUS_COLORS.met.edge} /> : <NoPeriod />}
      </Figure>
      <Figure
        testId="figure-orders"
        wide
        title={t('dashboard.figures.orders')}
        data={{ 'data-open': orders.open, 'data-overdue': orders.overdue }}
      >
        <Space size="middle">
          <Space direction="vertical" size={0}>
            <span style={{ fontSize: 24, fontWeight: 500 }}>{orders.open}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('dashboard.figures.openOrders')}
            </Typography.Text>
          </Space>
          <Space direction="vertical" size={0}>
            <span
              style={{ fontSize: 24, fontWeight: 500, color: orders.overdue > 0 ? STATUS_COLORS.late.edge : undefined }}
            >
              {orders.overdue}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('dashboard.figures.overdueOrders')}
            </Typography.Text>
          </Space>
        </Space>
      </Figure>
    </Row>
  );
}

function NoPeriod() {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t('dashboard.noPeriod')}</Typography.Text>;
}

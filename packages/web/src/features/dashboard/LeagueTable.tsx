import { Col, Empty, Row, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type CSSProperties, type HTMLAttributes, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLeague } from './api';
import { onTimeBars } from './charts';
import { EChart } from './EChart';
import { type LeagueRow, leagueRows, onTimeExtremes, type Standing } from './figures';
import { Panel } from './Panels';

const STANDING_BACKGROUND: Record<Exclude<Standing, null>, string> = { top: '#f6ffed', bottom: '#fff1f0' };
const STANDING_TAG: Record<Exclude<Standing, null>, string> = { top: 'success', bottom: 'error' };

/** The whole row tinted: antd paints each cell, so each cell carries the colour. */
const tint = (row: LeagueRow): { style?: CSSProperties } =>
  row.standing ? { style: { background: STANDING_BACKGROUND[row.standing] } } : {};

const byNumber =
  (pick: (r: LeagueRow) => number | null) =>
  (a: LeagueRow, b: LeagueRow): number =>
    (pick(a) ?? -1) - (pick(b) ?? -1);

/** The offices ranked: reports on time, targets met, orders still open; the two ends marked. */
export function LeaguePanel({ planId, date, narrow }: { planId: string; date: string; narrow: boolean }) {
  const { t } = useTranslation();
  const league = useLeague(planId, date);
  const rows = useMemo(() => (league.data ? leagueRows(league.data.offices) : []), [league.data]);
  const { best, worst } = useMemo(() => onTimeExtremes(rows), [rows]);

  const columns: TableColumnsType<LeagueRow> = [
    {
      key: 'rank',
      title: t('dashboard.league.rank'),
      dataIndex: 'rank',
      width: narrow ? 56 : 72,
      fixed: 'left',
      defaultSortOrder: 'ascend',
      sorter: byNumber((r) => r.rank),
      onCell: tint,
      render: (rank: number, r) =>
        r.standing ? (
          <Tag color={STANDING_TAG[r.standing]} style={{ marginInlineEnd: 0 }}>
            {rank}
          </Tag>
        ) : (
          rank
        ),
    },
    {
      key: 'office',
      title: t('dashboard.league.office'),
      dataIndex: 'name',
      width: narrow ? 108 : 200,
      fixed: 'left',
      onCell: tint,
      render: (name: string, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong={r.standing !== null}>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`officeKinds.${r.kind}`, { defaultValue: r.kind })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'reports',
      align: 'right',
      title: t('dashboard.league.reports'),
      width: 120,
      onCell: tint,
      sorter: byNumber((r) => r.submitted),
      render: (_, r) => t('dashboard.league.reportsValue', { submitted: r.submitted, expected: r.expected }),
    },
    {
      key: 'onTimeRate',
      align: 'right',
      title: t('dashboard.league.onTimeRate'),
      width: 100,
      onCell: tint,
      sorter: byNumber((r) => r.onTimeRate),
      render: (_, r) => (r.onTimeRate === null ? '—' : `${r.onTimeRate}%`),
    },
    {
      key: 'targetsMet',
      align: 'right',
      title: t('dashboard.league.targetsMet'),
      width: 100,
      onCell: tint,
      sorter: byNumber((r) => r.targetsMet),
      render: (_, r) => `${r.targetsMet} / ${r.targetsTotal}`,
    },
    {
      key: 'openOrders',
      align: 'right',
      title: t('dashboard.league.openOrders'),
      dataIndex: 'openOrders',
      width: 100,
      onCell: tint,
      sorter: byNumber((r) => r.openOrders),
    },
    {
      key: 'overdueOrders',
      align: 'right',
      title: t('dashboard.league.overdueOrders'),
      dataIndex: 'overdueOrders',
      width: 100,
      onCell: tint,
      sorter: byNumber((r) => r.overdueOrders),
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
  ];

  return (
    <Panel title={t('dashboard.charts.league')} loading={league.isPending} error={league.error}>
      {rows.length === 0 ? (
        <Empty description={t('dashboard.noOffices')} />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Table<LeagueRow>
            data-testid="league-table"
            size="small"
            rowKey="officeId"
            columns={columns}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            onRow={(r) =>
              ({
                'data-testid': 'league-row',
                'data-office-id': r.officeId,
                'data-rank': r.rank,
                'data-standing': r.standing ?? '',
                'data-on-time-rate': r.onTimeRate ?? '',
                'data-open-orders': r.openOrders,
                'data-overdue-orders': r.overdueOrders,
              }) as HTMLAttributes<HTMLElement>
            }
          />
          <Row gutter={[16, 8]}>
            {best.length > 0 && (
              <Col xs={24} lg={worst.length > 0 ? 12 : 24}>
                <OnTimeChart
                  rows={best}
                  title={t(worst.length > 0 ? 'dashboard.charts.onTimeBest' : 'dashboard.charts.onTimeRate', {
                    count: best.length,
                  })}
                  testId="chart-on-time"
                  narrow={narrow}
                />
              </Col>
            )}
            {worst.length > 0 && (
              <Col xs={24} lg={12}>
                <OnTimeChart
                  rows={worst}
                  title={t('dashboard.charts.onTimeWorst', { count: worst.length })}
                  testId="chart-on-time-worst"
                  narrow={narrow}
                  worst
                />
              </Col>
            )}
          </Row>
        </Space>
      )}
    </Panel>
  );
}

function OnTimeChart({
  rows,
  title,
  testId,
  narrow,
  worst = false,
}: {
  rows: LeagueRow[];
  title: string;
  testId: string;
  narrow: boolean;
  worst?: boolean;
}) {
  const { t } = useTranslation();
  const option = useMemo(() => onTimeBars(rows, t, narrow, worst), [rows, t, narrow, worst]);
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      <EChart
        option={option}
        height={rows.length * 28 + 40}
        data-testid={testId}
        data-values={JSON.stringify(rows.map((r) => ({ officeId: r.officeId, rate: r.onTimeRate })))}
      />
    </>
  );
}

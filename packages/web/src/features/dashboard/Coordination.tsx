import { periodLabel } from '@duban/core';
import { Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REPORTING_COLORS, reportingOf, TASK_REPORTINGS } from '../plans/status';
import type { Dashboard } from './api';
import { Panel } from './Panels';

/**
 * 需协调: the tasks an office reports blocked (受阻), with the reporter's reason — what the plan
 * office has to take up — and the plan's tasks by reporting, apart from their work.
 */
export function CoordinationPanel({
  coordination,
  reportings,
}: {
  coordination: Dashboard['coordination'];
  reportings: Dashboard['reportings'];
}) {
  const { t, i18n } = useTranslation();
  const period = (key: string) => (i18n.language.startsWith('zh') ? periodLabel(key) : key);
  const counts = Object.fromEntries(TASK_REPORTINGS.map((r) => [r, 0]));
  for (const r of reportings) counts[reportingOf(r.reporting)] = r.count;
  return (
    <Panel title={t('judgement.coordination.title')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap data-testid="dashboard-reportings" data-values={JSON.stringify(counts)}>
          <Typography.Text type="secondary">{t('judgement.reportingPanel')}</Typography.Text>
          {TASK_REPORTINGS.filter((r) => r !== 'none' || (counts[r] ?? 0) > 0).map((r) => (
            <Tag key={r} color={REPORTING_COLORS[r]} data-testid={`reporting-${r}`} data-count={counts[r]}>
              {t(`judgement.reporting.${r}`)} {counts[r]}
            </Tag>
          ))}
        </Space>
        <Typography.Text type="secondary">{t('judgement.coordination.hint')}</Typography.Text>
        {coordination.length === 0 ? (
          <Empty description={t('judgement.coordination.empty')} data-testid="coordination-empty" />
        ) : (
          <Table
            size="small"
            data-testid="coordination"
            rowKey={(c) => `${c.taskId}-${c.officeId}`}
            dataSource={coordination}
            pagination={false}
            scroll={{ x: true }}
            columns={[
              {
                title: t('judgement.coordination.task'),
                key: 'task',
                render: (_, c) => (
                  <Link to={`/tasks/${c.taskId}`}>
                    {c.number}. {c.title}
                  </Link>
                ),
              },
              { title: t('judgement.coordination.office'), dataIndex: 'officeName', key: 'office' },
              {
                title: t('judgement.coordination.period'),
                key: 'period',
                render: (_, c) => period(c.periodKey),
              },
              {
                title: t('judgement.coordination.reason'),
                key: 'reason',
                render: (_, c) => c.reason || t('judgement.noReason'),
              },
            ]}
          />
        )}
      </Space>
    </Panel>
  );
}

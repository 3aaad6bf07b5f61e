import { periodLabel } from '@duban/core';
import { Alert, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOfficeNames } from '../ledgers/offices';
import { type ReportSummary, useReports } from './api';
import { type Assignment, rolesOf } from './roles';
import { StateTag } from './StateTag';

/**
 * What each office has reported on a task, period by period: lead and support offices side by
 * side, so the record shows who contributed what. Reporters see their own office's reports.
 */
export function TaskReports({ taskId, assignments }: { taskId: string; assignments: readonly Assignment[] }) {
  const { t, i18n } = useTranslation();
  const reports = useReports({ taskId });
  const names = useOfficeNames();
  const roles = useMemo(() => rolesOf(assignments), [assignments]);

  if (reports.isError) return <Alert type="error" showIcon message={reports.error.message} />;
  const period = (key: string) => (i18n.language.startsWith('zh') ? periodLabel(key) : key);
  return (
    <Table<ReportSummary>
      size="small"
      rowKey="id"
      loading={reports.isPending}
      dataSource={reports.data ?? []}
      pagination={{ pageSize: 12, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('reports.taskReports.empty') }}
      onRow={(r) => ({ 'data-testid': 'task-report-row', 'data-office-id': r.officeId }) as object}
      columns={[
        { title: t('reports.taskReports.period'), dataIndex: 'periodKey', render: (key: string) => period(key) },
        {
          title: t('reports.taskReports.office'),
          dataIndex: 'officeId',
          render: (id: string) => {
            const role = roles.get(id);
            return (
              <span>
                {names.name(id)}{' '}
                {role && (
                  <Tag color={role === 'lead' ? 'red' : 'default'} data-testid="task-report-role" data-role={role}>
                    {t(`reports.taskReports.roles.${role}`)}
                  </Tag>
                )}
              </span>
            );
          },
        },
        {
          title: t('reports.taskReports.state'),
          key: 'state',
          render: (_: unknown, r) => (
            <span>
              <StateTag state={r.status} next={r.nextReviewer} />
              {r.late ? (
                <Tag color="orange" style={{ marginInlineStart: 4 }}>
                  {t('reports.taskReports.late')}
                </Tag>
              ) : null}
            </span>
          ),
        },
        {
          title: t('reports.taskReports.progress'),
          dataIndex: 'progress',
          render: (p: ReportSummary['progress']) => t(`reports.progress.${p}`),
        },
        {
          title: t('reports.taskReports.narrative'),
          dataIndex: 'narrative',
          render: (text: string, r) => (
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0, maxWidth: 420 }}>
              {r.goodPractice ? <Tag color="gold">{t('reports.taskReports.goodPractice')}</Tag> : null}
              {text}
            </Typography.Paragraph>
          ),
        },
        {
          key: 'open',
          render: (_: unknown, r) => <Link to={`/reports/${r.id}`}>{t('reports.taskReports.open')}</Link>,
        },
      ]}
    />
  );
}

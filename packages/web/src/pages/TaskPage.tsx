import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Descriptions, Grid, Result, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { useHasRole } from '../features/auth/session';
import { usePlanStatus, useTask } from '../features/plans/api';
import { StatusTag } from '../features/plans/components/StatusTag';
import { TargetsTable } from '../features/plans/components/TargetsTable';
import { TaskEditForm } from '../features/plans/components/TaskEditForm';
import { TaskHistory } from '../features/plans/components/TaskHistory';
import { TaskOffices } from '../features/plans/components/TaskOffices';
import { taskStatus } from '../features/plans/status';
import { useTargetValues } from '../features/reports/api';
import { ReportProgressButton } from '../features/reports/ReportProgressButton';
import { TaskReports } from '../features/reports/TaskReports';
import { type Cadence, settingsQuery } from '../features/settings/api';

/** One task in full: text, targets, offices, leaders and deadline, and the history of its changes. */
export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const admin = useHasRole('admin');
  const task = useTask(id);
  const statuses = usePlanStatus(task.data?.plan.id);
  const targetValues = useTargetValues(task.data?.plan.id);
  const settings = useQuery({ ...settingsQuery(task.data?.plan.id ?? ''), enabled: task.data !== undefined });
  const planCadence = settings.data ? t(`settings.cadences.${settings.data.cadence as Cadence}`) : '…';
  const [editing, setEditing] = useState(false);
  const screens = Grid.useBreakpoint();

  if (task.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (task.isError) {
    if (task.error instanceof ApiError && task.error.status === 404) {
      return <Result status="404" title="404" subTitle={t('errors.notFound')} />;
    }
    return <Alert type="error" showIcon message={t('errors.generic', { message: task.error.message })} />;
  }
  const k = task.data;
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/plans">{t('board.backToPlans')}</Link> },
          { title: <Link to={`/plans/${k.plan.id}`}>{k.plan.title}</Link> },
          { title: `${t('task.number')} ${k.number}` },
        ]}
      />
      <Card
        data-testid="task-card"
        styles={{ body: { padding: screens.md ? 24 : 12 } }}
        title={
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }} data-testid="task-title">
            {k.number}. {k.title}
          </Typography.Title>
        }
        extra={
          <Space wrap>
            <StatusTag status={taskStatus(k, statuses.data)} />
            <ReportProgressButton task={k} />
            {admin && !editing && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="task-edit">
                {t('common.edit')}
              </Button>
            )}
          </Space>
        }
      >
        {editing ? (
          <TaskEditForm key={k.version} task={k} planCadence={planCadence} onDone={() => setEditing(false)} />
        ) : (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Descriptions
              size="small"
              bordered
              column={screens.md ? 2 : 1}
              layout={screens.md ? 'horizontal' : 'vertical'}
            >
              <Descriptions.Item label={t('task.section')}>
                {k.section.number}、{k.section.title}
              </Descriptions.Item>
              <Descriptions.Item label={t('task.deadline')}>
                <span data-testid="task-deadline">{k.deadline ?? none}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('taskCadence.label')}>
                <span data-testid="task-cadence">
                  {k.cadence
                    ? t(`settings.cadences.${k.cadence}`)
                    : t('taskCadence.planDefault', { cadence: planCadence })}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('board.leaders')}>
                {k.leaders.length > 0 ? k.leaders.join('、') : none}
              </Descriptions.Item>
            </Descriptions>
            <div>
              <Typography.Title level={5}>{t('task.text')}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="task-text">
                {k.text}
              </Typography.Paragraph>
            </div>
          </Space>
        )}
      </Card>
      <Card title={t('task.targets')} size="small">
        <TargetsTable targets={k.targets} current={targetValues.data} />
      </Card>
      <Card title={t('task.offices')} size="small" data-testid="task-offices">
        <TaskOffices assignments={k.assignments} />
      </Card>
      <Card title={t('reports.taskReports.title')} size="small" data-testid="task-reports">
        <TaskReports taskId={k.id} assignments={k.assignments} />
      </Card>
      <Card title={t('task.history')} size="small">
        <TaskHistory taskId={k.id} />
      </Card>
    </Space>
  );
}

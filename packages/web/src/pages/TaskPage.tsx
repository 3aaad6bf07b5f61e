import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { chinaToday, judgingDate } from '@duban/core';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Grid,
  Popconfirm,
  Result,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { useHasRole } from '../features/auth/session';
import { MilestonesPanel } from '../features/milestones/MilestonesPanel';
import { usePlanReporting, usePlanStatus, useRemoveTarget, useRemoveTask, useTask } from '../features/plans/api';
import { BlockedReports } from '../features/plans/components/BlockedReports';
import { ReportingTag } from '../features/plans/components/ReportingTag';
import { StatusTag } from '../features/plans/components/StatusTag';
import { TargetsTable } from '../features/plans/components/TargetsTable';
import { TaskEditForm } from '../features/plans/components/TaskEditForm';
import { TaskHistory } from '../features/plans/components/TaskHistory';
import { TaskOffices } from '../features/plans/components/TaskOffices';
import { taskReporting, taskStatus } from '../features/plans/status';
import { useTargetValues } from '../features/reports/api';
import { ReportProgressButton } from '../features/reports/ReportProgressButton';
import { TaskReports } from '../features/reports/TaskReports';
import { TargetFitPanel } from '../features/targets/TargetFitPanel';

const NewTargetModal = lazy(() => import('../features/plans/components/NewTargetModal'));

import { type Cadence, settingsQuery } from '../features/settings/api';

/** One task in full: text, targets, offices, leaders and deadline, and the history of its changes. */
export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const admin = useHasRole('admin');
  const task = useTask(id);
  const statuses = usePlanStatus(task.data?.plan.id);
  const reportings = usePlanReporting(task.data?.plan.id);
  const targetValues = useTargetValues(task.data?.plan.id);
  const settings = useQuery({ ...settingsQuery(task.data?.plan.id ?? ''), enabled: task.data !== undefined });
  const planCadence = settings.data ? t(`settings.cadences.${settings.data.cadence as Cadence}`) : '…';
  const [editing, setEditing] = useState(false);
  const [addingTarget, setAddingTarget] = useState(false);
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const removeTask = useRemoveTask();
  const removeTarget = useRemoveTarget();
  // A refusal (409: reports stand on it) says why in the server's words.
  const failed = (error: unknown) =>
    message.error(t('errors.generic', { message: error instanceof Error ? error.message : String(error) }));

  if (task.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (task.isError) {
    if (task.error instanceof ApiError && task.error.status === 404) {
      return <Result status="404" title="404" subTitle={t('errors.notFound')} />;
    }
    return <Alert type="error" showIcon message={t('errors.generic', { message: task.error.message })} />;
  }
  const k = task.data;
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const reporting = reportings.data && taskReporting(k, reportings.data);

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
            {reporting && <ReportingTag reporting={reporting.reporting} />}
            <ReportProgressButton task={k} />
            {admin && !editing && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="task-edit">
                {t('common.edit')}
              </Button>
            )}
            {admin && !editing && (
              <Popconfirm
                title={t('planEdits.removeTaskConfirm')}
                onConfirm={() =>
                  removeTask.mutateAsync({ id: k.id, version: k.version }).then(() => {
                    message.success(t('planEdits.removed'));
                    navigate(`/plans/${k.plan.id}`);
                  }, failed)
                }
              >
                <Button danger icon={<DeleteOutlined />} data-testid="task-remove">
                  {t('planEdits.removeTask')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        {editing ? (
          <TaskEditForm key={k.version} task={k} planCadence={planCadence} onDone={() => setEditing(false)} />
        ) : (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {reporting && <BlockedReports blocked={reporting.blocked} />}
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
              {(k.source || k.assignedBy) && (
                <Descriptions.Item label={t('planEdits.source')}>
                  <span data-testid="task-source">
                    <Tag color="purple">{t('planEdits.assigned')}</Tag>
                    {[k.assignedBy, k.source].filter(Boolean).join(' · ')}
                  </span>
                </Descriptions.Item>
              )}
              {k.startDate && (
                <Descriptions.Item label={t('planEdits.startDate')}>
                  <span data-testid="task-start">{k.startDate}</span>
                </Descriptions.Item>
              )}
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
      <Card
        title={t('task.targets')}
        size="small"
        extra={
          admin && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingTarget(true)} data-testid="target-add">
              {t('planEdits.addTarget')}
            </Button>
          )
        }
      >
        <TargetsTable
          targets={k.targets}
          current={targetValues.data}
          actions={
            admin
              ? (g) => (
                  <Popconfirm
                    title={t('planEdits.removeTargetConfirm')}
                    onConfirm={() =>
                      removeTarget
                        .mutateAsync({ id: g.id, version: g.version })
                        .then(() => message.success(t('planEdits.removed')), failed)
                    }
                  >
                    <Button size="small" type="link" danger data-testid="target-remove">
                      {t('planEdits.removeTarget')}
                    </Button>
                  </Popconfirm>
                )
              : undefined
          }
        />
        {addingTarget && (
          <Suspense fallback={null}>
            <NewTargetModal key={k.version} task={k} onClose={() => setAddingTarget(false)} />
          </Suspense>
        )}
      </Card>
      <Card title={t('milestones.title')} size="small">
        <MilestonesPanel taskId={k.id} today={judgingDate(k.plan.year, chinaToday())} />
      </Card>
      {k.targets.length > 0 && (
        <Card title={t('targetFit.title')} size="small">
          <TargetFitPanel planId={k.plan.id} targets={k.targets} assignments={k.assignments} />
        </Card>
      )}
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

import { PlusOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Col, Empty, Row, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useHasRole, useSession } from '../features/auth/session';
import { type TaskView, usePlan, usePlanReporting, usePlanStatus } from '../features/plans/api';
import { type BoardFilter, passes, planOffices } from '../features/plans/board';
import { BoardFilters } from '../features/plans/components/BoardFilters';
import { PlanTabs } from '../features/plans/components/PlanTabs';
import { TaskCard } from '../features/plans/components/TaskCard';
import { TASK_STATUSES, type TaskStatus, taskReporting, taskStatus } from '../features/plans/status';

// Loaded when an admin opens it: the board's bundle stays within its budget.
const NewTaskModal = lazy(() => import('../features/plans/components/NewTaskModal'));

const isStatus = (s: string | null): s is TaskStatus => s !== null && (TASK_STATUSES as readonly string[]).includes(s);

/** The filter lives in the address (?office=&section=&status=&q=): a filtered board can be shared and returned to. */
function useBoardFilter(): [BoardFilter, (change: Partial<BoardFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const filter: BoardFilter = {
    office: params.get('office'),
    section: params.get('section'),
    status: isStatus(status) ? status : null,
    text: params.get('q') ?? '',
  };
  const update = (change: Partial<BoardFilter>) => {
    const next = { ...filter, ...change };
    const entries: [string, string | null][] = [
      ['office', next.office],
      ['section', next.section],
      ['status', next.status],
      ['q', next.text || null],
    ];
    setParams(new URLSearchParams(entries.filter((e): e is [string, string] => e[1] !== null)), { replace: true });
  };
  return [filter, update];
}

/** A plan as a board: its sections and their tasks as cards, with filters. */
export function PlanBoardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { me } = useSession();
  const plan = usePlan(id);
  const statuses = usePlanStatus(id);
  const reportings = usePlanReporting(id);
  const [filter, setFilter] = useBoardFilter();
  const offices = useMemo(() => (plan.data ? planOffices(plan.data) : []), [plan.data]);
  const admin = useHasRole('admin');
  const [adding, setAdding] = useState(false);

  if (plan.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (plan.isError)
    return <Alert type="error" showIcon message={t('errors.generic', { message: plan.error.message })} />;

  const p = plan.data;
  const statusOf = (task: TaskView) => taskStatus(task, statuses.data);
  const sections = p.sections.map((s) => ({
    section: s,
    tasks: s.tasks.filter((task) => passes(task, s.id, filter, statusOf)),
  }));
  const total = p.sections.reduce((n, s) => n + s.tasks.length, 0);
  const shown = sections.reduce((n, s) => n + s.tasks.length, 0);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/plans">{t('board.backToPlans')}</Link> }, { title: p.title }]} />
      <div>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }} data-testid="board-title">
          {p.title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {[p.issuers.join('、'), p.date ? t('plans.issued', { date: p.date }) : null].filter(Boolean).join(' · ')}
        </Typography.Text>
      </div>
      <PlanTabs planId={p.id} active="board" />
      <BoardFilters
        filter={filter}
        onChange={setFilter}
        offices={offices}
        sections={p.sections}
        myOfficeId={me?.officeId ?? null}
      />
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary" data-testid="board-count" data-count={shown}>
          {shown === total ? t('board.count', { count: total }) : t('board.shown', { count: shown, total })}
        </Typography.Text>
        {admin && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="task-add">
            {t('planEdits.addTask')}
          </Button>
        )}
      </Space>
      {adding && (
        <Suspense fallback={null}>
          <NewTaskModal plan={p} onClose={() => setAdding(false)} />
        </Suspense>
      )}
      {shown === 0 && <Empty description={t('board.empty')} />}
      {sections
        .filter((s) => s.tasks.length > 0)
        .map(({ section, tasks }) => (
          <section key={section.id} data-testid="board-section" data-section-number={section.number}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {section.number}、{section.title}
            </Typography.Title>
            <Row gutter={[12, 12]}>
              {tasks.map((task) => (
                <Col key={task.id} xs={24} lg={12} xxl={8}>
                  <TaskCard
                    task={task}
                    status={statusOf(task)}
                    reporting={reportings.data && taskReporting(task, reportings.data)}
                  />
                </Col>
              ))}
            </Row>
          </section>
        ))}
    </Space>
  );
}

import { periodLabel } from '@duban/core';
import { Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../format/time';
import { useOfficeNames } from '../ledgers/offices';
import type { PlanView, TaskView } from '../plans/api';
import type { ReportSummary, ReviewStage } from './api';
import { StateTag } from './StateTag';

const when = (iso: string | null) => (iso ? formatDateTime(iso) : '');

/**
 * Reports waiting for the viewer's review, whatever their period, oldest first: at a reporter's
 * office, those the offices under it handed in (a street office over its communities); at the
 * plan office, those passed on by the office above or handed in by an office with none.
 */
export function ReviewQueue({
  reports,
  plans,
  stage,
}: {
  reports: readonly ReportSummary[];
  plans: readonly PlanView[];
  stage: ReviewStage;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const offices = useOfficeNames();
  const tasks = new Map<string, TaskView>();
  for (const p of plans) for (const s of p.sections) for (const k of s.tasks) tasks.set(k.id, k);
  const sorted = [...reports].sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
  return (
    <Card
      size="small"
      title={t(stage === 'office-above' ? 'reports.toReview' : 'reports.toReviewPlan', { count: sorted.length })}
      data-testid="review-queue"
      data-stage={stage}
      styles={{ body: { padding: 8 } }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {sorted.map((r) => {
          const task = tasks.get(r.taskId);
          return (
            <div
              key={r.id}
              data-testid="review-item"
              data-task-number={task?.number}
              style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', padding: '4px 8px' }}
            >
              <div style={{ flex: '1 1 260px', minWidth: 0 }}>
                <Space size={4} wrap>
                  <StateTag state={r.status} next={r.nextReviewer} />
                  <Typography.Text strong>{offices.name(r.officeId)}</Typography.Text>
                  {r.late && <Typography.Text type="warning">{t('reports.late')}</Typography.Text>}
                </Space>
                <div>
                  <Typography.Text>{task ? `${task.number}. ${task.title}` : t('reports.task')}</Typography.Text>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {periodLabel(r.periodKey)} · {t('reports.submittedAt')} {when(r.submittedAt)}
                </Typography.Text>
              </div>
              <Button type="primary" onClick={() => navigate(`/reports/${r.id}`)} data-testid="review-item-action">
                {stage === 'office-above' ? t('reports.firstReview') : t('reports.review')}
              </Button>
            </div>
          );
        })}
      </Space>
    </Card>
  );
}

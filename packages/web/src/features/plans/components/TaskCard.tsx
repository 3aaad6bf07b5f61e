import { Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TaskView } from '../api';
import { ofRole } from '../board';
import { STATUS_COLORS, type TaskReportingView, type TaskStatus } from '../status';
import { RoleOffices } from './AssignmentTag';
import { ReportingTag } from './ReportingTag';
import { StatusTag } from './StatusTag';
import { TargetChips } from './TargetChip';

const line = { fontSize: 12 } as const;

/**
 * One task on the board: number and title, offices, target chips, deadline, and its status as two
 * things apart — its work (the card's edge) and its reporting — with a blocked report's reason.
 */
export function TaskCard({
  task,
  status,
  reporting,
}: {
  task: TaskView;
  status: TaskStatus;
  reporting?: TaskReportingView | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid="board-task"
      data-task-number={task.number}
      style={{ height: '100%', borderLeft: `4px solid ${STATUS_COLORS[status].edge}` }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 8 } }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', justifyContent: 'space-between' }}>
        <Link to={`/tasks/${task.id}`} data-testid="board-task-link" style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ color: 'inherit' }}>
            {task.number}. {task.title}
          </Typography.Text>
        </Link>
        <span style={{ display: 'flex', gap: 4, flexWrap: 'wrap', justifyContent: 'flex-end' }}>
          {(task.source || task.assignedBy) && (
            // A task a leader assigned mid-year, not one of the document's.
            <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="board-task-assigned">
              {t('planEdits.assigned')}
            </Tag>
          )}
          <StatusTag status={status} />
          {reporting && <ReportingTag reporting={reporting.reporting} />}
        </span>
      </div>
      {reporting && reporting.blocked.length > 0 && (
        <Typography.Text type="warning" style={line} data-testid="board-task-blocked">
          {t('judgement.blockedTitle')}:{reporting.blocked.map((b) => b.reason || t('judgement.noReason')).join(';')}
        </Typography.Text>
      )}
      <RoleOffices label={t('board.lead')} assignments={ofRole(task.assignments, 'lead')} />
      <RoleOffices label={t('board.support')} assignments={ofRole(task.assignments, 'support')} />
      <TargetChips targets={task.targets} />
      {(task.deadline || task.leaders.length > 0) && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px' }}>
          {task.deadline && (
            <Typography.Text type="secondary" style={line}>
              {t('board.targetDeadline', { deadline: task.deadline })}
            </Typography.Text>
          )}
          {task.leaders.length > 0 && (
            <Typography.Text type="secondary" style={line}>
              {t('board.leadersLine', { names: task.leaders.join('、') })}
            </Typography.Text>
          )}
        </div>
      )}
    </Card>
  );
}

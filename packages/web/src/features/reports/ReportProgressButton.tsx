import { FormOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import type { TaskView } from '../plans/api';
import { officesOfTask } from '../plans/board';

/** "Report progress" on a task: for a reporter whose office the task assigns, and for admins. */
export function ReportProgressButton({ task }: { task: Pick<TaskView, 'id' | 'assignments'> }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const allowed =
    me?.role === 'admin' || (me?.role === 'reporter' && me.officeId !== null && officesOfTask(task).has(me.officeId));
  if (!allowed) return null;
  return (
    <Button
      type="primary"
      icon={<FormOutlined />}
      onClick={() => navigate(`/tasks/${task.id}/report`)}
      data-testid="task-report"
    >
      {t('reports.reportProgress')}
    </Button>
  );
}

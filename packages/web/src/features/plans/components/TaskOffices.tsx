import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssignmentView } from '../api';
import { ofRole } from '../board';
import { AssignmentTag, GroupMembers } from './AssignmentTag';

function RoleList({ title, assignments, kind }: { title: string; assignments: AssignmentView[]; kind: string }) {
  if (assignments.length === 0) return null;
  return (
    <div data-testid={`task-offices-${kind}`}>
      <Typography.Text strong>{title}</Typography.Text>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8 }}>
        {assignments.map((a) => (
          <div key={a.id}>
            <AssignmentTag assignment={a} popover={false} />
            {a.group && (
              <div style={{ margin: '6px 0 0 16px' }}>
                <GroupMembers group={a.group} />
              </div>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

/** A task's lead and support offices, groups opened to their members. */
export function TaskOffices({ assignments }: { assignments: AssignmentView[] }) {
  const { t } = useTranslation();
  if (assignments.length === 0) return <Typography.Text type="secondary">{t('task.noOffices')}</Typography.Text>;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <RoleList title={t('task.lead')} assignments={ofRole(assignments, 'lead')} kind="lead" />
      <RoleList title={t('task.support')} assignments={ofRole(assignments, 'support')} kind="support" />
    </div>
  );
}

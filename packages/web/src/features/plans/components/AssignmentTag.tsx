import { TeamOutlined, WarningOutlined } from '@ant-design/icons';
import { Popover, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssignmentView } from '../api';
import { assignmentName } from '../board';

/** The members of a group as tags, wrapped. */
export function GroupMembers({ group }: { group: NonNullable<AssignmentView['group']> }) {
  const { t } = useTranslation();
  if (group.members.length === 0) return <Typography.Text type="secondary">{t('board.noMembers')}</Typography.Text>;
  return (
    <div data-testid="group-members" style={{ display: 'flex', flexWrap: 'wrap', gap: 4, maxWidth: 360 }}>
      {group.members.map((m) => (
        <Tag key={m.id} style={{ marginInlineEnd: 0 }} data-testid="group-member">
          {m.name}
        </Tag>
      ))}
    </div>
  );
}

/**
 * One office a task names, as a tag: an office by name; a group with its member count, which
 * opens to its members on a click (a tap on a phone); a mention the directory did not match, in
 * the warning colour.
 */
export function AssignmentTag({ assignment, popover = true }: { assignment: AssignmentView; popover?: boolean }) {
  const { t } = useTranslation();
  const name = assignmentName(assignment);
  const color = assignment.role === 'lead' ? 'volcano' : undefined;
  const style = { marginInlineEnd: 0 };
  if (assignment.unresolved) {
    return (
      <Tooltip title={t('board.unresolvedHint', { mention: assignment.mention })}>
        <Tag color="warning" icon={<WarningOutlined />} style={style} data-testid="unresolved-tag">
          {name}
        </Tag>
      </Tooltip>
    );
  }
  const group = assignment.group;
  if (group) {
    const tag = (
      <Tag
        color={color ?? 'blue'}
        icon={<TeamOutlined />}
        style={{ ...style, cursor: popover ? 'pointer' : undefined }}
        data-testid="group-tag"
        data-group={group.name}
        title={assignment.mention !== group.name ? t('board.mention', { mention: assignment.mention }) : undefined}
      >
        {group.name}
        <Typography.Text type="secondary" style={{ fontSize: 11, marginInlineStart: 2 }}>
          ({group.members.length})
        </Typography.Text>
      </Tag>
    );
    if (!popover) return tag;
    return (
      <Popover
        trigger="click"
        title={t('board.groupMembers', { name: group.name, count: group.members.length })}
        content={<GroupMembers group={group} />}
      >
        {tag}
      </Popover>
    );
  }
  return (
    <Tag
      color={color}
      style={style}
      data-testid="office-tag"
      title={assignment.mention !== name ? t('board.mention', { mention: assignment.mention }) : undefined}
    >
      {name}
    </Tag>
  );
}

/** A role's offices on one line: 牵头 A B C. Nothing when the task names none in that role. */
export function RoleOffices({ label, assignments }: { label: string; assignments: readonly AssignmentView[] }) {
  if (assignments.length === 0) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'center' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12, minWidth: 28 }}>
        {label}
      </Typography.Text>
      {assignments.map((a) => (
        <AssignmentTag key={a.id} assignment={a} />
      ))}
    </div>
  );
}

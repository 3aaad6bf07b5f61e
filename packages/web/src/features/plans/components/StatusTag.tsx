import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATUS_COLORS, type TaskStatus } from '../status';

export function StatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={STATUS_COLORS[status].tag}
      style={{ marginInlineEnd: 0 }}
      data-testid="task-status"
      data-status={status}
    >
      {t(`status.${status}`)}
    </Tag>
  );
}

import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { REPORTING_COLORS, type TaskReporting } from '../status';

/** A task's reporting (按时 / 逾期 / 缺报), shown beside its work and never mixed into it. */
export function ReportingTag({ reporting }: { reporting: TaskReporting }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={REPORTING_COLORS[reporting]}
      style={{ marginInlineEnd: 0 }}
      data-testid="task-reporting"
      data-reporting={reporting}
    >
      {t(`judgement.reporting.${reporting}`)}
    </Tag>
  );
}

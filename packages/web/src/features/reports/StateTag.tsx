import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkState } from './workItems';

const COLORS: Readonly<Record<WorkState, string>> = {
  owed: 'default',
  draft: 'blue',
  returned: 'red',
  submitted: 'gold',
  accepted: 'green',
};

/** Where a report stands: owed, draft, returned, submitted, accepted. */
export function StateTag({ state }: { state: WorkState }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[state]} data-testid="report-state" data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(`reports.states.${state}`)}
    </Tag>
  );
}

import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReviewStage } from './api';
import type { WorkState } from './workItems';

const COLORS: Readonly<Record<WorkState, string>> = {
  owed: 'default',
  draft: 'blue',
  returned: 'red',
  submitted: 'gold',
  reviewed: 'cyan',
  accepted: 'green',
};

/**
 * Where a report stands: owed, draft, returned, submitted, passed by the office above, accepted.
 * A submitted report that the office above reviews first says so.
 */
export function StateTag({ state, next }: { state: WorkState; next?: ReviewStage | null | undefined }) {
  const { t } = useTranslation();
  const first = state === 'submitted' && next === 'office-above';
  return (
    <Tag
      color={COLORS[state]}
      data-testid="report-state"
      data-state={state}
      data-next={next ?? undefined}
      style={{ marginInlineEnd: 0 }}
    >
      {first ? t('reports.states.firstReview') : t(`reports.states.${state}`)}
    </Tag>
  );
}

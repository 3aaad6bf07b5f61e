import { Breadcrumb, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type PlanTab, PlanTabs } from './PlanTabs';

/** The head of a plan's views beside its board: where one is, the plan's title, its tabs. */
export function PlanHeader({
  plan,
  active,
  crumb,
}: {
  plan: { id: string; title: string };
  active: PlanTab;
  crumb: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Breadcrumb
        items={[
          { title: <Link to="/plans">{t('board.backToPlans')}</Link> },
          { title: <Link to={`/plans/${plan.id}`}>{plan.title}</Link> },
          { title: crumb },
        ]}
      />
      <Typography.Title level={3} style={{ margin: 0 }}>
        {plan.title}
      </Typography.Title>
      <PlanTabs planId={plan.id} active={active} />
    </>
  );
}

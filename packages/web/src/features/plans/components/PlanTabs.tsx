import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../auth/session';

export type PlanTab = 'board' | 'dashboard' | 'compliance' | 'settings';

/** The views of one plan: its task board, its dashboard, its cadence compliance, its reporting settings. */
export function PlanTabs({ planId, active }: { planId: string; active: PlanTab }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const tabs: { key: PlanTab; path: string; label: string; admin?: boolean }[] = [
    { key: 'board', path: `/plans/${planId}`, label: t('planTabs.board') },
    { key: 'dashboard', path: `/plans/${planId}/dashboard`, label: t('planTabs.dashboard') },
    { key: 'compliance', path: `/plans/${planId}/compliance`, label: t('planTabs.compliance') },
    { key: 'settings', path: `/plans/${planId}/settings`, label: t('planTabs.settings'), admin: true },
  ];
  const shown = tabs.filter((tab) => !tab.admin || me?.role === 'admin');
  return (
    <Tabs
      data-testid="plan-tabs"
      activeKey={active}
      items={shown.map((tab) => ({ key: tab.key, label: tab.label }))}
      onChange={(key) => {
        const tab = shown.find((x) => x.key === key);
        if (tab) void navigate(tab.path);
      }}
      style={{ marginBottom: -8 }}
    />
  );
}

import { Alert, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { usePlan } from '../features/plans/api';
import { PlanHeader } from '../features/plans/components/PlanHeader';
import { CADENCE_CHOICES, type Cadence, useSettings } from '../features/settings/api';
import { consequence, referenceDate } from '../features/settings/consequence';
import { ExceptionsPanel } from '../features/settings/ExceptionsPanel';
import { PlanOfficeForm } from '../features/settings/PlanOfficeForm';
import { SettingsForm } from '../features/settings/SettingsForm';
import { todayInChina } from '../format/time';

/** 报送设置: a plan's reporting cadence, due and lock days, and its report exceptions (admins). */
export function PlanSettingsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const plan = usePlan(id);
  const settings = useSettings(id);

  if (plan.isPending || settings.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  const failed = plan.error ?? settings.error;
  if (failed) return <Alert type="error" showIcon message={t('errors.generic', { message: failed.message })} />;

  const p = plan.data;
  const s = settings.data;
  if (!p || !s) return null;
  const today = todayInChina();
  const date = referenceDate(today, p.year);
  const cadence: Cadence = (CADENCE_CHOICES as readonly string[]).includes(s.cadence)
    ? (s.cadence as Cadence)
    : 'monthly';
  // The period being reported on at the date: the likeliest one to need a late report.
  const [reported] = consequence(cadence, s.dueWorkingDays, s.lockDays, date);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PlanHeader plan={p} active="settings" crumb={t('settings.title')} />
      <Typography.Text type="secondary">{t('settings.intro')}</Typography.Text>
      <SettingsForm settings={s} date={date} />
      <PlanOfficeForm settings={s} />
      <ExceptionsPanel plan={p} cadence={cadence} today={today} suggestedPeriod={reported?.key ?? ''} />
    </Space>
  );
}

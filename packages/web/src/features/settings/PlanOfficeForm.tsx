import { App, Card, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useOffices } from '../offices/api';
import { type PlanSettings, useSaveSettings } from './api';

/**
 * The plan office (主办单位): the office that runs the plan. No one judges their own work: a
 * leader reviews its own reports, and the league leaves it out. Saved at once, with the version.
 */
export function PlanOfficeForm({ settings }: { settings: PlanSettings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const offices = useOffices();
  const save = useSaveSettings(settings.planId);
  const onChange = async (planOfficeId: string | undefined) => {
    try {
      await save.mutateAsync({ version: settings.version, planOfficeId: planOfficeId ?? null });
      message.success(t('settings.saved'));
    } catch (error) {
      message.error(error instanceof ApiError && error.status === 409 ? t('settings.stale') : String(error));
    }
  };
  return (
    <Card title={t('judgement.planOffice.title')} data-testid="plan-office-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('judgement.planOffice.help')}</Typography.Text>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 320, maxWidth: '100%' }}
          placeholder={t('judgement.planOffice.none')}
          loading={offices.isPending || save.isPending}
          value={settings.planOfficeId ?? undefined}
          options={(offices.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          onChange={(v: string | undefined) => void onChange(v)}
          data-testid="plan-office"
        />
      </Space>
    </Card>
  );
}

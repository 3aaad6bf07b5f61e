import { periodLabel } from '@duban/core';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOffices } from '../../offices/api';
import type { BlockedReport } from '../status';

/** The offices whose latest report says a task's work is blocked (受阻), each with its reason. */
export function BlockedReports({ blocked }: { blocked: readonly BlockedReport[] }) {
  const { t, i18n } = useTranslation();
  const offices = useOffices();
  if (blocked.length === 0) return null;
  const nameOf = (id: string) => offices.data?.find((o) => o.id === id)?.name ?? '';
  const period = (key: string) => (i18n.language.startsWith('zh') ? periodLabel(key) : key);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="task-blocked"
      message={t('judgement.blockedTitle')}
      description={blocked.map((b) => (
        <div key={`${b.officeId}-${b.periodKey}`}>
          {t('judgement.blocked', {
            office: nameOf(b.officeId),
            period: period(b.periodKey),
            reason: b.reason || t('judgement.noReason'),
          })}
        </div>
      ))}
    />
  );
}

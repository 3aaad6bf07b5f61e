import { Card, Col, Row, Statistic, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LEDGER_KINDS, type LedgerKind, useThreeMeasures } from '../features/ledgers/api';
import { LedgerTab } from '../features/ledgers/LedgerTab';

const MEASURES = ['visits', 'linkedVisits', 'visitHours', 'problemsRaised', 'problemsSolved'] as const;

/** The office ledgers (visits, diaries, meetings, trainings, linked communities) under the 三个多少 figures. */
export function LedgersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: LedgerKind = LEDGER_KINDS.includes(tabParam as LedgerKind) ? (tabParam as LedgerKind) : 'visits';
  const measures = useThreeMeasures();

  return (
    <>
      <Typography.Title level={3}>{t('ledgers.title')}</Typography.Title>
      <Card size="small" title={t('ledgers.measures.title')} style={{ marginBottom: 16 }} data-testid="three-measures">
        <Row gutter={[16, 8]}>
          {MEASURES.map((m) => (
            <Col key={m} xs={12} sm={8} md={4}>
              <Statistic
                title={t(`ledgers.measures.${m}`)}
                value={measures.data?.[m] ?? 0}
                precision={m === 'visitHours' ? 1 : 0}
                loading={measures.isPending}
              />
            </Col>
          ))}
        </Row>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={LEDGER_KINDS.map((k) => ({
          key: k,
          label: t(`ledgers.tabs.${k}`),
          children: <LedgerTab kind={k} />,
        }))}
        destroyOnHidden
      />
    </>
  );
}

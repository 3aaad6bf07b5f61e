import { Alert, Card, Empty, Space, Tag, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from './api';
import { useCompliance, useProblemTrend } from './api';
import { complianceBars, problemLines, reportingBars, sectionBars, statusPie } from './charts';
import { EChart } from './EChart';
import { complianceCounts, type StatusCounts, statusCounts, yearTo } from './figures';

/** Height of a horizontal bar chart: a row per category, room for the legend and the axis. */
const barsHeight = (rows: number) => Math.max(200, rows * 36 + 72);

/** A dashboard panel: its title, and its chart once the figures are in. */
export function Panel({
  title,
  loading = false,
  error = null,
  children,
}: {
  title: ReactNode;
  loading?: boolean;
  error?: Error | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title} loading={loading} style={{ height: '100%' }} styles={{ body: { minWidth: 0 } }}>
      {error ? <Alert type="error" showIcon message={t('errors.generic', { message: error.message })} /> : children}
    </Card>
  );
}

export function StatusPanel({ counts }: { counts: StatusCounts }) {
  const { t } = useTranslation();
  const option = useMemo(() => statusPie(counts, t), [counts, t]);
  return (
    <Panel title={t('dashboard.charts.statuses')}>
      <EChart option={option} height={300} data-testid="chart-statuses" data-values={JSON.stringify(counts)} />
    </Panel>
  );
}

export function SectionsPanel({ sections, narrow }: { sections: Dashboard['sections']; narrow: boolean }) {
  const { t } = useTranslation();
  const drawn = sections.map((s) => ({ number: s.number, ...statusCounts(s.statuses) }));
  const option = useMemo(() => sectionBars(sections, t, narrow), [sections, t, narrow]);
  return (
    <Panel title={t('dashboard.charts.sections')}>
      <EChart
        option={option}
        height={barsHeight(sections.length)}
        data-testid="chart-sections"
        data-values={JSON.stringify(drawn)}
      />
    </Panel>
  );
}

export function ReportingPanel({ reporting }: { reporting: Dashboard['reporting'] }) {
  const { t } = useTranslation();
  const drawn = reporting.map(({ periodKey, expected, submitted, onTime }) => ({
    periodKey,
    expected,
    submitted,
    onTime,
  }));
  const option = useMemo(() => reportingBars(reporting, t), [reporting, t]);
  return (
    <Panel title={t('dashboard.charts.reporting')}>
      {reporting.length === 0 ? (
        <Empty description={t('dashboard.noReporting')} data-testid="chart-reporting-empty" />
      ) : (
        <EChart option={option} height={300} data-testid="chart-reporting" data-values={JSON.stringify(drawn)} />
      )}
    </Panel>
  );
}

export function CompliancePanel({ planId, date, narrow }: { planId: string; date: string; narrow: boolean }) {
  const { t } = useTranslation();
  const compliance = useCompliance(planId, date);
  const all = useMemo(() => (compliance.data ? complianceCounts(compliance.data.targets) : []), [compliance.data]);
  // A target with no one to count yet (no cadres entered for a diary target) has no cells to draw.
  const rows = useMemo(() => all.filter((r) => r.met + r.missed + r.open > 0), [all]);
  const option = useMemo(() => complianceBars(rows, t, narrow), [rows, t, narrow]);
  const unseen = all.length - rows.length;
  return (
    <Panel title={t('dashboard.charts.compliance')} loading={compliance.isPending} error={compliance.error}>
      {rows.length === 0 ? (
        <Empty description={t('dashboard.noCompliance')} data-testid="chart-compliance-empty" />
      ) : (
        <EChart
          option={option}
          height={barsHeight(rows.length)}
          data-testid="chart-compliance"
          data-values={JSON.stringify(rows.map(({ targetId, met, missed, open }) => ({ targetId, met, missed, open })))}
        />
      )}
      {unseen > 0 && (
        <Typography.Text type="secondary" data-testid="compliance-unseen" data-count={unseen}>
          {t('dashboard.noSubjects', { count: unseen })}
        </Typography.Text>
      )}
    </Panel>
  );
}

/** The plan's problems over its year: those of other plans are theirs. */
export function ProblemsPanel({ planId, date }: { planId: string; date: string }) {
  const { t } = useTranslation();
  const { from, to } = yearTo(date);
  const trend = useProblemTrend(planId, from, to);
  const categories = trend.data?.byCategory.filter((c) => c.opened + c.closed > 0) ?? [];
  const option = useMemo(() => (trend.data ? problemLines(trend.data, t) : null), [trend.data, t]);
  return (
    <Panel title={t('dashboard.charts.problems')} loading={trend.isPending} error={trend.error}>
      {trend.data && option && (
        <Space direction="vertical" size="small" style={{ width: '100%' }}>
          <EChart
            option={option}
            height={300}
            data-testid="chart-problems"
            data-from={from}
            data-to={to}
            data-values={JSON.stringify(trend.data.months)}
          />
          {categories.length > 0 && (
            <Space wrap size={[4, 4]} data-testid="problems-by-category">
              <Typography.Text type="secondary">{t('dashboard.byCategory')}</Typography.Text>
              {categories.map((c) => (
                <Tag key={c.category} data-category={c.category} data-opened={c.opened} data-closed={c.closed}>
                  {t('dashboard.categoryLine', {
                    category: t(`problems.categories.${c.category}`, { defaultValue: c.category }),
                    opened: c.opened,
                    closed: c.closed,
                  })}
                </Tag>
              ))}
            </Space>
          )}
        </Space>
      )}
    </Panel>
  );
}

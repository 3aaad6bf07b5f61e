import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportEvent } from './api';

const COLORS: Readonly<Record<ReportEvent['action'], string>> = {
  create: 'gray',
  edit: 'blue',
  submit: 'blue',
  accept: 'green',
  return: 'red',
};

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** The report's events, oldest first: who did what when, with the reviewer's comments. */
export function ReportHistory({
  events,
  names,
}: {
  events: readonly ReportEvent[];
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      data-testid="report-history"
      items={sorted.map((e) => ({
        key: e.id,
        color: COLORS[e.action],
        children: (
          <div data-testid="report-event" data-action={e.action}>
            <Typography.Text strong>{t(`reports.actions.${e.action}`)}</Typography.Text>{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {when(e.at)}
              {e.userId && names.get(e.userId) ? ` · ${names.get(e.userId)}` : ''}
            </Typography.Text>
            {e.snapshot && e.snapshot.figures.length > 0 && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('reports.figures')}:{e.snapshot.figures.map((f) => String(Number(f.value.toFixed(2)))).join('、')}
                </Typography.Text>
              </div>
            )}
            {e.comment && (
              <div>
                <Typography.Text data-testid="report-event-comment">{e.comment}</Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}

import { PaperClipOutlined } from '@ant-design/icons';
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format/time';
import type { ReportEvent } from './api';

const COLORS: Readonly<Record<ReportEvent['action'], string>> = {
  create: 'gray',
  edit: 'blue',
  attach: 'blue',
  detach: 'gray',
  submit: 'blue',
  withdraw: 'gray',
  review: 'cyan',
  accept: 'green',
  return: 'red',
};

const when = formatDateTime;

/** The report's events, oldest first: who did what when, with the files and the reviewers' comments. */
export function ReportHistory({ events }: { events: readonly ReportEvent[] }) {
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
              {e.userName && (
                <>
                  {' · '}
                  <span data-testid="report-event-user">{e.userName}</span>
                </>
              )}
            </Typography.Text>
            {e.fileName && (
              <div>
                <Typography.Text
                  data-testid="report-event-file"
                  delete={e.action === 'detach'}
                  style={{ wordBreak: 'break-all' }}
                >
                  <PaperClipOutlined /> {e.fileName}
                </Typography.Text>
              </div>
            )}
            {e.action !== 'attach' && e.action !== 'detach' && e.snapshot && e.snapshot.figures.length > 0 && (
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

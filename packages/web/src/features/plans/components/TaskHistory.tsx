import { Empty, Skeleton, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../format/time';
import { type FieldChange, type HistoryEntry, type TargetView, useTaskHistory } from '../api';
import { valueText } from './TargetsTable';

const OP_SIGNS: Readonly<Record<string, string>> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<', between: '–' };

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** A field's value as a person reads it, in the UI's language. */
export function formatValue(field: string, value: unknown, t: TFunction): string {
  if (isEmpty(value)) return t('task.empty');
  if (field === 'assignments' && Array.isArray(value)) {
    const names = (role: string) =>
      (value as { role?: string; name?: string }[])
        .filter((a) => a.role === role)
        .map((a) => a.name)
        .join('、');
    return (['lead', 'support'] as const)
      .map((role) => [t(`board.${role}`), names(role)] as const)
      .filter(([, n]) => n)
      .map(([label, n]) => `${label}${t('task.colon')}${n}`)
      .join(t('task.separator'));
  }
  if (Array.isArray(value) && field === 'value') return valueText(value as TargetView['value']);
  if (Array.isArray(value)) return value.map(String).join('、');
  if (typeof value === 'string') {
    if (field === 'kind') return t(`kinds.${value}`, { defaultValue: value });
    if (field === 'period') return t(`periods.${value}`, { defaultValue: value });
    if (field === 'baseline') return t(`baselines.${value}`, { defaultValue: value });
    if (field === 'op') return OP_SIGNS[value] ?? value;
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function Change({ change }: { change: FieldChange }) {
  const { t } = useTranslation();
  const before = formatValue(change.field, change.before, t);
  const after = formatValue(change.field, change.after, t);
  const long = before.length + after.length > 80;
  return (
    <div data-testid="history-change" data-field={change.field}>
      <Typography.Text type="secondary">
        {t(`task.fields.${change.field}`, { defaultValue: change.field })}
        {t('task.colon')}
      </Typography.Text>
      <div style={long ? { display: 'flex', flexDirection: 'column', gap: 2 } : { display: 'inline' }}>
        <Typography.Text delete type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {before}
        </Typography.Text>
        {long ? null : ' → '}
        <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{after}</Typography.Text>
      </div>
    </div>
  );
}

function Entry({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const who = entry.username ?? t('task.system');
  const what =
    entry.entity === 'plan'
      ? t('task.createdWithPlan', { title: entry.subject ?? '' })
      : `${t('task.did', { action: t(`task.actions.${entry.action}`), entity: t(`task.entities.${entry.entity}`) })}${
          entry.subject ? ` “${entry.subject}”` : ''
        }`;
  return (
    <div data-testid="history-entry" data-entity={entry.entity}>
      <div>
        <Typography.Text strong>{who}</Typography.Text> <Typography.Text>{what}</Typography.Text>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(entry.at)}
      </Typography.Text>
      {entry.changes.map((c) => (
        <Change key={c.field} change={c} />
      ))}
    </div>
  );
}

/** Who changed the task, its offices and targets, when, and what before → after; newest first. */
export function TaskHistory({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const history = useTaskHistory(taskId);
  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <Typography.Text type="danger">{history.error.message}</Typography.Text>;
  if (history.data.length === 0) return <Empty description={t('task.noHistory')} />;
  return (
    <Timeline
      data-testid="task-history"
      items={history.data.map((entry) => ({
        key: entry.id,
        color: entry.entity === 'plan' ? 'gray' : 'blue',
        children: <Entry entry={entry} />,
      }))}
    />
  );
}

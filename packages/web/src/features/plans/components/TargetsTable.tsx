import { Grid, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TargetView } from '../api';
import { targetValue } from '../targets';
import { TargetChip } from './TargetChip';

const OP_SIGNS: Readonly<Record<TargetView['op'], string>> = {
  '>=': '≥',
  '<=': '≤',
  '=': '=',
  '>': '>',
  '<': '<',
  between: '–',
};

/** A value as written: one number, or low–high. */
export const valueText = (value: TargetView['value']): string => {
  const v = targetValue(value);
  return Array.isArray(v) ? `${v[0]}–${v[1]}` : String(v);
};

/**
 * A figure against its target: "13 / 12 家"; "— / 12 家" without one. A change target's figure
 * is a level judged against its baseline, not against its percent: the level alone.
 */
export const currentText = (current: number | null | undefined, target: TargetView): string => {
  const figure = current == null ? '—' : String(Number(current.toFixed(2)));
  if (target.kind === 'change') return figure;
  return `${figure} / ${valueText(target.value)}${target.unit ? ` ${target.unit}` : ''}`;
};

/**
 * A task's targets in full: the sentence, kind, op/value/unit, period, baseline, deadline, chip;
 * with `current` (target id → the figure the status judges it by), that figure against it.
 */
export function TargetsTable({
  targets,
  current,
  actions,
}: {
  targets: readonly TargetView[];
  current?: ReadonlyMap<string, number | null>;
  /** What an admin may do with a target (remove it), in a last column. */
  actions?: (target: TargetView) => ReactNode;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const dash = (s: string | null) => s ?? '—';
  const columns: ColumnsType<TargetView> = [
    {
      title: t('task.text'),
      dataIndex: 'text',
      render: (text: string, g) => (
        <>
          <Typography.Text>{text}</Typography.Text>
          {g.condition && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('task.condition')} {g.condition}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
    { title: t('task.label'), key: 'chip', width: 170, render: (_, g) => <TargetChip target={g} /> },
    { title: t('task.kind'), dataIndex: 'kind', width: 70, render: (k: TargetView['kind']) => t(`kinds.${k}`) },
    {
      title: `${t('task.op')} / ${t('task.value')} / ${t('task.unit')}`,
      key: 'amount',
      width: 150,
      render: (_, g) => (
        <Typography.Text code>
          {g.op === 'between' ? valueText(g.value) : `${OP_SIGNS[g.op]} ${valueText(g.value)}`} {g.unit}
        </Typography.Text>
      ),
    },
    {
      title: t('task.period'),
      dataIndex: 'period',
      width: 90,
      render: (p: string | null) => (p ? t(`periods.${p}`, { defaultValue: p }) : '—'),
    },
    {
      title: t('task.baseline'),
      dataIndex: 'baseline',
      width: 80,
      render: (b: string | null) => (b ? t(`baselines.${b}`, { defaultValue: b }) : '—'),
    },
    ...(current
      ? [
          {
            title: t('reports.current'),
            key: 'current',
            width: 120,
            render: (_: unknown, g: TargetView) =>
              g.kind === 'frequency' ? (
                '—'
              ) : (
                <Typography.Text strong data-testid="target-current">
                  {currentText(current.get(g.id), g)}
                </Typography.Text>
              ),
          },
        ]
      : []),
    { title: t('task.deadline'), dataIndex: 'deadline', width: 120, render: dash },
    {
      title: t('task.scope'),
      dataIndex: 'scope',
      width: 90,
      render: (s: string | null) => (s === 'each' ? t('task.scopeEach') : dash(s)),
    },
    ...(actions ? [{ key: 'actions', width: 80, render: (_: unknown, g: TargetView) => actions(g) }] : []),
  ];
  if (!screens.md) {
    // A phone: each target as a short block (chip, sentence, details) instead of a wide table.
    if (targets.length === 0) return <Typography.Text type="secondary">{t('task.noTargets')}</Typography.Text>;
    return (
      <div data-testid="targets-table" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        {targets.map((g) => {
          const details = [
            t(`kinds.${g.kind}`),
            g.period ? t(`periods.${g.period}`, { defaultValue: g.period }) : null,
            g.baseline ? `${t('task.baseline')} ${t(`baselines.${g.baseline}`, { defaultValue: g.baseline })}` : null,
            g.scope ? `${t('task.scope')} ${g.scope === 'each' ? t('task.scopeEach') : g.scope}` : null,
            g.condition ? `${t('task.condition')} ${g.condition}` : null,
          ].filter(Boolean);
          return (
            <div key={g.id} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
              <TargetChip target={g} />
              {current && g.kind !== 'frequency' && (
                <Typography.Text strong style={{ marginLeft: 8 }} data-testid="target-current">
                  {currentText(current.get(g.id), g)}
                </Typography.Text>
              )}
              <div>{g.text}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {details.join(' · ')}
              </Typography.Text>
              {actions?.(g)}
            </div>
          );
        })}
      </div>
    );
  }
  return (
    <Table<TargetView>
      data-testid="targets-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...targets]}
      pagination={false}
      locale={{ emptyText: t('task.noTargets') }}
    />
  );
}

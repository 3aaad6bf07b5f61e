import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TargetView } from '../api';
import { chipLabel } from '../targets';

const KIND_COLORS: Readonly<Record<TargetView['kind'], string>> = {
  level: 'geekblue',
  change: 'purple',
  frequency: 'cyan',
};

/** A target as a compact chip (≥90%), its sentence in a tooltip and its deadline after it. */
export function TargetChip({ target }: { target: TargetView }) {
  const { t, i18n } = useTranslation();
  const deadline = target.deadline ? t('board.targetDeadline', { deadline: target.deadline }) : null;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 2, maxWidth: '100%' }}>
      <Tooltip
        title={
          <>
            {target.text}
            {deadline && <div>{deadline}</div>}
          </>
        }
      >
        <Tag color={KIND_COLORS[target.kind]} style={{ marginInlineEnd: 0 }} data-testid="target-chip">
          {chipLabel(target, i18n.language)}
        </Tag>
      </Tooltip>
      {target.deadline && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: deadline }}>
          {target.deadline}
        </Typography.Text>
      )}
    </span>
  );
}

/** A task's targets as chips, wrapped. */
export function TargetChips({ targets }: { targets: readonly TargetView[] }) {
  if (targets.length === 0) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 10px' }}>
      {targets.map((g) => (
        <TargetChip key={g.id} target={g} />
      ))}
    </div>
  );
}

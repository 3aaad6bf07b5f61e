import { CloseOutlined, FlagOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Tooltip, Typography } from 'antd';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DatePicker, fromPickerDate, toPickerDate } from '../../format/DatePicker';
import { DATE_FORMAT } from '../../format/time';
import type { Correction, PreviewItem } from './api';

export type MilestoneEdit = NonNullable<Correction['milestones']>[number];
type Edit = Omit<MilestoneEdit, 'section' | 'item'>;

/**
 * The milestones the parser proposed for an item, for a person to keep (leave them), edit
 * (text, due date), drop, or add to before the plan is saved. A milestone without a date is
 * marked so that someone dates it.
 */
export const MilestoneList = memo(function MilestoneList({
  milestones,
  busy,
  onEdit,
}: {
  milestones: NonNullable<PreviewItem['milestones']>;
  busy: boolean;
  onEdit: (edit: Edit) => void;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: only keeps a click here from selecting the item
    <div style={{ marginTop: 6 }} onClick={(e) => e.stopPropagation()} data-testid="import-milestones">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('milestones.proposed')}
      </Typography.Text>
      {milestones.map((m, n) => (
        <div
          // The API addresses a milestone by position; the key changes with its content too, so the
          // date field shows the milestone now at this position after one before it is dropped.
          // biome-ignore lint/suspicious/noArrayIndexKey: the position is the milestone's address
          key={`${n}:${m.text}:${m.due ?? ''}`}
          style={{ display: 'flex', gap: 6, alignItems: 'center', marginTop: 4 }}
          data-testid="import-milestone"
        >
          <FlagOutlined style={{ color: '#b71c1c' }} />
          <Typography.Text
            style={{ flex: 1, fontSize: 13 }}
            editable={
              busy
                ? false
                : {
                    tooltip: t('common.edit'),
                    onChange: (text) => {
                      if (text.trim() !== '' && text.trim() !== m.text) onEdit({ milestone: n, text: text.trim() });
                    },
                  }
            }
          >
            {m.text}
          </Typography.Text>
          <Tooltip title={m.due ? undefined : t('milestones.dueHint')}>
            <DatePicker
              size="small"
              format={DATE_FORMAT}
              style={{ width: 130 }}
              status={m.due ? undefined : 'warning'}
              value={toPickerDate(m.due)}
              disabled={busy}
              aria-label={t('milestones.due')}
              onChange={(d) => {
                const due = fromPickerDate(d) || null;
                if (due !== m.due) onEdit({ milestone: n, due });
              }}
            />
          </Tooltip>
          <Button
            size="small"
            type="text"
            icon={<CloseOutlined />}
            disabled={busy}
            aria-label={t('milestones.drop')}
            title={t('milestones.drop')}
            onClick={() => onEdit({ milestone: n, remove: true })}
            data-testid="import-milestone-drop"
          />
        </div>
      ))}
      {adding ? (
        <Input.Search
          size="small"
          autoFocus
          style={{ marginTop: 4 }}
          placeholder={t('milestones.textPlaceholder')}
          enterButton={t('common.save')}
          onSearch={(text) => {
            if (text.trim() !== '') onEdit({ text: text.trim(), due: null });
            setAdding(false);
          }}
          onBlur={(e) => {
            if (e.target.value.trim() === '') setAdding(false);
          }}
        />
      ) : (
        <Button
          size="small"
          type="link"
          icon={<PlusOutlined />}
          disabled={busy}
          style={{ paddingInline: 0 }}
          onClick={() => setAdding(true)}
        >
          {t('milestones.add')}
        </Button>
      )}
    </div>
  );
});

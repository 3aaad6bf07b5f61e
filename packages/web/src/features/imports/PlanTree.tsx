import { EditOutlined } from '@ant-design/icons';
import { type TargetLike, targetLabel } from '@duban/core';
import { Tag, Tooltip, Typography } from 'antd';
import { type CSSProperties, memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewItem, PreviewMention, PreviewSection, PreviewTarget } from './api';
import { type MilestoneEdit, MilestoneList } from './MilestoneList';
import { MentionTag } from './resolution';

/** Where a click in the tree points: an item, a mention inside an item, or a target. */
export type TreeSelection =
  | { readonly kind: 'item'; readonly section: number; readonly item: number }
  | { readonly kind: 'mention'; readonly section: number; readonly item: number; readonly mention: string }
  | { readonly kind: 'target'; readonly section: number; readonly item: number; readonly target: number };

/** A target as `targetLabel` takes it: the API types a range as number[]. */
export function labelTarget(target: PreviewTarget, locale: string): string {
  const value: TargetLike['value'] = Array.isArray(target.value)
    ? [target.value[0] ?? 0, target.value[1] ?? 0]
    : target.value;
  return targetLabel({ ...target, value }, locale === 'en' ? 'en' : 'zh-CN');
}

/**
 * Targets with their positions. The API addresses a target by its position in its item, and
 * one clause may give two targets alike in every field, so the position is their key.
 */
const positioned = (targets: readonly PreviewTarget[]) => targets.map((target, position) => ({ target, position }));

const itemStyle = (selected: boolean): CSSProperties => ({
  padding: '8px 12px',
  marginBottom: 8,
  border: `1px solid ${selected ? '#b71c1c' : '#f0f0f0'}`,
  borderRadius: 8,
  background: selected ? '#fff1f0' : '#fff',
  cursor: 'pointer',
});

/** The parsed plan: sections, their items with editable titles, mentions and targets. */
export const PlanTree = memo(function PlanTree({
  sections,
  mentions,
  selected,
  busy,
  onSelect,
  onRename,
  onEditTarget,
  onEditMilestone,
}: {
  sections: readonly PreviewSection[];
  mentions: ReadonlyMap<string, PreviewMention>;
  selected: TreeSelection | null;
  busy: boolean;
  /** Stable callbacks: the cards are memoised, and only the ones whose selection changes redraw. */
  onSelect: (selection: TreeSelection) => void;
  onRename: (section: number, item: number, title: string) => void;
  onEditTarget: (section: number, item: number, target: number) => void;
  onEditMilestone: (edit: MilestoneEdit) => void;
}) {
  return (
    <div>
      {sections.map((section, s) => (
        <div
          key={`${section.number}.${section.title}.${section.items[0]?.span?.[0] ?? ''}`}
          style={{ marginBottom: 12 }}
        >
          {(section.number || section.title) && (
            <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
              {section.number ? `${section.number}、` : ''}
              {section.title}
            </Typography.Title>
          )}
          {section.items.map((item, i) => {
            const here = selected?.section === s && selected.item === i;
            return (
              <ItemCard
                key={item.span?.[0] ?? item.number}
                section={s}
                index={i}
                item={item}
                mentions={mentions}
                selected={here}
                selectedTarget={here && selected.kind === 'target' ? selected.target : null}
                busy={busy}
                onSelect={onSelect}
                onRename={onRename}
                onEditTarget={onEditTarget}
                onEditMilestone={onEditMilestone}
              />
            );
          })}
        </div>
      ))}
    </div>
  );
});

const ItemCard = memo(function ItemCard({
  section,
  index,
  item,
  mentions,
  selected,
  selectedTarget,
  busy,
  onSelect,
  onRename,
  onEditTarget,
  onEditMilestone,
}: {
  section: number;
  index: number;
  item: PreviewItem;
  mentions: ReadonlyMap<string, PreviewMention>;
  selected: boolean;
  selectedTarget: number | null;
  busy: boolean;
  onSelect: (selection: TreeSelection) => void;
  onRename: (section: number, item: number, title: string) => void;
  onEditTarget: (section: number, item: number, target: number) => void;
  onEditMilestone: (edit: MilestoneEdit) => void;
}) {
  const { t, i18n } = useTranslation();
  const roles = [
    ['lead', item.lead],
    ['support', item.support],
  ] as const;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: a click only locates the item in the source; every edit has its own control
    <div
      data-testid="import-item"
      data-number={item.number}
      style={itemStyle(selected)}
      onClick={() => onSelect({ kind: 'item', section, item: index })}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
        <Tag color="#b71c1c" style={{ marginInlineEnd: 0 }}>
          {item.number}
        </Tag>
        <Typography.Text
          strong
          style={{ flex: 1 }}
          editable={
            busy
              ? false
              : {
                  tooltip: t('common.edit'),
                  onChange: (title) => {
                    if (title.trim() !== '' && title.trim() !== item.title) onRename(section, index, title.trim());
                  },
                }
          }
          data-testid="import-item-title"
        >
          {item.title}
        </Typography.Text>
      </div>
      {roles.map(([role, names]) =>
        names.length === 0 ? null : (
          <div key={role} style={{ marginTop: 6 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 6 }}>
              {t(`board.${role}`)}
            </Typography.Text>
            {names.map((name) => (
              <MentionTag
                key={name}
                mention={mentions.get(name)}
                onClick={(e) => {
                  e.stopPropagation();
                  onSelect({ kind: 'mention', section, item: index, mention: name });
                }}
              />
            ))}
          </div>
        ),
      )}
      {item.indicators.length > 0 && (
        <div style={{ marginTop: 6 }}>
          {positioned(item.indicators).map(({ target, position: n }) => (
            <Tooltip key={n} title={target.text}>
              <Tag
                color={selectedTarget === n ? 'gold' : 'geekblue'}
                style={{ cursor: 'pointer', marginBottom: 4 }}
                data-testid="import-target"
                onClick={(e) => {
                  e.stopPropagation();
                  onSelect({ kind: 'target', section, item: index, target: n });
                }}
              >
                {target.label ? `${target.label} ` : ''}
                {labelTarget(target, i18n.language)}
                {target.deadline ? ` · ${target.deadline}` : ''}
                <EditOutlined
                  aria-label={t('import.editTarget')}
                  style={{ marginInlineStart: 6 }}
                  data-testid="import-target-edit"
                  onClick={(e) => {
                    e.stopPropagation();
                    if (!busy) onEditTarget(section, index, n);
                  }}
                />
              </Tag>
            </Tooltip>
          ))}
        </div>
      )}
      {selected || (item.milestones?.length ?? 0) > 0 ? (
        <MilestoneList
          milestones={item.milestones ?? []}
          busy={busy}
          onEdit={(edit) => onEditMilestone({ section, item: index, ...edit })}
        />
      ) : null}
      {(item.deadline || (item.leaders && item.leaders.length > 0)) && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
          {[
            item.deadline ? `${t('task.deadline')}: ${item.deadline}` : null,
            item.leaders?.length ? `${t('board.leaders')}: ${item.leaders.join('、')}` : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
      )}
    </div>
  );
});

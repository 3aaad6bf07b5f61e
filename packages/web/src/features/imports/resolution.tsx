import { Tag, Tooltip } from 'antd';
import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewMention, Resolution } from './api';

/** Green: in the directory; blue: an office the commit will create; orange: nobody yet. */
export function resolutionColor(r: Resolution): string {
  if (r.kind === 'unresolved') return 'orange';
  return r.kind === 'create' ? 'blue' : 'green';
}

/** What a mention resolves to, in words: → 区城管局 (依据别名), 新建:区林业局 (政府部门), 未匹配. */
export function useResolutionText(): (r: Resolution) => string {
  const { t } = useTranslation();
  return (r) => {
    if (r.kind === 'unresolved') return t('import.unresolved');
    if (r.kind === 'create') return t('import.willCreate', { name: r.name, kind: t(`officeKinds.${r.officeKind}`) });
    const via = t(`import.via.${r.via}`, { defaultValue: r.via });
    const name = r.kind === 'group' ? `${r.name} (${t('import.group')})` : r.name;
    return t('import.resolvedTo', { name, via });
  };
}

/** A mention as a tag coloured by how it resolves, its resolution in the tooltip. */
export function MentionTag({
  mention,
  onClick,
  prefix,
}: {
  mention: PreviewMention | undefined;
  onClick: (e: MouseEvent) => void;
  prefix?: ReactNode;
}) {
  const text = useResolutionText();
  if (!mention) return null;
  return (
    <Tooltip title={text(mention.resolution)}>
      <Tag
        color={resolutionColor(mention.resolution)}
        onClick={onClick}
        style={{ cursor: 'pointer', marginInlineEnd: 4, marginBottom: 4 }}
        data-testid="import-item-mention"
      >
        {prefix}
        {mention.mention}
      </Tag>
    </Tooltip>
  );
}

import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MentionCorrection, useOfficeGroups, useOfficeSearch } from './api';

/**
 * A search over the directory's offices (GET /api/offices?q=) and groups; picking one maps
 * the mention to it. It never holds a value: the mention's row shows the resolution.
 */
export function OfficePicker({
  placeholder,
  disabled,
  onPick,
}: {
  placeholder: string;
  disabled?: boolean;
  onPick: (correction: MentionCorrection) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const offices = useOfficeSearch(q.trim(), open);
  const groups = useOfficeGroups(open);
  const needle = q.trim();
  const matchingGroups = (groups.data?.items ?? []).filter(
    (g) => needle === '' || g.name.includes(needle) || g.aliases.some((a) => a.includes(needle)),
  );
  const options = [
    ...(matchingGroups.length > 0
      ? [
          {
            label: t('import.groups'),
            options: matchingGroups.map((g) => ({ value: `group:${g.id}`, label: g.name })),
          },
        ]
      : []),
    {
      label: t('import.offices'),
      options: (offices.data?.items ?? []).map((o) => ({ value: `office:${o.id}`, label: o.name })),
    },
  ];
  return (
    <Select<string | null>
      showSearch
      value={null}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setQ('');
      }}
      placeholder={placeholder}
      disabled={disabled}
      filterOption={false}
      searchValue={q}
      onSearch={setQ}
      loading={offices.isFetching}
      notFoundContent={offices.isFetching ? t('common.loading') : t('common.none')}
      options={options}
      onChange={(value) => {
        if (!value) return;
        const [kind, id] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
        onPick(kind === 'group' ? { groupId: id } : { officeId: id });
        setOpen(false);
        setQ('');
      }}
      style={{ minWidth: 200 }}
      popupMatchSelectWidth={false}
      data-testid="import-map-select"
    />
  );
}

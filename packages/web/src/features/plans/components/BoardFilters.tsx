import { UserOutlined } from '@ant-design/icons';
import { Button, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SectionView } from '../api';
import type { BoardFilter, OfficeRef } from '../board';
import { TASK_STATUSES, type TaskStatus } from '../status';

interface Props {
  readonly filter: BoardFilter;
  readonly onChange: (change: Partial<BoardFilter>) => void;
  readonly offices: readonly OfficeRef[];
  readonly sections: readonly Pick<SectionView, 'id' | 'number' | 'title'>[];
  /** The signed-in user's office, for the "my office's tasks" filter; null when they have none. */
  readonly myOfficeId: string | null;
}

const field = { flex: '1 1 170px', minWidth: 150, maxWidth: 280 } as const;

/** The board's filters: office (group members count), section, status, text; they wrap on a phone. */
export function BoardFilters({ filter, onChange, offices, sections, myOfficeId }: Props) {
  const { t } = useTranslation();
  const officeOptions = offices.map((o) => ({ value: o.id, label: o.name }));
  // The user's office may name no task of this plan: still a choice, shown by name, not by id.
  if (myOfficeId && !offices.some((o) => o.id === myOfficeId)) {
    officeOptions.unshift({ value: myOfficeId, label: t('board.myOffice') });
  }
  const mine = myOfficeId !== null && filter.office === myOfficeId;
  const active = filter.office || filter.section || filter.status || filter.text;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }} data-testid="board-filters">
      <Select
        data-testid="filter-office"
        style={field}
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t('board.filterOffice')}
        value={filter.office ?? undefined}
        onChange={(office?: string) => onChange({ office: office ?? null })}
        options={officeOptions}
      />
      <Select
        data-testid="filter-section"
        style={field}
        allowClear
        placeholder={t('board.filterSection')}
        value={filter.section ?? undefined}
        onChange={(section?: string) => onChange({ section: section ?? null })}
        options={sections.map((s) => ({ value: s.id, label: `${s.number}、${s.title}` }))}
        popupMatchSelectWidth={false}
      />
      <Select
        data-testid="filter-status"
        style={field}
        allowClear
        placeholder={t('board.filterStatus')}
        value={filter.status ?? undefined}
        onChange={(status?: TaskStatus) => onChange({ status: status ?? null })}
        options={TASK_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <Input.Search
        data-testid="filter-text"
        style={field}
        allowClear
        placeholder={t('board.searchText')}
        value={filter.text}
        onChange={(e) => onChange({ text: e.target.value })}
      />
      {myOfficeId && (
        <Button
          data-testid="filter-mine"
          icon={<UserOutlined />}
          type={mine ? 'primary' : 'default'}
          onClick={() => onChange({ office: mine ? null : myOfficeId })}
        >
          {t('board.mine')}
        </Button>
      )}
      {active && (
        <Button type="link" onClick={() => onChange({ office: null, section: null, status: null, text: '' })}>
          {t('board.clear')}
        </Button>
      )}
    </div>
  );
}

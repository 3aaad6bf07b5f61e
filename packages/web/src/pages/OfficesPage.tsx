import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Input, Select, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useHasRole } from '../features/auth/session';
import {
  matchesText,
  OFFICE_KINDS,
  type Office,
  type OfficeGroup,
  type OfficeKind,
  useOfficeGroups,
  useOffices,
} from '../features/offices/api';
import { GroupFormModal } from '../features/offices/GroupFormModal';
import { GroupTable } from '../features/offices/GroupTable';
import { OfficeFormModal } from '../features/offices/OfficeFormModal';
import { OfficeTable } from '../features/offices/OfficeTable';

/** A form's state: open or closing, with the row it edits (null: a new one). */
const byName = new Intl.Collator('zh-CN');

type Editing<T> = { open: boolean; item: T | null };

/**
 * The office directory: offices by kind with their aliases, parent and groups, and the office
 * groups with their members. Everyone signed in reads it; admins edit it. Tab, kind and search
 * live in the address so a filtered view can be shared.
 */
export function OfficesPage() {
  const { t } = useTranslation();
  const isAdmin = useHasRole('admin');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'groups' ? 'groups' : 'offices';
  const kindParam = params.get('kind');
  const kind = OFFICE_KINDS.includes(kindParam as OfficeKind) ? (kindParam as OfficeKind) : null;
  const q = params.get('q') ?? '';
  // Groups no office belongs to: a task assigned to one reaches no one (?empty=1).
  const emptyOnly = params.get('empty') === '1';
  const offices = useOffices();
  const groups = useOfficeGroups();
  const [editingOffice, setEditingOffice] = useState<Editing<Office>>({ open: false, item: null });
  const [editingGroup, setEditingGroup] = useState<Editing<OfficeGroup>>({ open: false, item: null });

  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const all = offices.data ?? [];
  const names = useMemo(() => new Map(all.map((o) => [o.id, o.name])), [all]);
  const counts = useMemo(() => {
    const c = new Map<OfficeKind, number>();
    for (const o of all) c.set(o.kind, (c.get(o.kind) ?? 0) + 1);
    return c;
  }, [all]);
  // By kind (the directory's order), then by name as a Chinese reader sorts (pinyin).
  const shownOffices = all
    .filter((o) => (kind === null || o.kind === kind) && matchesText(o, q))
    .sort((a, b) => OFFICE_KINDS.indexOf(a.kind) - OFFICE_KINDS.indexOf(b.kind) || byName.compare(a.name, b.name));
  const shownGroups = (groups.data ?? []).filter(
    (g) =>
      (!emptyOnly || g.members.length === 0) &&
      (matchesText(g, q) || g.members.some((m) => matchesText({ name: m.name, aliases: [] }, q))),
  );
  const error = offices.error ?? groups.error;

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('offices.title')}
        </Typography.Title>
        {isAdmin && (
          <Flex gap={8} wrap>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditingOffice({ open: true, item: null })}
              data-testid="office-new"
            >
              {t('offices.newOffice')}
            </Button>
            <Button
              icon={<PlusOutlined />}
              onClick={() => setEditingGroup({ open: true, item: null })}
              data-testid="group-new"
            >
              {t('offices.newGroup')}
            </Button>
          </Flex>
        )}
      </Flex>
      {error && (
        <Alert
          type="error"
          showIcon
          message={t('errors.generic', { message: error.message })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Flex wrap gap={8} style={{ marginBottom: 8 }}>
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('offices.searchPlaceholder')}
          onSearch={(v) => setParam('q', v.trim() || null)}
          onChange={(e) => setParam('q', e.target.value.trim() || null)}
          style={{ flex: '1 1 220px', maxWidth: 360 }}
          data-testid="office-search"
        />
        {tab === 'offices' && (
          <Select<OfficeKind | 'all'>
            value={kind ?? 'all'}
            onChange={(v) => setParam('kind', v === 'all' ? null : v)}
            style={{ flex: '1 1 180px', maxWidth: 240 }}
            data-testid="office-kind-filter"
            options={[
              { value: 'all', label: `${t('offices.allKinds')} (${all.length})` },
              ...OFFICE_KINDS.map((k) => ({ value: k, label: `${t(`officeKinds.${k}`)} (${counts.get(k) ?? 0})` })),
            ]}
          />
        )}
        {tab === 'groups' && (
          <Checkbox
            checked={emptyOnly}
            onChange={(e) => setParam('empty', e.target.checked ? '1' : null)}
            data-testid="group-empty-filter"
          >
            {t('planEdits.emptyOnly')}
          </Checkbox>
        )}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key === 'groups' ? 'groups' : null)}
        items={[
          {
            key: 'offices',
            label: t('offices.tabOffices', { count: shownOffices.length }),
            children: (
              <OfficeTable
                offices={shownOffices}
                names={names}
                loading={offices.isPending}
                canEdit={isAdmin}
                onEdit={(o) => setEditingOffice({ open: true, item: o })}
              />
            ),
          },
          {
            key: 'groups',
            label: t('offices.tabGroups', { count: shownGroups.length }),
            children: (
              <GroupTable
                groups={shownGroups}
                loading={groups.isPending}
                canEdit={isAdmin}
                onEdit={(g) => setEditingGroup({ open: true, item: g })}
              />
            ),
          },
        ]}
      />
      {isAdmin && (
        <>
          <OfficeFormModal
            open={editingOffice.open}
            office={editingOffice.item}
            offices={all}
            onClose={() => setEditingOffice((e) => ({ ...e, open: false }))}
          />
          <GroupFormModal
            open={editingGroup.open}
            group={editingGroup.item}
            offices={all}
            onClose={() => setEditingGroup((e) => ({ ...e, open: false }))}
          />
        </>
      )}
    </>
  );
}

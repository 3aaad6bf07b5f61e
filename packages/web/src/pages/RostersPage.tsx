import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Popconfirm, Segmented, Space, Table, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffices } from '../features/offices/api';
import { type RosterPerson, useImportRoster, useRemovePerson, useRoster } from '../features/rosters/api';
import { PersonFormModal } from '../features/rosters/PersonFormModal';

interface Editing {
  readonly open: boolean;
  readonly person: RosterPerson | null;
}

const ALL = '';

/**
 * The rosters (人员名册): people by category whom frequency targets judge — every one of them,
 * whether or not they logged anything. Add, edit, remove, or import a CSV saved from a spreadsheet.
 */
export function RostersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roster = useRoster();
  const offices = useOffices();
  const remove = useRemovePerson();
  const importing = useImportRoster();
  const [category, setCategory] = useState(ALL);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Editing>({ open: false, person: null });

  const people = roster.data ?? [];
  const categories = useMemo(() => [...new Set(people.map((p) => p.category))], [people]);
  const officeNames = useMemo(() => new Map((offices.data ?? []).map((o) => [o.id, o.name])), [offices.data]);
  const q = search.trim();
  const shown = people.filter(
    (p) =>
      (category === ALL || p.category === category) &&
      (!q ||
        p.name.includes(q) ||
        p.title.includes(q) ||
        (p.officeId !== null && (officeNames.get(p.officeId) ?? '').includes(q))),
  );
  const error = roster.error ?? offices.error ?? remove.error ?? importing.error;

  const importFile = async (file: File) => {
    try {
      const result = await importing.mutateAsync(await file.text());
      message.success(t('rosters.imported', result));
    } catch {
      // Shown above the table.
    }
  };

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('rosters.title')}
        </Typography.Title>
        <Space wrap>
          <Upload
            accept=".csv,.txt,text/csv"
            showUploadList={false}
            beforeUpload={(file) => {
              void importFile(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={importing.isPending} data-testid="roster-import">
              {t('rosters.import')}
            </Button>
          </Upload>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ open: true, person: null })}
            data-testid="roster-new"
          >
            {t('rosters.add')}
          </Button>
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary">{t('rosters.help')}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          message={t('errors.generic', { message: error.message })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <Segmented
          value={category}
          onChange={(v) => setCategory(String(v))}
          options={[
            { value: ALL, label: t('common.all') },
            ...categories.map((c) => ({ value: c, label: `${c} (${people.filter((p) => p.category === c).length})` })),
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('rosters.searchPlaceholder')}
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 300 }}
        />
      </Flex>
      <Table<RosterPerson>
        rowKey="id"
        size="small"
        loading={roster.isPending}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: true }}
        data-testid="roster-table"
        locale={{ emptyText: t('rosters.empty') }}
        columns={[
          { key: 'category', title: t('rosters.category'), dataIndex: 'category' },
          {
            key: 'name',
            title: t('rosters.name'),
            render: (_, p) => <span data-testid="roster-person">{p.name}</span>,
          },
          { key: 'title', title: t('rosters.personTitle'), dataIndex: 'title' },
          {
            key: 'office',
            title: t('rosters.office'),
            render: (_, p) => (p.officeId === null ? '' : (officeNames.get(p.officeId) ?? '')),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, p) => (
              <Space>
                <Button type="link" size="small" onClick={() => setEditing({ open: true, person: p })}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('rosters.removeConfirm', { name: p.name })}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutate({ id: p.id, version: p.version })}
                >
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <PersonFormModal
        open={editing.open}
        person={editing.person}
        categories={categories}
        offices={offices.data ?? []}
        onClose={() => setEditing((e) => ({ ...e, open: false }))}
      />
    </>
  );
}

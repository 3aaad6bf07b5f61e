import { Alert, Button, Flex, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditTable } from '../features/audit/AuditTable';
import { type AuditFilters, useAudit, useAuditEntities } from '../features/audit/api';
import { useEntityLabel } from '../features/audit/words';
import { useUsers } from '../features/users/api';
import { DatePicker } from '../format/DatePicker';

type Range = [Dayjs | null, Dayjs | null] | null;

/** The audit log: who changed what and when, with the row before and after; newest first. */
export function AuditPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const [userId, setUserId] = useState<string | undefined>();
  const [entity, setEntity] = useState<string | undefined>();
  const [entityId, setEntityId] = useState<string | undefined>();
  const [range, setRange] = useState<Range>(null);
  const filters: AuditFilters = {
    userId,
    entity,
    entityId,
    // dayjs's default format is ISO 8601 with this browser's offset, as the server wants.
    from: range?.[0]?.format(),
    to: range?.[1]?.format(),
  };
  const audit = useAudit(filters);
  const entities = useAuditEntities();
  const entityLabel = useEntityLabel();
  const records = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const names = Object.assign({}, ...(audit.data?.pages.map((p) => p.names) ?? [])) as Record<string, string>;

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('audit.allUsers')}
          value={userId}
          onChange={(v?: string) => setUserId(v)}
          style={{ flex: '1 1 160px', maxWidth: 220 }}
          data-testid="audit-user"
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
        />
        <Select
          allowClear
          placeholder={t('audit.allEntities')}
          value={entity}
          onChange={(v?: string) => {
            setEntity(v);
            setEntityId(undefined);
          }}
          style={{ flex: '1 1 140px', maxWidth: 180 }}
          data-testid="audit-entity"
          options={(entities.data ?? []).map((e) => ({ value: e, label: entityLabel(e) }))}
        />
        <Input
          allowClear
          placeholder={t('audit.entityId')}
          value={entityId ?? ''}
          onChange={(e) => setEntityId(e.target.value.trim() || undefined)}
          style={{ flex: '1 1 160px', maxWidth: 240 }}
          data-testid="audit-entity-id"
        />
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowEmpty={[true, true]}
          value={range}
          onChange={(v) => setRange(v)}
          placeholder={[t('audit.from'), t('audit.to')]}
          style={{ flex: '1 1 300px', maxWidth: 380 }}
          data-testid="audit-range"
        />
      </Flex>
      {audit.error && (
        <Alert
          type="error"
          showIcon
          message={t('errors.generic', { message: audit.error.message })}
          style={{ marginBottom: 12 }}
        />
      )}
      <AuditTable
        records={records}
        names={names}
        loading={audit.isPending}
        onEntityId={(e, id) => {
          setEntity(e);
          setEntityId(id);
        }}
      />
      <Flex justify="center" align="center" gap={12} style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{t('audit.shown', { count: records.length })}</Typography.Text>
        {audit.hasNextPage ? (
          <Button
            onClick={() => void audit.fetchNextPage()}
            loading={audit.isFetchingNextPage}
            data-testid="audit-more"
          >
            {t('audit.loadMore')}
          </Button>
        ) : (
          records.length > 0 && <Typography.Text type="secondary">{t('audit.noMore')}</Typography.Text>
        )}
      </Flex>
    </>
  );
}

import { PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Segmented, Select, Space, Tag, Typography } from 'antd';
import { type CSSProperties, memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MentionCorrection, OfficeKind, PreviewMention } from './api';
import { OfficePicker } from './OfficePicker';
import { guessOfficeKind, OFFICE_KINDS } from './officeKinds';
import { resolutionColor, useResolutionText } from './resolution';

type Filter = 'all' | 'unresolved' | 'corrected';

const row = (selected: boolean): CSSProperties => ({
  padding: '8px 12px',
  borderBottom: '1px solid #f0f0f0',
  cursor: 'pointer',
  background: selected ? '#fff7e6' : undefined,
});

/**
 * Every office mention of the document with how it resolves; an unmatched one is mapped to an
 * office or group of the directory, or becomes a new office; a matched one may be remapped.
 */
export const MentionsPanel = memo(function MentionsPanel({
  mentions,
  selected,
  busy,
  onSelect,
  onCorrect,
}: {
  mentions: readonly PreviewMention[];
  selected: string | null;
  busy: boolean;
  /** Stable callbacks: the rows are memoised. */
  onSelect: (mention: PreviewMention) => void;
  onCorrect: (corrections: Record<string, MentionCorrection | null>) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState<PreviewMention | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const unresolved = mentions.filter((m) => m.resolution.kind === 'unresolved');
  const corrected = mentions.filter((m) => m.corrected);
  const shown = filter === 'all' ? mentions : filter === 'unresolved' ? unresolved : corrected;

  const createAll = () =>
    onCorrect(
      Object.fromEntries(
        unresolved.map((m) => [m.mention, { create: { name: m.mention, kind: guessOfficeKind(m.mention) } }]),
      ),
    );

  return (
    <div>
      <div style={{ padding: '0 12px 8px' }}>
        {unresolved.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            message={t('import.unresolvedCount', { count: unresolved.length })}
            description={
              <>
                <div>{t('import.unresolvedHint')}</div>
                <Button
                  size="small"
                  style={{ marginTop: 8 }}
                  onClick={() => void createAll()}
                  disabled={busy}
                  data-testid="import-create-all"
                >
                  {t('import.createAll')}
                </Button>
              </>
            }
          />
        ) : (
          <Alert type="success" showIcon message={t('import.allResolved')} />
        )}
        <Segmented<Filter>
          style={{ marginTop: 8 }}
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: `${t('common.all')} ${mentions.length}` },
            { value: 'unresolved', label: `${t('import.unresolved')} ${unresolved.length}` },
            { value: 'corrected', label: `${t('import.corrected')} ${corrected.length}` },
          ]}
          data-testid="import-mention-filter"
        />
      </div>
      {shown.map((m) => (
        <MentionRow
          key={m.mention}
          mention={m}
          selected={selected === m.mention}
          busy={busy}
          onSelect={onSelect}
          onCorrect={onCorrect}
          onCreate={setCreating}
        />
      ))}
      <CreateOfficeModal
        mention={creating}
        onCancel={() => setCreating(null)}
        onCreate={async (name, kind) => {
          if (!creating) return;
          await onCorrect({ [creating.mention]: { create: { name, kind } } });
          setCreating(null);
        }}
      />
    </div>
  );
});

/** One mention: how it resolves, where it appears, and the controls to correct it. */
const MentionRow = memo(function MentionRow({
  mention: m,
  selected,
  busy,
  onSelect,
  onCorrect,
  onCreate,
}: {
  mention: PreviewMention;
  selected: boolean;
  busy: boolean;
  onSelect: (mention: PreviewMention) => void;
  onCorrect: (corrections: Record<string, MentionCorrection | null>) => Promise<unknown>;
  onCreate: (mention: PreviewMention) => void;
}) {
  const { t } = useTranslation();
  const text = useResolutionText();
  const r = m.resolution;
  const numbers = [...new Set(m.appearances.map((a) => a.number))];
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the row's controls are the keyboard path; the click only locates the text
    <div
      data-testid="import-mention"
      data-mention={m.mention}
      data-resolution={r.kind}
      style={row(selected)}
      onClick={() => onSelect(m)}
    >
      <Space wrap size={[8, 4]}>
        <Typography.Text strong>{m.mention}</Typography.Text>
        <Tag color={resolutionColor(r)} data-testid="import-mention-resolution">
          {text(r)}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('import.appearsIn', { numbers: numbers.join('、') })}
        </Typography.Text>
      </Space>
      {/* The controls act on the mention; they must not move the highlight. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: stops the click only */}
      <div onClick={(e) => e.stopPropagation()} style={{ marginTop: 6 }}>
        <Space wrap size={[8, 6]}>
          <OfficePicker
            placeholder={r.kind === 'unresolved' ? t('import.mapTo') : t('import.remap')}
            disabled={busy}
            onPick={(c) => void onCorrect({ [m.mention]: c })}
          />
          {r.kind !== 'create' && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              disabled={busy}
              onClick={() => onCreate(m)}
              data-testid="import-create-office"
            >
              {t('import.createOffice')}
            </Button>
          )}
          {m.corrected && (
            <Button
              size="small"
              type="text"
              icon={<UndoOutlined />}
              disabled={busy}
              onClick={() => void onCorrect({ [m.mention]: null })}
            >
              {t('import.undo')}
            </Button>
          )}
          {r.kind === 'unresolved' &&
            r.suggestions.slice(0, 3).map((s) => (
              <Button
                key={s.id}
                size="small"
                type="dashed"
                disabled={busy}
                onClick={() =>
                  void onCorrect({ [m.mention]: s.kind === 'group' ? { groupId: s.id } : { officeId: s.id } })
                }
              >
                {t('import.suggestion', { name: s.name })}
              </Button>
            ))}
        </Space>
      </div>
    </div>
  );
});

function CreateOfficeModal({
  mention,
  onCancel,
  onCreate,
}: {
  mention: PreviewMention | null;
  onCancel: () => void;
  onCreate: (name: string, kind: OfficeKind) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; kind: OfficeKind }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={mention !== null}
      title={t('import.createOfficeFor', { mention: mention?.mention ?? '' })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onCancel={onCancel}
      destroyOnHidden
      onOk={async () => {
        const values = await form.validateFields();
        setSaving(true);
        try {
          await onCreate(values.name.trim(), values.kind);
        } catch {
          // The page shows the server's message; the dialog stays open to fix the name.
        } finally {
          setSaving(false);
        }
      }}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={mention ? { name: mention.mention, kind: guessOfficeKind(mention.mention) } : undefined}
      >
        <Form.Item name="name" label={t('import.officeName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="kind" label={t('import.officeKind')} rules={[{ required: true }]}>
          <Select options={OFFICE_KINDS.map((k) => ({ value: k, label: t(`officeKinds.${k}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

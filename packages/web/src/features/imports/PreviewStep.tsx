import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Checkbox, Col, Grid, Popconfirm, Row, Space, Tabs, Typography } from 'antd';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateInput } from '../../format/DatePicker';
import {
  type Correction,
  type ImportPreview,
  type PreviewMention,
  type PreviewWarning,
  useCommit,
  useCorrection,
} from './api';
import { MentionsPanel } from './MentionsPanel';
import { PlanTree, type TreeSelection } from './PlanTree';
import { type Highlight, SourcePane } from './SourcePane';
import { firstItemOf, mentionSpan, type Span, spanOf } from './spans';
import { TargetModal } from './TargetModal';

/** A callback whose identity never changes and that always runs the latest render's function. */
function useStable<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  useLayoutEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}

interface TargetAt {
  readonly section: number;
  readonly item: number;
  readonly target: number;
}

/**
 * Step 2: the document beside what the parser made of it. Clicking an item, a mention or a
 * target marks its text in the source; every correction is a PATCH with the current version.
 */
export function PreviewStep({ preview, onCommitted }: { preview: ImportPreview; onCommitted: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const correction = useCorrection(preview.id);
  const commit = useCommit(preview.id);
  const [highlight, setHighlight] = useState<Highlight | null>(null);
  const [selected, setSelected] = useState<TreeSelection | null>(null);
  const [selectedMention, setSelectedMention] = useState<string | null>(null);
  const [editing, setEditing] = useState<TargetAt | null>(null);
  const [tab, setTab] = useState('items');
  /** A plan already in Duban is imported again only when the user says so. */
  const [duplicateConfirmed, setDuplicateConfirmed] = useState(false);
  const duplicates = preview.duplicates;

  const { plan, sourceText } = preview;
  const mentions = useMemo(() => new Map(preview.mentions.map((m) => [m.mention, m])), [preview.mentions]);
  const counts = useMemo(() => {
    const items = plan.sections.flatMap((s) => s.items);
    return {
      sections: plan.sections.length,
      items: items.length,
      targets: items.reduce((n, i) => n + i.indicators.length, 0),
      unresolved: preview.mentions.filter((m) => m.resolution.kind === 'unresolved').length,
    };
  }, [plan.sections, preview.mentions]);
  const busy = correction.isPending || commit.isPending;

  const mark = (span: Span | null) => {
    if (span) setHighlight((h) => ({ ...span, nonce: (h?.nonce ?? 0) + 1 }));
  };

  const select = useStable((s: TreeSelection) => {
    setSelected(s);
    setSelectedMention(s.kind === 'mention' ? s.mention : null);
    const item = plan.sections[s.section]?.items[s.item];
    if (!item) return;
    const itemSpan = spanOf(item.span, sourceText.length);
    if (s.kind === 'item') mark(itemSpan);
    else if (s.kind === 'mention') mark(mentionSpan(sourceText, item, s.mention));
    else mark(spanOf(item.indicators[s.target]?.span, sourceText.length) ?? itemSpan);
  });

  const selectMention = useStable((m: PreviewMention) => {
    setSelectedMention(m.mention);
    const first = m.appearances[0];
    const item = firstItemOf(m, plan.sections);
    if (first) setSelected({ kind: 'mention', section: first.section, item: first.item, mention: m.mention });
    if (item) mark(mentionSpan(sourceText, item, m.mention));
  });

  const selectWarning = (w: PreviewWarning) => {
    const section = w.section ?? 0;
    const item = plan.sections[section]?.items.findIndex((i) => i.number === w.item) ?? -1;
    if (item >= 0) select({ kind: 'item', section, item });
  };

  /** Send a correction; a refusal shows the server's message and rejects. */
  const correct = useStable(async (c: Correction) => {
    try {
      return await correction.mutateAsync(c);
    } catch (error) {
      message.error(t('import.refused', { message: error instanceof Error ? error.message : String(error) }));
      throw error;
    }
  });
  const quietly = (c: Correction) => correct(c).catch(() => undefined);
  const rename = useStable((section: number, item: number, title: string) => {
    void quietly({ items: [{ section, item, title }] });
  });
  const editTarget = useStable((section: number, item: number, target: number) => {
    setEditing({ section, item, target });
  });
  const editMilestone = useStable((edit: NonNullable<Correction['milestones']>[number]) => {
    void quietly({ milestones: [edit] });
  });
  /** Date a deadline phrase that names none: the item's own, or one of its targets'. */
  const dateDeadline = async (w: PreviewWarning, date: string) => {
    const section = w.section ?? 0;
    const item = plan.sections[section]?.items.findIndex((i) => i.number === w.item) ?? -1;
    if (item < 0 || !date) return;
    await correct(
      w.target === undefined
        ? { items: [{ section, item, deadline: date }] }
        : { targets: [{ section, item, target: w.target, deadline: date }] },
    );
    message.success(t('planEdits.dateSaved'));
  };
  const correctMentions = useStable((mentions: NonNullable<Correction['mentions']>) => correct({ mentions }));

  const confirm = async () => {
    try {
      await commit.mutateAsync({
        version: preview.version,
        ...(duplicates.length > 0 ? { confirmDuplicate: duplicateConfirmed } : {}),
      });
      await onCommitted();
    } catch (error) {
      message.error(t('import.refused', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  const editedTarget = editing
    ? (plan.sections[editing.section]?.items[editing.item]?.indicators[editing.target] ?? null)
    : null;
  const paneHeight = screens.lg ? 'max(420px, calc(100vh - 330px))' : '45vh';
  const confirmButton = (
    <Button
      type="primary"
      icon={<CheckOutlined />}
      loading={commit.isPending}
      disabled={correction.isPending || counts.items === 0 || (duplicates.length > 0 && !duplicateConfirmed)}
      data-testid="import-confirm"
      onClick={counts.unresolved > 0 ? undefined : () => void confirm()}
    >
      {t('import.confirm')}
    </Button>
  );

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
          <div style={{ flex: '1 1 320px', minWidth: 0 }}>
            <Typography.Title
              level={4}
              style={{ margin: 0 }}
              editable={
                busy
                  ? false
                  : {
                      tooltip: t('common.edit'),
                      onChange: (title) => {
                        if (title.trim() !== '' && title.trim() !== plan.title) void quietly({ title: title.trim() });
                      },
                    }
              }
              data-testid="import-title"
            >
              {plan.title || t('import.untitled')}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t('import.summary', counts)} · {preview.fileName} (
              {t(`import.formats.${preview.format}`, { defaultValue: preview.format })})
            </Typography.Text>
          </div>
          {counts.unresolved > 0 ? (
            <Popconfirm
              title={t('import.confirmUnresolved', { count: counts.unresolved })}
              okText={t('import.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => confirm()}
            >
              {confirmButton}
            </Popconfirm>
          ) : (
            confirmButton
          )}
        </div>
      </Card>
      {duplicates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="import-duplicate"
          message={t('import.duplicate')}
          description={
            <Space direction="vertical" size={4}>
              {duplicates.map((d) => (
                <span key={d.planId}>
                  <Link to={`/plans/${d.planId}`}>《{d.title}》</Link>{' '}
                  <Typography.Text type="secondary">
                    {[d.sameDocument ? t('import.sameDocument') : null, d.sameTitle ? t('import.sameTitle') : null]
                      .filter(Boolean)
                      .join(t('import.and'))}
                  </Typography.Text>
                </span>
              ))}
              <Checkbox
                checked={duplicateConfirmed}
                onChange={(e) => setDuplicateConfirmed(e.target.checked)}
                data-testid="import-duplicate-confirm"
              >
                {t('import.duplicateConfirm')}
              </Checkbox>
            </Space>
          }
        />
      )}
      <Alert type="info" showIcon message={t('import.clickHint')} />
      <Row gutter={[16, 12]}>
        <Col xs={24} lg={11}>
          <Card size="small" title={t('import.source')} styles={{ body: { padding: 8 } }}>
            <SourcePane text={sourceText} highlight={highlight} height={paneHeight} />
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          <Card size="small" styles={{ body: { padding: '0 8px 8px' } }}>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'items',
                  label: `${t('import.parsed')} (${counts.items})`,
                  children: (
                    <div style={{ height: paneHeight, overflow: 'auto', paddingInline: 4 }}>
                      <PlanTree
                        sections={plan.sections}
                        mentions={mentions}
                        selected={selected}
                        busy={busy}
                        onSelect={select}
                        onRename={rename}
                        onEditTarget={editTarget}
                        onEditMilestone={editMilestone}
                      />
                    </div>
                  ),
                },
                {
                  key: 'mentions',
                  label: (
                    <span data-testid="import-tab-mentions">
                      {t('import.mentions')} ({preview.mentions.length}){' '}
                      {counts.unresolved > 0 && <Badge count={counts.unresolved} color="orange" />}
                    </span>
                  ),
                  children: (
                    <div style={{ height: paneHeight, overflow: 'auto' }}>
                      <MentionsPanel
                        mentions={preview.mentions}
                        selected={selectedMention}
                        busy={busy}
                        onSelect={selectMention}
                        onCorrect={correctMentions}
                      />
                    </div>
                  ),
                },
                {
                  key: 'warnings',
                  label: `${t('import.warnings')} (${preview.warnings.length})`,
                  children: (
                    <div style={{ height: paneHeight, overflow: 'auto' }}>
                      <Warnings
                        warnings={preview.warnings}
                        onSelect={selectWarning}
                        onDate={dateDeadline}
                        busy={busy}
                      />
                    </div>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <TargetModal
        target={editedTarget}
        onCancel={() => setEditing(null)}
        onSave={async (edit) => {
          if (!editing) return;
          await correct({ targets: [{ ...editing, ...edit }] });
          setEditing(null);
        }}
        onRemove={async () => {
          if (!editing) return;
          await correct({ targets: [{ ...editing, remove: true }] });
          setEditing(null);
          setSelected(null);
        }}
        onSplit={async (labels) => {
          if (!editing) return;
          await correct({ splits: [{ ...editing, labels }] });
          setEditing(null);
          setSelected(null);
        }}
      />
    </Space>
  );
}

function Warnings({
  warnings,
  onSelect,
  onDate,
  busy,
}: {
  warnings: readonly PreviewWarning[];
  onSelect: (w: PreviewWarning) => void;
  /** Date an undated deadline ('undated-deadline'): the date is saved in the preview. */
  onDate: (w: PreviewWarning, date: string) => Promise<void>;
  busy: boolean;
}) {
  const { t } = useTranslation();
  if (warnings.length === 0) return <Alert type="success" showIcon message={t('import.noWarnings')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {warnings.map((w, n) => (
        <Alert
          // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no id and never reorder
          key={n}
          type="warning"
          showIcon
          data-testid="import-warning"
          style={{ cursor: w.item ? 'pointer' : undefined }}
          onClick={() => onSelect(w)}
          message={`${t(`import.warningCodes.${w.code}`)}${w.item ? ` · ${t('import.itemNumber', { number: w.item })}` : ''}`}
          description={
            <>
              {w.message}
              {w.excerpt && <Typography.Paragraph type="secondary">{w.excerpt}</Typography.Paragraph>}
              {w.code === 'undated-deadline' && <DateDeadline warning={w} onDate={onDate} busy={busy} />}
            </>
          }
        />
      ))}
    </Space>
  );
}

/** A date picker and its button under an undated deadline's warning. */
function DateDeadline({
  warning,
  onDate,
  busy,
}: {
  warning: PreviewWarning;
  onDate: (w: PreviewWarning, date: string) => Promise<void>;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [date, setDate] = useState('');
  return (
    // The warning's own click selects its item; the picker should not.
    // biome-ignore lint/a11y/noStaticElementInteractions: only stops the click from reaching the warning
    // biome-ignore lint/a11y/useKeyWithClickEvents: the picker and button inside take the keyboard
    <span onClick={(e) => e.stopPropagation()}>
      <Space wrap>
        <DateInput value={date} onChange={setDate} data-testid="undated-deadline-date" />
        <Button
          size="small"
          type="primary"
          disabled={!date}
          loading={busy}
          onClick={() => void onDate(warning, date).catch(() => undefined)}
          data-testid="undated-deadline-save"
        >
          {t('planEdits.dateIt')}
        </Button>
      </Space>
    </span>
  );
}

import { Grid, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format/time';
import { type AuditNames, type DiffKind, type DiffLine, diffRecords } from './api';
import { useFieldLabel } from './words';

const BACKGROUND: Record<DiffKind, string | undefined> = {
  same: undefined,
  changed: '#fff7e6',
  added: '#f6ffed',
  removed: '#fff1f0',
};

const TAG_COLOR: Record<DiffKind, string> = { same: 'default', changed: 'orange', added: 'green', removed: 'red' };

const preStyle: CSSProperties = {
  margin: 0,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-all',
  fontSize: 12,
  maxHeight: 320,
  overflow: 'auto',
};

const cell: CSSProperties = { padding: '6px 8px', borderBottom: '1px solid #f0f0f0', verticalAlign: 'top' };
const head: CSSProperties = { ...cell, textAlign: 'left', background: '#fafafa', fontWeight: 600 };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/u;

/** A value as a person reads it: a name for an id, one time format, 空 for nothing, 是/否. */
function Value({ present, value, names }: { present: boolean; value: unknown; names: AuditNames }) {
  const { t } = useTranslation();
  if (!present) return <Typography.Text type="secondary">—</Typography.Text>;
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <Typography.Text type="secondary">{t('audit.emptyValue')}</Typography.Text>;
  }
  if (typeof value === 'boolean') return <span>{value ? t('audit.yes') : t('audit.no')}</span>;
  if (typeof value === 'string') {
    const shown = names[value] ?? (INSTANT.test(value) ? formatDateTime(value) : value);
    return <span style={{ wordBreak: 'break-all' }}>{shown}</span>;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return <span style={{ wordBreak: 'break-all' }}>{value.map((v) => names[v] ?? v).join('、')}</span>;
  }
  // Short values stay on one line (["区发改局"]); longer ones are pretty-printed.
  const compact = JSON.stringify(value) ?? String(value);
  return <pre style={preStyle}>{compact.length <= 60 ? compact : JSON.stringify(value, null, 2)}</pre>;
}

/** An audit record's before and after, key by key; what changed is highlighted. */
export function AuditDiff({ before, after, names }: { before: unknown; after: unknown; names: AuditNames }) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const screens = Grid.useBreakpoint();
  // The concurrency counter is bookkeeping, not a change anyone made; the record's own id is in
  // the table's row already.
  const lines = diffRecords(before, after).filter((l) => l.key !== 'version' && l.key !== 'id');
  if (lines.length === 0 || (lines.length === 1 && !lines[0]?.hasBefore && !lines[0]?.hasAfter)) {
    return <Typography.Text type="secondary">{t('audit.noDetails')}</Typography.Text>;
  }
  const showBefore = lines.some((l) => l.hasBefore);
  const showAfter = lines.some((l) => l.hasAfter);
  const label = (line: DiffLine) => (
    <>
      <Typography.Text strong={line.kind !== 'same'} title={line.key}>
        {line.key ? fieldLabel(line.key) : '—'}
      </Typography.Text>
      {line.kind !== 'same' && (
        <Tag color={TAG_COLOR[line.kind]} style={{ marginInlineStart: 4 }}>
          {t(`audit.diff.${line.kind}`)}
        </Tag>
      )}
    </>
  );

  if (!screens.sm) {
    // A phone: one block per field, before above after.
    return (
      <div data-testid="audit-diff">
        {lines.map((line) => (
          <div key={line.key} data-kind={line.kind} style={{ ...cell, background: BACKGROUND[line.kind] }}>
            <div style={{ marginBottom: 4, wordBreak: 'break-all' }}>{label(line)}</div>
            {showBefore && line.kind !== 'same' && (
              <div>
                {showAfter && <Typography.Text type="secondary">{t('audit.before')}:</Typography.Text>}{' '}
                <Value present={line.hasBefore} value={line.before} names={names} />
              </div>
            )}
            {showAfter && (
              <div>
                {showBefore && line.kind !== 'same' && (
                  <Typography.Text type="secondary">{t('audit.after')}:</Typography.Text>
                )}{' '}
                <Value present={line.hasAfter} value={line.after} names={names} />
              </div>
            )}
            {!showAfter && line.kind === 'same' && <Value present={line.hasBefore} value={line.before} names={names} />}
          </div>
        ))}
      </div>
    );
  }

  // A plain table that fits the width it is given, wrapping long values; a side that does not
  // exist (before a creation, after a deletion) gets no column.
  const sides = (showBefore ? 1 : 0) + (showAfter ? 1 : 0);
  const valueWidth = sides === 2 ? '40%' : '80%';
  return (
    <table style={{ width: '100%', tableLayout: 'fixed', borderCollapse: 'collapse' }} data-testid="audit-diff">
      <colgroup>
        <col style={{ width: '20%' }} />
        {showBefore && <col style={{ width: valueWidth }} />}
        {showAfter && <col style={{ width: valueWidth }} />}
      </colgroup>
      <thead>
        <tr>
          <th style={head}>{t('audit.field')}</th>
          {showBefore && <th style={head}>{t('audit.before')}</th>}
          {showAfter && <th style={head}>{t('audit.after')}</th>}
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.key} data-kind={line.kind} style={{ background: BACKGROUND[line.kind] }}>
            <td style={{ ...cell, wordBreak: 'break-all' }}>{label(line)}</td>
            {showBefore && (
              <td style={cell}>
                <Value present={line.hasBefore} value={line.before} names={names} />
              </td>
            )}
            {showAfter && (
              <td style={cell}>
                <Value present={line.hasAfter} value={line.after} names={names} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CellStatus, ComplianceCell, TargetCompliance } from './api';
import { cellIndex, cellTally, periodTitle, RECENT_PERIODS, shownPeriods } from './table';

/** Colour and words together: a cell reads the same without colour. */
export const CELL_COLOURS: Readonly<Record<CellStatus, string>> = {
  met: 'success',
  missed: 'error',
  open: 'processing',
};
const ATTAINMENT_COLOURS: Readonly<Record<TargetCompliance['attainment'], string>> = {
  met: 'green',
  'on-track': 'blue',
  'at-risk': 'orange',
  missed: 'red',
  'no-data': 'default',
};

export function CellTag({ status, count }: { status: CellStatus; count?: number }) {
  const { t } = useTranslation();
  return (
    <Tag color={CELL_COLOURS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`compliance.cells.${status}`)}
      {count === undefined ? null : ` ${count}`}
    </Tag>
  );
}

function Cell({ cell }: { cell: ComplianceCell | undefined }) {
  if (!cell) return null;
  return (
    <span
      data-testid="compliance-cell"
      data-subject={cell.subject}
      data-period={cell.periodKey}
      data-status={cell.status}
      data-count={cell.count}
    >
      <CellTag status={cell.status} count={cell.count} />
    </span>
  );
}

interface Row {
  readonly subject: string;
}

/**
 * One frequency target: its period, the ledger it is counted from and who is counted, then the
 * subject × period table (the latest periods first shown when there are many).
 */
export function TargetCard({
  target,
  subjectName,
  task,
}: {
  target: TargetCompliance;
  subjectName: (subject: string) => string;
  task: { number: string; title: string } | undefined;
}) {
  const { t, i18n } = useTranslation();
  const [all, setAll] = useState(false);
  const cells = cellIndex(target);
  const tally = cellTally(target.cells);
  const periods = shownPeriods(target.periods, all);
  const subjectTitle = target.subjectKind ? t(`compliance.subjectKinds.${target.subjectKind}`) : '';
  const roster = target.subject.startsWith('roster:') ? target.subject.slice('roster:'.length) : null;
  const [kind, value] = target.subject.split(':');
  const bound = roster ?? (kind === 'class' ? t(`rosters.classes.${value}`) : t(`rosters.subjects.${kind}`));

  const columns: ColumnsType<Row> = [
    {
      key: 'subject',
      title: subjectTitle,
      fixed: 'left',
      render: (_, r) => <span data-testid="compliance-subject">{subjectName(r.subject)}</span>,
    },
    ...periods.map((p) => ({
      key: p.key,
      title: <span title={`${p.start} ~ ${p.end}`}>{periodTitle(p.key, i18n.language)}</span>,
      align: 'center' as const,
      render: (_: unknown, r: Row) => <Cell cell={cells.get(`${r.subject}|${p.key}`)} />,
    })),
  ];

  const facts: [string, string][] = [
    [t('compliance.period'), t(`periods.${target.period}`)],
    [
      t('compliance.ledger'),
      target.ledger === 'unmapped'
        ? ''
        : `${t(`compliance.ledgers.${target.ledger}`)}${target.level ? `(${t(`compliance.levels.${target.level}`)})` : ''}`,
    ],
    [t('compliance.subjectKind'), target.ledger === 'unmapped' ? '' : bound],
  ];

  return (
    <Card
      size="small"
      data-testid="compliance-target"
      data-target-id={target.targetId}
      data-ledger={target.ledger}
      title={<span style={{ whiteSpace: 'normal' }}>{target.text}</span>}
      extra={
        <Tag color={ATTAINMENT_COLOURS[target.attainment]} data-testid="compliance-attainment">
          {t(`compliance.attainment.${target.attainment}`)}
        </Tag>
      }
    >
      <Flex wrap gap="4px 16px" style={{ marginBottom: 8 }}>
        {facts.map(([label, value]) => (
          <Typography.Text key={label}>
            <Typography.Text type="secondary">
              {label}
              {t('task.colon')}
            </Typography.Text>
            {value}
          </Typography.Text>
        ))}
        {task && (
          <Typography.Text>
            <Typography.Text type="secondary">
              {t('compliance.task')}
              {t('task.colon')}
            </Typography.Text>
            <Link to={`/tasks/${target.taskId}`}>{t('compliance.taskRef', task)}</Link>
          </Typography.Text>
        )}
      </Flex>
      {target.subjects.length === 0 ? (
        <Typography.Text type="secondary" data-testid="compliance-no-subjects">
          {roster === null ? t('compliance.noSubjects') : t('rosters.noPeople', { category: roster })}
        </Typography.Text>
      ) : (
        <>
          <Typography.Text type="secondary" data-testid="compliance-tally">
            {t('compliance.summary', tally)}
          </Typography.Text>
          <Table<Row>
            rowKey="subject"
            size="small"
            pagination={false}
            bordered
            dataSource={target.subjects.map((subject) => ({ subject }))}
            columns={columns}
            scroll={{ x: 'max-content' }}
            style={{ marginTop: 8 }}
            data-testid="compliance-table"
          />
          {target.periods.length > RECENT_PERIODS && (
            <Button type="link" size="small" onClick={() => setAll(!all)} style={{ paddingInline: 0 }}>
              {all
                ? t('compliance.showRecent', { count: RECENT_PERIODS })
                : t('compliance.showAll', { count: target.periods.length })}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

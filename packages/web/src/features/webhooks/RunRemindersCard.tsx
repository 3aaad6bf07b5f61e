import { ThunderboltOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateInput } from '../../format/DatePicker';
import { ErrorAlert } from '../offices/ErrorAlert';
import { type RunCounts, useRunReminders } from './api';

const COUNTS: readonly (keyof Omit<RunCounts, 'date'>)[] = [
  'created',
  'dueSoon',
  'late',
  'overdueOrders',
  'delivered',
  'failed',
];

/** Run the daily reminder job now (optionally as of another day) and show what it produced. */
export function RunRemindersCard() {
  const { t } = useTranslation();
  const run = useRunReminders();
  const [date, setDate] = useState('');

  return (
    <Card title={t('webhooks.runTitle')} data-testid="run-reminders">
      <Typography.Paragraph type="secondary">{t('webhooks.runHelp')}</Typography.Paragraph>
      <ErrorAlert error={run.error} />
      <Flex wrap gap={8} align="center">
        <label htmlFor="run-date">{t('webhooks.runDate')}</label>
        <DateInput id="run-date" value={date} onChange={setDate} style={{ width: 170 }} data-testid="run-date" />
        <Button
          type="primary"
          icon={<ThunderboltOutlined />}
          loading={run.isPending}
          onClick={() => run.mutate(date || undefined)}
          data-testid="run-now"
        >
          {t('webhooks.run')}
        </Button>
      </Flex>
      {run.data && (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2, md: 3 }}
          style={{ marginTop: 16 }}
          title={t('webhooks.ran', { date: run.data.date })}
          extra={<Link to="/notifications">{t('webhooks.seeNotifications')}</Link>}
          data-testid="run-result"
          items={COUNTS.map((key) => ({
            key,
            label: t(`webhooks.result.${key}`),
            children: (
              <span data-testid={`run-${key}`} data-count={run.data[key]}>
                {run.data[key]}
              </span>
            ),
          }))}
        />
      )}
    </Card>
  );
}

import { Alert, App, Button, Card, Form, InputNumber, Radio, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { periodName } from '../compliance/table';
import { ErrorAlert } from '../offices/ErrorAlert';
import { CADENCE_CHOICES, type Cadence, type PlanSettings, useSaveSettings } from './api';
import { consequence, type PeriodDates } from './consequence';

interface Values {
  cadence: Cadence;
  dueWorkingDays: number;
  lockDays: number;
}

const isCadence = (c: string): c is Cadence => (CADENCE_CHOICES as readonly string[]).includes(c);

/**
 * The plan's reporting cadence, due and lock days, saved with the version they were read at.
 * Below the fields, what they mean for the periods around `date`, as typed. A conflict (someone
 * saved meanwhile) says so and shows what is stored now.
 */
export function SettingsForm({ settings, date }: { settings: PlanSettings; date: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveSettings(settings.planId);
  const [form] = Form.useForm<Values>();
  const [conflict, setConflict] = useState(false);
  const stored: Values = {
    cadence: isCadence(settings.cadence) ? settings.cadence : 'monthly',
    dueWorkingDays: settings.dueWorkingDays,
    lockDays: settings.lockDays,
  };

  // A newer version read (after a save or a conflict) replaces what the form holds.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new version resets the form
  useEffect(() => {
    form.setFieldsValue(stored);
  }, [settings.version]);

  const cadence = Form.useWatch('cadence', form) ?? stored.cadence;
  const dueWorkingDays = Form.useWatch('dueWorkingDays', form) ?? stored.dueWorkingDays;
  const lockDays = Form.useWatch('lockDays', form) ?? stored.lockDays;
  const changed =
    cadence !== stored.cadence || dueWorkingDays !== stored.dueWorkingDays || lockDays !== stored.lockDays;
  const rows = useMemo(
    () => consequence(cadence, dueWorkingDays, lockDays, date),
    [cadence, dueWorkingDays, lockDays, date],
  );

  const onFinish = async (values: Values) => {
    setConflict(false);
    try {
      await save.mutateAsync({ version: settings.version, ...values });
      message.success(t('settings.saved'));
    } catch (error) {
      // The stored settings are read again (useSaveSettings); the form takes them when they arrive.
      if (error instanceof ApiError && error.status === 409) setConflict(true);
    }
  };

  return (
    <Card title={t('settings.title')} data-testid="settings-card">
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          message={t('settings.stale')}
          data-testid="form-error"
          style={{ marginBottom: 16 }}
        />
      ) : (
        <ErrorAlert error={save.error} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={stored}
        onFinish={onFinish}
        data-testid="settings-form"
      >
        <Form.Item name="cadence" label={t('settings.cadence')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={CADENCE_CHOICES.map((c) => ({ value: c, label: t(`settings.cadences.${c}`) }))}
            data-testid="settings-cadence"
          />
        </Form.Item>
        <Form.Item
          name="dueWorkingDays"
          label={t('settings.dueWorkingDays')}
          extra={t('settings.dueHelp')}
          rules={[{ required: true, message: t('settings.required') }]}
        >
          <InputNumber
            min={0}
            max={30}
            precision={0}
            addonAfter={t('settings.workingDays')}
            data-testid="settings-due-days"
          />
        </Form.Item>
        <Form.Item
          name="lockDays"
          label={t('settings.lockDays')}
          extra={t('settings.lockHelp')}
          rules={[{ required: true, message: t('settings.required') }]}
        >
          <InputNumber
            min={0}
            max={60}
            precision={0}
            addonAfter={t('settings.workingDays')}
            data-testid="settings-lock-days"
          />
        </Form.Item>
        <Typography.Paragraph strong style={{ marginBottom: 8 }}>
          {t('settings.effectAsOf', { date })}
          {changed && (
            <Typography.Text type="warning" data-testid="settings-unsaved">
              {' '}
              {t('settings.unsaved')}
            </Typography.Text>
          )}
        </Typography.Paragraph>
        <EffectTable rows={rows} />
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          data-testid="settings-save"
          style={{ marginTop: 16 }}
        >
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** The due and lock dates of the periods the settings are explained on. */
function EffectTable({ rows }: { rows: readonly PeriodDates[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table<PeriodDates>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={[...rows]}
      scroll={{ x: 'max-content' }}
      data-testid="settings-effect"
      columns={[
        {
          key: 'period',
          title: t('settings.period'),
          render: (_, p) => <span data-testid="effect-period">{periodName(p.key, i18n.language)}</span>,
        },
        {
          key: 'span',
          title: t('settings.span'),
          render: (_, p) => t('settings.spanValue', { start: p.start, end: p.end }),
        },
        { key: 'due', title: t('settings.due'), render: (_, p) => <span data-testid="effect-due">{p.due}</span> },
        {
          key: 'locksOn',
          title: t('settings.locksOn'),
          render: (_, p) => <span data-testid="effect-locks">{p.locksOn}</span>,
        },
      ]}
    />
  );
}

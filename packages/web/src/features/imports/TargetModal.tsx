import { BASELINES, KINDS, OPS, PERIODS } from '@duban/core';
import { Button, Col, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewTarget, TargetEdit } from './api';

type Op = (typeof OPS)[number];

interface Values {
  kind: PreviewTarget['kind'];
  op: Op;
  value: number | null;
  low: number | null;
  high: number | null;
  unit: string;
  period: PreviewTarget['period'];
  baseline: PreviewTarget['baseline'];
  deadline: string;
}

function valuesOf(target: PreviewTarget): Values {
  const pair = Array.isArray(target.value) ? target.value : null;
  const single = Array.isArray(target.value) ? (target.value[0] ?? null) : target.value;
  return {
    kind: target.kind,
    op: target.op,
    value: single,
    low: pair?.[0] ?? single,
    high: pair?.[1] ?? single,
    unit: target.unit,
    period: target.period,
    baseline: target.baseline,
    deadline: target.deadline ?? '',
  };
}

/** The fields of a target edit, from the form. */
function editOf(v: Values): Omit<TargetEdit, 'section' | 'item' | 'target'> {
  return {
    kind: v.kind,
    op: v.op,
    value: v.op === 'between' ? [v.low ?? 0, v.high ?? 0] : (v.value ?? 0),
    unit: v.unit.trim(),
    period: v.period ?? null,
    baseline: v.baseline ?? null,
    deadline: v.deadline.trim() === '' ? null : v.deadline.trim(),
  };
}

/** Labels typed in one line: 养老保险、工伤保险、医疗保险 (、 , ， ; or spaces between). */
export const splitLabels = (text: string): string[] =>
  text
    .split(/[、,,;;\s]+/u)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Edit a parsed target (kind, op, value or range, unit, period, baseline, deadline), split or remove it. */
export function TargetModal({
  target,
  onCancel,
  onSave,
  onRemove,
  onSplit,
}: {
  target: PreviewTarget | null;
  onCancel: () => void;
  onSave: (edit: Omit<TargetEdit, 'section' | 'item' | 'target'>) => Promise<void>;
  onRemove: () => Promise<void>;
  /** Split the target into one per label (四险全覆盖 → 养老保险、工伤保险 …). */
  onSplit: (labels: string[]) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [labels, setLabels] = useState('');
  const parts = splitLabels(labels);
  const [form] = Form.useForm<Values>();
  const op = Form.useWatch('op', form);
  const [saving, setSaving] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setSaving(true);
    try {
      await action();
    } catch {
      // The page shows the server's message; the dialog stays open to fix the values.
    } finally {
      setSaving(false);
    }
  };

  const number = (name: keyof Values, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('import.valueRequired') }]}>
      <InputNumber style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <Modal
      open={target !== null}
      title={t('import.editTarget')}
      onCancel={onCancel}
      destroyOnHidden
      footer={
        <Space wrap>
          <Popconfirm
            title={t('import.removeTargetConfirm')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            onConfirm={() => run(onRemove)}
          >
            <Button danger disabled={saving} data-testid="import-target-remove">
              {t('import.removeTarget')}
            </Button>
          </Popconfirm>
          <Button
            disabled={saving || parts.length < 2 || new Set(parts).size !== parts.length}
            onClick={() => void run(() => onSplit(parts))}
            data-testid="import-target-split"
          >
            {t('targetFit.splitInto', { n: parts.length })}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={saving}
            data-testid="import-target-save"
            onClick={async () => {
              const values = await form.validateFields();
              await run(() => onSave(editOf(values)));
            }}
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {target && (
        <>
          <Typography.Paragraph type="secondary" style={{ background: '#fafafa', padding: 8, borderRadius: 4 }}>
            {target.text}
          </Typography.Paragraph>
          <Input
            value={labels}
            onChange={(e) => setLabels(e.target.value)}
            placeholder={t('targetFit.splitPlaceholder')}
            style={{ marginBottom: 12 }}
            data-testid="import-target-split-labels"
          />
          <Form form={form} layout="vertical" preserve={false} initialValues={valuesOf(target)}>
            <Row gutter={12}>
              <Col xs={12} sm={8}>
                <Form.Item name="kind" label={t('task.kind')}>
                  <Select options={KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name="op" label={t('task.op')}>
                  <Select options={OPS.map((o) => ({ value: o, label: t(`import.ops.${o}`) }))} />
                </Form.Item>
              </Col>
              {op === 'between' ? (
                <>
                  <Col xs={12} sm={8}>
                    {number('low', t('import.valueLow'))}
                  </Col>
                  <Col xs={12} sm={8}>
                    {number('high', t('import.valueHigh'))}
                  </Col>
                </>
              ) : (
                <Col xs={12} sm={8}>
                  {number('value', t('task.value'))}
                </Col>
              )}
              <Col xs={12} sm={8}>
                <Form.Item name="unit" label={t('task.unit')}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name="period" label={t('task.period')}>
                  <Select
                    allowClear
                    placeholder={t('import.noPeriod')}
                    options={PERIODS.map((p) => ({ value: p, label: t(`periods.${p}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name="baseline" label={t('task.baseline')}>
                  <Select
                    allowClear
                    placeholder={t('import.noBaseline')}
                    options={BASELINES.map((b) => ({ value: b, label: t(`baselines.${b}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={16}>
                <Form.Item name="deadline" label={t('task.deadline')}>
                  <Input maxLength={200} placeholder={t('import.deadlinePlaceholder')} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </>
      )}
    </Modal>
  );
}

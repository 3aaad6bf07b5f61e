import { Alert, Button, Form, Input, InputNumber, Radio, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { counted, maxLengthRule, TEXT_LIMITS } from '../forms/limits';
import type { TargetView } from '../plans/api';
import { TargetChip } from '../plans/components/TargetChip';
import { type ReportChanges, type ReportDetail, useSubmitReport, useUpdateReport } from './api';

const PROGRESS = ['not-started', 'in-progress', 'done', 'blocked'] as const;
const isPercent = (t: TargetView) => ['%', '％'].includes(t.unit.trim());

interface FigureValues {
  targetId: string;
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  cumulative?: boolean;
}
interface Values {
  progress: ReportDetail['progress'];
  narrative: string;
  goodPractice: boolean;
  goodPracticeSummary?: string | null;
  figures: FigureValues[];
}

const given = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** The body of a save, and for each figure sent, the index of its target in the form. */
function bodyOf(values: Values): { body: Omit<ReportChanges, 'version'>; targetIndex: number[] } {
  const targetIndex: number[] = [];
  const figures: NonNullable<ReportChanges['figures']> = [];
  values.figures.forEach((f, i) => {
    const fraction = given(f.numerator) || given(f.denominator);
    if (!fraction && !given(f.value)) return;
    targetIndex.push(i);
    figures.push({
      targetId: f.targetId,
      ...(fraction
        ? {
            ...(given(f.numerator) ? { numerator: f.numerator } : {}),
            ...(given(f.denominator) ? { denominator: f.denominator } : {}),
          }
        : { value: f.value as number }),
      cumulative: f.cumulative ?? false,
    });
  });
  const summary = values.goodPracticeSummary?.trim() ?? '';
  return {
    body: {
      progress: values.progress,
      narrative: values.narrative ?? '',
      goodPractice: values.goodPractice,
      goodPracticeSummary: values.goodPractice && summary ? summary : null,
      figures,
    },
    targetIndex,
  };
}

/** A draft or returned report's form: progress, narrative, one figure per target, good practice; save or submit. */
export function ReportForm({
  report,
  targets,
  onDone,
}: {
  report: ReportDetail;
  targets: readonly TargetView[];
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const update = useUpdateReport();
  const submit = useSubmitReport();
  const [error, setError] = useState<string | null>(null);
  const goodPractice = Form.useWatch('goodPractice', form);
  const busy = update.isPending || submit.isPending;

  const initial: Values = {
    progress: report.progress,
    narrative: report.narrative,
    goodPractice: report.goodPractice,
    goodPracticeSummary: report.goodPracticeSummary,
    figures: targets.map((g) => {
      const f = report.figures.find((x) => x.targetId === g.id);
      return {
        targetId: g.id,
        value: f && f.numerator === null ? f.value : null,
        numerator: f?.numerator ?? null,
        denominator: f?.denominator ?? null,
        cumulative: f?.cumulative ?? false,
      };
    }),
  };

  /** A server error next to its field when it names one of ours, else above the buttons. */
  const show = (e: unknown, targetIndex: number[]) => {
    const message = e instanceof Error ? e.message : String(e);
    const field = e instanceof ApiError ? e.field : undefined;
    const parts = field?.split('.') ?? [];
    let name: (string | number)[] | null = null;
    if (parts[0] === 'figures' && parts.length === 3) {
      const i = targetIndex[Number(parts[1])];
      const sub = parts[2] === 'targetId' ? 'value' : parts[2];
      if (i !== undefined && sub) name = ['figures', i, sub];
    } else if (field && ['progress', 'narrative', 'goodPracticeSummary'].includes(field)) {
      name = [field];
    }
    if (name) {
      form.setFields([{ name: name as ['narrative'], errors: [message] }]);
      setError(null);
    } else setError(message);
  };

  const run = async (andSubmit: boolean) => {
    setError(null);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const { body, targetIndex } = bodyOf(values);
    try {
      const saved = await update.mutateAsync({ id: report.id, version: report.version, ...body });
      if (andSubmit) {
        await submit.mutateAsync({ id: report.id, version: saved.version });
        onDone(t('reports.submitted'));
      } else onDone(t('common.saved'));
    } catch (e) {
      show(e, targetIndex);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={initial} disabled={busy} data-testid="report-form">
      <Form.Item name="progress" label={t('reports.progressLabel')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={PROGRESS.map((p) => ({ value: p, label: t(`reports.progress.${p}`) }))}
          data-testid="report-progress"
        />
      </Form.Item>
      <Form.Item name="narrative" label={t('reports.narrative')} rules={[maxLengthRule(t, TEXT_LIMITS.long)]}>
        <Input.TextArea
          rows={4}
          {...counted(TEXT_LIMITS.long)}
          placeholder={t('reports.narrativeHint')}
          data-testid="report-narrative"
        />
      </Form.Item>
      <Typography.Title level={5}>{t('reports.figures')}</Typography.Title>
      {targets.length === 0 && <Typography.Paragraph type="secondary">{t('reports.noTargets')}</Typography.Paragraph>}
      {targets.map((g, i) => (
        <div
          key={g.id}
          data-testid="report-figure"
          style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12, marginBottom: 12 }}
        >
          <div style={{ marginBottom: 8 }}>
            <TargetChip target={g} /> <Typography.Text>{g.text}</Typography.Text>
          </div>
          <Form.Item name={['figures', i, 'targetId']} hidden>
            <Input />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name={['figures', i, 'value']} label={t('reports.value')} style={{ marginBottom: 8 }}>
              <InputNumber
                addonAfter={g.unit || undefined}
                style={{ width: 180 }}
                data-testid="figure-value"
                aria-label={t('reports.value')}
              />
            </Form.Item>
            <Form.Item
              name={['figures', i, 'cumulative']}
              label={t('reports.cumulative')}
              valuePropName="checked"
              style={{ marginBottom: 8 }}
            >
              <Switch data-testid="figure-cumulative" />
            </Form.Item>
          </Space>
          {isPercent(g) && (
            <Space wrap align="start">
              <Typography.Text type="secondary" style={{ display: 'block', width: '100%' }}>
                {t('reports.fraction')}
              </Typography.Text>
              <Form.Item name={['figures', i, 'numerator']} label={t('reports.numerator')} style={{ marginBottom: 8 }}>
                <InputNumber min={0} style={{ width: 140 }} data-testid="figure-numerator" />
              </Form.Item>
              <Form.Item
                name={['figures', i, 'denominator']}
                label={t('reports.denominator')}
                style={{ marginBottom: 8 }}
              >
                <InputNumber min={0} style={{ width: 140 }} data-testid="figure-denominator" />
              </Form.Item>
            </Space>
          )}
        </div>
      ))}
      <Form.Item label={t('reports.goodPractice')} style={{ marginBottom: 8 }}>
        <Space>
          <Form.Item name="goodPractice" valuePropName="checked" noStyle>
            <Switch data-testid="report-good-practice" aria-label={t('reports.goodPracticeFlag')} />
          </Form.Item>
          <Typography.Text>{t('reports.goodPracticeFlag')}</Typography.Text>
        </Space>
      </Form.Item>
      {goodPractice && (
        <Form.Item name="goodPracticeSummary" label={t('reports.goodPracticeSummary')}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="report-good-practice-summary" />
        </Form.Item>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Space wrap>
        <Button
          onClick={() => void run(false)}
          loading={update.isPending && !submit.isPending}
          data-testid="report-save"
        >
          {t('reports.saveDraft')}
        </Button>
        <Button type="primary" onClick={() => void run(true)} loading={submit.isPending} data-testid="report-submit">
          {t('reports.submit')}
        </Button>
      </Space>
    </Form>
  );
}

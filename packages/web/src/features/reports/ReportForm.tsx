import { asksOffice, submissionProblems } from '@duban/core';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Space, Switch, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useHoldNavigation } from '../forms/leaveGuard';
import { counted, maxLengthRule, TEXT_LIMITS } from '../forms/limits';
import type { TargetView } from '../plans/api';
import { TargetChip } from '../plans/components/TargetChip';
import { subjectsOf } from '../plans/targets';
import {
  type NewReport,
  type ReportChanges,
  type ReportDetail,
  useCreateReport,
  useSubmitReport,
  useUpdateReport,
} from './api';

const PROGRESS = ['not-started', 'in-progress', 'done', 'blocked'] as const;
// A change target's unit is its change's (减少15%): its figure is a level, never a share.
const isPercent = (t: TargetView) => t.kind !== 'change' && ['%', '％'].includes(t.unit.trim());

interface FigureValues {
  targetId: string;
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  cumulative?: boolean;
  /** Why there is no figure this period. */
  reason?: string | null;
}
interface Values {
  progress: ReportDetail['progress'];
  narrative: string;
  goodPractice: boolean;
  goodPracticeSummary?: string | null;
  /** One per target; absent from the values of a form without targets. */
  figures?: FigureValues[];
}

type Body = Omit<ReportChanges, 'version'> & Required<Pick<ReportChanges, 'figures' | 'missingFigures'>>;

const given = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** The body of a save, and for each figure sent, the index of its target in the form. */
function bodyOf(values: Values): { body: Body; targetIndex: number[] } {
  const targetIndex: number[] = [];
  const figures: Body['figures'] = [];
  const missingFigures: Body['missingFigures'] = [];
  (values.figures ?? []).forEach((f, i) => {
    const fraction = given(f.numerator) || given(f.denominator);
    if (!fraction && !given(f.value)) {
      const reason = f.reason?.trim() ?? '';
      if (reason) missingFigures.push({ targetId: f.targetId, reason });
      return;
    }
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
      missingFigures,
    },
    targetIndex,
  };
}

/**
 * Hold a user who would leave with unsaved changes: a confirmation on leaving the page within the
 * app (useHoldNavigation), the browser's own on closing or reloading the tab (beforeunload).
 */
function useLeaveGuard(dirty: { readonly current: boolean }, active: boolean) {
  const { t } = useTranslation();
  const hold = useCallback(() => dirty.current, [dirty]);
  const blocker = useHoldNavigation(hold);
  useEffect(() => {
    if (!active) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only with a returnValue set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
  return (
    <Modal
      open={blocker.held}
      title={t('reports.leaveTitle')}
      okText={t('reports.leave')}
      cancelText={t('reports.stay')}
      okButtonProps={{ danger: true, id: 'leave-confirm' }}
      cancelButtonProps={{ id: 'leave-stay' }}
      onOk={blocker.proceed}
      onCancel={blocker.reset}
      data-testid="leave-guard"
    >
      {t('reports.leaveText')}
    </Modal>
  );
}

/** Where a report not yet created goes; it is created on the first save, never on opening the form. */
export interface ReportStart {
  readonly taskId: string;
  readonly periodKey: string;
  /** An administrator names the office; a reporter reports for their own. */
  readonly officeId?: string;
}

/**
 * A report's form: progress, narrative, one figure per target (or why it is missing), good
 * practice; save or submit. Without a report yet (`start`), the first save creates it. Submitting
 * is checked first by core's submissionProblems, as the server checks it.
 */
export function ReportForm({
  report,
  start,
  targets: taskTargets,
  officeId = null,
  onSaved,
}: {
  report: ReportDetail | null;
  start?: ReportStart;
  /** The task's targets; only those the reporting office is asked for are shown. */
  targets: readonly TargetView[];
  /** The reporting office, when known: a target with its own offices is asked of them only. */
  officeId?: string | null;
  onSaved: (detail: ReportDetail, message: string) => void;
}) {
  // Labels tell each target from all its siblings, shown or not.
  const subjects = useMemo(() => subjectsOf(taskTargets), [taskTargets]);
  const targets = useMemo(() => taskTargets.filter((g) => asksOffice(g, officeId)), [taskTargets, officeId]);
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateReport();
  const update = useUpdateReport();
  const submit = useSubmitReport();
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const dirtyRef = useRef(false);
  const markDirty = (value: boolean) => {
    dirtyRef.current = value;
    setDirty(value);
  };
  const leaveGuard = useLeaveGuard(dirtyRef, dirty);
  const goodPractice = Form.useWatch('goodPractice', form);
  const figureValues = Form.useWatch('figures', form);
  const busy = create.isPending || update.isPending || submit.isPending;

  const initial: Values = {
    progress: report?.progress ?? 'not-started',
    narrative: report?.narrative ?? '',
    goodPractice: report?.goodPractice ?? false,
    goodPracticeSummary: report?.goodPracticeSummary ?? null,
    figures: targets.map((g) => {
      const f = report?.figures.find((x) => x.targetId === g.id);
      return {
        targetId: g.id,
        value: f && f.numerator === null ? f.value : null,
        numerator: f?.numerator ?? null,
        denominator: f?.denominator ?? null,
        cumulative: f?.cumulative ?? false,
        reason: report?.missingFigures.find((m) => m.targetId === g.id)?.reason ?? null,
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
    } else if (parts[0] === 'targets' && parts.length === 2) {
      name = ['figures', Number(parts[1]), 'value'];
    } else if (field && ['progress', 'narrative', 'goodPracticeSummary'].includes(field)) {
      name = [field];
    }
    if (name) {
      form.setFields([{ name: name as ['narrative'], errors: [message] }]);
      setError(null);
    } else setError(message);
  };

  /** Mark what a submission lacks; true when it has all it needs. */
  const complete = (body: Body): boolean => {
    const problems = submissionProblems(
      { narrative: body.narrative ?? '', figures: body.figures, missingFigures: body.missingFigures },
      targets,
    );
    form.setFields(
      problems.map((p) =>
        p.code === 'narrative'
          ? { name: 'narrative' as const, errors: [t('reports.needNarrative')] }
          : { name: ['figures', p.index, 'value'] as unknown as 'narrative', errors: [t('reports.needFigure')] },
      ),
    );
    if (problems.length > 0) setError(t('reports.incomplete'));
    return problems.length === 0;
  };

  const run = async (andSubmit: boolean) => {
    setError(null);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    // Every value, also those of fields not shown (a form without targets has no figures).
    const { body, targetIndex } = bodyOf(form.getFieldsValue(true) as Values);
    if (andSubmit && !complete(body)) return;
    let saved: ReportDetail;
    try {
      if (report) saved = await update.mutateAsync({ id: report.id, version: report.version, ...body });
      else if (start) saved = await create.mutateAsync({ ...start, ...body } satisfies NewReport);
      else return;
    } catch (e) {
      show(e, targetIndex);
      return;
    }
    markDirty(false);
    if (!andSubmit) {
      onSaved(saved, t('common.saved'));
      return;
    }
    try {
      const handedIn = await submit.mutateAsync({ id: saved.id, version: saved.version });
      onSaved(handedIn, t('reports.submitted'));
    } catch (e) {
      if (report) show(e, targetIndex);
      else {
        // The draft was created: open it, and say why it was not handed in.
        onSaved(saved, t('common.saved'));
        message.error(e instanceof Error ? e.message : String(e));
      }
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={busy}
      onValuesChange={(changed: Partial<Values>) => {
        markDirty(true);
        // What the user is now changing is no longer what a check found missing.
        const stale = form
          .getFieldsError()
          .filter((f) => f.errors.length > 0 && String(f.name[0]) in changed)
          .map((f) => ({ name: f.name as unknown as 'narrative', errors: [] }));
        if (stale.length > 0) form.setFields(stale);
        // Once every field a check marked is changed, its summary above the buttons goes too.
        if (error === t('reports.incomplete') && form.getFieldsError().every((f) => f.errors.length === 0)) {
          setError(null);
        }
      }}
      data-testid="report-form"
    >
      {leaveGuard}
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
            {subjects.get(g.id) && (
              <Typography.Text strong data-testid="figure-label" style={{ marginInlineEnd: 8 }}>
                {subjects.get(g.id)}
              </Typography.Text>
            )}
            <TargetChip target={g} /> <Typography.Text type="secondary">{g.text}</Typography.Text>
            {g.kind === 'change' && (
              <div>
                <Typography.Text type="warning" data-testid="figure-change-hint">
                  {g.baselineValue === null
                    ? t('targetFit.changeNoBaseline')
                    : t('targetFit.changeFigure', { baseline: g.baselineValue })}
                </Typography.Text>
              </div>
            )}
            {g.scope === 'each' && (
              <div>
                <Typography.Text type="secondary">{t('targetFit.eachFigure')}</Typography.Text>
              </div>
            )}
          </div>
          <Form.Item name={['figures', i, 'targetId']} hidden>
            <Input />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name={['figures', i, 'value']} label={t('reports.value')} style={{ marginBottom: 8 }}>
              <InputNumber
                addonAfter={(g.kind !== 'change' && g.unit) || undefined}
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
          {g.kind !== 'frequency' &&
            !given(figureValues?.[i]?.value) &&
            !given(figureValues?.[i]?.numerator) &&
            !given(figureValues?.[i]?.denominator) && (
              <Form.Item name={['figures', i, 'reason']} label={t('reports.missingReason')} style={{ marginBottom: 8 }}>
                <Input maxLength={500} placeholder={t('reports.missingReasonHint')} data-testid="figure-reason" />
              </Form.Item>
            )}
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
          loading={(update.isPending || create.isPending) && !submit.isPending}
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

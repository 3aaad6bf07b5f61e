import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../format/DatePicker';
import { useSession } from '../auth/session';
import { counted, maxLengthRule, TEXT_LIMITS } from '../forms/limits';
import { useSaveOnce } from '../forms/once';
import { ErrorAlert } from '../offices/ErrorAlert';
import { usePlans } from '../plans/api';
import { type NewProblem, PROBLEM_CATEGORIES, PROBLEM_SOURCES, useCreateProblem } from './api';
import { useOfficeNames } from './offices';

/** What a new problem starts with: from a visit, its id and office. */
export type ProblemPrefill = Partial<Pick<NewProblem, 'source' | 'sourceId' | 'ownerOfficeId' | 'title' | 'place'>>;

/** Record a problem in the problem ledger, prefilled when it comes from a ledger entry. */
export function ProblemFormModal({
  open,
  prefill,
  onClose,
}: {
  open: boolean;
  prefill: ProblemPrefill;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const [form] = Form.useForm<NewProblem>();
  const create = useCreateProblem();
  const once = useSaveOnce(open);
  const offices = useOfficeNames();
  const plans = usePlans();
  const choosesOffice = me?.role !== 'reporter';

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form each time it opens
  useEffect(() => {
    if (!open) return;
    create.reset();
    form.resetFields();
    form.setFieldsValue({
      category: 'livelihood',
      source: 'inspection',
      ownerOfficeId: me?.officeId ?? undefined,
      ...prefill,
    });
  }, [open]);

  const submit = () =>
    once.run(async (requestKey) => {
      const v = await form.validateFields();
      await create.mutateAsync({
        // No plan chosen: the server files it under the plan of this year, if there is one.
        body: {
          ...v,
          sourceId: prefill.sourceId ?? null,
          deadline: v.deadline ? v.deadline : null,
          planId: v.planId ? v.planId : undefined,
        },
        requestKey,
      });
      message.success(t('problems.raised'));
      onClose();
    });

  return (
    <Modal
      open={open}
      title={prefill.source === 'visit' ? t('ledgers.raiseProblem') : t('problems.new')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => {})}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={once.saving || create.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={create.error} />
      {prefill.sourceId && (
        <p data-testid="problem-source">
          {t('problems.fromSource', { source: t(`problems.sources.${prefill.source ?? 'visit'}`) })}
        </p>
      )}
      <Form form={form} layout="vertical" data-testid="problem-form">
        <Form.Item
          name="title"
          label={t('problems.fields.title')}
          rules={[{ required: true, message: t('ledgers.required') }, maxLengthRule(t, TEXT_LIMITS.short)]}
        >
          <Input {...counted(TEXT_LIMITS.short)} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('problems.fields.description')}
          rules={[maxLengthRule(t, TEXT_LIMITS.long)]}
        >
          <Input.TextArea rows={3} {...counted(TEXT_LIMITS.long)} />
        </Form.Item>
        <Form.Item name="category" label={t('problems.fields.category')} rules={[{ required: true }]}>
          <Select options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: t(`problems.categories.${c}`) }))} />
        </Form.Item>
        <Form.Item name="source" label={t('problems.fields.source')} rules={[{ required: true }]}>
          <Select
            disabled={Boolean(prefill.sourceId)}
            options={PROBLEM_SOURCES.map((s) => ({ value: s, label: t(`problems.sources.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="place" label={t('problems.fields.place')} rules={[maxLengthRule(t, TEXT_LIMITS.short)]}>
          <Input {...counted(TEXT_LIMITS.short)} />
        </Form.Item>
        <Form.Item
          name="ownerOfficeId"
          label={t('problems.fields.owner')}
          rules={[{ required: true, message: t('ledgers.required') }]}
        >
          <Select showSearch optionFilterProp="label" disabled={!choosesOffice} options={offices.options} />
        </Form.Item>
        <Form.Item name="deadline" label={t('problems.fields.deadline')}>
          <DateInput />
        </Form.Item>
        <Form.Item name="planId" label={t('problems.plan')}>
          <Select
            allowClear
            placeholder={t('problems.planByYear')}
            options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

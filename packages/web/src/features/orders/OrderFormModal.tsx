import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DateInput } from '../../format/DatePicker';
import { counted, maxLengthRule, TEXT_LIMITS } from '../forms/limits';
import { useSaveOnce } from '../forms/once';
import { useProblems } from '../ledgers/api';
import { useOfficeNames } from '../ledgers/offices';
import { ErrorAlert } from '../offices/ErrorAlert';
import { type NewOrder, useCreateOrder } from './api';

/** Draft a supervision order on a problem; the new order opens. */
export function OrderFormModal({
  open,
  prefill,
  onClose,
}: {
  open: boolean;
  prefill: Partial<NewOrder>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewOrder>();
  const create = useCreateOrder();
  const once = useSaveOnce(open);
  const offices = useOfficeNames();
  const problems = useProblems();

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form each time it opens
  useEffect(() => {
    if (!open) return;
    create.reset();
    form.resetFields();
    form.setFieldsValue(prefill);
  }, [open]);

  const submit = () =>
    once.run(async (requestKey) => {
      const v = await form.validateFields();
      const order = await create.mutateAsync({ body: { ...v, comment: v.comment?.trim() || undefined }, requestKey });
      message.success(t('orders.drafted'));
      onClose();
      navigate(`/orders/${order.id}`);
    });

  return (
    <Modal
      open={open}
      title={t('orders.new')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => {})}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={once.saving || create.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={create.error} />
      <Form form={form} layout="vertical" data-testid="order-form">
        <Form.Item
          name="problemId"
          label={t('orders.fields.problem')}
          rules={[{ required: true, message: t('orders.chooseProblem') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={(problems.data ?? [])
              .filter((p) => p.status !== 'closed')
              // A problem with an open order is followed up through that order (the server refuses a second).
              .map((p) => ({ value: p.id, label: p.title, disabled: p.openOrders > 0 }))}
            onChange={(id: string) => {
              const p = problems.data?.find((x) => x.id === id);
              if (p && !form.getFieldValue('leadOfficeId')) form.setFieldValue('leadOfficeId', p.ownerOfficeId);
            }}
          />
        </Form.Item>
        <Form.Item
          name="leadOfficeId"
          label={t('orders.fields.lead')}
          rules={[{ required: true, message: t('ledgers.required') }]}
        >
          <Select showSearch optionFilterProp="label" options={offices.options} />
        </Form.Item>
        <Form.Item name="supportOfficeIds" label={t('orders.fields.support')}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={offices.options} />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={t('orders.fields.deadline')}
          rules={[{ required: true, message: t('ledgers.required') }]}
        >
          <DateInput />
        </Form.Item>
        <Form.Item name="comment" label={t('orders.fields.comment')} rules={[maxLengthRule(t, TEXT_LIMITS.comment)]}>
          <Input.TextArea rows={3} {...counted(TEXT_LIMITS.comment)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

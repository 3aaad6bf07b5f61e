import { KINDS, OPS, PERIODS } from '@duban/core';
import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { type TaskPage, useAddTarget } from '../api';

type Op = (typeof OPS)[number];

interface Values {
  text: string;
  kind: (typeof KINDS)[number];
  op: Op;
  value: number | null;
  low: number | null;
  high: number | null;
  unit?: string;
  period?: (typeof PERIODS)[number] | null;
  deadline?: string;
}

/**
 * An admin adds a target the parser missed (一肩挑, 三线下地 …) to a task, with the task's
 * version. Loaded only when opened.
 */
export default function NewTargetModal({ task, onClose }: { task: TaskPage; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const add = useAddTarget(task.id);
  const [form] = Form.useForm<Values>();
  const op = Form.useWatch('op', form);

  const onFinish = async (v: Values) => {
    try {
      await add.mutateAsync({
        version: task.version,
        text: v.text.trim(),
        kind: v.kind,
        op: v.op,
        value: v.op === 'between' ? [v.low ?? 0, v.high ?? 0] : (v.value ?? 0),
        unit: v.unit?.trim() ?? '',
        period: v.period ?? null,
        deadline: v.deadline?.trim() ? v.deadline.trim() : null,
      });
      message.success(t('common.saved'));
      onClose();
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (error instanceof ApiError && error.status === 409) {
        message.error(`${text} ${t('task.reloaded')}`);
        onClose();
      } else message.error(t('errors.generic', { message: text }));
    }
  };

  return (
    <Modal
      open
      title={t('planEdits.addTargetTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: add.isPending }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="new-target-form"
        initialValues={{ kind: 'level', op: '>=', value: null, low: null, high: null }}
        onFinish={onFinish}
      >
        <Form.Item
          label={t('planEdits.targetText')}
          name="text"
          rules={[
            { required: true, whitespace: true, message: t('login.required', { field: t('planEdits.targetText') }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="new-target-text" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label={t('task.kind')} name="kind">
              <Select options={KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t('planEdits.op')} name="op">
              <Select options={OPS.map((o) => ({ value: o, label: o }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t('planEdits.unit')} name="unit">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        </Row>
        {op === 'between' ? (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={t('planEdits.value')} name="low" rules={[{ required: true }]}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label=" " name="high" rules={[{ required: true }]}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <Form.Item label={t('planEdits.value')} name="value" rules={[{ required: true }]}>
            <InputNumber style={{ width: '100%' }} data-testid="new-target-value" />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label={t('task.period')} name="period">
              <Select allowClear options={PERIODS.map((p) => ({ value: p, label: t(`periods.${p}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('planEdits.deadline')} name="deadline">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

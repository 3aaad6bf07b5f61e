import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DateInput } from '../../../format/DatePicker';
import { useOffices } from '../../offices/api';
import { type PlanView, useAddTask } from '../api';

interface Values {
  sectionId: string;
  number?: string;
  title: string;
  text?: string;
  deadline?: string;
  leads?: string[];
  supports?: string[];
  source?: string;
  assignedBy?: string;
  startDate?: string;
}

const blank = (s: string | undefined): string | null => (s?.trim() ? s.trim() : null);

/**
 * An admin adds a task to a live plan: one the parser missed, or one a leader assigned mid-year
 * (领导交办) with its source, who assigned it and the day its reports are owed from. Loaded only
 * when opened (the board's bundle stays small). On success it opens the new task's page.
 */
export default function NewTaskModal({ plan, onClose }: { plan: PlanView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const offices = useOffices();
  const add = useAddTask();
  const [form] = Form.useForm<Values>();
  const officeOptions = (offices.data ?? []).map((o) => ({ value: o.id, label: o.name }));

  const onFinish = async (v: Values) => {
    try {
      const task = await add.mutateAsync({
        sectionId: v.sectionId,
        title: v.title.trim(),
        ...(v.number?.trim() ? { number: v.number.trim() } : {}),
        text: v.text ?? '',
        deadline: blank(v.deadline),
        source: blank(v.source),
        assignedBy: blank(v.assignedBy),
        startDate: v.startDate || null,
        assignments: [
          ...(v.leads ?? []).map((officeId) => ({ role: 'lead' as const, officeId })),
          ...(v.supports ?? []).map((officeId) => ({ role: 'support' as const, officeId })),
        ],
      });
      message.success(t('common.saved'));
      onClose();
      navigate(`/tasks/${task.id}`);
    } catch (error) {
      message.error(t('errors.generic', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <Modal
      open
      title={t('planEdits.addTaskTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: add.isPending, 'data-testid': 'new-task-save' }}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="new-task-form"
        initialValues={{ sectionId: plan.sections.at(-1)?.id }}
        onFinish={onFinish}
      >
        <Form.Item label={t('planEdits.section')} name="sectionId" rules={[{ required: true }]}>
          <Select options={plan.sections.map((s) => ({ value: s.id, label: `${s.number}、${s.title}` }))} />
        </Form.Item>
        <Form.Item label={t('planEdits.number')} name="number" extra={t('planEdits.numberHint')}>
          <Input maxLength={20} style={{ width: 120 }} data-testid="new-task-number" />
        </Form.Item>
        <Form.Item
          label={t('task.title')}
          name="title"
          rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('task.title') }) }]}
        >
          <Input maxLength={500} data-testid="new-task-title" />
        </Form.Item>
        <Form.Item label={t('task.text')} name="text">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={20_000} />
        </Form.Item>
        <Form.Item label={t('task.deadline')} name="deadline">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('planEdits.leads')} name="leads">
          <Select mode="multiple" options={officeOptions} optionFilterProp="label" loading={offices.isPending} />
        </Form.Item>
        <Form.Item label={t('planEdits.supports')} name="supports">
          <Select mode="multiple" options={officeOptions} optionFilterProp="label" loading={offices.isPending} />
        </Form.Item>
        <Form.Item label={t('planEdits.source')} name="source" extra={t('planEdits.sourceHint')}>
          <Input maxLength={500} data-testid="new-task-source" />
        </Form.Item>
        <Form.Item label={t('planEdits.assignedBy')} name="assignedBy">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('planEdits.startDate')} name="startDate" extra={t('planEdits.startHint')}>
          <DateInput data-testid="new-task-start" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

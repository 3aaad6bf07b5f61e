import { App, Button, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { DateInput } from '../../../format/DatePicker';
import { CADENCE_CHOICES, type Cadence } from '../../settings/api';
import { type TaskChanges, type TaskPage, useUpdateTask } from '../api';

interface Values {
  title: string;
  deadline: string;
  text: string;
  source: string;
  assignedBy: string;
  startDate: string;
  /** '' follows the plan's cadence. */
  cadence: Cadence | '';
}

/**
 * An admin's edit of a task's title, deadline, reporting cadence and text, sent with the version it was read at.
 * Only changed fields are sent. A 409 (changed by someone else meanwhile) shows the server's
 * message and closes the form on the reloaded task.
 */
export function TaskEditForm({
  task,
  planCadence,
  onDone,
}: {
  task: TaskPage;
  /** The plan's cadence in words, for the choice that follows it. */
  planCadence: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateTask(task.id);
  const [form] = Form.useForm<Values>();

  const onFinish = async (values: Values) => {
    const changes: TaskChanges = { version: task.version };
    const title = values.title.trim();
    const deadline = values.deadline.trim() || null;
    if (title !== task.title) changes.title = title;
    if (deadline !== task.deadline) changes.deadline = deadline;
    if (values.text !== task.text) changes.text = values.text;
    // Where a task assigned mid-year came from, and from when its reports are owed.
    const source = values.source.trim() || null;
    const assignedBy = values.assignedBy.trim() || null;
    const startDate = values.startDate || null;
    if (source !== task.source) changes.source = source;
    if (assignedBy !== task.assignedBy) changes.assignedBy = assignedBy;
    if (startDate !== task.startDate) changes.startDate = startDate;
    const cadence = values.cadence === '' ? null : values.cadence;
    if (cadence !== task.cadence) changes.cadence = cadence;
    if (Object.keys(changes).length === 1) {
      onDone();
      return;
    }
    try {
      await update.mutateAsync(changes);
      message.success(t('common.saved'));
      onDone();
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (error instanceof ApiError && error.status === 409) {
        message.error(`${text} ${t('task.reloaded')}`);
        onDone();
      } else {
        message.error(t('errors.generic', { message: text }));
      }
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="task-edit-form"
      initialValues={{
        title: task.title,
        deadline: task.deadline ?? '',
        text: task.text,
        source: task.source ?? '',
        assignedBy: task.assignedBy ?? '',
        startDate: task.startDate ?? '',
        cadence: task.cadence ?? '',
      }}
      onFinish={onFinish}
    >
      <Form.Item
        label={t('task.title')}
        name="title"
        rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('task.title') }) }]}
      >
        <Input data-testid="task-edit-title" maxLength={500} />
      </Form.Item>
      <Form.Item label={t('task.deadline')} name="deadline">
        <Input data-testid="task-edit-deadline" maxLength={200} />
      </Form.Item>
      <Form.Item label={t('taskCadence.label')} name="cadence" extra={t('taskCadence.help')}>
        <Select
          data-testid="task-edit-cadence"
          style={{ maxWidth: 240 }}
          options={[
            { value: '', label: t('taskCadence.planDefault', { cadence: planCadence }) },
            ...CADENCE_CHOICES.map((c) => ({ value: c, label: t(`settings.cadences.${c}`) })),
          ]}
        />
      </Form.Item>
      <Form.Item label={t('task.text')} name="text">
        <Input.TextArea data-testid="task-edit-text" autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20_000} />
      </Form.Item>
      <Form.Item label={t('planEdits.source')} name="source" extra={t('planEdits.sourceHint')}>
        <Input data-testid="task-edit-source" maxLength={500} />
      </Form.Item>
      <Form.Item label={t('planEdits.assignedBy')} name="assignedBy">
        <Input data-testid="task-edit-assigned-by" maxLength={200} />
      </Form.Item>
      <Form.Item label={t('planEdits.startDate')} name="startDate" extra={t('planEdits.startHint')}>
        <DateInput data-testid="task-edit-start" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="task-save">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

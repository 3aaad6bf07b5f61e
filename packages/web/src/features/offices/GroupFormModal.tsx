import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { GROUP_MODES, type GroupMode, OFFICE_KINDS, type Office, type OfficeGroup, useSaveGroup } from './api';
import { ErrorAlert } from './ErrorAlert';
import { useOpenings } from './useOpenings';

interface Values {
  name: string;
  mode: GroupMode;
  aliases?: string[];
  members?: string[];
}

interface GroupFormModalProps {
  open: boolean;
  group: OfficeGroup | null;
  offices: readonly Office[];
  onClose: () => void;
}

/** Create an office group (group null) or edit one: name, aliases, mode and member offices. Each opening gets a fresh form (see useOpenings). */
export function GroupFormModal(props: GroupFormModalProps) {
  return <GroupFormModalDialog key={useOpenings(props.open)} {...props} />;
}

function GroupFormModalDialog({ open, group, offices, onClose }: GroupFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveGroup();

  const submit = async (values: Values) => {
    const fields = {
      name: values.name.trim(),
      mode: values.mode,
      aliases: (values.aliases ?? []).map((a) => a.trim()).filter(Boolean),
      members: values.members ?? [],
    };
    try {
      await save.mutateAsync(
        group ? { id: group.id, changes: { version: group.version, ...fields } } : { id: null, group: fields },
      );
      message.success(t('common.saved'));
      onClose();
    } catch {
      // Shown on the form until the next try.
    }
  };

  // Members are offered by kind, so that "all street offices" is one glance.
  const options = OFFICE_KINDS.map((kind) => ({
    label: t(`officeKinds.${kind}`),
    title: kind,
    options: offices.filter((o) => o.kind === kind).map((o) => ({ value: o.id, label: o.name })),
  })).filter((g) => g.options.length > 0);

  return (
    <Modal
      open={open}
      title={group ? t('offices.editGroup') : t('offices.newGroup')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterClose={() => save.reset()}
    >
      <ErrorAlert error={save.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={
          group
            ? { name: group.name, mode: group.mode, aliases: group.aliases, members: group.members.map((m) => m.id) }
            : { mode: 'fixed', aliases: [], members: [] }
        }
      >
        <Form.Item
          name="name"
          label={t('offices.groupName')}
          rules={[{ required: true, whitespace: true, message: t('offices.nameRequired') }, { max: 100 }]}
        >
          <Input data-testid="group-name" autoComplete="off" />
        </Form.Item>
        <Form.Item name="aliases" label={t('offices.aliases')} extra={t('offices.aliasesHint')}>
          <Select mode="tags" tokenSeparators={[',', ',', '、']} placeholder={t('offices.aliasesPlaceholder')} />
        </Form.Item>
        <Form.Item name="mode" label={t('offices.mode')}>
          <Radio.Group
            options={GROUP_MODES.map((m) => ({ value: m, label: t(`offices.modes.${m}`) }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.mode !== b.mode}>
          {({ getFieldValue }) => (
            <Form.Item
              name="members"
              label={t('offices.members')}
              extra={getFieldValue('mode') === 'fill-in' ? t('offices.fillInHint') : t('offices.fixedHint')}
            >
              <Select
                mode="multiple"
                data-testid="group-members"
                showSearch
                optionFilterProp="label"
                allowClear
                placeholder={t('offices.membersPlaceholder')}
                options={options}
              />
            </Form.Item>
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}

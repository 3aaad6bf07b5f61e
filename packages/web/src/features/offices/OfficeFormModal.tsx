import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { OFFICE_KINDS, type Office, type OfficeKind, useSaveOffice } from './api';
import { ErrorAlert } from './ErrorAlert';
import { useOpenings } from './useOpenings';

interface Values {
  name: string;
  kind: OfficeKind;
  parentId?: string | null;
  aliases?: string[];
}

interface OfficeFormModalProps {
  open: boolean;
  office: Office | null;
  offices: readonly Office[];
  onClose: () => void;
}

/** Create an office (office null) or edit one; an edit sends the version the user saw. Each opening gets a fresh form (see useOpenings). */
export function OfficeFormModal(props: OfficeFormModalProps) {
  return <OfficeFormModalDialog key={useOpenings(props.open)} {...props} />;
}

function OfficeFormModalDialog({ open, office, offices, onClose }: OfficeFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveOffice();

  const submit = async (values: Values) => {
    const fields = {
      name: values.name.trim(),
      kind: values.kind,
      parentId: values.parentId ?? null,
      aliases: (values.aliases ?? []).map((a) => a.trim()).filter(Boolean),
    };
    try {
      await save.mutateAsync(
        office ? { id: office.id, changes: { version: office.version, ...fields } } : { id: null, office: fields },
      );
      message.success(t('common.saved'));
      onClose();
    } catch {
      // The error stays on the form (save.error) until the next try.
    }
  };

  return (
    <Modal
      open={open}
      title={office ? t('offices.editOffice') : t('offices.newOffice')}
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
          office
            ? { name: office.name, kind: office.kind, parentId: office.parentId, aliases: office.aliases }
            : { aliases: [] }
        }
      >
        <Form.Item
          name="name"
          label={t('offices.name')}
          rules={[{ required: true, whitespace: true, message: t('offices.nameRequired') }, { max: 100 }]}
        >
          <Input data-testid="office-name" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('offices.kind')}
          rules={[{ required: true, message: t('offices.kindRequired') }]}
        >
          <Select
            data-testid="office-kind"
            options={OFFICE_KINDS.map((k) => ({ value: k, label: t(`officeKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="parentId" label={t('offices.parent')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('offices.noParent')}
            options={offices.filter((o) => o.id !== office?.id).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item name="aliases" label={t('offices.aliases')} extra={t('offices.aliasesHint')}>
          <Select
            mode="tags"
            data-testid="office-aliases"
            tokenSeparators={[',', ',', '、']}
            placeholder={t('offices.aliasesPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

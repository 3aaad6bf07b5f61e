import { ROSTER_CATEGORIES } from '@duban/core';
import { App, AutoComplete, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Office } from '../offices/api';
import { ErrorAlert } from '../offices/ErrorAlert';
import { useOpenings } from '../offices/useOpenings';
import { type RosterPerson, useAddPerson, useEditPerson } from './api';

interface Values {
  category: string;
  name: string;
  title?: string;
  officeId?: string | null;
}

interface PersonFormModalProps {
  open: boolean;
  person: RosterPerson | null;
  /** Categories already on the rosters, offered beside the ones the parser knows. */
  categories: readonly string[];
  offices: readonly Office[];
  onClose: () => void;
}

/** Put a person on a roster (person null) or edit one. Each opening gets a fresh form (see useOpenings). */
export function PersonFormModal(props: PersonFormModalProps) {
  return <PersonFormDialog key={useOpenings(props.open)} {...props} />;
}

function PersonFormDialog({ open, person, categories, offices, onClose }: PersonFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useAddPerson();
  const edit = useEditPerson();
  const save = person ? edit : add;
  const known = [...new Set([...ROSTER_CATEGORIES, ...categories])];

  const submit = async (values: Values) => {
    const fields = {
      category: values.category.trim(),
      name: values.name.trim(),
      title: (values.title ?? '').trim(),
      officeId: values.officeId ?? null,
    };
    try {
      if (person) await edit.mutateAsync({ id: person.id, changes: { version: person.version, ...fields } });
      else await add.mutateAsync(fields);
      message.success(t('common.saved'));
      onClose();
    } catch {
      // Shown on the form until the next try.
    }
  };

  return (
    <Modal
      open={open}
      title={person ? t('rosters.edit', { name: person.name }) : t('rosters.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterClose={() => {
        add.reset();
        edit.reset();
      }}
    >
      <ErrorAlert error={save.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={
          person
            ? { category: person.category, name: person.name, title: person.title, officeId: person.officeId }
            : { category: ROSTER_CATEGORIES[0] }
        }
      >
        <Form.Item
          name="category"
          label={t('rosters.category')}
          rules={[{ required: true, whitespace: true, message: t('rosters.categoryRequired') }, { max: 40 }]}
        >
          <AutoComplete options={known.map((c) => ({ value: c }))} data-testid="roster-category" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('rosters.name')}
          rules={[{ required: true, whitespace: true, message: t('rosters.nameRequired') }, { max: 50 }]}
        >
          <Input autoComplete="off" data-testid="roster-name" />
        </Form.Item>
        <Form.Item name="title" label={t('rosters.personTitle')} rules={[{ max: 100 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="officeId" label={t('rosters.office')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('rosters.noOffice')}
            options={offices.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

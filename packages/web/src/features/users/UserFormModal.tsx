import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Office } from '../offices/api';
import { ErrorAlert } from '../offices/ErrorAlert';
import { useOpenings } from '../offices/useOpenings';
import { PASSWORD_MIN, ROLES, type Role, USERNAME_PATTERN, type User, useCreateUser, useUpdateUser } from './api';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  officeId?: string | null;
  password?: string;
}

interface UserFormModalProps {
  open: boolean;
  user: User | null;
  offices: readonly Office[];
  onClose: () => void;
}

/** Create an account (user null) or change one's name, role and office. Each opening gets a fresh form (see useOpenings). */
export function UserFormModal(props: UserFormModalProps) {
  return <UserFormModalDialog key={useOpenings(props.open)} {...props} />;
}

function UserFormModalDialog({ open, user, offices, onClose }: UserFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const save = user ? update : create;

  const submit = async (values: Values) => {
    const officeId = values.officeId ?? null;
    try {
      if (user) {
        await update.mutateAsync({
          id: user.id,
          changes: { version: user.version, displayName: values.displayName.trim(), role: values.role, officeId },
        });
      } else {
        await create.mutateAsync({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          officeId,
          password: values.password ?? '',
        });
      }
      message.success(t('common.saved'));
      onClose();
    } catch {
      // Shown on the form until the next try.
    }
  };

  return (
    <Modal
      open={open}
      title={user ? t('users.editUser', { name: user.username }) : t('users.newUser')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterClose={() => {
        create.reset();
        update.reset();
      }}
    >
      <ErrorAlert error={save.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={
          user
            ? { username: user.username, displayName: user.displayName, role: user.role, officeId: user.officeId }
            : { role: 'reporter' }
        }
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={user ? undefined : t('users.usernameHint')}
          rules={[
            { required: true, message: t('users.usernameRequired') },
            { pattern: USERNAME_PATTERN, message: t('users.usernameHint') },
          ]}
        >
          <Input disabled={user !== null} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }, { max: 100 }]}
        >
          <Input autoComplete="off" data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select data-testid="user-role" options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['role']}>
          {({ getFieldValue }) => {
            const needed = getFieldValue('role') === 'reporter';
            return (
              <Form.Item
                name="officeId"
                label={t('users.office')}
                rules={[{ required: needed, message: t('users.officeRequired') }]}
              >
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('users.chooseOffice')}
                  data-testid="user-office"
                  options={offices.map((o) => ({ value: o.id, label: o.name }))}
                />
              </Form.Item>
            );
          }}
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t('users.password')}
            rules={[{ required: true, min: PASSWORD_MIN, message: t('users.passwordHint', { min: PASSWORD_MIN }) }]}
          >
            <Input.Password
              autoComplete="new-password"
              placeholder={t('users.passwordHint', { min: PASSWORD_MIN })}
              data-testid="user-password"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

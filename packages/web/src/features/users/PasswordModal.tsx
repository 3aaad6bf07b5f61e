import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../offices/ErrorAlert';
import { useOpenings } from '../offices/useOpenings';
import { PASSWORD_MIN, type User, useResetPassword } from './api';

interface PasswordModalProps {
  user: User | null;
  open: boolean;
  onClose: () => void;
}

/** Set a new password for someone; the server ends their sessions. Each opening gets a fresh form (see useOpenings). */
export function PasswordModal(props: PasswordModalProps) {
  return <PasswordModalDialog key={useOpenings(props.open)} {...props} />;
}

function PasswordModalDialog({ user, open, onClose }: PasswordModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; repeat: string }>();
  const reset = useResetPassword();

  return (
    <Modal
      open={open}
      title={t('users.resetPasswordOf', { name: user?.username ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      destroyOnHidden
      afterClose={() => reset.reset()}
    >
      <ErrorAlert error={reset.error} />
      <Typography.Paragraph type="secondary">{t('users.resetPasswordHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ password }) => {
          if (!user) return;
          try {
            await reset.mutateAsync({ id: user.id, password });
            message.success(t('users.passwordReset'));
            onClose();
          } catch {
            // Shown on the form.
          }
        }}
      >
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          rules={[{ required: true, min: PASSWORD_MIN, message: t('users.passwordHint', { min: PASSWORD_MIN }) }]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('users.repeatPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('users.passwordsDiffer') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('users.passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-repeat" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { counted, maxLengthRule, TEXT_LIMITS } from '../forms/limits';
import { ErrorAlert } from '../offices/ErrorAlert';
import { availableActions, type Order, type OrderAction, useOrderAction } from './api';

/** Steps whose comment is asked for first (return must say why). */
const ASKS: readonly OrderAction[] = ['feedback', 'rectify', 'return', 'urge', 'verify'];

/** The buttons for what the signed-in user may do to the order now, each confirming with a comment. */
export function OrderActions({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const act = useOrderAction();
  const [pending, setPending] = useState<OrderAction | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();
  const actions = availableActions(order, me);

  const run = async () => {
    if (!pending) return;
    const { comment } = await form.validateFields();
    await act.mutateAsync({ action: pending, order, comment });
    message.success(t('orders.done', { action: t(`orders.actions.${pending}`) }));
    setPending(null);
  };

  if (actions.length === 0) return <Typography.Text type="secondary">{t('orders.noActions')}</Typography.Text>;
  return (
    <>
      <Space wrap data-testid="order-actions">
        {actions.map((a) => (
          <Button
            key={a}
            type={a === 'urge' || a === 'return' ? 'default' : 'primary'}
            danger={a === 'return'}
            data-testid={`action-${a}`}
            onClick={() => {
              act.reset();
              form.resetFields();
              setPending(a);
            }}
          >
            {t(`orders.actions.${a}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={pending !== null}
        title={pending ? t(`orders.actions.${pending}`) : ''}
        onCancel={() => setPending(null)}
        onOk={() => void run().catch(() => {})}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <ErrorAlert error={act.error} />
        <Form form={form} layout="vertical" data-testid="action-form">
          <Form.Item
            name="comment"
            label={pending === 'return' ? t('orders.fields.comment') : t('orders.commentOptional')}
            rules={[
              ...(pending === 'return'
                ? [{ required: true, whitespace: true, message: t('orders.commentRequired') }]
                : []),
              maxLengthRule(t, TEXT_LIMITS.comment),
            ]}
          >
            <Input.TextArea rows={pending && ASKS.includes(pending) ? 4 : 2} {...counted(TEXT_LIMITS.comment)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

import { App, Form, Input, Modal, Radio, Select, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useOfficeNames } from '../ledgers/offices';
import { ErrorAlert } from '../offices/ErrorAlert';
import { isWebAddress, unusualHost, useSaveWebhook, WEBHOOK_FORMATS, type Webhook, type WebhookFormat } from './api';

interface Values {
  officeId?: string | undefined;
  format: WebhookFormat;
  url: string;
  enabled: boolean;
}

/** Add a group robot, or edit one (`webhook`), with the version it was read at. */
export function WebhookFormModal({
  open,
  webhook,
  onClose,
}: {
  open: boolean;
  webhook: Webhook | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveWebhook();
  const offices = useOfficeNames();
  const format = Form.useWatch('format', form) ?? 'wecom';
  const url = Form.useWatch('url', form) ?? '';
  const usual = unusualHost(format, url);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form each time it opens
  useEffect(() => {
    if (!open) return;
    save.reset();
    form.resetFields();
    form.setFieldsValue(
      webhook
        ? {
            officeId: webhook.officeId ?? undefined,
            format: webhook.format,
            url: webhook.url,
            enabled: webhook.enabled,
          }
        : { format: 'wecom', url: '', enabled: true },
    );
  }, [open]);

  const submit = async () => {
    const v = await form.validateFields();
    const fields = { officeId: v.officeId ?? null, format: v.format, url: v.url.trim(), enabled: v.enabled };
    await save.mutateAsync(
      webhook ? { id: webhook.id, changes: { version: webhook.version, ...fields } } : { id: null, webhook: fields },
    );
    message.success(t('webhooks.saved'));
    onClose();
  };

  return (
    <Modal
      open={open}
      title={webhook ? t('webhooks.editTitle') : t('webhooks.addTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => {})}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} />
      <Form<Values> form={form} layout="vertical" data-testid="webhook-form">
        <Form.Item name="officeId" label={t('webhooks.office')} extra={t('webhooks.officeHelp')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('webhooks.allOffices')}
            options={offices.options}
            data-testid="webhook-office"
          />
        </Form.Item>
        <Form.Item name="format" label={t('webhooks.format')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={WEBHOOK_FORMATS.map((f) => ({ value: f, label: t(`webhooks.formats.${f}`) }))}
            data-testid="webhook-format"
          />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('webhooks.url')}
          extra={
            usual ? (
              <Typography.Text type="warning" data-testid="webhook-host-warning">
                {t('webhooks.urlHost', { format: t(`webhooks.formats.${format}`), host: usual })}
              </Typography.Text>
            ) : (
              t('webhooks.urlHelp')
            )
          }
          rules={[
            { required: true, whitespace: true, message: t('webhooks.urlRequired') },
            {
              validator: (_, value: string | undefined) =>
                !value?.trim() || isWebAddress(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('webhooks.urlInvalid'))),
            },
          ]}
        >
          <Input maxLength={2000} placeholder="https://" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="enabled" label={t('webhooks.enabled')} valuePropName="checked">
          <Switch data-testid="webhook-enabled" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { type Cadence, periodsOf } from '@duban/core';
import { App, Button, Card, Col, Form, Popconfirm, Row, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { PlanView } from '../../api/client';
import { DateInput } from '../../format/DatePicker';
import { formatDateTime } from '../../format/time';
import { periodName } from '../compliance/table';
import { useOfficeNames } from '../ledgers/offices';
import { ErrorAlert } from '../offices/ErrorAlert';
import { planOffices } from '../plans/board';
import { useUsers } from '../users/api';
import { type NewException, type ReportException, useExceptions, useGrantException, useRevokeException } from './api';

/** A period key with its words: 2026年6月(2026-M06); the key alone where the words are the key. */
const periodText = (key: string, language: string) => {
  const words = periodName(key, language);
  return words === key ? key : `${words}(${key})`;
};

/**
 * The offices allowed to report a period late (补报例外), and the form an admin grants one with:
 * an office the plan names, a period of the plan's cadence in its year, the last day allowed.
 */
export function ExceptionsPanel({
  plan,
  cadence,
  today,
  suggestedPeriod,
}: {
  plan: PlanView;
  cadence: Cadence;
  today: string;
  suggestedPeriod: string;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const exceptions = useExceptions(plan.id);
  const grant = useGrantException(plan.id);
  const revoke = useRevokeException(plan.id);
  const offices = useOfficeNames();
  const users = useUsers();
  const [form] = Form.useForm<NewException>();
  const userName = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));
  const periods = periodsOf(cadence, plan.year ?? Number(today.slice(0, 4)));
  const officeOptions = planOffices(plan).map((o) => ({ value: o.id, label: o.name }));

  const onFinish = async (values: NewException) => {
    try {
      await grant.mutateAsync(values);
      message.success(t('settings.granted'));
      form.resetFields(['officeId']);
    } catch {
      // Shown by the ErrorAlert above the form.
    }
  };

  const columns: ColumnsType<ReportException> = [
    { key: 'office', title: t('settings.office'), render: (_, e) => offices.name(e.officeId) },
    { key: 'period', title: t('settings.periodKey'), render: (_, e) => periodText(e.periodKey, i18n.language) },
    { key: 'until', title: t('settings.until'), dataIndex: 'until' },
    {
      key: 'state',
      title: t('settings.state'),
      render: (_, e) =>
        e.until >= today ? <Tag color="green">{t('settings.active')}</Tag> : <Tag>{t('settings.expired')}</Tag>,
    },
    {
      key: 'grantedBy',
      title: t('settings.grantedBy'),
      render: (_, e) => (e.grantedBy ? (userName.get(e.grantedBy) ?? e.grantedBy) : t('task.system')),
    },
    {
      key: 'grantedAt',
      title: t('settings.grantedAt'),
      render: (_, e) => formatDateTime(e.createdAt),
    },
    {
      key: 'revoke',
      title: t('common.actions'),
      render: (_, e) => (
        <Popconfirm
          title={t('settings.revokeConfirm', {
            office: offices.name(e.officeId),
            period: periodText(e.periodKey, i18n.language),
          })}
          description={t('settings.revokeHelp')}
          okText={t('settings.revoke')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            revoke.mutateAsync(e.id).then(
              () => void message.success(t('settings.revoked')),
              () => undefined,
            )
          }
        >
          <Button
            size="small"
            danger
            loading={revoke.isPending && revoke.variables === e.id}
            data-testid="exception-revoke"
          >
            {t('settings.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card title={t('settings.exceptions')} data-testid="exceptions-card">
      <Typography.Paragraph type="secondary">{t('settings.exceptionsHelp')}</Typography.Paragraph>
      <ErrorAlert error={grant.error ?? revoke.error} />
      <Form<NewException>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ periodKey: periods.some((p) => p.key === suggestedPeriod) ? suggestedPeriod : undefined }}
        data-testid="exception-form"
      >
        <Row gutter={12} align="bottom">
          <Col xs={24} md={8}>
            <Form.Item
              name="officeId"
              label={t('settings.office')}
              rules={[{ required: true, message: t('settings.chooseOffice') }]}
            >
              <Select showSearch optionFilterProp="label" options={officeOptions} data-testid="exception-office" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item
              name="periodKey"
              label={t('settings.periodKey')}
              rules={[{ required: true, message: t('settings.choosePeriod') }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                options={periods.map((p) => ({ value: p.key, label: periodText(p.key, i18n.language) }))}
                data-testid="exception-period"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={5}>
            <Form.Item
              name="until"
              label={t('settings.until')}
              rules={[{ required: true, message: t('settings.required') }]}
            >
              <DateInput data-testid="exception-until" />
            </Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={grant.isPending} data-testid="exception-grant" block>
                {t('settings.grant')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Table<ReportException>
        rowKey="id"
        size="small"
        loading={exceptions.isPending}
        dataSource={[...(exceptions.data ?? [])].reverse()}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('settings.noExceptions') }}
        data-testid="exception-table"
      />
    </Card>
  );
}

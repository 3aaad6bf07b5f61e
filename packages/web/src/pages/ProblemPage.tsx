import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../features/auth/session';
import { counted, maxLengthRule, TEXT_LIMITS } from '../features/forms/limits';
import {
  PROBLEM_CATEGORIES,
  type Problem,
  type ProblemEvent,
  useAssignProblem,
  useCloseProblem,
  useEditProblem,
  useProblem,
  useProblemHistory,
  useReopenProblem,
} from '../features/ledgers/api';
import { useOfficeNames } from '../features/ledgers/offices';
import { ErrorAlert } from '../features/offices/ErrorAlert';
import { type Order, useOrders } from '../features/orders/api';
import { ColourDot } from '../features/orders/ColourDot';
import { OrderFormModal } from '../features/orders/OrderFormModal';
import { usePlans } from '../features/plans/api';
import { STATUS_COLOUR } from './ProblemsPage';

type Dialog = 'edit' | 'assign' | 'close' | 'order' | null;

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** One problem: what it is, its orders, its history, and what you may do with it (edit, assign, close). */
export function ProblemPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { me } = useSession();
  const problem = useProblem(id);
  const history = useProblemHistory(id);
  const orders = useOrders({ problemId: id });
  const offices = useOfficeNames();
  const plans = usePlans();
  const reopen = useReopenProblem();
  const [dialog, setDialog] = useState<Dialog>(null);

  if (problem.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (problem.error) return <Alert type="error" showIcon message={problem.error.message} />;
  const p = problem.data;
  const open = p.status !== 'closed';
  const supervises = me?.role === 'admin' || me?.role === 'inspector';
  const writes = supervises || (me?.role === 'reporter' && me.officeId === p.ownerOfficeId);
  const planTitle = plans.data?.find((x) => x.id === p.planId)?.title;

  const orderColumns = [
    {
      key: 'state',
      title: t('orders.fields.state'),
      render: (_: unknown, o: Order) => <Link to={`/orders/${o.id}`}>{t(`orders.states.${o.state}`)}</Link>,
    },
    { key: 'lead', title: t('orders.fields.lead'), render: (_: unknown, o: Order) => offices.name(o.leadOfficeId) },
    { key: 'deadline', title: t('orders.fields.deadline'), dataIndex: 'deadline' },
    {
      key: 'colour',
      title: t('orders.fields.colour'),
      render: (_: unknown, o: Order) => <ColourDot colour={o.colour} />,
    },
  ];

  return (
    <>
      <Typography.Paragraph>
        <Link to="/problems">← {t('problems.back')}</Link>
      </Typography.Paragraph>
      <Typography.Title level={3}>
        <span data-testid="problem-title">{p.title}</span>{' '}
        <Tag color={STATUS_COLOUR[p.status]} data-testid="problem-status">
          {t(`problems.statuses.${p.status}`)}
        </Tag>
        {p.overdue && (
          <Tag color="red" data-testid="problem-overdue">
            {t('problems.overdue')}
          </Tag>
        )}
      </Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('problems.fields.description')} span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }} data-testid="problem-description">
            {p.description || t('common.none')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('problems.fields.category')}>
          {t(`problems.categories.${p.category}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('problems.fields.source')}>{t(`problems.sources.${p.source}`)}</Descriptions.Item>
        <Descriptions.Item label={t('problems.fields.owner')}>
          <span data-testid="problem-owner">{offices.name(p.ownerOfficeId)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('problems.fields.place')}>{p.place || t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('problems.fields.deadline')}>
          {p.deadline ?? t('problems.noDeadline')}
        </Descriptions.Item>
        <Descriptions.Item label={t('problems.plan')}>
          {p.planId ? <Link to={`/plans/${p.planId}`}>{planTitle ?? p.planId}</Link> : t('problems.noPlan')}
        </Descriptions.Item>
        <Descriptions.Item label={t('problems.fields.createdAt')}>{when(p.createdAt)}</Descriptions.Item>
        {p.closedAt && <Descriptions.Item label={t('problems.closedAt')}>{when(p.closedAt)}</Descriptions.Item>}
      </Descriptions>
      {writes && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space wrap data-testid="problem-actions">
            {open && (
              <Button onClick={() => setDialog('edit')} data-testid="problem-edit">
                {t('problems.edit')}
              </Button>
            )}
            {open && supervises && (
              <Button onClick={() => setDialog('assign')} data-testid="problem-assign">
                {t('problems.assign')}
              </Button>
            )}
            {open && supervises && (
              <Tooltip title={p.openOrders > 0 ? t('problems.hasOpenOrder') : undefined}>
                <Button disabled={p.openOrders > 0} onClick={() => setDialog('order')} data-testid="draft-order">
                  {t('problems.draftOrder')}
                </Button>
              </Tooltip>
            )}
            {open && (
              <Button type="primary" onClick={() => setDialog('close')} data-testid="problem-close">
                {t('problems.close')}
              </Button>
            )}
            {!open && (
              <Button
                onClick={() =>
                  reopen
                    .mutateAsync(p.id)
                    .then((next) => {
                      message.success(t('problems.reopened'));
                      navigate(`/problems/${next.id}`);
                    })
                    .catch((e: Error) => message.error(e.message))
                }
              >
                {t('problems.reopen')}
              </Button>
            )}
          </Space>
        </Card>
      )}
      <Card size="small" title={t('problems.orders')} style={{ marginBottom: 16 }}>
        <Table<Order>
          rowKey="id"
          size="small"
          loading={orders.isPending}
          dataSource={orders.data ?? []}
          columns={orderColumns}
          pagination={false}
          locale={{ emptyText: t('problems.noOrders') }}
          data-testid="problem-orders"
        />
      </Card>
      <Card size="small" title={t('problems.history')}>
        <Timeline
          data-testid="problem-history"
          items={(history.data ?? []).map((e) => ({
            key: e.id,
            color: e.action === 'close' ? 'green' : e.action === 'assign' ? 'orange' : 'blue',
            children: <HistoryItem event={e} />,
          }))}
        />
      </Card>
      <EditModal problem={p} open={dialog === 'edit'} onClose={() => setDialog(null)} />
      <AssignModal problem={p} open={dialog === 'assign'} onClose={() => setDialog(null)} />
      <CloseModal problem={p} open={dialog === 'close'} onClose={() => setDialog(null)} />
      <OrderFormModal
        open={dialog === 'order'}
        prefill={{ problemId: p.id, leadOfficeId: p.ownerOfficeId }}
        onClose={() => setDialog(null)}
      />
    </>
  );
}

function HistoryItem({ event }: { event: ProblemEvent }) {
  const { t } = useTranslation();
  const offices = useOfficeNames();
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (field === 'ownerOfficeId') return offices.name(String(value));
    if (field === 'status') return t(`problems.statuses.${value as Problem['status']}`);
    if (field === 'category') return t(`problems.categories.${value as Problem['category']}`);
    return String(value);
  };
  // A new problem lists no changes: what it was recorded with is shown above.
  const changes = event.action === 'create' || event.action === 'reopen' ? [] : event.changes;
  return (
    <div data-testid={`problem-event-${event.action}`}>
      <Typography.Text strong>{t(`problems.events.${event.action}`)}</Typography.Text>{' '}
      <Typography.Text type="secondary">
        {when(event.at)}
        {event.userName && ` · ${event.userName}`}
      </Typography.Text>
      {changes.map((c) => (
        <div key={c.field}>
          {t(`problems.changedFields.${c.field as 'title'}`, { defaultValue: c.field })}: {show(c.field, c.before)} →{' '}
          {show(c.field, c.after)}
        </div>
      ))}
      {event.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{event.comment}</div>}
    </div>
  );
}

function EditModal({ problem, open, onClose }: { problem: Problem; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    title: string;
    description: string;
    category: Problem['category'];
    place: string;
    deadline: string;
  }>();
  const edit = useEditProblem(problem.id);
  const submit = async () => {
    const v = await form.validateFields();
    await edit.mutateAsync({ ...v, deadline: v.deadline ? v.deadline : null, version: problem.version });
    message.success(t('problems.saved'));
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('problems.edit')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => {})}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={edit.isPending}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) edit.reset();
      }}
    >
      <ErrorAlert error={edit.error} />
      <Form
        form={form}
        layout="vertical"
        data-testid="problem-edit-form"
        preserve={false}
        initialValues={{ ...problem, deadline: problem.deadline ?? '' }}
      >
        <Form.Item
          name="title"
          label={t('problems.fields.title')}
          rules={[{ required: true, message: t('ledgers.required') }, maxLengthRule(t, TEXT_LIMITS.short)]}
        >
          <Input {...counted(TEXT_LIMITS.short)} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('problems.fields.description')}
          rules={[maxLengthRule(t, TEXT_LIMITS.long)]}
        >
          <Input.TextArea rows={4} {...counted(TEXT_LIMITS.long)} />
        </Form.Item>
        <Form.Item name="category" label={t('problems.fields.category')} rules={[{ required: true }]}>
          <Select options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: t(`problems.categories.${c}`) }))} />
        </Form.Item>
        <Form.Item name="place" label={t('problems.fields.place')} rules={[maxLengthRule(t, TEXT_LIMITS.short)]}>
          <Input {...counted(TEXT_LIMITS.short)} />
        </Form.Item>
        <Form.Item name="deadline" label={t('problems.fields.deadline')}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AssignModal({ problem, open, onClose }: { problem: Problem; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const offices = useOfficeNames();
  const [form] = Form.useForm<{ ownerOfficeId: string; comment?: string }>();
  const assign = useAssignProblem(problem.id);
  const submit = async () => {
    const v = await form.validateFields();
    await assign.mutateAsync({
      version: problem.version,
      ownerOfficeId: v.ownerOfficeId,
      comment: v.comment?.trim() || undefined,
    });
    message.success(t('problems.assigned'));
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('problems.assignTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => {})}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={assign.isPending}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) assign.reset();
      }}
    >
      <ErrorAlert error={assign.error} />
      <Form
        form={form}
        layout="vertical"
        data-testid="problem-assign-form"
        preserve={false}
        initialValues={{ ownerOfficeId: problem.ownerOfficeId }}
      >
        <Form.Item
          name="ownerOfficeId"
          label={t('problems.fields.owner')}
          rules={[{ required: true, message: t('ledgers.required') }]}
        >
          <Select showSearch optionFilterProp="label" options={offices.options} />
        </Form.Item>
        <Form.Item name="comment" label={t('problems.comment')} rules={[maxLengthRule(t, TEXT_LIMITS.note)]}>
          <Input.TextArea rows={2} {...counted(TEXT_LIMITS.note)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CloseModal({ problem, open, onClose }: { problem: Problem; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const close = useCloseProblem(problem.id);
  const submit = async () => {
    const v = await form.validateFields();
    await close.mutateAsync({ version: problem.version, note: v.note.trim() });
    message.success(t('problems.closed'));
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('problems.closeTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => {})}
      okText={t('problems.close')}
      cancelText={t('common.cancel')}
      confirmLoading={close.isPending}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) close.reset();
      }}
    >
      <ErrorAlert error={close.error} />
      <Form form={form} layout="vertical" data-testid="problem-close-form" preserve={false}>
        <Form.Item
          name="note"
          label={t('problems.note')}
          rules={[
            { required: true, whitespace: true, message: t('problems.noteRequired') },
            maxLengthRule(t, TEXT_LIMITS.note),
          ]}
        >
          <Input.TextArea rows={3} {...counted(TEXT_LIMITS.note)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Spin, Steps, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useProblems } from '../features/ledgers/api';
import { useOfficeNames } from '../features/ledgers/offices';
import { ORDER_STATES, useOrder } from '../features/orders/api';
import { ColourDot } from '../features/orders/ColourDot';
import { OrderActions } from '../features/orders/OrderActions';
import { formatDateTime } from '../format/time';

/** Steps shown as the workflow: handling is a pause inside signed → rectified, shown with signed. */
const STEP_STATES = ORDER_STATES.filter((s) => s !== 'handling');

/** One supervision order: what it is about, offices, deadline, its workflow, its events and what you may do. */
export function OrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = useOrder(id);
  const problems = useProblems();
  const offices = useOfficeNames();

  if (order.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (order.error) return <Alert type="error" showIcon message={order.error.message} />;
  const o = order.data;
  const problem = problems.data?.find((p) => p.id === o.problemId);
  const current = STEP_STATES.indexOf(o.state === 'handling' ? 'signed' : o.state);

  return (
    <>
      <Typography.Title level={3}>
        {t('orders.title')} · <span data-testid="order-state">{t(`orders.states.${o.state}`)}</span>
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={current}
          status={o.state === 'closed' ? 'finish' : 'process'}
          items={STEP_STATES.map((s) => ({
            title: s === 'signed' && o.state === 'handling' ? t('orders.states.handling') : t(`orders.states.${s}`),
          }))}
          responsive
          data-testid="order-steps"
        />
      </Card>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('orders.fields.subject')}>
          {o.problemId ? (
            <Link to={`/problems/${o.problemId}`}>{problem?.title ?? t('orders.fields.problem')}</Link>
          ) : (
            <Link to={`/tasks/${o.taskId ?? ''}`}>{t('orders.taskRef', { id: o.taskId ?? '' })}</Link>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.fields.lead')}>{offices.name(o.leadOfficeId)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.fields.support')}>
          {o.supportOfficeIds.length
            ? o.supportOfficeIds.map((s) => <Tag key={s}>{offices.name(s)}</Tag>)
            : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.fields.deadline')}>{o.deadline}</Descriptions.Item>
        <Descriptions.Item label={t('orders.fields.colour')}>
          <ColourDot colour={o.colour} />
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.fields.escalation')}>
          {t('orders.level', { level: o.escalationLevel })}
          {o.urgedLevel > 0 && ` · ${t('orders.fields.urged')} ${o.urgedLevel}`}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t('orders.available')} style={{ marginBottom: 16 }}>
        <OrderActions order={o} />
      </Card>
      <Card size="small" title={t('orders.timeline')}>
        <Timeline
          data-testid="order-timeline"
          items={o.events.map((e) => ({
            key: e.id,
            color: e.action === 'return' || e.action === 'urge' ? 'red' : e.action === 'close' ? 'green' : 'blue',
            children: (
              <div data-testid={`event-${e.action}`}>
                <Typography.Text strong>
                  {t(`orders.actions.${e.action as 'draft'}`, { defaultValue: e.action })}
                  {e.level !== null && e.level > 0 && ` · ${t('orders.level', { level: e.level })}`}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {formatDateTime(e.at)}
                  {e.userName && (
                    <>
                      {' · '}
                      <span data-testid="event-user">{e.userName}</span>
                    </>
                  )}
                </Typography.Text>
                {e.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</div>}
                {e.attachments.length > 0 && (
                  <div data-testid="event-attachments">
                    {e.attachments.map((a) => (
                      <Tag
                        key={a}
                        icon={<PaperClipOutlined />}
                        style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}
                      >
                        {a}
                      </Tag>
                    ))}
                  </div>
                )}
              </div>
            ),
          }))}
        />
      </Card>
    </>
  );
}

import { isIsoDate, judgingDate } from '@duban/core';
import { Alert, Card, Empty, Flex, List, Skeleton, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCompliance } from '../features/compliance/api';
import { CellTag, TargetCard } from '../features/compliance/TargetCard';
import { useOfficeNames } from '../features/ledgers/offices';
import { usePlan } from '../features/plans/api';
import { PlanHeader } from '../features/plans/components/PlanHeader';
import { DateInput } from '../format/DatePicker';
import { todayInChina } from '../format/time';

/**
 * 频次达标: each frequency target of a plan counted from the ledgers, subject by period, judged on a
 * day (?date=, by default today, or the plan year's last day once that year is over).
 */
export function CompliancePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const plan = usePlan(id);
  const offices = useOfficeNames();
  const asked = params.get('date');
  const date = asked && isIsoDate(asked) ? asked : judgingDate(plan.data?.year ?? null, todayInChina());
  // The default day depends on the plan's year: wait for the plan before counting.
  const compliance = useCompliance(id, date, plan.isSuccess);
  const tasks = useMemo(
    () => new Map((plan.data?.sections ?? []).flatMap((s) => s.tasks.map((task) => [task.id, task] as const))),
    [plan.data],
  );

  if (plan.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (plan.isError)
    return <Alert type="error" showIcon message={t('errors.generic', { message: plan.error.message })} />;
  const p = plan.data;
  const targets = compliance.data?.targets ?? [];
  const mapped = targets.filter((x) => x.ledger !== 'unmapped');
  const unmapped = targets.filter((x) => x.ledger === 'unmapped');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PlanHeader plan={p} active="compliance" crumb={t('compliance.title')} />
      <Flex wrap gap={12} align="center">
        <label htmlFor="compliance-date">
          <Typography.Text strong>{t('compliance.date')}</Typography.Text>
        </label>
        <DateInput
          id="compliance-date"
          value={date}
          onChange={(value) => {
            const next = new URLSearchParams(params);
            if (isIsoDate(value)) next.set('date', value);
            else next.delete('date');
            setParams(next, { replace: true });
          }}
          style={{ width: 170 }}
          data-testid="compliance-date"
        />
        <Flex wrap gap={6} align="center" data-testid="compliance-legend">
          <Typography.Text type="secondary">
            {t('compliance.legend')}
            {t('task.colon')}
          </Typography.Text>
          <CellTag status="met" />
          <CellTag status="missed" />
          <CellTag status="open" />
          <Typography.Text type="secondary">{t('compliance.legendCount')}</Typography.Text>
        </Flex>
      </Flex>
      <Typography.Text type="secondary">{t('compliance.dateHelp')}</Typography.Text>
      {compliance.isError && (
        <Alert type="error" showIcon message={t('errors.generic', { message: compliance.error.message })} />
      )}
      {compliance.isPending && <Skeleton active paragraph={{ rows: 6 }} />}
      {compliance.data && targets.length === 0 && <Empty description={t('compliance.none')} />}
      {mapped.map((target) => (
        <TargetCard
          key={target.targetId}
          target={target}
          subjectName={(s) => (target.subjectKind === 'office' ? offices.name(s) : s)}
          task={tasks.get(target.taskId)}
        />
      ))}
      {unmapped.length > 0 && (
        <Card size="small" title={t('compliance.unmapped')} data-testid="compliance-unmapped">
          <Typography.Paragraph type="secondary">{t('compliance.unmappedHelp')}</Typography.Paragraph>
          <List
            size="small"
            dataSource={unmapped}
            renderItem={(target) => {
              const task = tasks.get(target.taskId);
              return (
                <List.Item data-testid="compliance-unmapped-target">
                  <Space direction="vertical" size={0}>
                    <Typography.Text>{target.text}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t(`periods.${target.period}`)}
                      {task && (
                        <>
                          {' · '}
                          <Link to={`/tasks/${target.taskId}`}>{t('compliance.taskRef', task)}</Link>
                        </>
                      )}
                    </Typography.Text>
                  </Space>
                </List.Item>
              );
            }}
          />
        </Card>
      )}
    </Space>
  );
}

import { isPeriodKey, periodAt, periodLabel, periodOfKey } from '@duban/core';
import { useQueries } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Grid, List, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { useSession } from '../features/auth/session';
import { type PlanView, type TaskView, usePlans } from '../features/plans/api';
import { planOffices } from '../features/plans/board';
import { reportsQuery, useReportsToReview } from '../features/reports/api';
import { ReviewQueue } from '../features/reports/ReviewQueue';
import { StateTag } from '../features/reports/StateTag';
import {
  awaitsOfficeAbove,
  dueOf,
  type PlanRule,
  periodIn,
  taskPeriod,
  type WorkItem,
  type WorkState,
  workItems,
} from '../features/reports/workItems';
import { settingsQuery } from '../features/settings/api';
import { DatePicker } from '../format/DatePicker';
import { todayInChina } from '../format/time';

const STATES: readonly WorkState[] = ['owed', 'draft', 'returned', 'submitted', 'reviewed', 'accepted'];

/**
 * The reporter's home: the reports of the offices under theirs waiting for their review, then what
 * their office owes under every plan, each in the period it is in (a plan whose year has ended in
 * its last month), with returned reports and drafts of any period; returned and overdue first.
 */
export function MyWorkPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const admin = me?.role === 'admin';
  // Each task in its own period by default, with what is outstanding from others; ?period=2007-M11
  // reads one month alone (each task in the period of its cadence holding that month's end).
  const [search, setSearch] = useSearchParams();
  const asked = search.get('period');
  const plans = usePlans();
  const today = todayInChina();
  const [officeFilter, setOfficeFilter] = useState<string | null>(null);
  const [stateFilter, setStateFilter] = useState<WorkState | null>(null);
  const officeId = admin ? officeFilter : (me?.officeId ?? null);

  const details = useQueries({
    queries: (plans.data ?? []).map((p) => ({
      queryKey: ['plans', p.id],
      queryFn: (): Promise<PlanView> => unwrap(api.GET('/api/plans/{id}', { params: { path: { id: p.id } } })),
    })),
  });
  const settings = useQueries({ queries: (plans.data ?? []).map((p) => settingsQuery(p.id)) });
  const ruleOf = new Map<string, PlanRule>();
  for (const q of settings) if (q.data) ruleOf.set(q.data.planId, q.data);
  const rule = (p: PlanView) => ruleOf.get(p.id) as PlanRule;
  const loaded = details.map((d) => d.data).filter((d): d is PlanView => d !== undefined && ruleOf.has(d.id));
  // Each task in the period it is in (the task's cadence, else the plan's), as the status owes it.
  const taskPeriods = new Map<string, string | null>();
  for (const p of loaded)
    for (const s of p.sections) for (const k of s.tasks) taskPeriods.set(k.id, taskPeriod(p, k, rule(p), today));
  const shownPeriods = [...new Set([...taskPeriods.values()].filter((k): k is string => k !== null))].sort();
  // The month picker shows the month the latest period shown ends in until another is picked.
  const monthOf = (key: string) => periodAt('monthly', periodOfKey(key)?.end ?? today).key;
  const current = monthOf(shownPeriods.at(-1) ?? periodAt('monthly', today).key);
  const picked = asked && isPeriodKey(asked) ? asked : null;
  const period = picked ?? current;
  const periodOf = (p: PlanView, k: TaskView) =>
    picked ? periodIn(picked, p, k, rule(p)) : (taskPeriods.get(k.id) ?? null);
  const pairs = new Map<string, { plan: PlanView; key: string }>();
  for (const p of loaded)
    for (const s of p.sections)
      for (const k of s.tasks) {
        const key = periodOf(p, k);
        if (key !== null) pairs.set(`${p.id}|${key}`, { plan: p, key });
      }
  const headerPeriods = [...new Set([...pairs.values()].map((x) => x.key))].sort();
  // One due date in the header when everything shown is due on one day (core's rule per plan).
  const dues = new Set([...pairs.values()].map((x) => dueOf(rule(x.plan), x.key)));
  const dueDate = dues.size === 1 ? [...dues][0] : null;

  const office = officeId ? { officeId } : {};
  const canList = admin || officeId !== null;
  // The reports of each period shown, and (without a month picked) the returned and draft ones of any.
  const reportLists = useQueries({
    queries: [
      ...headerPeriods.map((periodKey) => reportsQuery({ periodKey, ...office }, canList)),
      ...(picked ? [] : (['returned', 'draft'] as const).map((status) => reportsQuery({ status, ...office }, canList))),
    ],
  });
  const reports = {
    data: reportLists.flatMap((q) => q.data ?? []),
    error: reportLists.find((q) => q.error)?.error ?? null,
    isPending: reportLists.some((q) => q.isPending && q.fetchStatus !== 'idle'),
  };
  const toReview = useReportsToReview(admin || me?.officeId != null);
  const failed =
    plans.error ??
    details.find((d) => d.error)?.error ??
    settings.find((q) => q.error)?.error ??
    reports.error ??
    toReview.error;

  const offices = useMemo(() => {
    const all = new Map<string, string>();
    for (const p of loaded) for (const o of planOffices(p)) all.set(o.id, o.name);
    return [...all].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  }, [loaded]);

  if (!admin && !me?.officeId) return <Alert type="warning" showIcon message={t('reports.noOffice')} />;
  if (failed) return <Alert type="error" showIcon message={t('errors.generic', { message: failed.message })} />;
  const pending =
    plans.isPending || details.some((d) => d.isPending) || settings.some((q) => q.isPending) || reports.isPending;

  const items = pending
    ? []
    : workItems({
        plans: loaded,
        reports: reports.data,
        officeId,
        periodOf,
        dueDateOf: (p, key) => dueOf(rule(p), key),
        outstanding: picked === null,
        today,
        viewer: admin ? 'admin' : 'reporter',
      }).filter((i) => !stateFilter || i.state === stateFilter);

  const action = (item: WorkItem) => {
    if (!item.report) {
      const query = new URLSearchParams(admin ? { office: item.officeId } : {});
      // The period always goes along: each plan has its own, and it need not be this calendar month.
      query.set('period', item.periodKey);
      const to = `/tasks/${item.task.id}/report?${query}`;
      return { to, label: t('reports.start'), primary: true };
    }
    // The plan office reviews what the office above has passed on, or what has no office above.
    const reviews = admin && (item.state === 'reviewed' || (item.state === 'submitted' && !awaitsOfficeAbove(item)));
    const label: Record<WorkState, string> = {
      owed: t('reports.start'),
      draft: t('reports.continue'),
      returned: t('reports.fix'),
      submitted: reviews ? t('reports.review') : t('reports.view'),
      reviewed: reviews ? t('reports.review') : t('reports.view'),
      accepted: t('reports.view'),
    };
    const primary = admin ? reviews : item.state === 'draft' || item.state === 'returned';
    return { to: `/reports/${item.report.id}`, label: label[item.state], primary };
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="baseline" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('reports.myWork')}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="my-work-period">
          {t('reports.period', { period: headerPeriods.map(periodLabel).join('、') })}
          {dueDate ? ` · ${t('reports.due', { date: dueDate })}` : ''}
        </Typography.Text>
      </Space>
      {(toReview.data?.length ?? 0) > 0 && (
        <ReviewQueue reports={toReview.data ?? []} plans={loaded} stage={admin ? 'plan-office' : 'office-above'} />
      )}
      <Space wrap style={{ width: '100%' }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(periodOfKey(monthOf(period))?.start)}
          onChange={(d) => {
            const key = d ? periodAt('monthly', d.format('YYYY-MM-DD')).key : current;
            setSearch(key === current ? {} : { period: key }, { replace: true });
          }}
          aria-label={t('reports.periodKey')}
          data-testid="my-work-month"
        />
        {admin && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('reports.allOffices')}
            options={offices}
            value={officeFilter}
            onChange={(v) => setOfficeFilter(v ?? null)}
            style={{ width: screens.md ? 240 : '100%', minWidth: 200 }}
            data-testid="my-work-office"
          />
        )}
        <Select
          allowClear
          placeholder={t('reports.stateFilter')}
          options={STATES.map((s) => ({ value: s, label: t(`reports.states.${s}`) }))}
          value={stateFilter}
          onChange={(v) => setStateFilter(v ?? null)}
          style={{ width: 160 }}
          data-testid="my-work-state"
        />
        {!pending && (
          <Typography.Text type="secondary" data-testid="my-work-count">
            {t('reports.count', { count: items.length })}
          </Typography.Text>
        )}
      </Space>
      {pending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : items.length === 0 ? (
        <Empty description={t('reports.empty')} />
      ) : (
        <List
          dataSource={items}
          pagination={items.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
          renderItem={(item) => {
            const a = action(item);
            const overdue = item.overdue;
            return (
              <Card
                size="small"
                style={{ marginBottom: 8 }}
                data-testid="work-item"
                data-task-number={item.task.number}
                data-state={item.state}
                data-period={item.periodKey}
                data-due={item.dueDate ?? ''}
                data-plan={item.plan.id}
              >
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
                  <div style={{ flex: '1 1 260px', minWidth: 0 }}>
                    <Space size={4} wrap>
                      <StateTag state={item.state} next={item.report?.nextReviewer} />
                      <Tag style={{ marginInlineEnd: 0 }}>{t(`reports.${item.role}`)}</Tag>
                      {overdue && (
                        <Tag color="red" style={{ marginInlineEnd: 0 }}>
                          {t('reports.overdue')}
                        </Tag>
                      )}
                      {item.report?.late && (
                        <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                          {t('reports.late')}
                        </Tag>
                      )}
                    </Space>
                    <div style={{ marginTop: 6 }}>
                      <Link to={`/tasks/${item.task.id}`}>
                        <Typography.Text strong>
                          {item.task.number}. {item.task.title}
                        </Typography.Text>
                      </Link>
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[admin ? item.officeName : null, item.plan.title, periodLabel(item.periodKey)]
                        .filter(Boolean)
                        .join(' · ')}
                      {item.dueDate ? ` · ${t('reports.due', { date: item.dueDate })}` : ''}
                    </Typography.Text>
                    {item.state === 'returned' && item.report?.reviewComment && (
                      <Alert
                        type="warning"
                        showIcon
                        style={{ marginTop: 8 }}
                        message={`${t('reports.returnedBy')}:${item.report.reviewComment}`}
                        data-testid="work-item-comment"
                      />
                    )}
                  </div>
                  <Button
                    type={a.primary ? 'primary' : 'default'}
                    onClick={() => navigate(a.to)}
                    data-testid="work-item-action"
                  >
                    {a.label}
                  </Button>
                </div>
              </Card>
            );
          }}
        />
      )}
    </Space>
  );
}

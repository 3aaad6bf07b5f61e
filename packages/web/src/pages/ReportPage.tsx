import { asksOffice, isPeriodKey, lockDate, lockedSince, periodLabel, periodOfKey } from '@duban/core';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Grid,
  Popconfirm,
  Result,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { useSession } from '../features/auth/session';
import { useOfficeNames } from '../features/ledgers/offices';
import { type TargetView, type TaskView, useTask } from '../features/plans/api';
import { officesOfTask } from '../features/plans/board';
import { TargetChip } from '../features/plans/components/TargetChip';
import { subjectsOf } from '../features/plans/targets';
import { type ReportDetail, useReport, useReports, useWithdrawReport } from '../features/reports/api';
import { EvidencePanel } from '../features/reports/EvidencePanel';
import { ReportForm, type ReportStart } from '../features/reports/ReportForm';
import { ReportHistory } from '../features/reports/ReportHistory';
import { ReviewPanel } from '../features/reports/ReviewPanel';
import { StateTag } from '../features/reports/StateTag';
import { taskPeriod } from '../features/reports/workItems';
import { settingsQuery, useExceptions, useSettings } from '../features/settings/api';
import { formatDateTime, todayInChina } from '../format/time';

function Failure({ error }: { error: Error }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title="404" subTitle={t('errors.notFound')} />;
  }
  if (error instanceof ApiError && error.status === 403) {
    return <Result status="403" title="403" subTitle={error.message} />;
  }
  return <Alert type="error" showIcon message={t('errors.generic', { message: error.message })} />;
}

/** The figures as submitted, one line per target. */
function FiguresView({ report, targets }: { report: ReportDetail; targets: readonly TargetView[] }) {
  const { t } = useTranslation();
  const subjects = subjectsOf(targets);
  const asked = targets.filter((g) => asksOffice(g, report.officeId));
  if (asked.length === 0) return <Typography.Text type="secondary">{t('reports.noTargets')}</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {asked.map((g) => {
        const f = report.figures.find((x) => x.targetId === g.id);
        return (
          <div key={g.id} data-testid="figure-view">
            {subjects.get(g.id) && <Typography.Text strong>{subjects.get(g.id)} </Typography.Text>}
            <TargetChip target={g} /> <Typography.Text type="secondary">{g.text}</Typography.Text>
            <div>
              <Typography.Text strong data-testid="figure-view-value">
                {/* A change target's figure is a level: its % is the change's, not the figure's. */}
                {f ? `${Number(f.value.toFixed(2))}${g.kind === 'change' ? '' : g.unit}` : t('common.none')}
              </Typography.Text>
              {f && f.numerator !== null && f.denominator !== null && (
                <Typography.Text type="secondary">
                  {' '}
                  ({f.numerator}/{f.denominator})
                </Typography.Text>
              )}
              {f?.cumulative && <Tag style={{ marginLeft: 8 }}>{t('reports.cumulative')}</Tag>}
            </div>
          </div>
        );
      })}
    </Space>
  );
}

function ReportBody({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const task = useTask(report.taskId);
  const offices = useOfficeNames();
  const withdraw = useWithdrawReport();
  if (task.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (task.isError) return <Failure error={task.error} />;
  const k = task.data;
  const admin = me?.role === 'admin';
  const writer = admin || (me?.role === 'reporter' && me.officeId === report.officeId);
  // A locked period's report is read only, whatever its state: say why and how to ask for an exception.
  const locked = report.lockedSince !== null;
  const editable = writer && !locked && (report.status === 'draft' || report.status === 'returned');
  const withdrawable = writer && !locked && report.status === 'submitted';
  const officeName = officesOfTask(k).get(report.officeId) ?? offices.name(report.officeId);
  const above = offices.name(report.reviewOfficeId);
  // Each stage of review has its reviewer: the office above first (when there is one), then the plan office.
  const stage = report.nextReviewer;
  // No one judges their own work: the plan office's own reports are a leader's to review.
  const planReviewer = report.ofPlanOffice ? me?.role === 'leader' : admin;
  const reviewer =
    (stage === 'plan-office' && planReviewer) ||
    (stage === 'office-above' && me?.role === 'reporter' && me.officeId === report.reviewOfficeId);
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/my-work">{t('reports.myWork')}</Link> },
          { title: <Link to={`/tasks/${k.id}`}>{`${t('reports.task')} ${k.number}`}</Link> },
          { title: periodLabel(report.periodKey) },
        ]}
      />
      <Card
        styles={{ body: { padding: screens.md ? 24 : 12 } }}
        title={
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }} data-testid="report-title">
            {k.number}. {k.title}
          </Typography.Title>
        }
        extra={
          <Space wrap>
            <StateTag state={report.status} next={stage} />
            {withdrawable && (
              <Popconfirm
                title={t('reports.withdrawConfirm')}
                okText={t('reports.withdraw')}
                cancelText={t('common.cancel')}
                onConfirm={async () => {
                  try {
                    await withdraw.mutateAsync({ id: report.id, version: report.version });
                    message.success(t('reports.withdrawn'));
                  } catch (e) {
                    message.error(e instanceof Error ? e.message : String(e));
                  }
                }}
              >
                <Button loading={withdraw.isPending} data-testid="report-withdraw">
                  {t('reports.withdraw')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            bordered
            column={screens.md ? 2 : 1}
            layout={screens.md ? 'horizontal' : 'vertical'}
          >
            <Descriptions.Item label={t('reports.office')}>{officeName}</Descriptions.Item>
            <Descriptions.Item label={t('reports.periodKey')}>{periodLabel(report.periodKey)}</Descriptions.Item>
            <Descriptions.Item label={t('reports.dueDate')}>{report.dueDate ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('reports.submittedAt')}>
              {report.submittedAt ? formatDateTime(report.submittedAt) : none}
              {report.late && (
                <Tag color="orange" style={{ marginLeft: 8 }}>
                  {t('reports.late')}
                </Tag>
              )}
            </Descriptions.Item>
          </Descriptions>
          {report.status === 'returned' && report.reviewComment && (
            <Alert
              type="warning"
              showIcon
              message={t('reports.returnedBy')}
              description={report.reviewComment}
              data-testid="report-returned-comment"
            />
          )}
          {locked &&
            writer &&
            (report.status === 'draft' || report.status === 'returned' || report.status === 'submitted') && (
              <Alert
                type="error"
                showIcon
                message={t('reports.lockedTitle', { date: report.lockedSince })}
                description={t('reports.lockedHow', { period: periodLabel(report.periodKey) })}
                data-testid="report-locked"
              />
            )}
          {stage === 'office-above' && !reviewer && (
            <Alert
              type="info"
              showIcon
              message={t('reports.awaitingAbove', { office: above })}
              data-testid="report-awaiting-above"
            />
          )}
          {report.status === 'reviewed' && (
            <Alert
              type="info"
              showIcon
              message={t('reports.passedBy', { office: above })}
              description={report.reviewComment ?? undefined}
              data-testid="report-passed"
            />
          )}
          {report.status === 'accepted' && report.reviewComment && (
            <Alert type="success" showIcon message={t('reports.reviewComment')} description={report.reviewComment} />
          )}
          {editable ? (
            <ReportForm
              key={`${report.id}-${report.status}`}
              report={report}
              targets={k.targets}
              officeId={report.officeId}
              onSaved={(_, text) => message.success(text)}
            />
          ) : (
            <Descriptions size="small" column={1} layout="vertical" data-testid="report-view">
              <Descriptions.Item label={t('reports.progressLabel')}>
                <span data-testid="report-view-progress">{t(`reports.progress.${report.progress}`)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('reports.narrative')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {report.narrative || none}
                </Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t('reports.figures')}>
                <FiguresView report={report} targets={k.targets} />
              </Descriptions.Item>
              {report.goodPractice && (
                <Descriptions.Item label={t('reports.goodPractice')}>
                  <Tag color="gold">{t('reports.goodPracticeFlag')}</Tag>
                  {report.goodPracticeSummary}
                </Descriptions.Item>
              )}
            </Descriptions>
          )}
        </Space>
      </Card>
      <Card title={t('reports.evidence')} size="small">
        <EvidencePanel report={report} editable={editable} />
      </Card>
      {reviewer && stage && (
        <Card
          title={stage === 'office-above' ? t('reports.firstReview') : t('reports.review')}
          size="small"
          data-testid="review-card"
          data-stage={stage}
        >
          <ReviewPanel report={report} stage={stage} />
        </Card>
      )}
      <Card title={t('reports.history')} size="small">
        <ReportHistory events={report.events} />
      </Card>
    </Space>
  );
}

/** One report: its form while a draft or returned, else what was reported; review for admins; its history. */
export function ReportPage() {
  const { id = '' } = useParams();
  const report = useReport(id);
  if (report.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (report.isError) return <Failure error={report.error} />;
  return <ReportBody report={report.data} />;
}

/**
 * The form of a report not yet written, unless its period has locked for the office (core's
 * lockDate and lockedSince under the plan's settings and the office's exceptions, as the server
 * decides): then why, and how to ask for an exception, instead of a form that cannot be saved.
 */
function NewReportForm({
  task,
  start,
  officeId,
  onSaved,
}: {
  task: TaskView & { plan: { id: string } };
  start: ReportStart;
  officeId: string;
  onSaved: (detail: ReportDetail, message: string) => void;
}) {
  const { t } = useTranslation();
  const settings = useSettings(task.plan.id);
  const exceptions = useExceptions(task.plan.id);
  if (settings.isPending || exceptions.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  const period = periodOfKey(start.periodKey);
  const since =
    period && settings.data
      ? lockedSince(
          lockDate(period, settings.data.dueWorkingDays, settings.data.lockDays),
          (exceptions.data ?? [])
            .filter((x) => x.officeId === officeId && x.periodKey === start.periodKey)
            .map((x) => x.until),
          todayInChina(),
        )
      : null;
  if (since !== null) {
    return (
      <Alert
        type="error"
        showIcon
        message={t('reports.lockedTitle', { date: since })}
        description={t('reports.lockedHow', { period: periodLabel(start.periodKey) })}
        data-testid="report-locked"
      />
    );
  }
  return <ReportForm report={null} start={start} targets={task.targets} officeId={officeId} onSaved={onSaved} />;
}

/**
 * The report of an office on a task for a period: the existing one, or an empty form that creates
 * it on the first save (opening the page writes nothing). The period is the one the office reports
 * the task for now (taskPeriod: of the task's cadence, else the plan's; a plan whose year has ended
 * is in its last period; never before its first full period after issue), or
 * ?period= for another (a late report the plan office allowed). A reporter reports for their own
 * office; an administrator names the office (?office=) or picks one the task assigns.
 */
export function StartReportPage() {
  const { id: taskId = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const { me } = useSession();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const task = useTask(taskId);
  const [picked, setPicked] = useState<string | null>(null);
  const admin = me?.role === 'admin';
  const officeId = admin ? (search.get('office') ?? picked) : (me?.officeId ?? null);
  const asked = search.get('period');
  const settings = useQuery({ ...settingsQuery(task.data?.plan.id ?? ''), enabled: task.data !== undefined });
  // The period the task is reported for now, of its cadence (its own, else the plan's), as the status owes it.
  const period =
    asked && isPeriodKey(asked)
      ? asked
      : task.data && settings.data
        ? taskPeriod(task.data.plan, task.data, settings.data, todayInChina())
        : null;
  const existing = useReports(
    { taskId, ...(officeId ? { officeId } : {}), ...(period ? { periodKey: period } : {}) },
    officeId !== null && period !== null,
  );
  const found = existing.data?.[0];

  useEffect(() => {
    if (found) navigate(`/reports/${found.id}`, { replace: true });
  }, [found, navigate]);

  if (!admin && !me?.officeId) return <Alert type="warning" showIcon message={t('reports.noOffice')} />;
  if (task.isPending) return <Skeleton active />;
  if (task.isError) return <Failure error={task.error} />;
  const k = task.data;
  if (!officeId) {
    const options = [...officesOfTask(k)].map(([value, label]) => ({ value, label }));
    return (
      <Card title={`${k.number}. ${k.title}`}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('reports.chooseOffice')}</Typography.Text>
          <Select
            showSearch
            optionFilterProp="label"
            options={options}
            onChange={(v: string) => setPicked(v)}
            style={{ width: '100%', maxWidth: 320 }}
            data-testid="start-office"
          />
          <Button onClick={() => navigate(-1)}>{t('common.back')}</Button>
        </Space>
      </Card>
    );
  }
  if (existing.isError) return <Failure error={existing.error} />;
  if (existing.isPending || found || period === null) {
    return <Skeleton active paragraph={{ rows: 4 }} title={{ width: 240 }} />;
  }
  const start: ReportStart = { taskId, periodKey: period, ...(admin ? { officeId } : {}) };
  const officeName = officesOfTask(k).get(officeId) ?? officeId;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/my-work">{t('reports.myWork')}</Link> },
          { title: <Link to={`/tasks/${k.id}`}>{`${t('reports.task')} ${k.number}`}</Link> },
          { title: periodLabel(period) },
        ]}
      />
      <Card
        styles={{ body: { padding: screens.md ? 24 : 12 } }}
        title={
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }} data-testid="report-title">
            {k.number}. {k.title}
          </Typography.Title>
        }
        extra={<Tag data-testid="report-new">{t('reports.newReport')}</Tag>}
      >
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            bordered
            column={screens.md ? 2 : 1}
            layout={screens.md ? 'horizontal' : 'vertical'}
          >
            <Descriptions.Item label={t('reports.office')}>{officeName}</Descriptions.Item>
            <Descriptions.Item label={t('reports.periodKey')}>
              <span data-testid="report-period">{periodLabel(period)}</span>
            </Descriptions.Item>
          </Descriptions>
          <NewReportForm
            task={k}
            start={start}
            officeId={officeId}
            onSaved={(detail, text) => {
              message.success(text);
              navigate(`/reports/${detail.id}`, { replace: true });
            }}
          />
        </Space>
      </Card>
    </Space>
  );
}

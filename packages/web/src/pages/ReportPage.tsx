import { periodLabel } from '@duban/core';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Grid,
  Result,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, api, unwrap } from '../api/client';
import { useSession } from '../features/auth/session';
import { useOfficeNames } from '../features/ledgers/offices';
import { type TargetView, useTask } from '../features/plans/api';
import { officesOfTask } from '../features/plans/board';
import { TargetChip } from '../features/plans/components/TargetChip';
import { PERIOD_KEY, periodKeyOf, type ReportDetail, useCreateReport, useReport } from '../features/reports/api';
import { EvidencePanel } from '../features/reports/EvidencePanel';
import { ReportForm } from '../features/reports/ReportForm';
import { ReportHistory } from '../features/reports/ReportHistory';
import { ReviewPanel } from '../features/reports/ReviewPanel';
import { StateTag } from '../features/reports/StateTag';
import { formatDateTime } from '../format/time';

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
  if (targets.length === 0) return <Typography.Text type="secondary">{t('reports.noTargets')}</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {targets.map((g) => {
        const f = report.figures.find((x) => x.targetId === g.id);
        return (
          <div key={g.id} data-testid="figure-view">
            <TargetChip target={g} /> <Typography.Text type="secondary">{g.text}</Typography.Text>
            <div>
              <Typography.Text strong data-testid="figure-view-value">
                {f ? `${Number(f.value.toFixed(2))}${g.unit}` : t('common.none')}
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
  if (task.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (task.isError) return <Failure error={task.error} />;
  const k = task.data;
  const admin = me?.role === 'admin';
  const writer = admin || (me?.role === 'reporter' && me.officeId === report.officeId);
  const editable = writer && (report.status === 'draft' || report.status === 'returned');
  const officeName = officesOfTask(k).get(report.officeId) ?? offices.name(report.officeId);
  const above = offices.name(report.reviewOfficeId);
  // Each stage of review has its reviewer: the office above first (when there is one), then the plan office.
  const stage = report.nextReviewer;
  const reviewer =
    (stage === 'plan-office' && admin) ||
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
        extra={<StateTag state={report.status} next={stage} />}
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
              onDone={(text) => message.success(text)}
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
 * Start (or reopen) this period's report of an office on a task, then go to it; ?period= names
 * another period (a late report the plan office allowed). A reporter reports for their own office;
 * an administrator names the office (?office=) or picks one the task assigns.
 */
export function StartReportPage() {
  const { id: taskId = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const task = useTask(taskId);
  const create = useCreateReport();
  const [error, setError] = useState<Error | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const started = useRef(false);
  const officeId = me?.role === 'admin' ? (search.get('office') ?? picked) : (me?.officeId ?? null);
  const asked = search.get('period');
  const period = asked && PERIOD_KEY.test(asked) ? asked : periodKeyOf();

  useEffect(() => {
    if (!officeId || started.current) return;
    started.current = true;
    (async () => {
      const existing = await unwrap(
        api.GET('/api/reports', { params: { query: { taskId, officeId, periodKey: period } } }),
      );
      const found = existing.items[0];
      const report =
        found ??
        (await create.mutateAsync({ taskId, periodKey: period, ...(me?.role === 'admin' ? { officeId } : {}) }));
      navigate(`/reports/${report.id}`, { replace: true });
    })().catch((e: Error) => setError(e));
  }, [officeId, taskId, period, me?.role, create, navigate]);

  if (error) return <Failure error={error} />;
  if (!officeId) {
    if (me?.role !== 'admin') return <Alert type="warning" showIcon message={t('reports.noOffice')} />;
    if (task.isPending) return <Skeleton active />;
    if (task.isError) return <Failure error={task.error} />;
    const options = [...officesOfTask(task.data)].map(([value, label]) => ({ value, label }));
    return (
      <Card title={`${task.data.number}. ${task.data.title}`}>
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
  return <Skeleton active paragraph={{ rows: 4 }} title={{ width: 240 }} />;
}

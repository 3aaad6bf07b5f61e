import { Alert, App, Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ReportDetail, type ReviewStage, useReviewReport } from './api';

/**
 * A review of a handed-in report at its stage: the office above passes it on to the plan office,
 * the plan office accepts it; either returns it with a comment saying why.
 */
export function ReviewPanel({ report, stage }: { report: ReportDetail; stage: ReviewStage }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const review = useReviewReport();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const first = stage === 'office-above';

  const decide = async (decision: 'pass' | 'return') => {
    setError(null);
    if (decision === 'return' && !comment.trim()) {
      setError(t('reports.commentRequired'));
      return;
    }
    try {
      await review.mutateAsync({ id: report.id, version: report.version, stage, decision, comment });
      setComment('');
      const done = decision === 'return' ? 'reports.returnedDone' : first ? 'reports.passedDone' : 'reports.accepted';
      message.success(t(done));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        rows={3}
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('reports.returnComment')}
        status={error ? 'error' : undefined}
        data-testid="review-comment"
        aria-label={t('reports.reviewComment')}
      />
      {error && <Alert type="error" showIcon message={error} data-testid="review-error" />}
      <Space wrap>
        <Button
          type="primary"
          onClick={() => void decide('pass')}
          loading={review.isPending}
          data-testid={first ? 'review-pass' : 'review-accept'}
        >
          {first ? t('reports.pass') : t('reports.accept')}
        </Button>
        <Button danger onClick={() => void decide('return')} loading={review.isPending} data-testid="review-return">
          {t('reports.return')}
        </Button>
      </Space>
    </Space>
  );
}

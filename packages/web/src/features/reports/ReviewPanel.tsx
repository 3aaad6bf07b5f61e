import { Alert, App, Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ReportDetail, useReviewReport } from './api';

/** An administrator's review of a submitted report: accept, or return with a comment saying why. */
export function ReviewPanel({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const review = useReviewReport();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);

  const decide = async (decision: 'accept' | 'return') => {
    setError(null);
    if (decision === 'return' && !comment.trim()) {
      setError(t('reports.commentRequired'));
      return;
    }
    try {
      await review.mutateAsync({ id: report.id, version: report.version, decision, comment });
      setComment('');
      message.success(decision === 'accept' ? t('reports.accepted') : t('reports.returnedDone'));
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
          onClick={() => void decide('accept')}
          loading={review.isPending}
          data-testid="review-accept"
        >
          {t('reports.accept')}
        </Button>
        <Button danger onClick={() => void decide('return')} loading={review.isPending} data-testid="review-return">
          {t('reports.return')}
        </Button>
      </Space>
    </Space>
  );
}

import { Button, Result } from 'antd';
import type { FallbackProps } from 'react-error-boundary';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** What a page that threw shows in its place: what happened and the ways on. */
export function PageError({ error, resetErrorBoundary }: FallbackProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div data-testid="page-error" role="alert">
      <Result
        status="error"
        title={t('pageError.title')}
        subTitle={t('pageError.subTitle', { message })}
        extra={[
          <Button key="retry" type="primary" onClick={resetErrorBoundary} data-testid="page-error-retry">
            {t('pageError.retry')}
          </Button>,
          <Button key="back" onClick={() => navigate(-1)} data-testid="page-error-back">
            {t('pageError.back')}
          </Button>,
          <Button key="home" onClick={() => navigate('/plans')} data-testid="page-error-home">
            {t('pageError.home')}
          </Button>,
        ]}
      />
    </div>
  );
}

import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** A path the app does not have: say so and lead back to the plans. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('errors.notFound')}
      extra={
        <Button type="primary" data-testid="back-home" onClick={() => navigate('/plans')}>
          {t('errors.backHome')}
        </Button>
      }
    />
  );
}

/** A page this role may not open. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('errors.forbidden')}
      extra={
        <Button type="primary" data-testid="back-home" onClick={() => navigate('/plans')}>
          {t('errors.backHome')}
        </Button>
      }
    />
  );
}

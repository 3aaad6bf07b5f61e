import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Grid, Result, Space, Spin, Steps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type ImportPreview, importKey, useImport } from './api';
import { PreviewStep } from './PreviewStep';
import { UploadStep } from './UploadStep';

/**
 * The import wizard: 1 upload or paste → 2 check and correct the preview → 3 done. The step
 * follows the server's state: /imports/new is step 1; /imports/:id is step 2 while the import
 * is a preview and step 3 once it is committed.
 */
export function ImportWizard({ id }: { id: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const preview = useImport(id);
  const screens = Grid.useBreakpoint();
  const step = id === undefined ? 0 : preview.data?.status === 'committed' ? 2 : 1;

  let body: ReactNode;
  if (id === undefined) {
    body = (
      <UploadStep
        onParsed={(p: ImportPreview) => {
          client.setQueryData(importKey(p.id), p);
          void client.invalidateQueries({ queryKey: ['imports', 'recent'] });
          void navigate(`/imports/${p.id}`);
        }}
      />
    );
  } else if (preview.isPending) {
    body = <Spin style={{ display: 'block', marginTop: 80 }} />;
  } else if (preview.error) {
    body = (
      <Alert
        type="error"
        showIcon
        message={t('import.failed')}
        description={preview.error.message}
        action={<Link to="/imports/new">{t('import.another')}</Link>}
      />
    );
  } else if (preview.data.status === 'committed') {
    body = <Done preview={preview.data} />;
  } else {
    body = <PreviewStep preview={preview.data} onCommitted={() => preview.refetch()} />;
  }

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Steps
        size="small"
        current={step}
        responsive={false}
        labelPlacement={screens.md ? 'horizontal' : 'vertical'}
        items={[{ title: t('import.step1') }, { title: t('import.step2') }, { title: t('import.step3') }]}
      />
      {body}
    </Space>
  );
}

function Done({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const items = preview.plan.sections.reduce((n, s) => n + s.items.length, 0);
  return (
    <Result
      status="success"
      title={t('import.doneTitle', { title: preview.plan.title })}
      subTitle={t('import.doneSub', { count: items })}
      extra={[
        preview.planId && (
          <Button
            key="plan"
            type="primary"
            href={`/plans/${preview.planId}`}
            onClick={(e) => {
              e.preventDefault();
              void navigate(`/plans/${preview.planId}`);
            }}
            data-testid="import-plan-link"
          >
            {t('import.viewPlan')}
          </Button>
        ),
        <Button
          key="again"
          href="/imports/new"
          onClick={(e) => {
            e.preventDefault();
            void navigate('/imports/new');
          }}
        >
          {t('import.another')}
        </Button>,
      ]}
    />
  );
}

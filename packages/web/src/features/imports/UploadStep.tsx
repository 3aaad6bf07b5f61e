import { FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space, Spin, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../format/time';
import { type ImportPreview, importText, uploadDocument, useRecentImports } from './api';

/** Step 1: a document (.txt or .docx) uploaded or its text pasted, parsed into a preview. */
export function UploadStep({ onParsed }: { onParsed: (preview: ImportPreview) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const parse = useMutation({
    mutationFn: (input: { file: File } | { text: string; name: string }) =>
      'file' in input ? uploadDocument(input.file) : importText(input.text, input.name.trim() || undefined),
    onSuccess: onParsed,
  });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {parse.error && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => parse.reset()}
          message={t('import.failed')}
          description={<span data-testid="import-error">{parse.error.message}</span>}
        />
      )}
      <Card>
        <Spin spinning={parse.isPending} tip={t('import.parsing')}>
          <Tabs
            items={[
              {
                key: 'upload',
                label: t('import.upload'),
                children: (
                  <Upload.Dragger
                    name="file"
                    multiple={false}
                    showUploadList={false}
                    disabled={parse.isPending}
                    beforeUpload={(file) => {
                      parse.mutate({ file });
                      return false;
                    }}
                    data-testid="import-upload"
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">{t('import.upload')}</p>
                    <p className="ant-upload-hint">{t('import.uploadHint')}</p>
                  </Upload.Dragger>
                ),
              },
              {
                key: 'paste',
                label: t('import.paste'),
                children: (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Input
                      value={name}
                      onChange={(e) => setName(e.target.value)}
                      placeholder={t('import.pasteName')}
                      maxLength={255}
                      prefix={<FileTextOutlined />}
                    />
                    <Input.TextArea
                      value={text}
                      onChange={(e) => setText(e.target.value)}
                      placeholder={t('import.pastePlaceholder')}
                      autoSize={{ minRows: 10, maxRows: 24 }}
                      data-testid="import-paste"
                    />
                    <Button
                      type="primary"
                      disabled={text.trim() === ''}
                      loading={parse.isPending}
                      onClick={() => parse.mutate({ text, name })}
                      data-testid="import-parse"
                    >
                      {t('import.parse')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </Spin>
      </Card>
      <RecentImports />
    </Space>
  );
}

/** The latest imports, so that a preview left unfinished can be picked up again. */
function RecentImports() {
  const { t } = useTranslation();
  const recent = useRecentImports();
  const rows = recent.data ?? [];
  if (rows.length === 0) return null;
  return (
    <Card size="small" title={t('import.recent')}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        scroll={{ x: true }}
        columns={[
          {
            title: t('import.planTitle'),
            dataIndex: 'title',
            render: (title: string, r) => <Link to={`/imports/${r.id}`}>{title || r.fileName}</Link>,
          },
          { title: t('import.file'), dataIndex: 'fileName', responsive: ['md'] },
          {
            title: t('import.status'),
            dataIndex: 'status',
            render: (status: string) =>
              status === 'committed' ? (
                <Tag color="green">{t('import.committed')}</Tag>
              ) : (
                <Tag color="orange">{t('import.inPreview')}</Tag>
              ),
          },
          {
            title: t('import.createdAt'),
            dataIndex: 'createdAt',
            responsive: ['sm'],
            render: (at: string) => <Typography.Text type="secondary">{formatDateTime(at)}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}

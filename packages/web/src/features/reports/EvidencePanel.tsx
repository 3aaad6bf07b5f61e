import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { evidenceUrl, type ReportDetail, useUploadEvidence } from './api';

const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The report's evidence files, to download; while it may be edited, one more to upload. */
export function EvidencePanel({ report, editable }: { report: ReportDetail; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const upload = useUploadEvidence();
  return (
    <div>
      {editable && (
        <div style={{ marginBottom: 12 }}>
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            customRequest={({ file }) => {
              upload
                .mutateAsync({ id: report.id, version: report.version, file: file as File })
                .then(() => message.success(t('reports.uploaded', { name: (file as File).name })))
                .catch((e: Error) => message.error(e.message));
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="evidence-upload">
              {t('reports.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {t('reports.evidenceHint')}
          </Typography.Text>
        </div>
      )}
      {report.evidence.length === 0 ? (
        <Typography.Text type="secondary">{t('reports.noEvidence')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={report.evidence}
          renderItem={(f) => (
            <List.Item data-testid="evidence-file">
              <a href={evidenceUrl(report.id, f.id)} download={f.name} style={{ wordBreak: 'break-all' }}>
                <PaperClipOutlined /> {f.name}
              </a>
              <Typography.Text type="secondary" style={{ fontSize: 12, flexShrink: 0 }}>
                {size(f.size)}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

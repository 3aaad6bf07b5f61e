import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Popconfirm, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { evidenceUrl, type ReportDetail, useRemoveEvidence, useUploadEvidence } from './api';

/** The server's rule (packages/server/src/files/sniff.ts): these types by content, up to its upload limit. */
const EXTENSIONS = ['pdf', 'docx', 'xlsx', 'jpg', 'jpeg', 'png'];
const ACCEPT = EXTENSIONS.map((e) => `.${e}`).join(',');
/** The server's default upload limit, MB; the server checks the one it is given and says so. */
const LIMIT_MB = 20;

/** Whether a file may go up: named as one of the types and within the limit. Its content the server checks. */
const mayUpload = (file: File) =>
  EXTENSIONS.includes(file.name.split('.').pop()?.toLowerCase() ?? '') && file.size <= LIMIT_MB * 1024 * 1024;

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The report's evidence files, to download; while it may be edited, one more to upload, or one to take off. */
export function EvidencePanel({ report, editable }: { report: ReportDetail; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const upload = useUploadEvidence();
  const remove = useRemoveEvidence();
  return (
    <div>
      {editable && (
        <div style={{ marginBottom: 12 }}>
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              if (mayUpload(file)) return true;
              message.error(t('reports.evidenceRefused', { name: file.name, limit: LIMIT_MB }));
              return Upload.LIST_IGNORE;
            }}
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
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }} data-testid="evidence-rule">
            {t('reports.evidenceHint', { limit: LIMIT_MB })}
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
              <span style={{ flexShrink: 0 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {size(f.size)}
                </Typography.Text>
                {editable && (
                  <Popconfirm
                    title={t('reports.removeEvidence', { name: f.name })}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    onConfirm={() =>
                      remove
                        .mutateAsync({ id: report.id, version: report.version, fileId: f.id })
                        .then(() => message.success(t('reports.removed', { name: f.name })))
                        .catch((e: Error) => message.error(e.message))
                    }
                  >
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('reports.remove')}
                      data-testid="evidence-remove"
                    />
                  </Popconfirm>
                )}
              </span>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

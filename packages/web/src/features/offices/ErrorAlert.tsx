import { Alert } from 'antd';

/** The server's message for a failed write, shown where the user is looking. */
export function ErrorAlert({ error }: { error: Error | null }) {
  if (!error) return null;
  return <Alert type="error" showIcon message={error.message} data-testid="form-error" style={{ marginBottom: 16 }} />;
}

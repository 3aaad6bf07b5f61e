import { Typography } from 'antd';

/** Placeholder until this page is built. */
export function AuditPage() {
  return <Typography.Title level={3}>AuditPage</Typography.Title>;
}

import { Typography } from 'antd';

/** Placeholder until this page is built. */
export function OfficesPage() {
  return <Typography.Title level={3}>OfficesPage</Typography.Title>;
}

import { Typography } from 'antd';

/** Placeholder until this page is built. */
export function ImportPage() {
  return <Typography.Title level={3}>ImportPage</Typography.Title>;
}

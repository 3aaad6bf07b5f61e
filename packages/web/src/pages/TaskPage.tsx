import { Typography } from 'antd';

/** Placeholder until this page is built. */
export function TaskPage() {
  return <Typography.Title level={3}>TaskPage</Typography.Title>;
}

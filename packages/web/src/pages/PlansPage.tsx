import { Typography } from 'antd';

/** Placeholder until this page is built. */
export function PlansPage() {
  return <Typography.Title level={3}>PlansPage</Typography.Title>;
}

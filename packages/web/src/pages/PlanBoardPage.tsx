import { Typography } from 'antd';

/** Placeholder until this page is built. */
export function PlanBoardPage() {
  return <Typography.Title level={3}>PlanBoardPage</Typography.Title>;
}

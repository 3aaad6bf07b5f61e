import { Typography } from 'antd';

/** Placeholder until this page is built. */
export function UsersPage() {
  return <Typography.Title level={3}>UsersPage</Typography.Title>;
}

import { EditOutlined, KeyOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Card, Grid, List, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { formatDateTime } from '../../format/time';
import { isLocked, type User, useUnlockUser } from './api';

const ROLE_COLORS: Record<User['role'], string> = {
  admin: 'red',
  reporter: 'blue',
  leader: 'gold',
  inspector: 'purple',
};

interface UserListProps {
  users: readonly User[];
  officeNames: ReadonlyMap<string, string>;
  loading: boolean;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
}

function RoleTag({ role }: { role: User['role'] }) {
  const { t } = useTranslation();
  return <Tag color={ROLE_COLORS[role]}>{t(`roles.${role}`)}</Tag>;
}

function LockTag({ user }: { user: User }) {
  const { t } = useTranslation();
  return isLocked(user) ? (
    <Tag color="red" data-testid="user-locked">
      {t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}
    </Tag>
  ) : (
    <Tag color="green">{t('users.active')}</Tag>
  );
}

/** Edit, reset the password, and (when locked) unlock. */
function UserActions({
  user,
  onEdit,
  onResetPassword,
}: { user: User } & Pick<UserListProps, 'onEdit' | 'onResetPassword'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const unlock = useUnlockUser();
  return (
    <Space size={0}>
      <Tooltip title={t('common.edit')}>
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => onEdit(user)}
          aria-label={`${t('common.edit')} ${user.username}`}
          data-testid="user-edit"
        />
      </Tooltip>
      <Tooltip title={t('users.resetPassword')}>
        <Button
          type="link"
          size="small"
          icon={<KeyOutlined />}
          onClick={() => onResetPassword(user)}
          aria-label={`${t('users.resetPassword')} ${user.username}`}
          data-testid="user-reset-password"
        />
      </Tooltip>
      {isLocked(user) && (
        <Button
          type="link"
          size="small"
          icon={<UnlockOutlined />}
          loading={unlock.isPending}
          data-testid="user-unlock"
          onClick={async () => {
            try {
              await unlock.mutateAsync(user.id);
              message.success(t('users.unlocked'));
            } catch (error) {
              message.error(error instanceof ApiError ? error.message : String(error), 8);
            }
          }}
        >
          {t('users.unlock')}
        </Button>
      )}
    </Space>
  );
}

/** Every account with its role, office and lock, and what an admin may do to it: a table, or cards on a phone. */
export function UserTable(props: UserListProps) {
  const screens = Grid.useBreakpoint();
  return screens.md === false ? <UserCards {...props} /> : <UserRows {...props} />;
}

function UserRows({ users, officeNames, loading, onEdit, onResetPassword }: UserListProps) {
  const { t } = useTranslation();
  const columns: ColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      render: (u: string) => <Typography.Text strong>{u}</Typography.Text>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('users.role'),
      dataIndex: 'role',
      key: 'role',
      render: (role: User['role']) => <RoleTag role={role} />,
    },
    {
      title: t('users.office'),
      dataIndex: 'officeId',
      key: 'office',
      render: (id: string | null) =>
        id === null ? <Typography.Text type="secondary">—</Typography.Text> : (officeNames.get(id) ?? id),
    },
    { title: t('users.status'), key: 'locked', render: (_: unknown, u) => <LockTag user={u} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, u) => <UserActions user={u} onEdit={onEdit} onResetPassword={onResetPassword} />,
    },
  ];
  return (
    <Table<User>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={users as User[]}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
      data-testid="user-table"
    />
  );
}

function UserCards({ users, officeNames, loading, onEdit, onResetPassword }: UserListProps) {
  return (
    <List<User>
      dataSource={users as User[]}
      loading={loading}
      pagination={users.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
      data-testid="user-cards"
      renderItem={(u) => (
        <Card
          size="small"
          style={{ marginBottom: 8 }}
          title={
            <Space size={4} wrap>
              <Typography.Text strong>{u.username}</Typography.Text>
              <Typography.Text type="secondary">{u.displayName}</Typography.Text>
            </Space>
          }
          extra={<UserActions user={u} onEdit={onEdit} onResetPassword={onResetPassword} />}
        >
          <Space size={[4, 4]} wrap>
            <RoleTag role={u.role} />
            <LockTag user={u} />
            {u.officeId !== null && <span>{officeNames.get(u.officeId) ?? u.officeId}</span>}
          </Space>
        </Card>
      )}
    />
  );
}

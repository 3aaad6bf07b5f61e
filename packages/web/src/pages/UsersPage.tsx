import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffices } from '../features/offices/api';
import type { User } from '../features/users/api';
import { useUsers } from '../features/users/api';
import { PasswordModal } from '../features/users/PasswordModal';
import { UserFormModal } from '../features/users/UserFormModal';
import { UserTable } from '../features/users/UserTable';

interface Editing {
  readonly open: boolean;
  readonly user: User | null;
}

/** The accounts: create one, change its name, role or office, set a new password, lift a lock. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const offices = useOffices();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Editing>({ open: false, user: null });
  const [resetting, setResetting] = useState<Editing>({ open: false, user: null });

  const officeNames = useMemo(() => new Map((offices.data ?? []).map((o) => [o.id, o.name])), [offices.data]);
  const q = search.trim().toLowerCase();
  const shown = (users.data ?? []).filter(
    (u) =>
      !q ||
      u.username.toLowerCase().includes(q) ||
      u.displayName.toLowerCase().includes(q) ||
      (u.officeId !== null && (officeNames.get(u.officeId) ?? '').includes(q)),
  );
  const error = users.error ?? offices.error;

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ open: true, user: null })}
          data-testid="user-new"
        >
          {t('users.newUser')}
        </Button>
      </Flex>
      {error && (
        <Alert
          type="error"
          showIcon
          message={t('errors.generic', { message: error.message })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Input.Search
        allowClear
        placeholder={t('users.searchPlaceholder')}
        onChange={(e) => setSearch(e.target.value)}
        style={{ maxWidth: 360, marginBottom: 12 }}
      />
      <UserTable
        users={shown}
        officeNames={officeNames}
        loading={users.isPending}
        onEdit={(u) => setEditing({ open: true, user: u })}
        onResetPassword={(u) => setResetting({ open: true, user: u })}
      />
      <UserFormModal
        open={editing.open}
        user={editing.user}
        offices={offices.data ?? []}
        onClose={() => setEditing((e) => ({ ...e, open: false }))}
      />
      <PasswordModal
        open={resetting.open}
        user={resetting.user}
        onClose={() => setResetting((e) => ({ ...e, open: false }))}
      />
    </>
  );
}

// One user: facts, roles, history, and the administrator's actions on the account.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Drawer, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInstitutionFullName } from '../../components/institutions';
import { OneTimeSecretModal } from '../../components/OneTimeSecretModal';
import { useLang } from '../../i18n';
import { formatDateTime, localName, orDash } from '../../lib/format';
import { fetchUser, type UserStatus } from './api';
import { StatusTags } from './columns';
import { historyColumns } from './historyColumns';
import { MoveUserModal } from './MoveUserModal';
import { UserActions, type UserAction } from './UserActions';
import { UserFormModal } from './UserFormModal';
import { UserRolesModal } from './UserRolesModal';
import { UserStatusModal } from './UserStatusModal';

export function UserDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<UserAction | null>(null);
  const [status, setStatus] = useState<UserStatus | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const user = useQuery({ queryKey: ['user', id], queryFn: ({ signal }) => fetchUser(id, signal) });
  const u = user.data;
  const fullName = useInstitutionFullName();

  const refresh = (text: string) => {
    setAction(null);
    setStatus(null);
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: ['user', id] });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    void queryClient.invalidateQueries({ queryKey: ['roles'] });
  };

  return (
    <Drawer open size={760} onClose={onClose} destroyOnHidden data-testid="user-drawer"
      title={u ? t('users.drawerTitle', { name: u.displayName, username: u.username }) : t('users.detail')}
      extra={u && <UserActions user={u} onAction={setAction} onStatus={(s) => { setStatus(s); setAction('status'); }}
        onReset={(pw) => { setSecret(pw); refresh(t('users.passwordReset')); }} onUnlocked={() => refresh(t('users.unlocked'))} />}>
      {user.error && <Result status="warning" title={user.error.message} />}
      {!u && !user.error && <Skeleton active />}
      {u && (
        <>
          <Descriptions size="small" bordered column={2} styles={{ label: { width: 110 } }} items={[
            { key: 'username', label: t('users.username'), children: u.username },
            { key: 'displayName', label: t('users.displayName'), children: u.displayName },
            { key: 'employeeNo', label: t('users.employeeNo'), children: orDash(u.employeeNo) },
            { key: 'status', label: t('users.status.label'), children: <StatusTags u={u} t={t} /> },
            { key: 'home', label: t('users.homeInstitution'), children: fullName(u.homeInstitutionId, u.homeInstitutionName) },
            { key: 'managing', label: t('users.managingInstitution'), children: fullName(u.managingInstitutionId, u.managingInstitutionName) },
            { key: 'mobile', label: t('users.mobile'), children: orDash(u.mobile) },
            { key: 'email', label: t('users.email'), children: orDash(u.email) },
            { key: 'joined', label: t('users.joinedOn'), children: u.joinedOn },
            { key: 'left', label: t('users.leftOn'), children: orDash(u.leftOn) },
            { key: 'lastLogin', label: t('users.lastLogin'), children: formatDateTime(u.lastLoginAt) },
            { key: 'locked', label: t('users.lockedUntilLabel'), children: formatDateTime(u.lockedUntil) },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('users.roles')}</Typography.Title>
          {u.roles.length === 0 ? <Typography.Text type="secondary">{t('users.noRoles')}</Typography.Text>
            : u.roles.map((r) => <Tag key={r.id} color={r.category === 'system' ? 'red' : 'blue'}>{localName(lang, r)}</Tag>)}
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('users.history.title')}</Typography.Title>
          <Table rowKey="id" size="small" columns={historyColumns(t)} dataSource={u.history} pagination={false} scroll={{ x: 800 }} />
        </>
      )}
      {u && action === 'edit' && <UserFormModal user={u} onClose={() => setAction(null)} onDone={() => refresh(t('common.saved'))} />}
      {u && action === 'move' && <MoveUserModal user={u} onClose={() => setAction(null)} onDone={() => refresh(t('users.moved'))} />}
      {u && action === 'status' && status && (
        <UserStatusModal user={u} status={status} onClose={() => setAction(null)} onDone={() => refresh(t('users.statusChanged'))} />
      )}
      {u && action === 'roles' && <UserRolesModal user={u} onClose={() => setAction(null)} onDone={() => refresh(t('users.rolesSaved'))} />}
      <OneTimeSecretModal open={secret !== null} title={t('users.newPasswordTitle')} secret={secret} hint={t('users.initialPasswordOnce')}
        testId="initial-password" onClose={() => setSecret(null)} />
    </Drawer>
  );
}

// The account actions of the drawer header. Destructive ones ask first; none are offered on
// oneself (the server refuses those too) or on a person who has left, except re-hiring.
import { DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { useCan, useMe } from '../../auth/session';
import { isLocked, resetPassword, unlockUser, type UserDetail, type UserStatus } from './api';
import { NEXT_STATUSES } from './labels';

export type UserAction = 'edit' | 'move' | 'status' | 'roles';

interface Props {
  user: UserDetail;
  onAction: (a: UserAction) => void;
  onStatus: (s: UserStatus) => void;
  onReset: (password: string) => void;
  onUnlocked: () => void;
}

export function UserActions({ user, onAction, onStatus, onReset, onUnlocked }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const can = useCan();
  const { data: me } = useMe();
  const report = useReportError();
  const manage = can('user.manage');
  const self = me?.id === user.id;
  const left = user.status === 'left';

  const confirmReset = () => modal.confirm({
    title: t('users.resetConfirmTitle', { name: user.displayName }), content: t('users.resetConfirm'),
    okText: t('users.resetPassword'), okButtonProps: { danger: true },
    onOk: () => resetPassword(user.id).then((r) => onReset(r.initialPassword), report),
  });
  const confirmUnlock = () => modal.confirm({
    title: t('users.unlockConfirm', { name: user.displayName }), okText: t('users.unlock'),
    onOk: () => unlockUser(user.id).then(onUnlocked, report),
  });

  const more: MenuProps['items'] = [
    ...NEXT_STATUSES[user.status].map((s) => ({ key: `status:${s}`, label: t(`users.toStatus.${s}`), danger: s !== 'active', disabled: self })),
    { type: 'divider' as const },
    { key: 'unlock', label: t('users.unlock'), disabled: !isLocked(user) },
    { key: 'reset', label: t('users.resetPassword'), danger: true, disabled: self || left },
  ];
  const onMore: MenuProps['onClick'] = ({ key }) => {
    if (key.startsWith('status:')) onStatus(key.slice(7) as UserStatus);
    else if (key === 'unlock') confirmUnlock();
    else if (key === 'reset') confirmReset();
  };

  return (
    <Space size={6}>
      {manage && <Button size="small" disabled={left} onClick={() => onAction('edit')} data-testid="user-edit">{t('common.edit')}</Button>}
      {manage && <Button size="small" disabled={left} onClick={() => onAction('move')} data-testid="user-move">{t('users.move')}</Button>}
      {can('role.grant') && <Button size="small" disabled={left || self} onClick={() => onAction('roles')} data-testid="user-roles">{t('users.setRoles')}</Button>}
      {manage && (
        <Dropdown menu={{ items: more, onClick: onMore }} trigger={['click']}>
          <Button size="small" data-testid="user-more">{t('common.more')} <DownOutlined /></Button>
        </Dropdown>
      )}
    </Space>
  );
}

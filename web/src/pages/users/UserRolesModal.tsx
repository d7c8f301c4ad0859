// 设置角色 (role.grant). Separation-of-duties and system-role rules are the server's; its message shows on the field.
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { RoleSelect } from '../../components/RoleSelect';
import { setUserRoles, type UserRow } from './api';

export function UserRolesModal({ user, onClose, onDone }: { user: UserRow; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal<{ roleIds: number[] }> open width={640} title={t('users.rolesTitle', { name: user.displayName })} onCancel={onClose}
      initialValues={{ roleIds: user.roles.map((r) => r.id) }} testId="user-roles-form"
      onSubmit={async (v) => { await setUserRoles(user.id, v.roleIds ?? []); onDone(); }}>
      <Form.Item name="roleIds" label={t('users.roles')} extra={t('users.rolesHint')}>
        <RoleSelect data-testid="user-roles-select" />
      </Form.Item>
    </FormModal>
  );
}

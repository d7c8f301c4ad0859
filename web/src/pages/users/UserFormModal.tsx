// New user (a person joins) or edit of contact details. Roles on creation need role.grant.
import { Col, Form, Input, Row } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session';
import { FormModal } from '../../components/FormModal';
import { InstitutionTreeSelect } from '../../components/InstitutionTreeSelect';
import { RoleSelect } from '../../components/RoleSelect';
import { blankToNull } from '../../lib/format';
import { createUser, updateUser, type UserRow } from './api';

interface Values {
  username?: string; displayName: string; employeeNo?: string | null; homeInstitutionId?: number; managingInstitutionId?: number;
  mobile?: string | null; email?: string | null; roleIds?: number[]; initialPassword?: string;
}

interface Props { user?: UserRow; onClose: () => void; onDone: (result: { id: number; initialPassword?: string }) => void }

const tid = (f: string) => `user-form-${f}`;

/** Most staff are managed where they belong: the managing institution follows the home one until set. */
function ManagingFollowsHome() {
  const form = Form.useFormInstance<Values>();
  const home = Form.useWatch('homeInstitutionId', form);
  useEffect(() => {
    if (home && !form.isFieldTouched('managingInstitutionId')) form.setFieldValue('managingInstitutionId', home);
  }, [home, form]);
  return null;
}

export function UserFormModal({ user, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const editing = !!user;
  const initial: Partial<Values> = user
    ? { displayName: user.displayName, employeeNo: user.employeeNo, mobile: user.mobile, email: user.email }
    : { roleIds: [] };

  const submit = async (raw: Values) => {
    const v = blankToNull(raw);
    if (user) {
      await updateUser(user.id, { version: user.version, displayName: v.displayName, employeeNo: v.employeeNo ?? null, mobile: v.mobile ?? null, email: v.email ?? null });
      onDone({ id: user.id });
      return;
    }
    const res = await createUser({
      username: v.username!.trim(), displayName: v.displayName, employeeNo: v.employeeNo ?? null,
      homeInstitutionId: v.homeInstitutionId!, managingInstitutionId: v.managingInstitutionId!,
      mobile: v.mobile ?? null, email: v.email ?? null, roleIds: v.roleIds ?? [],
      ...(v.initialPassword ? { initialPassword: v.initialPassword } : {}),
    });
    onDone(res);
  };

  return (
    <FormModal<Values> open width={720} title={editing ? t('users.editTitle', { name: user.displayName }) : t('users.add')}
      onCancel={onClose} onSubmit={submit} initialValues={initial} testId="user-form">
      <Row gutter={16}>
        {!editing && (
          <Col span={12}>
            <Form.Item name="username" label={t('users.username')} extra={t('users.usernameHint')}
              rules={[{ required: true, message: t('users.usernameRequired') }, { pattern: /^[A-Za-z][A-Za-z0-9._-]{2,31}$/, message: t('users.usernameFormat') }]}>
              <Input maxLength={32} autoComplete="off" data-testid={tid('username')} />
            </Form.Item>
          </Col>
        )}
        <Col span={12}>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
            <Input maxLength={40} data-testid={tid('displayName')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="employeeNo" label={t('users.employeeNo')}><Input maxLength={20} data-testid={tid('employeeNo')} /></Form.Item>
        </Col>
        {!editing && (
          <>
            <ManagingFollowsHome />
            <Col span={12}>
              <Form.Item name="homeInstitutionId" label={t('users.homeInstitution')} extra={t('users.homeHint')} rules={[{ required: true, message: t('users.institutionRequired') }]}>
                <InstitutionTreeSelect data-testid={tid('homeInstitution')} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="managingInstitutionId" label={t('users.managingInstitution')} extra={t('users.managingHint')} rules={[{ required: true, message: t('users.institutionRequired') }]}>
                <InstitutionTreeSelect data-testid={tid('managingInstitution')} />
              </Form.Item>
            </Col>
          </>
        )}
        <Col span={12}>
          <Form.Item name="mobile" label={t('users.mobile')} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('users.mobileFormat') }]}>
            <Input maxLength={11} data-testid={tid('mobile')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailFormat') }]}>
            <Input maxLength={100} data-testid={tid('email')} />
          </Form.Item>
        </Col>
        {!editing && (
          <>
            <Col span={24}>
              <Form.Item name="roleIds" label={t('users.roles')} extra={can('role.grant') ? undefined : t('users.rolesNeedGrant')}>
                <RoleSelect disabled={!can('role.grant')} data-testid={tid('roles')} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="initialPassword" label={t('users.initialPassword')} extra={t('users.initialPasswordHint')}>
                <Input.Password maxLength={128} autoComplete="new-password" data-testid={tid('initialPassword')} />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
    </FormModal>
  );
}

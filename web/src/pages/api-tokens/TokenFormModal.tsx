// Issue a token: name, roles (no more than I hold myself), managing institution, optional expiry.
import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session';
import { FormModal } from '../../components/FormModal';
import { InstitutionTreeSelect } from '../../components/InstitutionTreeSelect';
import { RoleSelect } from '../../components/RoleSelect';
import { createToken } from './api';

interface Values { name: string; roleIds: number[]; managingInstitutionId: number; expiresAt?: Dayjs | null }

export function TokenFormModal({ onClose, onDone }: { onClose: () => void; onDone: (token: string) => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const submit = async (v: Values) => {
    const res = await createToken({
      name: v.name.trim(), roleIds: v.roleIds ?? [], managingInstitutionId: v.managingInstitutionId,
      expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null,
    });
    onDone(res.token);
  };
  return (
    <FormModal<Values> open width={620} title={t('apiTokens.add')} onCancel={onClose} onSubmit={submit} okText={t('apiTokens.issue')}
      initialValues={{ roleIds: [], managingInstitutionId: me?.managingInstitution.id }} testId="token-form">
      <Form.Item name="name" label={t('apiTokens.name')} extra={t('apiTokens.nameHint')} rules={[{ required: true, whitespace: true, message: t('apiTokens.nameRequired') }]}>
        <Input maxLength={60} data-testid="token-form-name" />
      </Form.Item>
      <Form.Item name="roleIds" label={t('apiTokens.roles')} extra={t('apiTokens.rolesHint')}>
        <RoleSelect data-testid="token-form-roles" />
      </Form.Item>
      <Form.Item name="managingInstitutionId" label={t('apiTokens.institution')} extra={t('apiTokens.institutionHint')} rules={[{ required: true, message: t('users.institutionRequired') }]}>
        <InstitutionTreeSelect data-testid="token-form-institution" />
      </Form.Item>
      <Form.Item name="expiresAt" label={t('apiTokens.expiresAt')} extra={t('apiTokens.expiresHint')}>
        <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: 200 }} />
      </Form.Item>
    </FormModal>
  );
}

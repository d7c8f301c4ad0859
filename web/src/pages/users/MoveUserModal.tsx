// 调动: new home and managing institutions from a date, with the reason.
import { Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DateReasonFields } from '../../components/DateReasonFields';
import { FormModal } from '../../components/FormModal';
import { InstitutionTreeSelect } from '../../components/InstitutionTreeSelect';
import { moveUser, type UserRow } from './api';

interface Values { homeInstitutionId: number; managingInstitutionId: number; effectiveDate: Dayjs; reason: string }

export function MoveUserModal({ user, onClose, onDone }: { user: UserRow; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = async (v: Values) => {
    await moveUser(user.id, { version: user.version, homeInstitutionId: v.homeInstitutionId, managingInstitutionId: v.managingInstitutionId,
      effectiveDate: v.effectiveDate.format('YYYY-MM-DD'), reason: v.reason.trim() });
    onDone();
  };
  return (
    <FormModal<Values> open title={t('users.moveTitle', { name: user.displayName })} onCancel={onClose} onSubmit={submit}
      initialValues={{ homeInstitutionId: user.homeInstitutionId, managingInstitutionId: user.managingInstitutionId, effectiveDate: dayjs() }} testId="user-move-form">
      <Form.Item name="homeInstitutionId" label={t('users.homeInstitution')} rules={[{ required: true, message: t('users.institutionRequired') }]}>
        <InstitutionTreeSelect />
      </Form.Item>
      <Form.Item name="managingInstitutionId" label={t('users.managingInstitution')} extra={t('users.managingHint')} rules={[{ required: true, message: t('users.institutionRequired') }]}>
        <InstitutionTreeSelect />
      </Form.Item>
      <DateReasonFields />
    </FormModal>
  );
}

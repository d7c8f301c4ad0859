// 停用 / 启用 / 离职 with effective date and reason; leaving ends the person's sessions at once.
import { Alert } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DateReasonFields } from '../../components/DateReasonFields';
import { FormModal } from '../../components/FormModal';
import { changeUserStatus, type UserRow, type UserStatus } from './api';

interface Values { effectiveDate: Dayjs; reason: string }

export function UserStatusModal({ user, status, onClose, onDone }: { user: UserRow; status: UserStatus; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = async (v: Values) => {
    await changeUserStatus(user.id, { version: user.version, status, effectiveDate: v.effectiveDate.format('YYYY-MM-DD'), reason: v.reason.trim() });
    onDone();
  };
  return (
    <FormModal<Values> open initialValues={{ effectiveDate: dayjs() }} title={t('users.statusTitle', { action: t(`users.toStatus.${status}`), name: user.displayName })}
      onCancel={onClose} onSubmit={submit} okText={t(`users.toStatus.${status}`)} okDanger={status !== 'active'} testId="user-status-form">
      <Alert type={status === 'active' ? 'info' : 'warning'} showIcon title={t(`users.statusWarning.${status}`)} style={{ marginBottom: 16 }} />
      <DateReasonFields />
    </FormModal>
  );
}

// 撤销 / 恢复: never a deletion; the closure and its reason go into the institution's history.
import { Alert } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DateReasonFields } from '../../components/DateReasonFields';
import { FormModal } from '../../components/FormModal';
import type { InstitutionView } from '../../components/institutions';
import { deactivateInstitution, reactivateInstitution } from './api';

interface Values { effectiveDate: Dayjs; reason: string }

export function StatusModal({ target, action, onClose, onDone }: { target: InstitutionView; action: 'deactivate' | 'reactivate'; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = async (v: Values) => {
    const body = { version: target.version, effectiveDate: v.effectiveDate.format('YYYY-MM-DD'), reason: v.reason.trim() };
    await (action === 'deactivate' ? deactivateInstitution(target.id, body) : reactivateInstitution(target.id, body));
    onDone();
  };
  return (
    <FormModal<Values> open initialValues={{ effectiveDate: dayjs() }} title={t(`institutions.${action}Title`, { name: target.fullName })} onCancel={onClose} onSubmit={submit}
      okText={t(`institutions.${action}`)} okDanger={action === 'deactivate'} testId="institution-status-form">
      <Alert type={action === 'deactivate' ? 'warning' : 'info'} showIcon title={t(`institutions.${action}Warning`)} style={{ marginBottom: 16 }} />
      <DateReasonFields />
    </FormModal>
  );
}

// 迁移: a new parent one level up (the server insists on strict levels), effective date, reason.
import { Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DateReasonFields } from '../../components/DateReasonFields';
import { FormModal } from '../../components/FormModal';
import { InstitutionTreeSelect } from '../../components/InstitutionTreeSelect';
import type { InstitutionView } from '../../components/institutions';
import { moveInstitution } from './api';

interface Values { parentId: number; effectiveDate: Dayjs; reason: string }

/** True when `i` is `root` or sits below it. */
function inSubtree(i: InstitutionView, rootId: number, byId: Map<number, InstitutionView>): boolean {
  for (let cur: InstitutionView | undefined = i; cur; cur = cur.parentId === null ? undefined : byId.get(cur.parentId)) {
    if (cur.id === rootId) return true;
  }
  return false;
}

export function MoveInstitutionModal({ target, all, onClose, onDone }: { target: InstitutionView; all: InstitutionView[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const byId = useMemo(() => new Map(all.map((i) => [i.id, i])), [all]);
  const selectable = useCallback((i: InstitutionView) => i.status === 'active' && i.kind === 'statistical'
    && i.level === target.level - 1 && i.id !== target.parentId && !inSubtree(i, target.id, byId), [target, byId]);

  const submit = async (v: Values) => {
    await moveInstitution(target.id, { version: target.version, parentId: v.parentId, effectiveDate: v.effectiveDate.format('YYYY-MM-DD'), reason: v.reason.trim() });
    onDone();
  };

  return (
    <FormModal<Values> open initialValues={{ effectiveDate: dayjs() }} title={t('institutions.moveTitle', { name: target.fullName })} onCancel={onClose} onSubmit={submit} testId="institution-move-form">
      <Form.Item name="parentId" label={t('institutions.newParent')} extra={t('institutions.newParentHint')}
        rules={[{ required: true, message: t('institutions.newParentRequired') }]}>
        <InstitutionTreeSelect selectable={selectable} data-testid="institution-move-parent" />
      </Form.Item>
      <DateReasonFields />
    </FormModal>
  );
}

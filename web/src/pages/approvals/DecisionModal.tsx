// Approve, return or reject one step, with a comment (required to return or reject).
import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { approve, reject, returnRequest, type ApprovalDetail } from './api';

export type Decision = 'approve' | 'return' | 'reject';

export function DecisionModal({ request, decision, onClose, onDone }: { request: ApprovalDetail; decision: Decision; onClose: () => void; onDone: (d: Decision) => void }) {
  const { t } = useTranslation();
  const needsReason = decision !== 'approve';
  const title = decision === 'approve' ? t('approvals.approveTitle', { step: request.step }) : decision === 'return' ? t('approvals.returnTitle') : t('approvals.rejectTitle');
  return (
    <FormModal<{ reason?: string }> open title={title} okText={t(`approvals.${decision}`)} okDanger={decision === 'reject'} onCancel={onClose} testId="approval-decision-form"
      onSubmit={async (v) => {
        const reason = v.reason?.trim() ?? '';
        if (decision === 'approve') await approve(request.id, request.step, reason || undefined);
        else if (decision === 'return') await returnRequest(request.id, request.step, reason);
        else await reject(request.id, request.step, reason);
        onDone(decision);
      }}>
      {decision === 'approve' && request.step === request.stepCount && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('approvals.lastStepHint')} />}
      <Form.Item name="reason" label={t('approvals.reason')} rules={needsReason ? [{ required: true, whitespace: true, message: t('approvals.reasonRequired') }] : []}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="approval-reason" />
      </Form.Item>
    </FormModal>
  );
}

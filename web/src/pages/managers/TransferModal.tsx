// 移交主办权 (REL-22): the application form — one customer from the customer view, or a departing
// manager's whole book from the transfers page. The request then goes through the approval steps
// (the transferring-out head when institutions differ, the receiving institution's approver, the
// branch's confirmer); until the effective date the current primary manager stays in charge.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { ManagerSelect } from './ManagerSelect';
import { applyForTransfer } from './transfer-api';

interface Values { fromManagerId: number; toManagerId: number; effectiveOn: Dayjs; reason: string }
type Props =
  | { mode: 'customer'; customer: { id: number; name: string }; from: { id: number; displayName: string }; onClose: () => void }
  | { mode: 'book'; onClose: () => void };

export function TransferModal(props: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const single = props.mode === 'customer';
  return (
    <FormModal<Values> open width={600} testId="transfer-form" okText={t('managers.transfer.submit')}
      title={single ? t('managers.transfer.titleOne', { name: props.customer.name }) : t('managers.transfer.titleBook')}
      initialValues={{ effectiveOn: dayjs() }}
      aliases={{ 'selection.customerIds': 'fromManagerId', customerIds: 'fromManagerId', selection: 'fromManagerId' }}
      onCancel={props.onClose}
      onSubmit={async (v) => {
        const res = await applyForTransfer({
          selection: single ? { customerIds: [props.customer.id] } : { allOfManager: true },
          fromManagerId: single ? props.from.id : v.fromManagerId, toManagerId: v.toManagerId, effectiveOn: v.effectiveOn.format('YYYY-MM-DD'), reason: v.reason.trim(),
        });
        message.success(t('managers.transfer.submitted', { id: res.requestId, count: res.count }));
        void queryClient.invalidateQueries({ queryKey: ['approvals'] });
        void queryClient.invalidateQueries({ queryKey: ['transfer-managers'] });
        props.onClose();
      }}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(single ? 'managers.transfer.hintOne' : 'managers.transfer.hintBook')} />
      {single
        ? <Form.Item label={t('managers.transfer.from')}><span data-testid="transfer-from">{props.from.displayName}</span></Form.Item>
        : (
          <Form.Item name="fromManagerId" label={t('managers.transfer.fromDeparting')} rules={[{ required: true, message: t('managers.transfer.required') }]}>
            <ManagerSelect side="from" testId="transfer-from" />
          </Form.Item>
        )}
      <ReceivingManager fixedFrom={single ? props.from.id : undefined} />
      <Form.Item name="effectiveOn" label={t('managers.transfer.effectiveOn')} extra={t('managers.transfer.effectiveHint')} rules={[{ required: true, message: t('managers.transfer.required') }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="transfer-date" />
      </Form.Item>
      <Form.Item name="reason" label={t('managers.transfer.reason')} rules={[{ required: true, whitespace: true, message: t('managers.transfer.required') }]}>
        <Input.TextArea rows={3} maxLength={200} showCount data-testid="transfer-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** The receiving manager: anyone but the transferring one (read from the form when he is chosen there). */
function ReceivingManager({ fixedFrom }: { fixedFrom?: number }) {
  const { t } = useTranslation();
  const chosen = Form.useWatch('fromManagerId', Form.useFormInstance()) as number | undefined;
  return (
    <Form.Item name="toManagerId" label={t('managers.transfer.to')} rules={[{ required: true, message: t('managers.transfer.required') }]}>
      <ManagerSelect side="to" exclude={fixedFrom ?? chosen} testId="transfer-to" />
    </Form.Item>
  );
}

// 删除 / 恢复 a customer (CIF-3): never a physical delete; the reason is kept in the history.
import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/FormModal';
import { deleteCustomer, reactivateCustomer, type CustomerView } from '../api';

export function StatusModal({ c, onClose, onDone }: { c: CustomerView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const deleting = c.status === 'active';
  return (
    <FormModal<{ reason: string }> open title={t(deleting ? 'customers.view.deleteTitle' : 'customers.view.reactivateTitle', { name: c.name, customerNo: c.customerNo })}
      okText={t(deleting ? 'customers.view.delete' : 'customers.view.reactivate')} okDanger={deleting} onCancel={onClose} testId="customer-status-form"
      onSubmit={async (v) => { await (deleting ? deleteCustomer(c.id, v.reason.trim()) : reactivateCustomer(c.id, v.reason.trim())); onDone(); }}>
      <Alert type={deleting ? 'warning' : 'info'} showIcon style={{ marginBottom: 16 }}
        title={t(deleting ? 'customers.view.deleteWarning' : 'customers.view.reactivateWarning')} />
      <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={200} showCount data-testid="customer-status-reason" />
      </Form.Item>
    </FormModal>
  );
}

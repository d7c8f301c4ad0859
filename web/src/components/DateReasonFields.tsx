// Effective date (today or earlier) and reason: what every move, closure and status change records.
import { DatePicker, Form, Input } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

export function DateReasonFields({ allowFuture = false }: { allowFuture?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="effectiveDate" label={t('common.effectiveDate')} rules={[{ required: true, message: t('common.effectiveDateRequired') }]}>
        <DatePicker style={{ width: 200 }} disabledDate={allowFuture ? undefined : (d) => d.isAfter(dayjs(), 'day')} data-testid="effective-date" />
      </Form.Item>
      <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={200} showCount data-testid="reason" />
      </Form.Item>
    </>
  );
}

// A modal holding one form: validates, submits, keeps the dialog open with the server's field
// errors on the fields when the request fails, closes on success.
import { Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../api/use-report-error';

interface Props<T> {
  open: boolean;
  title: ReactNode;
  onCancel: () => void;
  onSubmit: (values: T, form: FormInstance<T>) => Promise<unknown>;
  initialValues?: Partial<T>;
  children: ReactNode;
  width?: number;
  okText?: string;
  okDanger?: boolean;
  /** Server field → form field, for fields named differently in the form. */
  aliases?: Record<string, string>;
  layout?: 'vertical' | 'horizontal';
  testId?: string;
}

export function FormModal<T extends object>({ open, title, onCancel, onSubmit, initialValues, children, width = 560, okText, okDanger, aliases, layout = 'vertical', testId }: Props<T>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const report = useReportError();

  const ok = async () => {
    let values: T;
    try { values = await form.validateFields(); } catch { return; }
    setBusy(true);
    try {
      await onSubmit(values, form);
    } catch (e) {
      report(e, form, aliases);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={() => void ok()} confirmLoading={busy} width={width}
      okText={okText ?? t('common.save')} okButtonProps={{ danger: okDanger, ...(testId ? { 'data-testid': `${testId}-ok` } : {}) }}
      destroyOnHidden mask={{ closable: false }} data-testid={testId}>
      <Form form={form} layout={layout} initialValues={initialValues} preserve={false} requiredMark
        labelCol={layout === 'horizontal' ? { flex: '120px' } : undefined} wrapperCol={layout === 'horizontal' ? { flex: 1 } : undefined}
        labelWrap onFinish={() => void ok()}>
        {children}
        {/* Enter in a field submits; the hidden button makes that work for single-field forms too. */}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}

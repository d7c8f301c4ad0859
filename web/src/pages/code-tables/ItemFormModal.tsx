// Add an item (under the parent being browsed) or rename / reorder / deactivate one.
import { Form, Input, InputNumber, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { useLang } from '../../i18n';
import { localName } from '../../lib/format';
import { createItem, updateItem, type CodeItem, type CodeTable } from './api';

interface Values { code?: string; nameZh: string; nameEn: string; sortOrder?: number | null; active?: boolean }

interface Props { table: CodeTable; item?: CodeItem; parent?: CodeItem; onClose: () => void; onDone: () => void }

export function ItemFormModal({ table, item, parent, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const submit = async (v: Values) => {
    const sortOrder = v.sortOrder ?? undefined;
    if (item) await updateItem(table.code, item.code, { nameZh: v.nameZh, nameEn: v.nameEn, sortOrder, active: v.active });
    else await createItem(table.code, { code: v.code!.trim(), nameZh: v.nameZh, nameEn: v.nameEn, parentCode: parent?.code ?? null, sortOrder });
    onDone();
  };
  return (
    <FormModal<Values> open title={item ? t('codeTables.editItem', { code: item.code }) : t('codeTables.addItemTo', { table: localName(lang, table) })}
      onCancel={onClose} onSubmit={submit} layout="horizontal" testId="code-item-form" aliases={{ parentCode: 'code' }}
      initialValues={item ? { nameZh: item.nameZh, nameEn: item.nameEn, sortOrder: item.sortOrder, active: item.active } : {}}>
      {!item && parent && <Form.Item label={t('codeTables.parent')}>{parent.code} {localName(lang, parent)}</Form.Item>}
      {!item && (
        <Form.Item name="code" label={t('codeTables.code')} rules={[{ required: true, message: t('codeTables.codeRequired') }, { pattern: /^[0-9A-Za-z_.-]{1,20}$/, message: t('codeTables.codeFormat') }]}>
          <Input maxLength={20} style={{ width: 200 }} data-testid="code-item-form-code" />
        </Form.Item>
      )}
      <Form.Item name="nameZh" label={t('codeTables.nameZh')} rules={[{ required: true, whitespace: true, message: t('codeTables.nameRequired') }]}>
        <Input maxLength={200} data-testid="code-item-form-nameZh" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('codeTables.nameEn')} rules={[{ required: true, whitespace: true, message: t('codeTables.nameRequired') }]}>
        <Input maxLength={200} data-testid="code-item-form-nameEn" />
      </Form.Item>
      <Form.Item name="sortOrder" label={t('codeTables.sortOrder')} extra={item ? undefined : t('codeTables.sortHint')}>
        <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 160 }} />
      </Form.Item>
      {item && (
        <Form.Item name="active" label={t('codeTables.active')} valuePropName="checked" extra={t('codeTables.activeHint')}>
          <Switch />
        </Form.Item>
      )}
    </FormModal>
  );
}

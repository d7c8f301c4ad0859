// 新增下级机构 / 编辑机构: code (4 letters or digits, only when opening), name, kind, category, contact.
import { Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import type { InstitutionView } from '../../components/institutions';
import { blankToNull } from '../../lib/format';
import { CATEGORIES, KINDS, createInstitution, updateInstitution, type InstitutionCategory, type InstitutionKind } from './api';

interface Values { code?: string; name: string; kind: InstitutionKind; category?: InstitutionCategory | null; address?: string | null; phone?: string | null }

interface Props {
  mode: 'create' | 'edit';
  /** create: the parent; edit: the institution itself. */
  target: InstitutionView;
  onClose: () => void;
  onDone: (id: number) => void;
}

export function InstitutionFormModal({ mode, target, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const initial: Partial<Values> = mode === 'create'
    ? { kind: 'statistical', category: null }
    : { name: target.name, kind: target.kind, category: (target.category as InstitutionCategory | null), address: target.address, phone: target.phone };

  const submit = async (raw: Values) => {
    const v = blankToNull(raw);
    if (mode === 'create') {
      const res = await createInstitution({
        code: v.code!.trim(), name: v.name, parentId: target.id, kind: v.kind, category: v.category ?? null, address: v.address ?? null, phone: v.phone ?? null,
      });
      onDone(res.id);
    } else {
      await updateInstitution(target.id, { version: target.version, name: v.name, kind: v.kind, category: v.category ?? null, address: v.address ?? null, phone: v.phone ?? null });
      onDone(target.id);
    }
  };

  return (
    <FormModal<Values> open title={mode === 'create' ? t('institutions.addChild') : t('institutions.editTitle', { name: target.name })}
      onCancel={onClose} onSubmit={submit} initialValues={initial} testId="institution-form" layout="horizontal" width={600}>
      {mode === 'create' && (
        <Form.Item label={t('institutions.parent')}>
          <strong>{target.code} {target.fullName}</strong>
        </Form.Item>
      )}
      {mode === 'create' && (
        <Form.Item name="code" label={t('institutions.code')} extra={t('institutions.codeHint')}
          rules={[{ required: true, message: t('institutions.codeRequired') }, { pattern: /^[0-9A-Za-z]{4}$/, message: t('institutions.codeFormat') }]}>
          <Input maxLength={4} style={{ width: 140, textTransform: 'uppercase' }} data-testid="institution-form-code" />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('institutions.name')} rules={[{ required: true, whitespace: true, message: t('institutions.nameRequired') }]}>
        <Input maxLength={60} showCount data-testid="institution-form-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('institutions.kind.label')} extra={t('institutions.kindHint')} rules={[{ required: true }]}>
        <Radio.Group data-testid="institution-form-kind" options={KINDS.map((k) => ({ value: k, label: t(`institutions.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="category" label={t('institutions.category.label')}>
        <Select allowClear placeholder={t('common.optional')} data-testid="institution-form-category"
          options={CATEGORIES.map((c) => ({ value: c, label: t(`institutions.category.${c}`) }))} />
      </Form.Item>
      <Form.Item name="address" label={t('institutions.address')}>
        <Input maxLength={120} data-testid="institution-form-address" />
      </Form.Item>
      <Form.Item name="phone" label={t('institutions.phone')}>
        <Input maxLength={35} style={{ width: 240 }} data-testid="institution-form-phone" />
      </Form.Item>
    </FormModal>
  );
}

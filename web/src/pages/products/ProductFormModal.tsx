// New product, or a product's names and sub-type changed. Category, currency and number are fixed
// once created (accounts already refer to them); the first rate is optional at creation.
import { Checkbox, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CodeSelect } from '../../components/CodeSelect';
import { FormModal } from '../../components/FormModal';
import { createProduct, PRODUCT_CATEGORIES, updateProduct, type ProductCategory, type ProductDetail } from './api';
import { RateFields, rateBodyOf, type RateValues } from './RateFields';

interface Values { id: string; nameZh: string; nameEn: string; category: ProductCategory; subType?: string; currency: string; withRate?: boolean; rate?: RateValues }

export function ProductFormModal({ product, onClose, onDone }: { product?: ProductDetail; onClose: () => void; onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const editing = !!product;
  const submit = async (v: Values) => {
    if (product) {
      await updateProduct(product.id, { version: product.version, nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), subType: v.subType?.trim() || null });
      onDone(product.id);
    } else {
      const created = await createProduct({ id: v.id.trim(), nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), category: v.category,
        subType: v.subType?.trim() || null, currency: v.currency, ...(v.withRate && v.rate ? { rate: rateBodyOf(v.rate) } : {}) });
      onDone(created.id);
    }
  };
  const required = { required: true, whitespace: true, message: t('products.required') };
  return (
    <FormModal<Values> open title={editing ? t('products.edit') : t('products.add')} onCancel={onClose} onSubmit={submit} testId="product-form" width={600}
      initialValues={product ? { id: product.id, nameZh: product.nameZh, nameEn: product.nameEn, category: product.category, subType: product.subType ?? undefined, currency: product.currency }
        : { currency: 'CNY', withRate: false, rate: { rateType: 'fixed', effectiveFrom: dayjs() } as RateValues }}>
      <Form.Item name="id" label={t('products.id')} extra={t('products.idHint')} rules={[required, { pattern: /^\d{10}$/, message: t('products.idHint') }]}>
        <Input maxLength={10} disabled={editing} data-testid="product-id" />
      </Form.Item>
      <Form.Item name="nameZh" label={t('products.nameZh')} rules={[required]}><Input maxLength={100} data-testid="product-name-zh" /></Form.Item>
      <Form.Item name="nameEn" label={t('products.nameEn')} rules={[required]}><Input maxLength={200} data-testid="product-name-en" /></Form.Item>
      <Form.Item name="category" label={t('products.category.label')} rules={[{ required: true, message: t('products.required') }]}>
        <Select disabled={editing} data-testid="product-category" options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`products.category.${c}`) }))} />
      </Form.Item>
      <Form.Item name="subType" label={t('products.subType')}><Input maxLength={40} /></Form.Item>
      <Form.Item name="currency" label={t('products.currency')} rules={[{ required: true, message: t('products.required') }]}>
        <CodeSelect table="currency" disabled={editing} allowClear={false} />
      </Form.Item>
      {!editing && (
        <>
          <Form.Item name="withRate" valuePropName="checked" extra={t('products.firstRateHint')}>
            <Checkbox data-testid="product-with-rate">{t('products.withRate')}</Checkbox>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.withRate !== b.withRate}>
            {({ getFieldValue }) => (getFieldValue('withRate') ? <RateFields prefix={['rate']} /> : null)}
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

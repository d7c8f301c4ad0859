// One product: its particulars and the whole interest-rate history, newest first, with the
// setting in force today marked. A product manager changes the rate (after a confirmation: the
// setting cannot be edited afterwards), edits the names, retires or reactivates the product.
import { useQuery } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { useCan } from '../../auth/session';
import { FormModal } from '../../components/FormModal';
import { useLang } from '../../i18n';
import { orDash } from '../../lib/format';
import { addProductRate, fetchProduct, updateProduct, type ProductDetail, type ProductRate } from './api';
import { ProductFormModal } from './ProductFormModal';
import { RateFields, rateBodyOf, type RateValues } from './RateFields';
import dayjs from 'dayjs';

const rangeOf = (r: ProductRate) => (r.rateType === 'floating' ? `${r.floatMin} – ${r.floatMax}` : '—');

export function ProductDrawer({ id, today, onClose, onChanged }: { id: string; today: string; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message, modal } = App.useApp();
  const report = useReportError();
  const manage = useCan()('product.manage');
  const detail = useQuery({ queryKey: ['products', 'one', id], queryFn: ({ signal }) => fetchProduct(id, signal) });
  const [editing, setEditing] = useState(false);
  const [addingRate, setAddingRate] = useState(false);
  const p = detail.data;
  const name = p ? (lang === 'en-US' ? p.nameEn : p.nameZh) : id;
  const refresh = () => { void detail.refetch(); onChanged(); };
  // The setting in force today: the newest one effective on or before today (history is newest first).
  const inForceId = p?.rates.find((r) => r.effectiveFrom <= today)?.id;

  const setStatus = (product: ProductDetail, status: 'active' | 'retired') => {
    const run = () => updateProduct(product.id, { version: product.version, status })
      .then(() => { message.success(t(status === 'retired' ? 'products.retired' : 'products.reactivated')); refresh(); }, report);
    if (status === 'active') return void run();
    modal.confirm({ title: t('products.confirmRetire', { name }), content: t('products.confirmRetireBody'), okButtonProps: { danger: true, ...{ 'data-testid': 'product-retire-ok' } },
      onOk: run });
  };

  const submitRate = (v: RateValues) => new Promise<void>((resolve, reject) => {
    const body = rateBodyOf(v);
    modal.confirm({
      title: t('products.confirmRate'), content: t('products.confirmRateBody', { name, rate: body.baseRate, date: body.effectiveFrom }),
      okButtonProps: { ...{ 'data-testid': 'rate-confirm-ok' } },
      onOk: () => addProductRate(id, body).then(() => { message.success(t('products.rateAdded')); setAddingRate(false); refresh(); resolve(); }, (e: unknown) => { reject(e); }),
      onCancel: () => resolve(),
    });
  });

  return (
    <Drawer open width={720} title={`${id} · ${name}`} onClose={onClose} data-testid="product-drawer" loading={detail.isLoading}
      extra={p && manage && (
        <Space>
          <Button onClick={() => setEditing(true)} data-testid="product-edit">{t('products.edit')}</Button>
          {p.status === 'active'
            ? <Button danger onClick={() => setStatus(p, 'retired')} data-testid="product-retire">{t('products.retire')}</Button>
            : <Button onClick={() => setStatus(p, 'active')}>{t('products.reactivate')}</Button>}
        </Space>
      )}>
      {detail.error && <Typography.Text type="danger">{detail.error.message}</Typography.Text>}
      {p && (
        <>
          <Descriptions size="small" column={2} bordered items={[
            { label: t('products.nameZh'), children: p.nameZh },
            { label: t('products.nameEn'), children: p.nameEn },
            { label: t('products.category.label'), children: t(`products.category.${p.category}`) },
            { label: t('products.subType'), children: orDash(p.subType) },
            { label: t('products.currency'), children: p.currency },
            { label: t('products.status.label'), children: <Tag color={p.status === 'active' ? 'green' : 'default'}>{t(`products.status.${p.status}`)}</Tag> },
            { label: t('products.updatedAt'), children: dayjs(p.updatedAt).format('YYYY-MM-DD HH:mm') },
          ]} />
          <Space style={{ margin: '16px 0 8px', width: '100%', justifyContent: 'space-between' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('products.history')}</Typography.Title>
            {manage && p.status === 'active' && <Button type="primary" onClick={() => setAddingRate(true)} data-testid="rate-add">{t('products.addRate')}</Button>}
          </Space>
          <Table<ProductRate> rowKey="id" size="small" dataSource={p.rates} pagination={false} data-testid="rate-history"
            locale={{ emptyText: t('products.noHistory') }}
            columns={[
              { title: t('products.effectiveFrom'), dataIndex: 'effectiveFrom', width: 130 },
              { title: t('products.rateType.label'), dataIndex: 'rateType', width: 100, render: (v: ProductRate['rateType']) => t(`products.rateType.${v}`) },
              { title: t('products.baseRate'), dataIndex: 'baseRate', width: 150, align: 'right' },
              { title: `${t('products.floatMin')} – ${t('products.floatMax')}`, key: 'range', render: (_: unknown, r) => rangeOf(r) },
              { title: '', key: 'state', width: 90, render: (_: unknown, r) => (r.id === inForceId ? <Tag color="green">{t('products.inForce')}</Tag>
                : r.effectiveFrom > today ? <Tag color="blue">{t('products.future')}</Tag> : null) },
            ]} />
        </>
      )}
      {editing && p && <ProductFormModal product={p} onClose={() => setEditing(false)} onDone={() => { setEditing(false); message.success(t('products.updated')); refresh(); }} />}
      <FormModal<RateValues> open={addingRate} title={t('products.addRate')} onCancel={() => setAddingRate(false)} onSubmit={submitRate} testId="rate-form"
        initialValues={{ rateType: p?.rates[0]?.rateType ?? 'fixed', effectiveFrom: dayjs(today).add(1, 'day') }}>
        <Typography.Paragraph type="secondary">{t('products.addRateHint')}</Typography.Paragraph>
        <RateFields />
      </FormModal>
    </Drawer>
  );
}

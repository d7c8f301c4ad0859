// 产品目录 (ACC-1): the bank's products with the rate in force today. Everyone with product.read
// browses it; product managers (product.manage) add products, change rates and retire them.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../auth/session';
import { useLang } from '../../i18n';
import type { Lang } from '../../api/client';
import { orDash } from '../../lib/format';
import { fetchProducts, PRODUCT_CATEGORIES, PRODUCTS_KEY, type ProductCategory, type ProductQuery, type ProductRow } from './api';
import { ProductDrawer } from './ProductDrawer';
import { ProductFormModal } from './ProductFormModal';

/** Today in the bank's time zone, as the server picks the rate in force. */
const bankToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

const columns = (t: TFunction, lang: Lang, open: (id: string) => void): TableColumnsType<ProductRow> => [
  { title: t('products.id'), dataIndex: 'id', width: 120, render: (v: string) => <a onClick={() => open(v)} data-testid={`product-${v}`}>{v}</a> },
  { title: t('products.nameZh'), key: 'name', ellipsis: true, render: (_: unknown, r) => (lang === 'en-US' ? r.nameEn : r.nameZh) },
  { title: t('products.category.label'), dataIndex: 'category', width: 120, render: (c: ProductCategory) => t(`products.category.${c}`) },
  { title: t('products.subType'), dataIndex: 'subType', width: 150, ellipsis: true, render: orDash },
  { title: t('products.currency'), dataIndex: 'currency', width: 80 },
  { title: t('products.currentRate'), dataIndex: 'currentRate', width: 150, align: 'right', render: (v: string | null) => v ?? <span style={{ color: '#999' }}>{t('products.noRate')}</span> },
  { title: t('products.status.label'), dataIndex: 'status', width: 100, render: (s: ProductRow['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`products.status.${s}`)}</Tag> },
];

export default function ProductsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const manage = useCan()('product.manage');
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [qInput, setQInput] = useState(params.get('q') ?? '');
  const [creating, setCreating] = useState(false);
  const get = (k: string) => params.get(k) || undefined;
  const query: ProductQuery = {
    q: get('q'), category: get('category') as ProductCategory | undefined, status: (get('status') as ProductQuery['status']) ?? 'active',
    page: num(params.get('page')) ?? 1, pageSize: num(params.get('pageSize')) ?? 20,
  };
  const openId = get('product');
  const update = (patch: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) { if (v === undefined || v === '') next.delete(k); else next.set(k, String(v)); }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };
  const list = useQuery({ queryKey: [...PRODUCTS_KEY, query], queryFn: ({ signal }) => fetchProducts(query, signal), placeholderData: keepPreviousData });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: PRODUCTS_KEY });

  return (
    <Card size="small" title={t('products.title')} extra={manage && (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="product-add">{t('products.add')}</Button>
    )}>
      <Alert type="info" showIcon title={manage ? t('products.intro') : `${t('products.intro')} ${t('products.readOnly')}`} style={{ marginBottom: 12 }} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('products.search')} style={{ width: 240 }} value={qInput} maxLength={60}
          onChange={(e) => setQInput(e.target.value)} onSearch={(v) => update({ q: v.trim() })} data-testid="product-search" />
        <Select allowClear placeholder={t('products.category.label')} style={{ width: 150 }} value={query.category} data-testid="product-filter-category"
          onChange={(v) => update({ category: v })} options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`products.category.${c}`) }))} />
        <Select style={{ width: 130 }} value={query.status} onChange={(v) => update({ status: v })} data-testid="product-filter-status"
          options={(['active', 'retired', 'all'] as const).map((s) => ({ value: s, label: t(`products.status.${s}`) }))} />
      </Space>
      <Table<ProductRow> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items} data-testid="product-table"
        columns={columns(t, lang, (id) => update({ product: id }, false))}
        locale={{ emptyText: list.error ? list.error.message : t('common.noData') }}
        pagination={{ current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
          showTotal: (n) => t('common.total', { count: n }), onChange: (page, pageSize) => update({ page, pageSize }, false) }} />
      {openId && <ProductDrawer id={openId} today={bankToday()} onClose={() => update({ product: undefined }, false)} onChanged={refresh} />}
      {creating && <ProductFormModal onClose={() => setCreating(false)}
        onDone={(id) => { setCreating(false); message.success(t('products.created', { id })); refresh(); update({ product: id }, false); }} />}
    </Card>
  );
}

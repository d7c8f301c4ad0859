// Pick an existing customer in my charge by number, name or document (CIF-24: the legal
// representative is a personal customer record, not a name typed again).
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerKind } from '../catalogue';
import { fetchCustomer, searchCustomers } from '../api';

interface Props { kind?: CustomerKind; value?: number | null; onChange?: (id: number | null) => void; id?: string; 'data-testid'?: string }

export function CustomerPicker({ kind, value, onChange, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => { const h = setTimeout(() => setQ(text.trim()), 300); return () => clearTimeout(h); }, [text]);
  const found = useQuery({ queryKey: ['customer-pick', kind, q], enabled: q.length > 0, queryFn: ({ signal }) => searchCustomers({ q, kind, pageSize: 20 }, signal) });
  const current = useQuery({ queryKey: ['customer', value], enabled: !!value, queryFn: ({ signal }) => fetchCustomer(value!, signal), retry: false });

  const options = (found.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.customerNo} ${c.name}${c.idNumber ? ` (${c.idNumber})` : ''}` }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: current.data ? `${current.data.customerNo} ${current.data.name}` : `#${value}` });
  }
  return (
    <Select<number> id={id} value={value ?? undefined} onChange={(v) => onChange?.(v ?? null)} options={options} allowClear
      showSearch={{ searchValue: text, onSearch: setText, filterOption: false }} loading={found.isFetching}
      placeholder={t('customers.form.pickCustomer')} notFoundContent={q ? t('common.noData') : t('customers.form.pickCustomerHint')}
      style={{ width: '100%' }} data-testid={rest['data-testid']} />
  );
}

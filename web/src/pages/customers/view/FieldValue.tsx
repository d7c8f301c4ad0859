// One customer field's value as the view shows it, by its catalogue type.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatMoney, orDash } from '../../../lib/format';
import { customerKey, fetchCustomer } from '../api';
import type { FieldDef } from '../catalogue';
import { CodeName } from './CodeName';
import { Masked } from './Masked';

/** A linked customer by number and name (CIF-24's legal representative). */
function CustomerLink({ id }: { id: number }) {
  const { t } = useTranslation();
  const c = useQuery({ queryKey: customerKey(id), queryFn: ({ signal }) => fetchCustomer(id, signal), retry: false, staleTime: 60_000 });
  return <Link to={`/customers/${id}`}>{c.data ? `${c.data.customerNo} ${c.data.name}` : t('customers.view.openCustomer')}</Link>;
}

interface Props { f: FieldDef; value: unknown; canReveal: boolean; reveal: (field: string) => Promise<{ value: unknown }> }

export function FieldValue({ f, value, canReveal, reveal }: Props) {
  const { t } = useTranslation();
  if (f.sensitive) return <Masked value={value} canReveal={canReveal} reveal={() => reveal(f.key)} testId={`customer-field-${f.key}`} />;
  if (value === null || value === undefined || value === '') return <>—</>;
  switch (f.type) {
    case 'code': return <CodeName table={f.table!} code={String(value)} />;
    case 'bool': return <>{value ? t('customers.yes') : t('customers.no')}</>;
    case 'money': return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(value as string)}</span>;
    case 'int':
      if (f.key === 'legalRepCustomerId') return <CustomerLink id={Number(value)} />;
      return <>{String(value)}</>;
    default: return <>{orDash(value as string)}</>;
  }
}

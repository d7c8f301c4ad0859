// A searchable choice of manager for the transfer forms: receiving managers bank-wide, or the
// transferring managers in my charge (departed ones marked, with their primary customer count).
import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchTransferManagers } from './transfer-api';

interface Props { side: 'from' | 'to'; value?: number; onChange?: (v: number) => void; exclude?: number; testId?: string }

export function ManagerSelect({ side, value, onChange, exclude, testId }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: ['transfer-managers', side, q], queryFn: ({ signal }) => fetchTransferManagers(side, q || undefined, signal) });
  const options = (list.data?.items ?? []).filter((m) => m.id !== exclude).map((m) => ({
    value: m.id,
    label: (
      <span>
        {m.displayName}（{m.username}）· {m.institution}
        {m.status !== 'active' && <Tag color="red" style={{ marginLeft: 6 }}>{t('managers.transfer.departed')}</Tag>}
        {m.primaryCustomers !== undefined && <span style={{ color: 'rgba(0,0,0,0.45)' }}> · {t('managers.transfer.customerCount', { count: m.primaryCustomers })}</span>}
      </span>
    ),
  }));
  return (
    <Select showSearch={{ filterOption: false, onSearch: setQ }} value={value} onChange={onChange} options={options} loading={list.isFetching}
      placeholder={t('managers.transfer.searchManager')} data-testid={testId} />
  );
}

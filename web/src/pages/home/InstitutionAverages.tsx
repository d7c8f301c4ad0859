// 本机构日均 (ACC-3) on the workbench of heads and report readers with an institution-wide scope:
// the balances and month/quarter/year-to-date daily averages of the institution in their charge
// (with its sub-branches), per category and currency, as of the latest loaded business day.
// A manager who sees only his own customers gets no branch figure (the server refuses it too).
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCan, useMe } from '../../auth/session';
import { formatMoney } from '../../lib/format';
import styles from './home.module.css';

interface Item { category: 'deposit' | 'loan' | 'wealth' | 'card'; currency: string; accounts: number; balance: string; month: string; quarter: string; year: string }
interface Averages { institutionId: number; asOf: string | null; partial: ('month' | 'quarter' | 'year')[]; items: Item[] }

export function InstitutionAverages() {
  const { t } = useTranslation();
  const can = useCan();
  const { data: me } = useMe();
  const allowed = !!me && me.dataScope === 'institution' && (can('report.read') || can('performance.read'));
  const id = me?.managingInstitution.id;
  const q = useQuery({ queryKey: ['workbench', 'institution-averages', id], enabled: allowed,
    queryFn: ({ signal }) => api.get<Averages>(`/institutions/${id}/averages`, undefined, signal) });
  if (!allowed || !me) return null;

  const money = (v: string) => formatMoney(v);
  const columns: TableColumnsType<Item> = [
    { title: t('institutionAverages.category'), key: 'category', render: (_, r) => t('accounts.trend.series', { category: t(`accounts.category.${r.category}`), currency: r.currency }) },
    { title: t('institutionAverages.accounts'), dataIndex: 'accounts', align: 'right', render: (v: number) => v.toLocaleString() },
    { title: t('institutionAverages.balance'), dataIndex: 'balance', align: 'right', render: money },
    ...(['month', 'quarter', 'year'] as const).map((p) => ({
      dataIndex: p, align: 'right' as const, render: money,
      // A period begun before the first feed day, without an opening position: its early days count at zero.
      title: q.data?.partial.includes(p)
        ? <Tooltip title={t('accounts.averages.partialHint')}><span data-testid={`institution-averages-partial-${p}`}>{t(`accounts.averages.${p}`)} <Tag color="warning" style={{ marginInlineEnd: 0 }}>{t('accounts.averages.partial')}</Tag></span></Tooltip>
        : t(`accounts.averages.${p}`),
    })),
  ];
  return (
    <Card size="small" className={styles.block} data-testid="institution-averages"
      title={t('institutionAverages.title', { name: me.managingInstitution.name })}
      extra={q.data?.asOf && <Typography.Text type="secondary">{t('accounts.averages.asOf', { date: q.data.asOf })}</Typography.Text>}>
      <Table<Item> size="small" rowKey={(r) => `${r.category}-${r.currency}`} columns={columns} dataSource={q.data?.items ?? []} loading={q.isLoading}
        pagination={false} locale={{ emptyText: q.error ? q.error.message : t('institutionAverages.none') }} />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>{t('institutionAverages.rule')}</Typography.Paragraph>
    </Card>
  );
}

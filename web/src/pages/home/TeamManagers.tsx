// A head's team, one row per customer manager homed in his charge (issue 14 item 8): his primary
// and assisted customers today, their deposits, month average and loans, and the alerts open on
// his desk (GET /api/managers/team). A departed manager still holding customers is marked: his
// customers wait for a transfer.
import { useQuery } from '@tanstack/react-query';
import { Empty, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatMoney } from '../../lib/format';
import type { TeamRow } from '../../../../src/modules/managers/team/team.service.ts';

interface Team { asOf: string; institution: { id: number; name: string }; items: TeamRow[] }
const fetchTeam = (signal?: AbortSignal) => api.get<Team>('/managers/team', undefined, signal);
const byMoney = (f: 'deposits' | 'depositMonthAvg' | 'loans') => (a: TeamRow, b: TeamRow) => Number(a[f]) - Number(b[f]);

export function TeamManagers() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['workbench', 'team'], queryFn: ({ signal }) => fetchTeam(signal) });
  if (q.data && q.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('book.team.none')} />;
  const money = (f: 'deposits' | 'depositMonthAvg' | 'loans') => ({ title: t(`book.team.${f}`), dataIndex: f, align: 'right' as const, sorter: byMoney(f), render: (v: string) => formatMoney(v) });
  const columns: TableColumnsType<TeamRow> = [
    { title: t('book.team.manager'), key: 'name', fixed: 'left', render: (_, r) => <>{r.name}{r.status !== 'active' && <Tag color="orange" style={{ marginLeft: 6 }}>{t('book.team.departed')}</Tag>}</> },
    { title: t('book.team.institution'), key: 'institution', render: (_, r) => (r.parentInstitution ? `${r.parentInstitution} · ${r.institution}` : r.institution) },
    { title: t('book.team.primary'), dataIndex: 'primaryCustomers', align: 'right', sorter: (a, b) => a.primaryCustomers - b.primaryCustomers },
    { title: t('book.team.assisted'), dataIndex: 'assistedCustomers', align: 'right', sorter: (a, b) => a.assistedCustomers - b.assistedCustomers },
    money('deposits'), money('depositMonthAvg'), money('loans'),
    { title: t('book.team.openAlerts'), dataIndex: 'openAlerts', align: 'right', sorter: (a, b) => a.openAlerts - b.openAlerts,
      render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
  ];
  return (
    <Table<TeamRow> size="small" rowKey="managerId" loading={q.isLoading} columns={columns} dataSource={q.data?.items} scroll={{ x: 900 }}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }} data-testid="book-team-table" />
  );
}

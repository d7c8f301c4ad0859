// 维护责任表 (REL-24, seed 003 附件3): the customers in my charge with the responsibility level
// their value calls for (总行领导 / 营业单位负责人 / 客户经理 / 综合柜员), the person answering for
// each and whether he is the right level; a summary of proposed × actual levels; filters; Excel.
// The thresholds are head office's setting, shown above the table.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { formatMoney } from '../../lib/format';
import type { Agreement, ResponsibilityLevel, ResponsibilityRules } from '../../../../src/modules/managers/responsibility/responsibility.rules.ts';

const LEVELS: ResponsibilityLevel[] = ['head_office', 'outlet_head', 'customer_manager', 'teller'];
const AGREEMENTS: Agreement[] = ['match', 'below', 'above', 'unassigned'];
const AGREEMENT_COLOR: Record<Agreement, string> = { match: 'green', below: 'red', above: 'blue', unassigned: 'orange' };
interface Item {
  customerId: number; customerNo: string; name: string; institution: string | null; deposits: string; depositMonthAvg: string; loans: string;
  proposed: ResponsibilityLevel; manager: { id: number; name: string } | null; actual: ResponsibilityLevel | null; agreement: Agreement;
}
interface Listed { rules: ResponsibilityRules; total: number; items: Item[] }
interface Summary { cells: { proposed: ResponsibilityLevel; actual: ResponsibilityLevel | null; customers: number }[] }

export default function ResponsibilityPage() {
  const { t } = useTranslation();
  const [proposed, setProposed] = useState<ResponsibilityLevel>();
  const [agreement, setAgreement] = useState<Agreement>();
  const [page, setPage] = useState(1);
  const filters = { ...(proposed ? { proposed } : {}), ...(agreement ? { agreement } : {}) };
  const list = useQuery({ queryKey: ['responsibility', filters, page], queryFn: ({ signal }) => api.get<Listed>('/responsibility', { ...filters, page, pageSize: 20 }, signal) });
  const summary = useQuery({ queryKey: ['responsibility', 'summary'], queryFn: ({ signal }) => api.get<Summary>('/responsibility/summary', undefined, signal) });
  const level = (l: ResponsibilityLevel | null) => (l ? t(`managers.responsibility.level.${l}`) : '—');
  const count = (p: ResponsibilityLevel, a: ResponsibilityLevel | null | 'any') =>
    (summary.data?.cells ?? []).filter((c) => c.proposed === p && (a === 'any' || c.actual === a)).reduce((n, c) => n + c.customers, 0);
  const rules = list.data?.rules;
  const columns: TableColumnsType<Item> = [
    { title: t('managers.responsibility.customer'), key: 'name', render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.name}</Link> },
    { title: t('managers.responsibility.customerNo'), dataIndex: 'customerNo', width: 130 },
    { title: t('managers.responsibility.institution'), dataIndex: 'institution', width: 120 },
    { title: t('managers.responsibility.deposits'), dataIndex: 'deposits', align: 'right', width: 140, render: (v: string) => formatMoney(v) },
    { title: t('managers.responsibility.loans'), dataIndex: 'loans', align: 'right', width: 140, render: (v: string) => formatMoney(v) },
    { title: t('managers.responsibility.proposed'), dataIndex: 'proposed', width: 140, render: level },
    { title: t('managers.responsibility.manager'), key: 'manager', width: 110, render: (_, r) => r.manager?.name ?? '—' },
    { title: t('managers.responsibility.actual'), dataIndex: 'actual', width: 130, render: level },
    { title: t('managers.responsibility.agreement'), dataIndex: 'agreement', width: 150, render: (a: Agreement) => <Tag color={AGREEMENT_COLOR[a]}>{t(`managers.responsibility.agreements.${a}`)}</Tag> },
  ];
  const exportHref = `/api/responsibility/export?${new URLSearchParams(filters as Record<string, string>).toString()}`;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={t('managers.responsibility.title')} data-testid="responsibility-summary">
        {rules && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('managers.responsibility.rules', {
            basis: t(`managers.responsibility.basis.${rules.basis}`), hoDeposit: formatMoney(rules.headOffice.deposit), hoLoan: formatMoney(rules.headOffice.loan),
            ohDeposit: formatMoney(rules.outletHead.deposit), ohLoan: formatMoney(rules.outletHead.loan), cmDeposit: formatMoney(rules.customerManager.deposit) })} />
        )}
        <Table size="small" rowKey="level" pagination={false} loading={summary.isLoading}
          dataSource={LEVELS.map((l) => ({ level: l }))}
          columns={[
            { title: t('managers.responsibility.proposed'), dataIndex: 'level', render: level },
            { title: t('managers.responsibility.customers'), key: 'all', align: 'right', render: (_, r) => count(r.level, 'any') },
            ...LEVELS.map((a) => ({ title: level(a), key: a, align: 'right' as const, render: (_: unknown, r: { level: ResponsibilityLevel }) => count(r.level, a) })),
            { title: t('managers.responsibility.agreements.unassigned'), key: 'none', align: 'right', render: (_, r) => count(r.level, null) },
          ]} />
      </Card>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder={t('managers.responsibility.proposed')} style={{ width: 180 }} value={proposed} onChange={(v) => { setProposed(v); setPage(1); }}
            options={LEVELS.map((l) => ({ value: l, label: level(l) }))} data-testid="responsibility-proposed" />
          <Select allowClear placeholder={t('managers.responsibility.agreement')} style={{ width: 200 }} value={agreement} onChange={(v) => { setAgreement(v); setPage(1); }}
            options={AGREEMENTS.map((a) => ({ value: a, label: t(`managers.responsibility.agreements.${a}`) }))} data-testid="responsibility-agreement" />
          <Button icon={<DownloadOutlined />} href={exportHref} data-testid="responsibility-export">{t('managers.responsibility.export')}</Button>
          {list.data && <Typography.Text type="secondary">{t('managers.responsibility.total', { count: list.data.total })}</Typography.Text>}
        </Space>
        <Table<Item> size="small" rowKey="customerId" loading={list.isLoading} columns={columns} dataSource={list.data?.items} scroll={{ x: 1200 }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} data-testid="responsibility-table" />
      </Card>
    </Space>
  );
}

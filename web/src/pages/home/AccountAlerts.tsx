// 账户预警 (ACC-4) on the workbench: the maturity warnings (到期预警) and large-amount changes
// (大额变动) the signed-in user answers for — his customers', and for institution-wide roles those
// of customers nobody manages in the institutions in his charge. Shown to holders of customer.read.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Card, Popconfirm, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AccountAlertPage, AccountAlertView, AlertKind } from '../../../../src/modules/accounts/alerts/alert.schema.ts';
import { api } from '../../api/client';
import { useReportError } from '../../api/use-report-error';
import { useCan } from '../../auth/session';
import { useLang } from '../../i18n';
import { formatMoney, localName } from '../../lib/format';
import styles from './home.module.css';

type Alert = Omit<AccountAlertView, 'doneAt'> & { doneAt: string | null };
type Page = Omit<AccountAlertPage, 'items'> & { items: Alert[] };

const KEY = ['workbench', 'account-alerts'] as const;
/** Days left at or under which a maturity is urgent (the narrowest default window). */
const URGENT_DAYS = 7;

const fetchAlerts = (q: { kind: AlertKind; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<Page>('/workbench/account-alerts', { ...q, status: 'open' }, signal);
const markDone = (id: number) => api.post<{ id: number }>(`/workbench/account-alerts/${id}/done`);

/** "+1,000.00" / "-1,000.00": the direction of the change at a glance. */
const signed = (v: string | null) => (v === null ? '—' : `${v.startsWith('-') || /^0(\.0+)?$/.test(v) ? '' : '+'}${formatMoney(v)}`);

export function AccountAlerts() {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<AlertKind>('maturity');
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const allowed = can('customer.read');
  const list = useQuery({ queryKey: [...KEY, kind, page], queryFn: ({ signal }) => fetchAlerts({ kind, ...page }, signal),
    placeholderData: keepPreviousData, enabled: allowed });
  if (!allowed) return null;

  const done = (a: Alert) => markDone(a.id).then(() => {
    message.success(t('accountAlerts.done'));
    void queryClient.invalidateQueries({ queryKey: KEY });
  }, report);

  const common: TableColumnsType<Alert> = [
    { title: t('accountAlerts.customer'), key: 'customer', render: (_, a) => <Link to={`/customers/${a.customer.id}`}>{a.customer.name}</Link> },
    { title: t('accountAlerts.account'), dataIndex: 'accountNo', width: 190, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('accountAlerts.product'), key: 'product', render: (_, a) => localName(lang, { nameZh: a.productNameZh, nameEn: a.productNameEn }) },
  ];
  const maturityColumns: TableColumnsType<Alert> = [
    ...common,
    { title: t('accountAlerts.balance'), dataIndex: 'balance', align: 'right', render: (v: string, a) => `${formatMoney(v)} ${a.currency}` },
    { title: t('accountAlerts.maturityOn'), dataIndex: 'maturityOn', width: 200, render: (v: string, a) => (
      <>{v} <Tag color={a.daysLeft !== null && a.daysLeft <= URGENT_DAYS ? 'red' : 'gold'}>
        {a.daysLeft === 0 ? t('accountAlerts.dueToday') : t('accountAlerts.daysLeft', { days: a.daysLeft })}</Tag></>) },
    { title: t('accountAlerts.window'), dataIndex: 'windowDays', width: 90, render: (v: number) => t('accountAlerts.windowDays', { days: v }) },
  ];
  const changeColumns: TableColumnsType<Alert> = [
    ...common,
    { title: t('accountAlerts.businessDate'), dataIndex: 'businessDate', width: 110 },
    { title: t('accountAlerts.previousBalance'), dataIndex: 'previousBalance', align: 'right', render: (v: string) => formatMoney(v) },
    { title: t('accountAlerts.balance'), dataIndex: 'balance', align: 'right', render: (v: string) => formatMoney(v) },
    { title: t('accountAlerts.change'), dataIndex: 'change', align: 'right', render: (v: string, a) => <Typography.Text strong>{signed(v)} {a.currency}</Typography.Text> },
  ];
  const action: TableColumnsType<Alert>[number] = {
    title: t('common.actions'), key: 'actions', width: 90,
    render: (_, a) => <Popconfirm title={t('accountAlerts.doneConfirm')} onConfirm={() => done(a)}><a>{t('accountAlerts.markDone')}</a></Popconfirm>,
  };
  const counts = list.data?.counts;
  const tab = (k: AlertKind, label: string) => ({ key: k, label: <>{label} <Badge count={counts?.[k] ?? 0} showZero={false} overflowCount={9999} /></> });

  return (
    <Card size="small" className={styles.block} title={t('accountAlerts.title')} data-testid="account-alerts"
      extra={<Typography.Text type="secondary">{t('accountAlerts.hint')}</Typography.Text>}>
      <Tabs activeKey={kind} onChange={(k) => { setKind(k as AlertKind); setPage((p) => ({ ...p, page: 1 })); }}
        items={[tab('maturity', t('accountAlerts.maturity')), tab('large_change', t('accountAlerts.largeChange'))]} />
      <Table<Alert> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items}
        columns={[...(kind === 'maturity' ? maturityColumns : changeColumns), action]}
        locale={{ emptyText: list.error ? list.error.message : t('accountAlerts.none') }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, hideOnSinglePage: true,
          showTotal: (n) => t('common.total', { count: n }), onChange: (p, s) => setPage({ page: p, pageSize: s }) }} />
    </Card>
  );
}

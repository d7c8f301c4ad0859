// 账户与余额 (ACC-2, ACC-3): the customer's accounts and loan contracts as the core system
// delivers them (read-only here), daily averages per category and currency, and the balance trend.
import { useQuery } from '@tanstack/react-query';
import { AllocationTab } from '../../performance/AllocationTab';
import { Alert, Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n';
import { formatMoney, localName, orDash } from '../../../lib/format';
import type { CustomerView } from '../api';
import { fetchAccounts, fetchAverages, fetchBalanceTrend, PERIODS, type Account, type AccountStatus, type GuaranteeType } from './accounts-api';
import ClosureCheckButton from './ClosureCheckButton';

// ECharts is loaded only when a chart is first shown, not with every customer view.
const BalanceTrendChart = lazy(() => import('./BalanceTrendChart').then((m) => ({ default: m.BalanceTrendChart })));

const STATUS_COLOR: Record<AccountStatus, string> = { active: 'green', dormant: 'orange', closed: 'default', frozen: 'red' };
/** Maturities this close are flagged: time to call the customer about renewal or repayment. */
const SOON_DAYS = 30;
const MAX_TREND_DAYS = 366;

function Maturity({ a }: { a: Account }) {
  const { t } = useTranslation();
  if (!a.maturityOn) return <>—</>;
  if (a.status === 'closed') return <>{a.maturityOn}</>;
  const days = dayjs(a.maturityOn).diff(dayjs().startOf('day'), 'day');
  const tag = days > 0 ? <Tag color={days <= SOON_DAYS ? 'orange' : 'default'}>{t('accounts.daysLeft', { days })}</Tag>
    : days === 0 ? <Tag color="orange">{t('accounts.dueToday')}</Tag> : <Tag color="red">{t('accounts.overdue', { days: -days })}</Tag>;
  return <Space size={4} wrap>{a.maturityOn}{tag}</Space>;
}

function AccountNo({ a }: { a: Account }) {
  const { t } = useTranslation();
  // Masked or not is decided by the server (customer.sensitive.read, audited there), as in <Masked>.
  const no = <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }} data-testid={`account-no-${a.id}`}>{a.accountNo}</span>;
  return a.masked ? <Tooltip title={t('accounts.maskedHint')}>{no}</Tooltip> : no;
}

function DailyAverages({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['customer', customerId, 'averages'], queryFn: ({ signal }) => fetchAverages(customerId, signal) });
  return (
    <Card size="small" title={t('accounts.averages.title')} loading={q.isLoading} data-testid="daily-averages" style={{ marginBottom: 12 }}
      extra={q.data?.asOf && <Typography.Text type="secondary">{t('accounts.averages.asOf', { date: q.data.asOf })}</Typography.Text>}>
      {q.error ? <Alert type="warning" showIcon title={q.error.message} />
        : !q.data?.totals.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accounts.averages.none')} />
        : (
          <Row gutter={[12, 12]}>
            {q.data.totals.map((g) => (
              <Col key={`${g.category}-${g.currency}`} xs={24} md={12} xl={8}>
                <Card type="inner" size="small" title={t('accounts.trend.series', { category: t(`accounts.category.${g.category}`), currency: g.currency })}
                  data-testid={`daily-averages-${g.category}-${g.currency}`}>
                  <Row gutter={8}>
                    {PERIODS.map((p) => (
                      <Col span={8} key={p}>
                        <Statistic value={g[p] === null ? '—' : formatMoney(g[p])} styles={{ content: { fontSize: 16 } }}
                          title={g.partial.includes(p) && g[p] !== null
                            ? <Tooltip title={t('accounts.averages.partialHint')}><span data-testid={`daily-averages-partial-${g.category}-${g.currency}-${p}`}>{t(`accounts.averages.${p}`)} <Tag color="warning" style={{ marginInlineEnd: 0 }}>{t('accounts.averages.partial')}</Tag></span></Tooltip>
                            : t(`accounts.averages.${p}`)} />
                      </Col>
                    ))}
                  </Row>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>{t('accounts.averages.rule')}</Typography.Paragraph>
    </Card>
  );
}

function Trend({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const dates = range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {};
  const q = useQuery({ queryKey: ['customer', customerId, 'balance-trend', dates], queryFn: ({ signal }) => fetchBalanceTrend(customerId, dates, signal) });
  return (
    <Card size="small" title={t('accounts.trend.title')} style={{ marginBottom: 12 }} extra={(
      <Tooltip title={t('accounts.trend.maxDays')}>
        <DatePicker.RangePicker size="small" allowClear value={range ?? (q.data?.from && q.data.to ? [dayjs(q.data.from), dayjs(q.data.to)] : null)}
          onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)} aria-label={t('accounts.trend.range')} data-testid="balance-trend-range"
          disabledDate={(d, info) => Boolean(info.from && Math.abs(d.diff(info.from, 'day')) >= MAX_TREND_DAYS)} />
      </Tooltip>
    )}>
      {q.error ? <Alert type="warning" showIcon title={q.error.message} />
        : q.data ? <Suspense fallback={<div style={{ height: 320 }} />}><BalanceTrendChart trend={q.data} /></Suspense> : <div style={{ height: 320 }} />}
    </Card>
  );
}

// The customer's performance shares sit with his accounts: whose performance these balances are.
export function AccountsTab({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const list = useQuery({ queryKey: ['customer', c.id, 'accounts'], queryFn: ({ signal }) => fetchAccounts(c.id, signal) });
  const loans = list.data?.items.filter((a) => a.kind === 'loan');
  const money = { align: 'right' as const, render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(v)}</span> };
  // The balance of record is the latest daily snapshot; its date shows on hover.
  const balance = { align: 'right' as const, render: (v: string, a: Account) => (
    <span style={{ whiteSpace: 'nowrap' }} title={a.balanceOn ? t('accounts.balanceOn', { date: a.balanceOn }) : undefined}>{formatMoney(v)}</span>) };
  return (
    <>
      <DailyAverages customerId={c.id} />
      <Trend customerId={c.id} />
      <Card size="small" title={t('accounts.accountsTitle')} style={{ marginBottom: 12 }}>
        {/* Fits 1366 px without sideways scrolling or a fixed column: a fixed action column over a
            scrolled table covered the maturity badge and the status. The product name takes what is left. */}
        <Table<Account> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items} tableLayout="fixed" data-testid="accounts-table"
          pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: list.error ? list.error.message : t('accounts.noAccounts') }}
          onRow={(a) => ({ 'data-testid': `account-row-${a.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('accounts.accountNo'), dataIndex: 'accountNo', width: 165, render: (_: string, a) => <AccountNo a={a} /> },
            { title: t('accounts.product'), key: 'product', ellipsis: { showTitle: true }, render: (_: unknown, a) => localName(lang, { nameZh: a.productNameZh, nameEn: a.productNameEn }) },
            { title: t('accounts.kindLabel'), dataIndex: 'kind', width: 90, render: (k: Account['kind']) => t(`accounts.kind.${k}`) },
            { title: t('accounts.currency'), dataIndex: 'currency', width: 80 },
            { title: t('accounts.balance'), dataIndex: 'balance', width: 120, ...balance },
            { title: t('accounts.rate'), dataIndex: 'rate', width: 80, align: 'right', render: orDash },
            { title: t('accounts.openedOn'), dataIndex: 'openedOn', width: 96 },
            { title: t('accounts.maturityOn'), dataIndex: 'maturityOn', width: 170, render: (_: string | null, a) => <Maturity a={a} /> },
            { title: t('accounts.status'), dataIndex: 'status', width: 84, render: (s: AccountStatus) => <Tag color={STATUS_COLOR[s]}>{t(`accounts.accountStatus.${s}`)}</Tag> },
            // A closed account has nothing left to check before closing.
            { title: t('accounts.actions'), key: 'actions', width: 80, align: 'center', render: (_: unknown, a) => (a.status === 'closed' ? null : <ClosureCheckButton accountId={a.id} compact />) },
          ]} />
      </Card>
      <Card size="small" title={t('accounts.contractsTitle')}>
        <Table<Account> rowKey="id" size="small" loading={list.isFetching} dataSource={loans} scroll={{ x: 900 }} data-testid="loan-contracts-table"
          pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: list.error ? list.error.message : t('accounts.noContracts') }}
          columns={[
            { title: t('accounts.contractNo'), dataIndex: 'contractNo', width: 180, render: orDash },
            { title: t('accounts.contractAmount'), dataIndex: 'contractAmount', width: 150, ...money },
            { title: t('accounts.balance'), dataIndex: 'balance', width: 150, ...balance },
            { title: t('accounts.currency'), dataIndex: 'currency', width: 80 },
            { title: t('accounts.term'), dataIndex: 'termMonths', width: 90, render: (m: number | null) => (m ? t('accounts.termMonths', { months: m }) : '—') },
            { title: t('accounts.guaranteeType'), dataIndex: 'guaranteeType', width: 100, render: (g: GuaranteeType | null) => (g ? t(`accounts.guarantee.${g}`) : '—') },
            { title: t('accounts.maturityOn'), dataIndex: 'maturityOn', width: 200, render: (_: string | null, a) => <Maturity a={a} /> },
          ]} />
      </Card>
      <AllocationTab c={c} />
    </>
  );
}

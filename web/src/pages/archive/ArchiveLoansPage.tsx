// 档案调阅登记: the check-out register, with the overdue list as of a day (due dates were counted
// in working days on the calendar when the file went out); checking a file back in.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, DatePicker, Popconfirm, Segmented, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useReportError } from '../../api/use-report-error';
import { orDash } from '../../lib/format';
import { checkIn, fetchLoans, type Loan, type LoanState } from './api';

const STATES: readonly LoanState[] = ['open', 'overdue', 'returned', 'all'];

export default function ArchiveLoansPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const state = (STATES as readonly string[]).includes(params.get('state') ?? '') ? (params.get('state') as LoanState) : 'open';
  const [asOf, setAsOf] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const list = useQuery({ queryKey: ['archive', 'loans', state, asOf, page], queryFn: ({ signal }) => fetchLoans({ state, asOf, ...page }, signal), placeholderData: keepPreviousData });
  const back = (l: Loan) => checkIn(l.id).then((r) => {
    message.success(r.late ? t('archive.checkedInLate') : t('archive.checkedIn'));
    void queryClient.invalidateQueries({ queryKey: ['archive'] });
    void queryClient.invalidateQueries({ queryKey: ['todos'] });
  }, report);
  return (
    <Card size="small" title={t('archive.loansTitle')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={state} onChange={(v) => { setParams((p) => { p.set('state', String(v)); return p; }); setPage((p) => ({ ...p, page: 1 })); }}
          options={STATES.map((s) => ({ value: s, label: t(`archive.state.${s}`) }))} />
        {state === 'overdue' && <DatePicker placeholder={t('archive.asOf')} value={asOf ? dayjs(asOf) : null} onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)} />}
      </Space>
      <Table<Loan> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items}
        locale={{ emptyText: list.error ? list.error.message : t('common.noData') }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { count: n }), onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: t('archive.positionNo'), dataIndex: ['position', 'positionNo'], width: 130 },
          { title: t('archive.accountName'), dataIndex: 'accountName' },
          { title: t('archive.borrower'), dataIndex: 'borrower', width: 100 },
          { title: t('archive.purpose'), dataIndex: 'purpose' },
          { title: t('archive.checkedOutOn'), dataIndex: 'checkedOutOn', width: 110 },
          { title: t('archive.dueOnCol'), dataIndex: 'dueOn', width: 150, render: (v: string, l) => <>{v} {l.overdue && <Tag color="red">{t('archive.overdueTag')}</Tag>}</> },
          { title: t('archive.returnedOn'), dataIndex: 'returnedOn', width: 110, render: orDash },
          { title: t('archive.lentBy'), dataIndex: 'lentBy', width: 90, render: orDash },
          { title: t('common.actions'), key: 'a', width: 70, render: (_, l) => (l.returnedOn ? null : <Popconfirm title={t('archive.checkInConfirm')} onConfirm={() => back(l)}><a>{t('archive.checkIn')}</a></Popconfirm>) },
        ]} />
    </Card>
  );
}

// 档案存放位: every filed position with the file's current borrower; checking a file out.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../lib/format';
import { checkOut, fetchCabinets, fetchPositions, type Position } from './api';

interface OutValues { borrower: string; purpose: string; workingDays: number }

export default function ArchivePositionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [cabinetId, setCabinetId] = useState<number | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [lending, setLending] = useState<Position | null>(null);
  const cabinets = useQuery({ queryKey: ['archive', 'cabinets'], queryFn: ({ signal }) => fetchCabinets(signal) });
  const list = useQuery({ queryKey: ['archive', 'positions', cabinetId, page], queryFn: ({ signal }) => fetchPositions({ cabinetId, ...page }, signal), placeholderData: keepPreviousData });
  return (
    <Card size="small" title={t('archive.positionsTitle')}>
      <Select allowClear style={{ width: 240, marginBottom: 12 }} placeholder={t('archive.cabinet')} value={cabinetId}
        onChange={(v) => { setCabinetId(v); setPage((p) => ({ ...p, page: 1 })); }}
        options={cabinets.data?.items.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))} />
      <Table<Position> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items}
        locale={{ emptyText: list.error ? list.error.message : t('common.noData') }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { count: n }), onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: t('archive.positionNo'), dataIndex: 'positionNo', width: 130 },
          { title: t('archive.customerNo'), dataIndex: 'customerNo', width: 120 },
          { title: t('archive.accountNo'), dataIndex: 'accountNo', width: 170 },
          { title: t('archive.accountName'), dataIndex: 'accountName' },
          { title: t('archive.flowNo'), dataIndex: ['flow', 'flowNo'], width: 120 },
          { title: t('archive.filedAt'), dataIndex: 'filedAt', width: 160, render: formatDateTime },
          { title: t('documents.status'), key: 'out', width: 220, render: (_, p) => (p.out ? <Tag color="orange">{t('archive.out', { borrower: p.out.borrower, dueOn: p.out.dueOn })}</Tag> : <Tag color="green">{t('archive.inStock')}</Tag>) },
          { title: t('common.actions'), key: 'a', width: 70, render: (_, p) => (p.out ? null : <a onClick={() => setLending(p)}>{t('archive.checkOut')}</a>) },
        ]} />
      {lending && (
        <FormModal<OutValues> open title={t('archive.checkOutTitle', { positionNo: lending.positionNo })} initialValues={{ workingDays: 5 }} onCancel={() => setLending(null)}
          onSubmit={async (v) => {
            const r = await checkOut(lending.id, v);
            message.success(t('archive.checkedOut', { dueOn: r.dueOn }));
            setLending(null);
            void queryClient.invalidateQueries({ queryKey: ['archive'] });
          }}>
          <Form.Item name="borrower" label={t('archive.borrower')} rules={[{ required: true, message: t('archive.required') }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="purpose" label={t('archive.purpose')} rules={[{ required: true, message: t('archive.required') }]}><Input.TextArea maxLength={200} rows={2} /></Form.Item>
          <Form.Item name="workingDays" label={t('archive.workingDays')} rules={[{ required: true, message: t('archive.required') }]}><InputNumber min={1} max={60} precision={0} /></Form.Item>
        </FormModal>
      )}
    </Card>
  );
}

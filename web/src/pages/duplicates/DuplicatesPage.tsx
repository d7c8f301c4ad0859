// 疑似重复客户 (CIF-1): pairs flagged when a customer was opened (same name and birth date, or
// same mobile), both in my charge; a holder of customer.merge merges them into the record that
// stays, or records that they are different people.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../auth/session';
import { FormModal } from '../../components/FormModal';
import { formatDateTime, orDash } from '../../lib/format';
import { CodeName } from '../customers/view/CodeName';
import { dismissDuplicate, fetchDuplicates, mergeCustomers, type DuplicateReason, type DuplicateRow, type Side } from './api';

function SideCell({ s }: { s: Side }) {
  const { t } = useTranslation();
  return (
    <div>
      <Space size={6} wrap>
        <Link to={`/customers/${s.id}`}>{s.customerNo}</Link>
        <Typography.Text strong>{s.name}</Typography.Text>
        {s.blacklisted && <Tag color="red">{t('customers.blacklist.tag')}</Tag>}
      </Space>
      <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 12 }}>
        {s.institutionName} · {t('duplicates.born')} {orDash(s.birthDate)} · {t('customers.mobile')} <code>{orDash(s.mobile)}</code>
      </div>
      {s.identities.map((d, i) => (
        <div key={i} style={{ fontSize: 12 }}><CodeName table="id_type" code={d.idType} /> <code>{d.idNumber}</code></div>
      ))}
    </div>
  );
}

/** The two records side by side, field by field, the fields that differ marked: what the reviewer decides on. */
function Comparison({ a, b }: { a: Side; b: Side }) {
  const { t } = useTranslation();
  const docs = (s: Side) => s.identities.map((d, i) => <div key={i}><CodeName table="id_type" code={d.idType} /> <code>{d.idNumber}</code></div>);
  const rows: { key: string; label: string; value: (s: Side) => ReactNode; text: (s: Side) => string }[] = [
    { key: 'no', label: t('customers.customerNo'), value: (s) => <Link to={`/customers/${s.id}`} target="_blank">{s.customerNo}</Link>, text: () => '' },
    { key: 'name', label: t('customers.name'), value: (s) => s.name, text: (s) => s.name },
    { key: 'birth', label: t('duplicates.birthDate'), value: (s) => orDash(s.birthDate), text: (s) => orDash(s.birthDate) },
    { key: 'mobile', label: t('customers.mobile'), value: (s) => <code>{orDash(s.mobile)}</code>, text: (s) => orDash(s.mobile) },
    { key: 'ids', label: t('customers.tab.identities'), value: docs, text: (s) => s.identities.map((d) => `${d.idType}:${d.idNumber}`).join() },
    { key: 'inst', label: t('customers.institution'), value: (s) => s.institutionName, text: (s) => s.institutionName },
    { key: 'status', label: t('duplicates.blacklisted'), value: (s) => (s.blacklisted ? <Tag color="red">{t('customers.blacklist.tag')}</Tag> : '—'), text: (s) => String(s.blacklisted) },
    { key: 'opened', label: t('duplicates.createdAt'), value: (s) => formatDateTime(s.createdAt), text: () => '' },
  ];
  return (
    <Table size="small" pagination={false} rowKey="key" bordered style={{ marginBottom: 16 }} data-testid="merge-comparison" dataSource={rows}
      rowClassName={(r) => (r.text(a) !== r.text(b) ? 'merge-differs' : '')}
      columns={[
        { title: '', dataIndex: 'label', width: 120 },
        { title: t('duplicates.customer'), key: 'a', render: (_: unknown, r) => <span style={r.text(a) !== r.text(b) ? { color: '#d4380d' } : undefined}>{r.value(a)}</span> },
        { title: t('duplicates.other'), key: 'b', render: (_: unknown, r) => <span style={r.text(a) !== r.text(b) ? { color: '#d4380d' } : undefined}>{r.value(b)}</span> },
      ]} />
  );
}

function MergeModal({ row, onClose, onDone }: { row: DuplicateRow; onClose: () => void; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  // The record opened first usually carries the history; it is offered as the one that stays.
  const older = row.customer.createdAt <= row.other.createdAt ? row.customer : row.other;
  const label = (s: Side) => `${s.customerNo} ${s.name}（${formatDateTime(s.createdAt)}）`;
  return (
    <FormModal<{ survivorId: number; reason: string }> open width={820} okDanger okText={t('duplicates.merge')} onCancel={onClose} testId="merge-form"
      title={t('duplicates.mergeTitle')} initialValues={{ survivorId: older.id }}
      onSubmit={async (v) => {
        const mergedId = v.survivorId === row.customer.id ? row.other.id : row.customer.id;
        const r = await mergeCustomers({ survivorId: v.survivorId, mergedId, reason: v.reason.trim() });
        // Under review the answer is the request; nothing has moved yet.
        onDone('requestId' in r ? t('duplicates.mergeSubmitted', { requestId: r.requestId }) : t('duplicates.merged', { customerNo: r.survivorNo }));
      }}>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('duplicates.mergeWarning')} description={t('duplicates.mergeReviewHint')} />
      <Comparison a={row.customer} b={row.other} />
      <Form.Item name="survivorId" label={t('duplicates.survivor')} rules={[{ required: true }]}>
        <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={[row.customer, row.other].map((s) => ({ value: s.id, label: label(s) }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={200} showCount />
      </Form.Item>
    </FormModal>
  );
}

export default function DuplicatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<DuplicateReason | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [merging, setMerging] = useState<DuplicateRow | null>(null);
  const [dismissing, setDismissing] = useState<DuplicateRow | null>(null);
  const list = useQuery({ queryKey: ['duplicates', reason, page], queryFn: ({ signal }) => fetchDuplicates({ reason, ...page }, signal), placeholderData: keepPreviousData });
  const manage = can('customer.merge');
  const done = (text: string) => {
    setMerging(null);
    setDismissing(null);
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: ['duplicates'] });
    void queryClient.invalidateQueries({ queryKey: ['customers'] });
    void queryClient.invalidateQueries({ queryKey: ['customer'] });
  };

  return (
    <Card size="small" title={t('duplicates.title')}>
      <Space style={{ marginBottom: 12 }}>
        <Select<DuplicateReason | 'all'> style={{ width: 200 }} value={reason ?? 'all'} onChange={(v) => { setReason(v === 'all' ? undefined : v); setPage((p) => ({ ...p, page: 1 })); }}
          options={[{ value: 'all', label: t('duplicates.allReasons') }, ...(['name_birth', 'mobile'] as const).map((r) => ({ value: r, label: t(`duplicates.reason.${r}`) }))]} />
        <Typography.Text type="secondary">{t('duplicates.intro')}</Typography.Text>
      </Space>
      <Table<DuplicateRow> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items}
        locale={{ emptyText: list.error ? list.error.message : t('duplicates.none') }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: t('duplicates.reasonLabel'), dataIndex: 'reasons', width: 140, render: (rs: DuplicateReason[]) => (
            <Space size={4} wrap>{rs.map((r) => <Tag key={r} color="orange">{t(`duplicates.reason.${r}`)}</Tag>)}</Space>) },
          { title: t('duplicates.customer'), key: 'a', render: (_: unknown, r) => <SideCell s={r.customer} /> },
          { title: t('duplicates.other'), key: 'b', render: (_: unknown, r) => <SideCell s={r.other} /> },
          { title: t('duplicates.flaggedAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
          ...(manage ? [{ title: t('common.actions'), key: 'actions', width: 150, render: (_: unknown, r: DuplicateRow) => r.mergeRequestId !== null ? (
            // A merge of these two records is under review: no second merge, the request is one click away.
            <Link to={`/approvals?id=${r.mergeRequestId}`}><Tag color="processing">{t('duplicates.underReview')}</Tag></Link>
          ) : (
            <Space size={8}>
              <a onClick={() => setMerging(r)}>{t('duplicates.merge')}</a>
              <a onClick={() => setDismissing(r)}>{t('duplicates.dismiss')}</a>
            </Space>
          ) }] : []),
        ]} />
      {merging && <MergeModal row={merging} onClose={() => setMerging(null)} onDone={done} />}
      {dismissing && (
        <FormModal<{ reason: string }> open title={t('duplicates.dismissTitle')} okText={t('duplicates.dismiss')} onCancel={() => setDismissing(null)} testId="dismiss-form"
          onSubmit={async (v) => { await dismissDuplicate(dismissing.id, v.reason.trim()); done(t('duplicates.dismissed')); }}>
          <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}

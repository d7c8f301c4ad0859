// One flow: its facts, certificate rows and what the reader may do next (submit, cancel, receive,
// finish the entry), each step confirmed as the seed asks ("是否确认提交？").
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useReportError } from '../../api/use-report-error';
import { formatDateTime, orDash } from '../../lib/format';
import { fetchFlow, flowAction, STATUS_COLOR, type FlowDetail } from './api';
import { FlowFormModal } from './FlowFormModal';

export function FlowStatusTag({ status }: { status: FlowDetail['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`documents.statusLabel.${status}`)}</Tag>;
}

export function FlowDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const flow = useQuery({ queryKey: ['documents', 'flow', id], queryFn: ({ signal }) => fetchFlow(id, signal) });
  const f = flow.data;
  const refresh = () => { void queryClient.invalidateQueries({ queryKey: ['documents'] }); void queryClient.invalidateQueries({ queryKey: ['todos'] }); };
  const act = (action: 'submit' | 'cancel' | 'accept', done: string) => flowAction(id, action).then(() => { message.success(done); refresh(); }, report);

  return (
    <Drawer open width={760} title={f ? `${t('documents.detail')} ${f.flowNo}` : t('documents.detail')} onClose={onClose} data-testid="flow-drawer"
      extra={f && (
        <Space wrap>
          {f.can.edit && <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
          {f.can.edit && <Popconfirm title={t('documents.cancelConfirm')} onConfirm={() => act('cancel', t('documents.cancelled'))}><Button danger>{t('documents.cancel')}</Button></Popconfirm>}
          {f.can.edit && <Popconfirm title={t('documents.submitConfirm')} onConfirm={() => act('submit', t('documents.submitted'))}><Button type="primary" data-testid="flow-submit">{t('documents.submit')}</Button></Popconfirm>}
          {f.can.accept && <Popconfirm title={t('documents.acceptConfirm')} onConfirm={() => act('accept', t('documents.accepted'))}><Button type="primary" data-testid="flow-accept">{t('documents.accept')}</Button></Popconfirm>}
          {/* Keying happens on the customer's form (DocumentEntryPage); its save is "entry complete", confirmed there. */}
          {f.can.enter && <Link to={`/documents/flows/${id}/entry`}><Button type="primary" data-testid="flow-enter">{t('documents.keyInformation')}</Button></Link>}
        </Space>
      )}>
      {f && (
        <>
          <Descriptions size="small" column={2} bordered items={[
            { key: 'no', label: t('documents.flowNo'), children: f.flowNo },
            { key: 'st', label: t('documents.status'), children: <FlowStatusTag status={f.status} /> },
            { key: 'acc', label: t('documents.accountNo'), children: f.accountNo },
            { key: 'name', label: t('documents.accountName'), children: <Link to={`/customers/${f.customerId}`}>{f.accountName}</Link> },
            { key: 'inst', label: t('documents.institution'), children: f.institution.name },
            { key: 'centre', label: t('documents.centre'), children: f.centre.name },
            { key: 'by', label: t('documents.createdBy'), children: f.createdBy },
            { key: 'at', label: t('documents.createdAt'), children: formatDateTime(f.createdAt) },
            { key: 'sub', label: t('documents.submittedAt'), children: formatDateTime(f.submittedAt) },
            { key: 'rec', label: t('documents.receivedAt'), children: formatDateTime(f.receivedAt) },
            { key: 'done', label: t('documents.completedAt'), children: formatDateTime(f.completedAt) },
            { key: 'rev', label: t('documents.review'), children: f.review ? <Link to={`/approvals?id=${f.review.requestId}`}>{t('documents.openReview')}</Link> : '—' },
            { key: 'pos', label: t('documents.position'), children: orDash(f.position?.positionNo) },
            { key: 'tot', label: t('documents.totalCopies'), children: `${f.totalCopies} / ${t('documents.totalPages')} ${f.totalPages}` },
          ]} />
          <h4 style={{ marginTop: 16 }}>{t('documents.items')}</h4>
          <Table size="small" rowKey="lineNo" pagination={false} dataSource={f.items}
            columns={[
              { title: '#', dataIndex: 'lineNo', width: 48 },
              { title: t('documents.certKind'), dataIndex: 'certKind' },
              { title: t('documents.certNo'), dataIndex: 'certNo', render: orDash },
              { title: t('documents.pages'), dataIndex: 'pages', width: 80 },
              { title: t('documents.copies'), dataIndex: 'copies', width: 80 },
            ]} />
        </>
      )}
      {editing && f && <FlowFormModal flow={f} onClose={() => setEditing(false)} onSaved={(_, flowNo) => { setEditing(false); message.success(t('documents.saved', { flowNo })); refresh(); }} />}
    </Drawer>
  );
}

// One request: what it would change (old → new), its steps, every decision so far, and what I may
// do with it now (approve / return / reject as a checker; withdraw / resubmit as its maker).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Popconfirm, Result, Skeleton, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useReportError } from '../../api/use-report-error';
import { useLang } from '../../i18n';
import { formatDateTime, orDash } from '../../lib/format';
import { fetchApproval, resubmit, subjectLink, withdraw, type ApprovalDetail } from './api';
import { DecisionModal, type Decision } from './DecisionModal';
import { CodeName } from '../customers/view/CodeName';
import { customerCodeTable, fieldLabel, typeLabel, valueLabel } from './labels';
import { StatusTag } from './StatusTag';

export function RequestDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const q = useQuery({ queryKey: ['approval', id], queryFn: ({ signal }) => fetchApproval(id, signal) });
  const r = q.data;

  const refresh = (text: string) => {
    setDeciding(null);
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: ['approval'] });
    void queryClient.invalidateQueries({ queryKey: ['approvals'] });
  };
  const done = { approve: 'approvals.approved', return: 'approvals.returned', reject: 'approvals.rejected' } as const;
  const link = r ? subjectLink(r.subject) : null;

  const actions = r && (
    <Space>
      {r.can.decide && <>
        <Button type="primary" onClick={() => setDeciding('approve')} data-testid="approval-approve">{t('approvals.approve')}</Button>
        <Button onClick={() => setDeciding('return')} data-testid="approval-return">{t('approvals.return')}</Button>
        <Button danger onClick={() => setDeciding('reject')}>{t('approvals.reject')}</Button>
      </>}
      {r.can.resubmit && <Popconfirm title={t('approvals.resubmitConfirm')} onConfirm={() => resubmit(r.id).then(() => refresh(t('approvals.resubmitted')), report)}>
        <Button type="primary">{t('approvals.resubmit')}</Button></Popconfirm>}
      {r.can.withdraw && <Popconfirm title={t('approvals.withdrawConfirm')} onConfirm={() => withdraw(r.id).then(() => refresh(t('approvals.withdrawn')), report)}>
        <Button>{t('approvals.withdraw')}</Button></Popconfirm>}
    </Space>
  );

  return (
    <Drawer open size={720} onClose={onClose} destroyOnHidden data-testid="approval-drawer" extra={actions}
      title={r ? t('approvals.drawerTitle', { type: typeLabel(t, r.type), subject: r.subject.label }) : t('approvals.detail')}>
      {q.error && <Result status="warning" title={q.error.message} />}
      {!r && !q.error && <Skeleton active />}
      {r && <Body r={r} lang={lang} link={link} />}
      {r && deciding && <DecisionModal request={r} decision={deciding} onClose={() => setDeciding(null)} onDone={(d) => refresh(t(done[d]))} />}
    </Drawer>
  );
}

function Body({ r, lang, link }: { r: ApprovalDetail; lang: 'zh-CN' | 'en-US'; link: string | null }) {
  const { t } = useTranslation();
  const current = r.status === 'approved' ? r.stepCount : r.step - 1;
  return (
    <>
      <Descriptions size="small" bordered column={2} styles={{ label: { width: 110 } }} items={[
        { key: 'no', label: t('approvals.requestNo'), children: r.id },
        { key: 'status', label: t('approvals.statusLabel'), children: <StatusTag status={r.status} /> },
        { key: 'subject', label: t('approvals.subject'), children: link ? <Link to={link}>{r.subject.label}</Link> : r.subject.label },
        { key: 'type', label: t('approvals.type'), children: typeLabel(t, r.type) },
        { key: 'maker', label: t('approvals.maker'), children: r.maker },
        { key: 'makerInst', label: t('approvals.makerInstitution'), children: r.makerInstitution },
        { key: 'submitted', label: t('approvals.submittedAt'), children: formatDateTime(r.submittedAt) },
        { key: 'due', label: t('approvals.dueOn'), children: <>{orDash(r.dueOn)} {r.overdue && <Tag color="red">{t('approvals.overdueTag')}</Tag>}</> },
      ]} />
      {r.changes.length > 0 && <>
        <Typography.Title level={5} style={{ marginTop: 20 }}>{r.type === 'customer.merge' ? t('approvals.mergeSides.title') : t('approvals.changes')}</Typography.Title>
        <Table size="small" rowKey="field" pagination={false} dataSource={r.changes} data-testid="approval-changes" columns={[
          { title: t('approvals.field'), dataIndex: 'field', width: 140, render: (f: string) => fieldLabel(t, f, lang) },
          // A merge compares two records side by side: the one that goes, the one that stays (as it will be).
          { title: r.type === 'customer.merge' ? t('approvals.mergeSides.merged') : t('approvals.oldValue'), dataIndex: 'old', render: (v: string | null, x) => <Typography.Text delete={v !== x.new}><ChangeValue field={x.field} v={v} /></Typography.Text> },
          { title: r.type === 'customer.merge' ? t('approvals.mergeSides.survivor') : t('approvals.newValue'), dataIndex: 'new', render: (v: string | null, x) => <Typography.Text strong><ChangeValue field={x.field} v={v} /></Typography.Text> },
        ]} />
      </>}
      <Typography.Title level={5} style={{ marginTop: 20 }}>{t('approvals.steps')}</Typography.Title>
      <Steps size="small" current={current} status={r.status === 'rejected' ? 'error' : undefined} items={r.steps.map((s) => ({
        title: s.roleName ? (lang === 'en-US' ? s.roleName.en : s.roleName.zh) : s.roleCode,
        description: `${t(`approvals.acting.${s.actingInstitution}`)} · ${t('approvals.timeLimit', { days: s.timeLimitDays })}`,
      }))} />
      <Typography.Title level={5} style={{ marginTop: 20 }}>{t('approvals.history')}</Typography.Title>
      <Timeline items={r.history.map((h, i) => ({
        key: i,
        color: h.decision === 'approve' ? 'green' : h.decision === 'submit' ? 'blue' : h.decision === 'withdraw' ? 'gray' : 'red',
        content: (
          <div>
            <Typography.Text strong>{t(`approvals.decision.${h.decision}`)}</Typography.Text>
            {' · '}{h.actor}{h.onBehalfOf && <> {t('approvals.delegations.onBehalfOf', { name: h.onBehalfOf })}</>}{' · '}{formatDateTime(h.at)}
            {h.decision !== 'submit' && h.decision !== 'withdraw' && <> · {t('approvals.stepOf', { step: h.step, count: r.stepCount })}</>}
            {h.decision === 'submit' && h.round > 1 && <> · {t('approvals.round', { round: h.round })}</>}
            {h.reason && <div style={{ whiteSpace: 'pre-wrap' }}>{h.reason}</div>}
          </div>
        ),
      }))} />
    </>
  );
}

/** A value of a change: a coded customer field by its code and name, anything else as valueLabel gives it. */
function ChangeValue({ field, v }: { field: string; v: string | null }) {
  const { t } = useTranslation();
  const table = customerCodeTable(field);
  if (table && v) return <CodeName table={table} code={v} />;
  return <>{valueLabel(t, field, v)}</>;
}

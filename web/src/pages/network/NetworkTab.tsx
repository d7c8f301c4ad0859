// 关系网 (REL-1…3) on the customer view: the network graph (hops, relation types, as of a date),
// what was summarised beyond the node limit, and the links themselves — 关联方数 and 序号 kept by
// the system, parties outside the reader's charge masked, ended links on request — with adding
// (by customer number, or by name and identity document) and ending a link.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Popconfirm, Radio, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../auth/session';
import { CodeSelect } from '../../components/CodeSelect';
import { codeName, useCodeTable } from '../../components/codes';
import { useLang } from '../../i18n';
import { FormModal } from '../../components/FormModal';
import { formatMoney, orDash } from '../../lib/format';
import type { CustomerView } from '../customers/api';
import { createLink, endLink, fetchLinks, fetchNetwork, type LinkItem } from './api';
import { NetworkGraph } from './NetworkGraph';
import { RelationshipLevelTab } from './RelationshipLevelTab';

interface AddValues {
  by: 'customerNo' | 'document'; customerNo?: string; partyCategory?: '1' | '2'; name?: string; idType?: string; idNumber?: string;
  role: string; sharePct?: string | null; amount?: string | null; contractNo?: string; accountNo?: string; startsOn?: Dayjs; remark?: string;
}

function AddLinkModal({ c, onClose, onDone }: { c: CustomerView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<'customerNo' | 'document'>('customerNo');
  const [category, setCategory] = useState<'1' | '2'>('2');
  return (
    <FormModal<AddValues> open width={720} title={t('network.add')} onCancel={onClose} testId="link-form"
      initialValues={{ by: 'customerNo', partyCategory: '2', startsOn: dayjs() }}
      onSubmit={async (v) => {
        const party = v.by === 'customerNo'
          ? { by: 'customerNo' as const, customerNo: v.customerNo!.trim() }
          : { by: 'document' as const, partyCategory: v.partyCategory!, name: v.name!.trim(), idType: v.idType!, idNumber: v.idNumber!.trim() };
        await createLink(c.id, { party, role: v.role, sharePct: v.sharePct ?? null, amount: v.amount ?? null, contractNo: v.contractNo?.trim() || null,
          accountNo: v.accountNo?.trim() || null, startsOn: v.startsOn?.format('YYYY-MM-DD'), remark: v.remark?.trim() || null });
        onDone();
      }}>
      <Form.Item name="by" label={t('network.findBy')}>
        <Radio.Group onChange={(e) => setBy(e.target.value)} options={[{ value: 'customerNo', label: t('network.byCustomerNo') }, { value: 'document', label: t('network.byDocument') }]} />
      </Form.Item>
      {by === 'customerNo' ? (
        <Form.Item name="customerNo" label={t('network.partyCustomerNo')} rules={[{ required: true, whitespace: true, message: t('network.required') }]}><Input maxLength={20} /></Form.Item>
      ) : (
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="partyCategory" label={t('network.partyCategory')}><CodeSelect table="party_category" allowClear={false} onChange={(v) => setCategory((v ?? '2') as '1' | '2')} /></Form.Item>
          </Col>
          <Col span={16}><Form.Item name="name" label={t('network.partyName')} rules={[{ required: true, whitespace: true, message: t('network.required') }]}><Input maxLength={160} /></Form.Item></Col>
          <Col span={8}>
            <Form.Item name="idType" label={t('network.idType')} rules={[{ required: true, message: t('network.required') }]}>
              <CodeSelect table={category === '1' ? 'corporate_certificate_type' : 'id_type'} />
            </Form.Item>
          </Col>
          <Col span={16}><Form.Item name="idNumber" label={t('network.idNumber')} rules={[{ required: true, whitespace: true, message: t('network.required') }]}><Input maxLength={40} /></Form.Item></Col>
        </Row>
      )}
      <Row gutter={16}>
        <Col span={8}><Form.Item name="role" label={t('network.role')} rules={[{ required: true, message: t('network.required') }]}><CodeSelect table="relation_role" data-testid="link-role" /></Form.Item></Col>
        <Col span={8}><Form.Item name="sharePct" label={t('network.sharePct')} extra={t('network.shareHint')}><InputNumber<string> stringMode min="0.01" max="100" precision={2} suffix="%" style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={8}><Form.Item name="amount" label={t('network.amount')} extra={t('network.amountHint')}><InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={8}><Form.Item name="contractNo" label={t('network.contractNo')}><Input maxLength={40} /></Form.Item></Col>
        <Col span={8}><Form.Item name="accountNo" label={t('network.accountNo')}><Input maxLength={40} /></Form.Item></Col>
        <Col span={8}><Form.Item name="startsOn" label={t('network.startsOn')}><DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item></Col>
      </Row>
      <Form.Item name="remark" label={t('network.remark')}><Input maxLength={200} /></Form.Item>
    </FormModal>
  );
}

export function NetworkTab({ c }: { c: CustomerView }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const zh = i18n.language !== 'en-US';
  const [hops, setHops] = useState(2);
  const [roles, setRoles] = useState<string[]>([]);
  const [on, setOn] = useState<Dayjs | null>(null);
  const [showEnded, setShowEnded] = useState(false);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<LinkItem | null>(null);
  const network = useQuery({ queryKey: ['customer', c.id, 'network', hops, roles.join(','), on?.format('YYYY-MM-DD')],
    queryFn: ({ signal }) => fetchNetwork(c.id, { hops, roles: roles.join(',') || undefined, on: on?.format('YYYY-MM-DD') }, signal) });
  const links = useQuery({ queryKey: ['customer', c.id, 'links', showEnded], queryFn: ({ signal }) => fetchLinks(c.id, showEnded, signal) });
  const refresh = () => { void queryClient.invalidateQueries({ queryKey: ['customer', c.id, 'network'] }); void queryClient.invalidateQueries({ queryKey: ['customer', c.id, 'links'] }); };
  const manage = can('customer.manage') && c.status === 'active';
  const lang = useLang();
  const roleTable = useCodeTable('relation_role');

  return (
    <>
      <RelationshipLevelTab c={c} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap style={{ marginBottom: 8 }}>
          <span>{t('network.hops')}</span>
          <Radio.Group value={hops} onChange={(e) => setHops(e.target.value)} optionType="button" options={[1, 2, 3].map((h) => ({ value: h, label: String(h) }))} data-testid="network-hops" />
          <Select mode="multiple" allowClear placeholder={t('network.allRoles')} style={{ minWidth: 260 }} value={roles} onChange={setRoles} maxTagCount={3}
            options={(roleTable.data ?? []).map((i) => ({ value: i.code, label: codeName(lang, i) }))} data-testid="network-roles" />
          <DatePicker value={on} onChange={setOn} placeholder={t('network.asOfToday')} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Space>
        {network.error && <Alert type="warning" showIcon title={network.error.message} />}
        {network.data && (network.data.nodes.length > 1
          ? <NetworkGraph nodes={network.data.nodes} edges={network.data.edges} center={network.data.center} fileName={`${t('network.tab')}-${c.customerNo}`} />
          : <Empty description={t('network.noLinks')} />)}
        {network.data?.summarised.length ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="network-summarised">
            {t('network.summarised', { limit: network.data.nodeLimit })}{' '}
            {network.data.summarised.map((s) => <Tag key={`${s.hop}-${s.role}`}>{t('network.summaryItem', { hop: s.hop, role: zh ? s.roleZh : s.roleEn, count: s.count })}</Tag>)}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Space style={{ marginBottom: 8 }} wrap>
        {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="link-add">{t('network.add')}</Button>}
        <span>{t('network.partyCount', { count: links.data?.partyCount ?? 0 })}</span>
        <Switch checked={showEnded} onChange={setShowEnded} /> <span>{t('network.showEnded')}</span>
      </Space>
      <Table<LinkItem> size="small" rowKey="id" loading={links.isLoading} dataSource={links.data?.items} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1100 }} data-testid="links-table"
        columns={[
          { title: t('network.seq'), dataIndex: 'seq', width: 60 },
          { title: t('network.party'), key: 'party', render: (_, r) => (r.party.customerId
            ? <Link to={`/customers/${r.party.customerId}`}>{r.party.name}</Link>
            : <span>{r.party.name}{r.party.masked && <Tag style={{ marginLeft: 6 }}>{t('network.maskedNode')}</Tag>}{!r.party.isCustomer && <Tag style={{ marginLeft: 6 }}>{t('network.legend.related')}</Tag>}</span>) },
          { title: t('network.partyCustomerNo'), key: 'no', width: 130, render: (_, r) => orDash(r.party.customerNo) },
          { title: t('network.role'), key: 'role', width: 110, render: (_, r) => (zh ? r.roleZh : r.roleEn) ?? r.role },
          { title: t('network.sharePct'), dataIndex: 'sharePct', width: 80, render: (v: string | null) => (v ? `${v}%` : '—') },
          { title: t('network.amount'), dataIndex: 'amount', width: 130, align: 'right', render: (v: string | null) => formatMoney(v) },
          { title: t('network.contractNo'), dataIndex: 'contractNo', width: 150, render: (v: string | null, r) => (
            <>{orDash(v)}{r.source === 'feed' && <Tag color="blue" style={{ marginLeft: 6 }} title={t('network.fromFeedHint')}>{t('network.fromFeed')}</Tag>}</>) },
          { title: t('network.startsOn'), dataIndex: 'startsOn', width: 110 },
          { title: t('network.endsOn'), key: 'endsOn', width: 150, render: (_, r) => (r.endsOn ? <span title={r.endReason ?? ''}>{r.endsOn}</span> : '—') },
          ...(manage ? [{ title: t('network.actions'), key: 'actions', width: 90, render: (_: unknown, r: LinkItem) => (!r.endsOn && r.source !== 'feed' && (
            <Popconfirm title={t('network.endConfirm')} onConfirm={() => setEnding(r)}><Button size="small" type="link" danger>{t('network.end')}</Button></Popconfirm>
          )) }] : []),
        ]} />
      {adding && <AddLinkModal c={c} onClose={() => setAdding(false)} onDone={() => { setAdding(false); message.success(t('network.added')); refresh(); }} />}
      {ending && (
        <FormModal<{ reason: string; endsOn?: Dayjs }> open width={480} title={t('network.endTitle')} onCancel={() => setEnding(null)} okDanger testId="link-end-form"
          initialValues={{ endsOn: dayjs() }}
          onSubmit={async (v) => { await endLink(c.id, ending.id, { reason: v.reason.trim(), endsOn: v.endsOn?.format('YYYY-MM-DD') }); setEnding(null); message.success(t('network.ended')); refresh(); }}>
          <Form.Item name="endsOn" label={t('network.endsOn')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="reason" label={t('network.endReason')} rules={[{ required: true, whitespace: true, message: t('network.required') }]}><Input maxLength={200} /></Form.Item>
        </FormModal>
      )}
    </>
  );
}

// 签约信息 (ACC-6): the customer's signings of all four kinds — an overview with counts per kind,
// the list (active first), registering a signing and terminating one with its reason. The server
// enforces the de-duplication rules and names the existing signing when one is refused.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Segmented, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session';
import { FormModal } from '../../../components/FormModal';
import { useLang } from '../../../i18n';
import { orDash } from '../../../lib/format';
import type { CustomerView } from '../api';
import {
  fetchCustomerAccounts, fetchSigningProducts, fetchSignings, registerSigning, terminateSigning,
  SIGNING_CHANNELS, SIGNING_FIELDS, SIGNING_KINDS, type Signing, type SigningChannel, type SigningField, type SigningKind,
} from './signings-api';

const KIND_COLOR: Record<SigningKind, string> = { third_party: 'purple', collection_payment: 'blue', product_service: 'cyan', transaction_behaviour: 'gold' };
type StatusFilter = 'active' | 'all' | 'terminated';

interface RegisterValues {
  kind: SigningKind; productId: string; accountId?: number | null; counterpartyCode?: string; counterpartyName?: string;
  counterpartyAccount?: string; payerNo?: string; channel: SigningChannel; signedOn: Dayjs;
}

/** The fields of the chosen kind: required ones marked, foreign ones not shown at all. */
function KindFields({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = Form.useFormInstance<RegisterValues>();
  const kind = Form.useWatch('kind', form);
  const [q, setQ] = useState('');
  const products = useQuery({ queryKey: ['signing-products', q], queryFn: ({ signal }) => fetchSigningProducts(q || undefined, signal) });
  const accounts = useQuery({ queryKey: ['customer', customerId, 'accounts'], queryFn: ({ signal }) => fetchCustomerAccounts(customerId, signal) });
  const rule = (f: SigningField) => (kind ? SIGNING_FIELDS[kind][f] : 'none');
  const text = (f: Exclude<SigningField, 'accountId'>, max: number, extra?: string) => rule(f) !== 'none' && (
    <Col span={12} key={f}>
      <Form.Item name={f} label={t(`signings.${f}`)} extra={extra} rules={[{ required: rule(f) === 'required', whitespace: true, message: t('signings.required.field') }]}>
        <Input maxLength={max} />
      </Form.Item>
    </Col>
  );
  return (
    <Row gutter={16}>
      {kind && <Col span={24}><Alert type="info" showIcon title={t(`signings.kindHint.${kind}`)} style={{ marginBottom: 16 }} /></Col>}
      <Col span={24}>
        <Form.Item name="productId" label={t('signings.product')} rules={[{ required: true, message: t('signings.required.product') }]}>
          <Select showSearch={{ searchValue: q, onSearch: setQ, filterOption: false }} placeholder={t('signings.productSearch')} loading={products.isFetching}
            options={products.data?.items.map((p) => ({ value: p.id, label: `${p.id} ${lang === 'en-US' ? p.nameEn : p.nameZh}` }))} />
        </Form.Item>
      </Col>
      {rule('accountId') !== 'none' && (
        <Col span={24}>
          <Form.Item name="accountId" label={t('signings.account')} extra={rule('accountId') === 'optional' ? t('signings.customerLevelHint') : undefined}
            rules={[{ required: rule('accountId') === 'required', message: t('signings.required.account') }]}>
            <Select allowClear={rule('accountId') === 'optional'} loading={accounts.isFetching}
              options={accounts.data?.items.filter((a) => a.status !== 'closed').map((a) => ({
                value: a.id, label: `${a.accountNo} · ${lang === 'en-US' ? a.productNameEn : a.productNameZh}`,
              }))} />
          </Form.Item>
        </Col>
      )}
      {text('counterpartyCode', 20)}
      {text('counterpartyName', 100)}
      {text('counterpartyAccount', 32, t('signings.counterpartyAccountHint'))}
      {text('payerNo', 40, t('signings.payerNoHint'))}
    </Row>
  );
}

function RegisterModal({ c, onClose, onDone }: { c: CustomerView; onClose: () => void; onDone: (no: string) => void }) {
  const { t } = useTranslation();
  const submit = async (v: RegisterValues) => {
    const rules = SIGNING_FIELDS[v.kind];
    // Only the chosen kind's fields are sent: a field typed under another kind and then hidden would be refused.
    const pick = (f: Exclude<SigningField, 'accountId'>) => (rules[f] === 'none' ? undefined : v[f]?.trim() || null);
    const res = await registerSigning(c.id, {
      kind: v.kind, productId: v.productId, accountId: rules.accountId === 'none' ? undefined : v.accountId ?? null,
      counterpartyCode: pick('counterpartyCode'), counterpartyName: pick('counterpartyName'), counterpartyAccount: pick('counterpartyAccount'), payerNo: pick('payerNo'),
      channel: v.channel, signedOn: v.signedOn.format('YYYY-MM-DD'),
    });
    onDone(res.signingNo);
  };
  return (
    <FormModal<RegisterValues> open width={680} title={t('signings.register')} onCancel={onClose} onSubmit={submit} testId="signing-form"
      initialValues={{ kind: 'product_service', channel: 'counter', signedOn: dayjs() }}>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="kind" label={t('signings.kindLabel')} rules={[{ required: true, message: t('signings.required.kind') }]}>
            <Select options={SIGNING_KINDS.map((k) => ({ value: k, label: t(`signings.kind.${k}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <KindFields customerId={c.id} />
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="channel" label={t('signings.channelLabel')} rules={[{ required: true, message: t('signings.required.channel') }]}>
            <Select options={SIGNING_CHANNELS.map((ch) => ({ value: ch, label: t(`signings.channel.${ch}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="signedOn" label={t('signings.signedOn')} rules={[{ required: true, message: t('signings.required.signedOn') }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

function TerminateModal({ c, s, onClose, onDone }: { c: CustomerView; s: Signing; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = async (v: { reason: string; terminatedOn: Dayjs }) => {
    await terminateSigning(c.id, s.id, { reason: v.reason.trim(), terminatedOn: v.terminatedOn.format('YYYY-MM-DD') });
    onDone();
  };
  return (
    <FormModal<{ reason: string; terminatedOn: Dayjs }> open title={t('signings.terminateTitle', { no: s.signingNo })} onCancel={onClose} onSubmit={submit}
      okText={t('signings.terminate')} okDanger testId="signing-terminate" initialValues={{ terminatedOn: dayjs() }}>
      <Alert type="info" showIcon title={t('signings.terminateHint')} style={{ marginBottom: 16 }} />
      <Form.Item name="terminatedOn" label={t('signings.terminatedOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(s.signedOn), 'day')} />
      </Form.Item>
      <Form.Item name="reason" label={t('signings.terminationReason')} rules={[{ required: true, whitespace: true, message: t('signings.required.reason') }]}>
        <Input.TextArea maxLength={200} showCount rows={3} />
      </Form.Item>
    </FormModal>
  );
}

export function SigningsTab({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StatusFilter>('active');
  const [kind, setKind] = useState<SigningKind | null>(null);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Signing | null>(null);
  const list = useQuery({ queryKey: ['customer', c.id, 'signings'], queryFn: ({ signal }) => fetchSignings(c.id, signal) });
  const manage = can('signing.manage') && c.status === 'active';
  const refresh = (text: string) => { message.success(text); void queryClient.invalidateQueries({ queryKey: ['customer', c.id, 'signings'] }); };
  const rows = (list.data?.items ?? []).filter((s) => (status === 'all' || s.status === status) && (!kind || s.kind === kind));

  return (
    <>
      <Alert type="info" showIcon title={t('signings.intro')} style={{ marginBottom: 12 }} />
      <Row gutter={12} style={{ marginBottom: 12 }} data-testid="signing-overview">
        {SIGNING_KINDS.map((k) => {
          const o = list.data?.overview.find((x) => x.kind === k);
          return (
            <Col span={6} key={k}>
              <Card size="small" hoverable onClick={() => setKind(kind === k ? null : k)} data-testid={`signing-overview-${k}`}
                style={kind === k ? { borderColor: '#1677ff' } : undefined}>
                <Statistic title={<Tooltip title={t(`signings.kindHint.${k}`)}>{t(`signings.kind.${k}`)}</Tooltip>} value={o?.active ?? 0}
                  suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('signings.activeCount')}</Typography.Text>} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('signings.terminatedCount')} {o?.terminated ?? 0}</Typography.Text>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Space style={{ marginBottom: 12 }} wrap>
        {manage && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="signing-add">{t('signings.register')}</Button>}
        <Segmented<StatusFilter> value={status} onChange={setStatus} options={(['active', 'all', 'terminated'] as const).map((v) => ({ value: v, label: t(`signings.filter.${v}`) }))} />
        {kind && <Tag closable onClose={() => setKind(null)} color={KIND_COLOR[kind]}>{t(`signings.kind.${kind}`)}</Tag>}
        {list.data?.items.some((s) => s.masked) && <Typography.Text type="secondary">{t('signings.maskedNote')}</Typography.Text>}
      </Space>
      <Table<Signing> rowKey="id" size="small" loading={list.isFetching} dataSource={rows} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: list.error ? list.error.message : t('common.noData') }} data-testid="customer-signings" scroll={{ x: 1480 }}
        columns={[
          { title: t('signings.signingNo'), dataIndex: 'signingNo', width: 150, render: (v: string) => <code>{v}</code> },
          { title: t('signings.kindLabel'), dataIndex: 'kind', width: 130, render: (k: SigningKind) => <Tag color={KIND_COLOR[k]}>{t(`signings.kind.${k}`)}</Tag> },
          { title: t('signings.product'), key: 'product', width: 180, render: (_: unknown, s: Signing) => <>{lang === 'en-US' ? s.productNameEn : s.productNameZh} <Typography.Text type="secondary">{s.productId}</Typography.Text></> },
          { title: t('signings.account'), dataIndex: 'accountNo', width: 170, render: (v: string | null) => (v ? <span style={{ fontFamily: 'monospace' }}>{v}</span> : <Tag>{t('signings.customerLevel')}</Tag>) },
          {
            title: t('signings.counterparty'), key: 'counterparty', width: 260,
            render: (_: unknown, s: Signing) => (s.counterpartyName || s.counterpartyCode || s.counterpartyAccount || s.payerNo ? (
              <Space orientation="vertical" size={0}>
                <span>{orDash(s.counterpartyName)} {s.counterpartyCode && <Typography.Text type="secondary">{s.counterpartyCode}</Typography.Text>}</span>
                {s.counterpartyAccount && <Tooltip title={t('signings.counterpartyAccount')}><Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>{s.counterpartyAccount}</Typography.Text></Tooltip>}
                {s.payerNo && <Tooltip title={t('signings.payerNo')}><Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>{s.payerNo}</Typography.Text></Tooltip>}
              </Space>
            ) : '—'),
          },
          { title: t('signings.channelLabel'), dataIndex: 'channel', width: 100, render: (v: SigningChannel) => t(`signings.channel.${v}`) },
          { title: t('signings.signedOn'), dataIndex: 'signedOn', width: 100 },
          {
            title: t('customers.status.label'), dataIndex: 'status', width: 110,
            render: (v: Signing['status'], s: Signing) => (v === 'active' ? <Tag color="green">{t('signings.status.active')}</Tag> : (
              <Tooltip title={`${s.terminatedOn ?? ''} ${s.terminationReason ?? ''}${s.terminatedBy ? ` (${s.terminatedBy})` : ''}`}>
                <Tag>{t('signings.status.terminated')} {s.terminatedOn}</Tag>
              </Tooltip>
            )),
          },
          { title: t('signings.institution'), dataIndex: 'institutionName', width: 110 },
          { title: t('signings.createdBy'), dataIndex: 'createdBy', width: 100, render: (v: string | null) => v ?? t('common.system') },
          ...(manage ? [{
            title: t('common.actions'), key: 'actions', width: 80, fixed: 'right' as const,
            render: (_: unknown, s: Signing) => (s.status === 'active'
              ? <a style={{ color: '#cf1322' }} onClick={() => setEnding(s)} data-testid={`signing-terminate-${s.signingNo}`}>{t('signings.terminate')}</a> : null),
          }] : []),
        ]} />
      {adding && <RegisterModal c={c} onClose={() => setAdding(false)} onDone={(no) => { setAdding(false); refresh(t('signings.registered', { no })); }} />}
      {ending && <TerminateModal c={c} s={ending} onClose={() => setEnding(null)} onDone={() => { const no = ending.signingNo; setEnding(null); refresh(t('signings.terminated', { no })); }} />}
    </>
  );
}

// 客户视图 (CIF-2): one customer from one call — header, the catalogue's sections, documents,
// addresses, risk assessments, blacklist and the field history — the same for every screen.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Result, Skeleton, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { formatMoney } from '../../lib/format';
import { customerKey, fetchCustomer, revealField, type CustomerView } from './api';
import { SECTIONS } from './catalogue';
import { AccountsTab } from './view/AccountsTab';
import { AddressesTab } from './view/AddressesTab';
import { BlacklistTab } from './view/BlacklistTab';
import { ChannelLimitsTab } from './view/ChannelLimitsTab';
import { CertificatesTab } from './certificates/CertificatesTab';
import { CreditInfoTab } from './credit/CreditInfoTab';
import { FieldsPanel } from './view/FieldsPanel';
import { HistoryTab } from './view/HistoryTab';
import { AuditTab } from './view/AuditTab';
import { IdentitiesTab } from './view/IdentitiesTab';
import { IndustryTab } from './view/IndustryTab';
import { RiskTab } from './view/RiskTab';
import { SigningsTab } from './view/SigningsTab';
import { StatusModal } from './view/StatusModal';
import { ViewHeader } from './view/ViewHeader';
import { UnderReview } from '../approvals/UnderReview';
import { CompletenessCard } from './images/CompletenessCard';
import { ImagesTab } from './images/ImagesTab';
import { NetworkTab } from '../network/NetworkTab';

export default function CustomerViewPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = params.id && /^\d+$/.test(params.id) ? Number(params.id) : null;
  const view = useQuery({ queryKey: customerKey(id ?? 0), enabled: id !== null, queryFn: ({ signal }) => fetchCustomer(id!, signal) });
  if (id === null) return <Result status="404" title={t('common.notFoundTitle')} />;
  if (view.error) return <Result status="warning" title={view.error.message} />;
  if (!view.data) return <Card><Skeleton active /></Card>;
  return <CustomerViewBody c={view.data} />;
}

function CustomerViewBody({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [changingStatus, setChangingStatus] = useState(false);
  const reveal = (field: string) => revealField(c.id, field);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['customer', c.id] });

  const sections = SECTIONS[c.kind].map((s) => ({
    key: s, label: t(`customers.section.${s}`),
    children: s === 'industry' ? <IndustryTab c={c} reveal={reveal} /> : (
      <FieldsPanel c={c} section={s} reveal={reveal} extra={c.kind === 'personal' ? {
        birthDate: { label: t('customers.view.age'), children: c.computed.age ?? '—' },
        monthlyIncome: { label: t('customers.view.annualIncome'), children: formatMoney(c.computed.annualIncome) },
      } : undefined} />
    ),
  }));
  const tabs = [
    ...sections,
    c.kind === 'personal'
      ? { key: 'identities', label: t('customers.tab.identities'), children: <IdentitiesTab c={c} /> }
      : { key: 'certificates', label: t('customers.tab.certificates'), children: <CertificatesTab c={c} /> },
    { key: 'accounts', label: t('accounts.tab'), children: <AccountsTab c={c} /> },
    { key: 'images', label: t('imaging.tab'), children: <ImagesTab c={c} /> },
    { key: 'signings', label: t('signings.tab'), children: <SigningsTab c={c} /> },
    { key: 'channel-limits', label: t('signings.limits.tab'), children: <ChannelLimitsTab c={c} /> },
    { key: 'addresses', label: t('customers.tab.addresses'), children: <AddressesTab c={c} /> },
    { key: 'risk', label: t('customers.tab.risk'), children: <RiskTab c={c} /> },
    { key: 'blacklist', label: t('customers.tab.blacklist'), children: <BlacklistTab c={c} /> },
    ...(c.kind === 'corporate' ? [{ key: 'credit', label: t('creditInfo.tab'), children: <CreditInfoTab c={c} /> }] : []),
    { key: 'network', label: t('network.tab'), children: <NetworkTab c={c} /> },
    { key: 'history', label: t('customers.tab.history'), children: <HistoryTab id={c.id} kind={c.kind} /> },
    { key: 'audit', label: t('customers.tab.audit'), children: <AuditTab id={c.id} kind={c.kind} /> },
  ];
  const active = tabs.some((x) => x.key === params.get('tab')) ? params.get('tab')! : tabs[0]!.key;

  return (
    <>
      <ViewHeader c={c} onStatus={() => setChangingStatus(true)} />
      <UnderReview subjectType="customer" subjectId={c.id} />
      <CompletenessCard customerId={c.id} kind={c.kind} />
      <Card size="small">
        {/* Every tab in view at 1366 px in either language (no '…' menu): a narrower gutter, and short English labels. */}
        <Tabs activeKey={active} items={tabs} destroyOnHidden data-testid="customer-tabs" tabBarGutter={20}
          onChange={(k) => { const next = new URLSearchParams(params); next.set('tab', k); setParams(next, { replace: true }); }} />
      </Card>
      {changingStatus && (
        <StatusModal c={c} onClose={() => setChangingStatus(false)} onDone={() => {
          setChangingStatus(false);
          message.success(t(c.status === 'active' ? 'customers.view.deleted' : 'customers.view.reactivated'));
          void refresh();
          void queryClient.invalidateQueries({ queryKey: ['customers'] });
          void queryClient.invalidateQueries({ queryKey: ['approvals'] });
        }} />
      )}
    </>
  );
}

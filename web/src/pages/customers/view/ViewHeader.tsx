// The head of the single customer view (CIF-2): who the customer is at a glance, the masked
// identifiers with their eye buttons, and the record's actions.
import { DeleteOutlined, EditOutlined, SwapOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../../auth/session';
import { formatDateTime, formatMoney, orDash } from '../../../lib/format';
import { revealField, type CustomerView } from '../api';
import { BlacklistTag } from '../columns';
import { KIND_COLOR, STATUS_COLOR } from '../labels';
import { CodeName } from './CodeName';
import { Masked } from './Masked';
import { TransferModal } from '../../managers/TransferModal';

export function ViewHeader({ c, onStatus }: { c: CustomerView; onStatus: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const manage = can('customer.manage');
  const primary = c.managers.find((m) => m.role === 'primary');
  // 移交主办权 (REL-22): the primary manager of an active customer may be handed over through approval.
  const [transferring, setTransferring] = useState(false);
  const canTransfer = can('customer.transfer.apply') && c.status === 'active' && !!primary;
  const first = c.identities[0];
  const personal = c.kind === 'personal';

  const items = [
    { key: 'no', label: t('customers.customerNo'), children: <Typography.Text copyable data-testid="customer-no">{c.customerNo}</Typography.Text> },
    ...(personal ? [
      {
        key: 'id', label: first ? <CodeName table="id_type" code={first.idType} /> : t('customers.identity.number'),
        children: first ? <Masked value={first.idNumber} canReveal={c.canReveal} reveal={() => revealField(c.id, 'identities.0.idNumber')} testId="header-id-number" /> : '—',
      },
      { key: 'mobile', label: t('customers.mobile'), children: <Masked value={c.fields.mobile} canReveal={c.canReveal} reveal={() => revealField(c.id, 'mobile')} testId="header-mobile" /> },
    ] : [
      { key: 'credit', label: t('customers.creditCode'), children: <span style={{ fontFamily: 'monospace' }}>{orDash(c.fields.creditCode as string | null)}</span> },
      { key: 'org', label: t('customers.organizationCode'), children: <span style={{ fontFamily: 'monospace' }}>{orDash(c.fields.organizationCode as string | null)}</span> },
    ]),
    { key: 'inst', label: t('customers.institution'), children: `${c.institution.code} ${c.institution.name}` },
    { key: 'mgr', label: t('customers.view.primaryManager'), children: (
      <Space size={4} wrap>
        {primary ? primary.displayName : <Typography.Text type="secondary">{t('customers.view.noManager')}</Typography.Text>}
        {canTransfer && <Button size="small" type="link" icon={<SwapOutlined />} onClick={() => setTransferring(true)} data-testid="customer-transfer">{t('managers.transfer.action')}</Button>}
      </Space>
    ) },
    ...(personal ? [
      { key: 'age', label: t('customers.view.age'), children: c.computed.age ?? '—' },
      { key: 'income', label: t('customers.view.annualIncome'), children: formatMoney(c.computed.annualIncome) },
    ] : [
      { key: 'scale', label: t('customers.scale.label'), children: c.fields.scale ? t(`customers.scale.${c.fields.scale as 'large'}`) : '—' },
    ]),
    { key: 'created', label: t('customers.view.createdAt'), children: formatDateTime(c.createdAt) },
  ];

  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="customer-header"
      title={(
        <Space size={8} wrap>
          <span style={{ fontSize: 16 }} data-testid="customer-name">{c.name}</span>
          <Tag color={KIND_COLOR[c.kind]}>{t(`customers.kind.${c.kind}`)}</Tag>
          <Tag color={STATUS_COLOR[c.status]} data-testid="customer-status">{t(`customers.status.${c.status}`)}</Tag>
          {c.blacklisted && <BlacklistTag t={t} />}
        </Space>
      )}
      extra={manage && c.status !== 'merged' && (
        <Space>
          {c.status === 'active' && <Button icon={<EditOutlined />} onClick={() => navigate(`/customers/${c.id}/edit`)} data-testid="customer-edit">{t('common.edit')}</Button>}
          {c.status === 'active'
            ? <Button danger icon={<DeleteOutlined />} onClick={onStatus} data-testid="customer-delete">{t('customers.view.delete')}</Button>
            : <Button icon={<UndoOutlined />} onClick={onStatus} data-testid="customer-reactivate">{t('customers.view.reactivate')}</Button>}
        </Space>
      )}>
      {c.status !== 'active' && (
        <Typography.Paragraph type="warning" style={{ marginTop: 0 }}>
          {c.status === 'merged' && c.mergedInto
            ? <>{t('customers.view.mergedInto')} <Link to={`/customers/${c.mergedInto}`}>{t('customers.view.openCustomer')}</Link></>
            : t('customers.view.deletedBecause', { reason: c.statusReason ?? '—' })}
        </Typography.Paragraph>
      )}
      <Descriptions size="small" column={4} items={items} styles={{ label: { color: 'rgba(0,0,0,0.55)' } }} />
      {transferring && primary && (
        <TransferModal mode="customer" customer={{ id: c.id, name: c.name }} from={{ id: primary.id, displayName: primary.displayName }} onClose={() => setTransferring(false)} />
      )}
    </Card>
  );
}

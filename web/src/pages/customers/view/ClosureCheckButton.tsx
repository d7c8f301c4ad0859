// 销户检查 (ACC-6): before an account or card is closed, its active signings say whether the counter
// may go ahead, must tell the customer, or must have them terminated first. The server decides;
// this only shows the decision and the signings behind it.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Skeleton, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n';
import { orDash } from '../../../lib/format';
import { fetchClosureCheck, type ClosureDecision, type ClosureItem } from './signings-api';

const ALERT_TYPE: Record<ClosureDecision, 'success' | 'warning' | 'error'> = { allow: 'success', warn: 'warning', block: 'error' };
const EFFECT_COLOR = { warn: 'orange', block: 'red' } as const;

function ClosureCheckResult({ accountId }: { accountId: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const check = useQuery({ queryKey: ['account', accountId, 'closure-check'], queryFn: ({ signal }) => fetchClosureCheck(accountId, signal), staleTime: 0 });
  if (check.error) return <Alert type="error" showIcon title={check.error.message} />;
  if (!check.data) return <Skeleton active />;
  const { decision, items, lastOpenAccount } = check.data;
  return (
    <>
      <Alert type={ALERT_TYPE[decision]} showIcon style={{ marginBottom: 12 }} data-testid="closure-decision" data-decision={decision}
        title={t(`signings.closure.decision.${decision}`)} description={t(`signings.closure.decisionHint.${decision}`)} />
      {lastOpenAccount && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('signings.closure.lastOpen')} />}
      {items.length > 0 && (
        <Table<ClosureItem> rowKey="signingId" size="small" pagination={false} dataSource={items} data-testid="closure-items"
          columns={[
            { title: t('signings.signingNo'), dataIndex: 'signingNo', width: 150, render: (v: string) => <code>{v}</code> },
            { title: t('signings.kindLabel'), dataIndex: 'kind', width: 130, render: (k: ClosureItem['kind']) => t(`signings.kind.${k}`) },
            { title: t('signings.product'), key: 'product', render: (_: unknown, i: ClosureItem) => (lang === 'en-US' ? i.productNameEn : i.productNameZh) },
            { title: t('signings.counterpartyName'), dataIndex: 'counterpartyName', render: orDash },
            { title: t('signings.signedOn'), dataIndex: 'signedOn', width: 100 },
            { title: t('signings.closure.effectLabel'), dataIndex: 'effect', width: 80, render: (e: ClosureItem['effect']) => <Tag color={EFFECT_COLOR[e]}>{t(`signings.closure.effect.${e}`)}</Tag> },
            { title: t('signings.closure.reasonLabel'), dataIndex: 'reasonCode', width: 170, render: (r: ClosureItem['reasonCode']) => t(`signings.closure.reason.${r}`) },
          ]} />
      )}
    </>
  );
}

/** `compact`: the icon alone with the label as tooltip and accessible name, for a table's narrow action column. */
export default function ClosureCheckButton({ accountId, compact }: { accountId: number; compact?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const label = t('signings.closure.button');
  return (
    <>
      {compact
        ? <Tooltip title={label}><Button size="small" icon={<SafetyCertificateOutlined />} aria-label={label} onClick={() => setOpen(true)} data-testid={`closure-check-${accountId}`} /></Tooltip>
        : <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => setOpen(true)} data-testid={`closure-check-${accountId}`}>{label}</Button>}
      {open && (
        <Modal open width={860} title={t('signings.closure.title')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden data-testid="closure-check">
          <ClosureCheckResult accountId={accountId} />
        </Modal>
      )}
    </>
  );
}

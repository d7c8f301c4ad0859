// 授信信息 (CIF-28, 000 §三(七)): what a corporate credit customer's file holds beyond its master
// data — financial statements, non-financial notes, outside investments and other-bank relations.
// Corporate customers only: a person's income lives in the personal fields.
import { Alert, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session';
import type { CustomerView } from '../api';
import { BanksPanel } from './BanksPanel';
import { FinancialsPanel } from './FinancialsPanel';
import { InvestmentsPanel } from './InvestmentsPanel';
import { NonFinancialPanel } from './NonFinancialPanel';

export function CreditInfoTab({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('customer.manage') && c.status === 'active';
  return (
    <>
      <Alert type="info" showIcon title={t('creditInfo.intro')} style={{ marginBottom: 12 }} />
      <Tabs size="small" destroyOnHidden data-testid="credit-info-tabs" items={[
        { key: 'financials', label: t('creditInfo.section.financials'), children: <FinancialsPanel c={c} manage={manage} /> },
        { key: 'non-financial', label: t('creditInfo.section.nonFinancial'), children: <NonFinancialPanel c={c} manage={manage} /> },
        { key: 'investments', label: t('creditInfo.section.investments'), children: <InvestmentsPanel c={c} manage={manage} /> },
        { key: 'banks', label: t('creditInfo.section.banks'), children: <BanksPanel c={c} manage={manage} /> },
      ]} />
    </>
  );
}

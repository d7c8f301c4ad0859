// The licence data a certificate form relies on, from the customer record (CIF-21/22/24).
import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLang } from '../../../i18n';
import { findField, fieldLabel } from '../catalogue';
import { FieldValue } from '../view/FieldValue';
import type { LegalRep, ShownField } from './api';

const reveal = () => Promise.reject(new Error('not sensitive'));

export function LicenceData({ licence, shown, column = 2 }: { licence: Record<string, unknown>; shown: readonly ShownField[]; column?: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const items = shown.map((s) => {
    if (s === 'legalRep') {
      const rep = licence.legalRep as LegalRep | null | undefined;
      return { key: s, label: t('customers.cert.legalRep'),
        children: rep ? <Link to={`/customers/${rep.customerId}`}>{rep.customerNo} {rep.name}</Link> : <Typography.Text type="danger">—</Typography.Text> };
    }
    const f = findField('corporate', s);
    const value = licence[s];
    return { key: s, label: f ? fieldLabel(lang, f) : s, span: s === 'businessScope' ? column : 1,
      children: f ? <FieldValue f={f} value={value} canReveal={false} reveal={reveal} /> : String(value ?? '—') };
  });
  return (
    <>
      <Typography.Text type="secondary">{t('customers.cert.licenceData')}</Typography.Text>
      <Descriptions size="small" bordered column={column} items={items} style={{ margin: '6px 0 16px' }} styles={{ label: { width: 140 } }} />
    </>
  );
}

// 证件: a person's identity documents (masked numbers, revealed one at a time and audited).
import { Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { orDash } from '../../../lib/format';
import { revealField, type CustomerView, type Identity } from '../api';
import { CodeName } from './CodeName';
import { Masked } from './Masked';

export function IdentitiesTab({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  return (
    <Table<Identity> rowKey="seq" size="small" pagination={false} dataSource={c.identities} data-testid="customer-identities"
      columns={[
        { title: '#', dataIndex: 'seq', width: 50 },
        { title: t('customers.identity.type'), dataIndex: 'idType', width: 200, render: (v: string) => <CodeName table="id_type" code={v} /> },
        {
          title: t('customers.identity.number'), key: 'number',
          render: (_: unknown, d, i) => <Masked value={d.idNumber} canReveal={c.canReveal} reveal={() => revealField(c.id, `identities.${i}.idNumber`)} testId={`identity-number-${i}`} />,
        },
        {
          title: t('customers.identity.expiresOn'), dataIndex: 'expiresOn', width: 200,
          render: (v: string | null) => (v === null ? t('customers.identity.longTerm')
            : <>{orDash(v)} {v < dayjs().format('YYYY-MM-DD') && <Tag color="red">{t('customers.identity.expired')}</Tag>}</>),
        },
      ]} />
  );
}

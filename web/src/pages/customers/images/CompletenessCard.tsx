// 信息完整性 (CIF-45) on the customer view: the tier, the percentage of the required items present,
// what is missing (with the fields), and for a new customer the three-working-day deadline.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n';
import { fieldLabel, findField, type CustomerKind } from '../catalogue';
import { fetchCompleteness } from './api';

export function CompletenessCard({ customerId, kind }: { customerId: number; kind: CustomerKind }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = (f: string) => { const def = findField(kind, f); return def ? fieldLabel(lang, def) : f === 'identities' ? t('customers.tab.identities') : f; };
  const q = useQuery({ queryKey: ['customer', customerId, 'completeness'], queryFn: ({ signal }) => fetchCompleteness(customerId, signal) });
  if (q.error) return <Alert type="warning" showIcon title={q.error.message} style={{ marginBottom: 12 }} />;
  const d = q.data;
  return (
    <Card size="small" loading={!d} style={{ marginBottom: 12 }} data-testid="completeness-card"
      title={<Space>{t('completeness.title')}{d && <Tag>{t(`completeness.tier.${d.tier}`)}</Tag>}</Space>}>
      {d && (
        <Space align="start" size="large" wrap>
          <Progress type="circle" size={72} percent={d.percent} status={d.missing.length ? 'normal' : 'success'} data-testid="completeness-percent" />
          <div>
            <Space wrap>
              {d.items.map((i) => (
                <Tag key={i.key} color={i.state === 'present' ? 'green' : i.state === 'missing' ? 'red' : 'default'}>
                  {t(`completeness.item.${i.key}`)}{i.state === 'not_checkable' ? `（${t('completeness.notCheckable')}）` : ''}
                </Tag>
              ))}
            </Space>
            {d.items.filter((i) => i.state === 'missing' && i.fields.length).map((i) => (
              <Typography.Paragraph key={i.key} type="secondary" style={{ margin: '6px 0 0', fontSize: 12 }}>
                {t(`completeness.item.${i.key}`)}：{i.fields.map(label).join('、')}
              </Typography.Paragraph>
            ))}
            {d.newCustomer.isNew && d.newCustomer.gaps.length > 0 && (
              <Typography.Paragraph style={{ margin: '6px 0 0' }} type={d.newCustomer.overdue ? 'danger' : 'secondary'} data-testid="completeness-deadline">
                {t(d.newCustomer.overdue ? 'completeness.overdueSince' : 'completeness.dueBy', { date: d.newCustomer.deadline, opened: d.newCustomer.openedOn })}
                {' '}{d.newCustomer.gaps.map((g) => t(`completeness.gap.${g}`)).join('、')}
              </Typography.Paragraph>
            )}
          </div>
        </Space>
      )}
    </Card>
  );
}

// 关系形态 on the customer view (REL-10, REL-11): the customer's relationship level with the score,
// each indicator's value, weight and contribution (why he is at that level), and his level history.
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Progress, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatMoney } from '../../lib/format';
import type { CustomerView } from '../customers/api';

interface LevelView {
  asOf: string | null; level: number | null; score: string | null;
  indicators: { indicator: string; value: number | string | boolean; weight: number; contribution: string }[];
  history: { businessDate: string; levelFrom: number | null; levelTo: number; score: string }[];
}
export const LEVEL_COLORS = ['', 'default', 'blue', 'cyan', 'green', 'gold'] as const;
type LevelKey = `network.level.names.l${1 | 2 | 3 | 4 | 5}`;
type IndicatorKey = `network.level.indicators.${'accounts' | 'productKinds' | 'volume' | 'transactions' | 'tenure' | 'credit'}`;
/** The i18n key of level 1…5's name. */
export const levelKey = (level: number) => `network.level.names.l${level}` as LevelKey;
const indicatorKey = (indicator: string) => `network.level.indicators.${indicator}` as IndicatorKey;

export function LevelTag({ level }: { level: number | null }) {
  const { t } = useTranslation();
  return level ? <Tag color={LEVEL_COLORS[level]}>{t(levelKey(level))}</Tag> : <>—</>;
}

export function RelationshipLevelTab({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['relationship-level', c.id], queryFn: ({ signal }) => api.get<LevelView>(`/customers/${c.id}/relationship-level`, undefined, signal) });
  const d = q.data;
  if (d && d.level === null) return <Card size="small" title={t('network.level.tab')} style={{ marginBottom: 12 }}><Empty description={t('network.level.none')} /></Card>;
  const shown = (i: LevelView['indicators'][number]) =>
    (i.indicator === 'volume' ? formatMoney(String(i.value)) : i.indicator === 'credit' ? t(i.value ? 'network.level.creditGood' : 'network.level.creditListed')
      : i.indicator === 'tenure' ? t('network.level.years', { n: i.value }) : String(i.value));
  return (
    <Card size="small" loading={q.isLoading} data-testid="relationship-level" title={t('network.level.tab')} style={{ marginBottom: 12 }}>
      {d && (
        <>
          <Descriptions size="small" column={3} items={[
            { key: 'l', label: t('network.level.level'), children: <LevelTag level={d.level} /> },
            { key: 's', label: t('network.level.score'), children: <Progress percent={Number(d.score)} size="small" format={() => d.score} style={{ width: 180 }} /> },
            { key: 'd', label: t('network.level.asOf'), children: d.asOf },
          ]} />
          <Table size="small" rowKey="indicator" pagination={false} dataSource={d.indicators} data-testid="relationship-level-indicators"
            columns={[
              { title: t('network.level.indicator'), dataIndex: 'indicator', render: (v: string) => t(indicatorKey(v)) },
              { title: t('network.level.value'), key: 'value', render: (_, i) => shown(i) },
              { title: t('network.level.weight'), dataIndex: 'weight', align: 'right' },
              { title: t('network.level.contribution'), dataIndex: 'contribution', align: 'right' },
            ]} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('network.level.rule')}</Typography.Paragraph>
          {d.history.length > 0 && (
            <Table size="small" rowKey="businessDate" pagination={false} dataSource={d.history} title={() => t('network.level.history')}
              columns={[
                { title: t('network.level.date'), dataIndex: 'businessDate', width: 120 },
                { title: t('network.level.from'), dataIndex: 'levelFrom', render: (v: number | null) => <LevelTag level={v} /> },
                { title: t('network.level.to'), dataIndex: 'levelTo', render: (v: number) => <LevelTag level={v} /> },
                { title: t('network.level.score'), dataIndex: 'score', align: 'right' },
              ]} />
          )}
        </>
      )}
    </Card>
  );
}

// 我的业绩 (PERF-1, PERF-3, USR-7): my allocated deposits, their month / quarter / year daily
// averages and loans on the latest business day, the last 30 days as a trend, and my rank by
// month average among the people of my institution. Every user with performance.read.own sees it.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { EChart } from '../../components/EChart';
import { formatMoney } from '../../lib/format';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent]);
type Option = echarts.ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
interface Figures { date: string; customers: string; deposit_balance: string; deposit_month_avg: string; deposit_quarter_avg: string; deposit_year_avg: string; loan_balance: string }
interface Mine { asOf: string | null; figures: Figures | null; rank: { rank: number; of: number } | null; trend: Figures[] }
const FIELDS = ['deposit_balance', 'deposit_month_avg', 'deposit_quarter_avg', 'deposit_year_avg', 'loan_balance'] as const;

export default function MyPerformancePage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['performance', 'me'], queryFn: ({ signal }) => api.get<Mine>('/performance/me', undefined, signal) });
  const d = q.data;
  const option = useMemo((): Option | null => (d?.trend.length ? {
    grid: { left: 16, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 }, tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: d.trend.map((p) => p.date) }, yAxis: { type: 'value' },
    series: (['deposit_balance', 'deposit_month_avg', 'loan_balance'] as const).map((f) => ({ type: 'line' as const, name: t(`performance.${f}`), data: d.trend.map((p) => Number(p[f])), showSymbol: false })),
  } : null), [d, t]);
  if (d && !d.figures) return <Card><Empty description={t('performance.none')} /></Card>;
  return (
    <Card size="small" loading={q.isLoading} title={t('performance.title')} data-testid="my-performance"
      extra={d?.asOf && <Typography.Text type="secondary">{t('performance.asOf', { date: d.asOf })}</Typography.Text>}>
      {d?.figures && (
        <>
          <Row gutter={[16, 16]}>
            {FIELDS.map((f) => <Col key={f} xs={12} md={8} lg={4}><Statistic title={t(`performance.${f}`)} value={formatMoney(d.figures![f])} /></Col>)}
            <Col xs={12} md={8} lg={4}><Statistic title={t('performance.rank')} value={d.rank ? `${d.rank.rank} / ${d.rank.of}` : '—'} /></Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('performance.rule', { customers: d.figures.customers })}</Typography.Paragraph>
          {option && <EChart option={option} height={280} label={t('performance.trend')} testId="my-performance-trend" />}
        </>
      )}
    </Card>
  );
}

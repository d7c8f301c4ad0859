// The morning figures at the top of the workbench (issue 12, item 5): for a customer manager his
// customers' deposits, loans, wealth products and AUM; for a head his institution's — each with the
// change since yesterday and since month start, and the 90-day trend. Every figure is the server's
// (computed in SQL, docs/workbench.md); a change whose compared day was not loaded shows "—".
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Segmented, Space, Statistic, Typography } from 'antd';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../auth/session';
import { compactAmount, EChart } from '../../components/EChart';
import { formatMoney } from '../../lib/format';
import { BOOK_KEY, fetchBook, type BookSummary, type Figure } from './book-api';
import styles from './home.module.css';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent]);
type Option = echarts.ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export const FIGURES = ['deposits', 'loans', 'wealth', 'aum'] as const;
const TREND_LINES = ['deposits', 'loans', 'aum'] as const;

/** "+1,000.00" / "-1,000.00" / "—". Red up, green down: the Chinese markets' colours. */
export function Change({ value, label, testId }: { value: string | null; label: string; testId?: string }) {
  const up = value !== null && !value.startsWith('-') && !/^0(\.0+)?$/.test(value);
  const down = value !== null && value.startsWith('-');
  return (
    <div className={styles.change} data-testid={testId}>
      <Typography.Text type="secondary">{label}</Typography.Text>{' '}
      <span className={up ? styles.up : down ? styles.down : undefined}>{value === null ? '—' : `${up ? '+' : ''}${formatMoney(value)}`}</span>
    </div>
  );
}

function TrendChart({ trend }: { trend: BookSummary['trend'] }) {
  const { t, i18n } = useTranslation();
  const option = useMemo((): Option => {
    const zh = i18n.language !== 'en-US';
    const names = TREND_LINES.map((f) => t(`book.${f}`));
    return {
      grid: { left: 16, right: 24, top: 36, bottom: 16, containLabel: true },
      legend: { top: 0, data: names },
      tooltip: {
        trigger: 'axis',
        // The exact amounts from the server, not the plotted approximations.
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const point = trend[list[0]?.dataIndex ?? 0];
          return [point?.date ?? '', ...list.map((p) => `${p.marker as string} ${names[p.seriesIndex ?? 0]}: ${formatMoney(point?.[TREND_LINES[p.seriesIndex ?? 0]!])}`)].join('<br/>');
        },
      },
      xAxis: { type: 'category', boundaryGap: false, data: trend.map((p) => p.date) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactAmount(v, zh) } },
      series: TREND_LINES.map((f, i): LineSeriesOption => ({ type: 'line', name: names[i], showSymbol: trend.length <= 31, data: trend.map((p) => Number(p[f])) })),
    };
  }, [trend, t, i18n.language]);
  return <EChart option={option} height={260} label={t('book.trend')} testId="book-trend-chart" />;
}

export function BookFigures() {
  const { t } = useTranslation();
  const can = useCan();
  const { data: me } = useMe();
  const [currency, setCurrency] = useState('CNY');
  // The server's rule, mirrored to avoid a request bound to be refused: managers read their book,
  // institution-wide staff their institution's only with a report permission.
  const allowed = !!me && (me.dataScope === 'own' ? can('customer.read') : can('report.read') || can('performance.read'));
  const q = useQuery({ queryKey: [...BOOK_KEY, currency], enabled: allowed, queryFn: ({ signal }) => fetchBook(currency, signal) });
  if (!allowed || !me) return null;
  const s = q.data;
  const title = s?.view === 'institution' || me.dataScope === 'institution'
    ? t('book.institutionTitle', { name: me.managingInstitution.name })
    : t('book.managerTitle', { count: s?.customers ?? 0 });
  const figure = (key: (typeof FIGURES)[number], f: Figure) => (
    <Col xs={12} xl={6} key={key}>
      <div className={styles.figure} data-testid={`book-${key}`}>
        <Statistic title={t(`book.${key}`)} value={formatMoney(f.balance)} />
        <Change label={t('book.sinceYesterday')} value={f.sinceYesterday} testId={`book-${key}-day`} />
        <Change label={t('book.sinceMonthStart')} value={f.sinceMonthStart} testId={`book-${key}-month`} />
      </div>
    </Col>
  );
  return (
    <Card size="small" className={styles.block} title={title} data-testid="book-figures" loading={q.isLoading}
      extra={s?.asOf && (
        <Space size={12}>
          {s.currencies.length > 1 && <Segmented size="small" options={s.currencies} value={currency} onChange={(v) => setCurrency(String(v))} />}
          <Typography.Text type="secondary" data-testid="book-as-of">{t('book.asOf', { date: s.asOf })}</Typography.Text>
        </Space>
      )}>
      {q.error && <Typography.Text type="danger">{q.error.message}</Typography.Text>}
      {s && !s.totals && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('book.none')} />}
      {s?.totals && (
        <>
          <Row gutter={[16, 16]}>{FIGURES.map((k) => figure(k, s.totals![k]))}</Row>
          <Typography.Paragraph type="secondary" className={styles.rule}>
            {t('book.rule', { yesterday: s.yesterday ?? '—', monthBase: s.monthBase ?? '—' })}
          </Typography.Paragraph>
          <TrendChart trend={s.trend} />
        </>
      )}
    </Card>
  );
}

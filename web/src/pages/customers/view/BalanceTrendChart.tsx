// 余额走势 (ACC-3): one line per category and currency, a point per calendar day. Only the parts
// of ECharts used here are imported (echarts/core).
import { Empty } from 'antd';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { compactAmount, EChart } from '../../../components/EChart';
import { formatMoney } from '../../../lib/format';
import type { BalanceTrend } from './accounts-api';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent]);
type Option = echarts.ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export function BalanceTrendChart({ trend }: { trend: BalanceTrend }) {
  const { t, i18n } = useTranslation();
  const option = useMemo((): Option => {
    const zh = i18n.language !== 'en-US';
    const names = trend.series.map((s) => t('accounts.trend.series', { category: t(`accounts.category.${s.category}`), currency: s.currency }));
    return {
      grid: { left: 16, right: 24, top: 40, bottom: 24, containLabel: true },
      legend: { top: 0, data: names },
      tooltip: {
        trigger: 'axis',
        // The exact amounts from the server, not the plotted approximations.
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const day = trend.series[0]?.points[list[0]?.dataIndex ?? 0]?.date ?? '';
          return [day, ...list.map((p) => `${p.marker as string} ${names[p.seriesIndex ?? 0]}: ${formatMoney(trend.series[p.seriesIndex ?? 0]?.points[p.dataIndex]?.balance)}`)].join('<br/>');
        },
      },
      xAxis: { type: 'category', boundaryGap: false, data: trend.series[0]?.points.map((p) => p.date) ?? [] },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactAmount(v, zh) } },
      // Plotting needs numbers; a double is exact enough for a pixel, and the tooltip shows the text.
      series: trend.series.map((s, i): LineSeriesOption => ({
        type: 'line', name: names[i], showSymbol: s.points.length <= 31, data: s.points.map((p) => Number(p.balance)),
      })),
    };
  }, [trend, t, i18n.language]);

  if (trend.series.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accounts.trend.empty')} data-testid="balance-trend-empty" />;
  return <EChart option={option} height={320} label={t('accounts.trend.title')} testId="balance-trend-chart" />;
}

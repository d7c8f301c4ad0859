// 余额走势 (ACC-3): one line per category and currency, a point per calendar day. Only the parts
// of ECharts used here are imported (echarts/core), so the chart adds little to the bundle; the SVG
// renderer keeps the legend and labels in the DOM, readable by screen readers and browser tests.
import { Empty } from 'antd';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../lib/format';
import type { BalanceTrend } from './accounts-api';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);
type Option = echarts.ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Compact axis labels: 12,345,678 → 1,234.57万 in Chinese, 12.35M in English. */
function axisLabel(v: number, zh: boolean) {
  const abs = Math.abs(v);
  if (zh) return abs >= 1e8 ? `${+(v / 1e8).toFixed(2)}亿` : abs >= 1e4 ? `${+(v / 1e4).toFixed(2)}万` : String(v);
  return abs >= 1e9 ? `${+(v / 1e9).toFixed(2)}B` : abs >= 1e6 ? `${+(v / 1e6).toFixed(2)}M` : abs >= 1e3 ? `${+(v / 1e3).toFixed(2)}K` : String(v);
}

export function BalanceTrendChart({ trend }: { trend: BalanceTrend }) {
  const { t, i18n } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const hasData = trend.series.length > 0;

  useEffect(() => {
    if (!hasData || !host.current) return;
    const chart = echarts.init(host.current, undefined, { renderer: 'svg' });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(host.current);
    return () => { resize.disconnect(); chart.dispose(); };
  }, [hasData]);

  useEffect(() => {
    const chart = host.current && echarts.getInstanceByDom(host.current);
    if (!chart) return;
    const zh = i18n.language !== 'en-US';
    const names = trend.series.map((s) => t('accounts.trend.series', { category: t(`accounts.category.${s.category}`), currency: s.currency }));
    const option: Option = {
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
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => axisLabel(v, zh) } },
      // Plotting needs numbers; a double is exact enough for a pixel, and the tooltip shows the text.
      series: trend.series.map((s, i): LineSeriesOption => ({
        type: 'line', name: names[i], showSymbol: s.points.length <= 31, data: s.points.map((p) => Number(p.balance)),
      })),
    };
    chart.setOption(option, { notMerge: true });
  }, [trend, hasData, t, i18n.language]);

  if (!hasData) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accounts.trend.empty')} data-testid="balance-trend-empty" />;
  return <div ref={host} style={{ width: '100%', height: 320 }} data-testid="balance-trend-chart" role="img" aria-label={t('accounts.trend.title')} />;
}

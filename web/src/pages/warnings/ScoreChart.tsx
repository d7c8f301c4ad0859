// The churn score over time of one alert's customer (WARN-4), with the level thresholds as lines.
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent, type GridComponentOption, type MarkLineComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart';
import type { WarningDetail } from './api';

echarts.use([LineChart, GridComponent, TooltipComponent, MarkLineComponent]);
type Option = echarts.ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption>;

export function ScoreChart({ scores, thresholds }: { scores: WarningDetail['scores']; thresholds?: { yellow: number; orange: number; red: number } }) {
  const { t } = useTranslation();
  const option = useMemo((): Option => ({
    grid: { left: 16, right: 24, top: 24, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', boundaryGap: false, data: scores.map((s) => s.businessDate) },
    yAxis: { type: 'value', min: 0 },
    series: [{
      type: 'line', name: t('warnings.score'), data: scores.map((s) => s.score), showSymbol: scores.length <= 31,
      markLine: thresholds ? { silent: true, symbol: 'none', data: (['yellow', 'orange', 'red'] as const).map((l) => ({ yAxis: thresholds[l], name: t(`warnings.level.${l}`),
        lineStyle: { color: l === 'yellow' ? '#d4b106' : l === 'orange' ? '#fa8c16' : '#f5222d', type: 'dashed' } })) } : undefined,
    }],
  }), [scores, thresholds, t]);
  return <EChart option={option} height={240} label={t('warnings.scoreChart')} testId="warning-score-chart" />;
}

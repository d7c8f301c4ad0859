// 客户关系形态 (REL-10, REL-11): customers in my charge per relationship level by managing
// institution (stacked bars), and the customers whose level moved on the latest computed day.
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Table } from 'antd';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { EChart } from '../../components/EChart';
import { LevelTag, levelKey } from './RelationshipLevelTab';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent]);
type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
interface Distribution { items: { institutionId: number; institution: string; level: number; customers: number }[] }
interface Moves { date: string | null; total: number; items: { customerId: number; customerNo: string; name: string; levelFrom: number | null; levelTo: number; score: string }[] }
const COLORS = ['#bfbfbf', '#69b1ff', '#36cfc9', '#73d13d', '#faad14'];

export default function RelationshipLevelsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const dist = useQuery({ queryKey: ['relationship-levels', 'distribution'], queryFn: ({ signal }) => api.get<Distribution>('/relationship-levels/distribution', undefined, signal) });
  const moves = useQuery({ queryKey: ['relationship-levels', 'moves', page], queryFn: ({ signal }) => api.get<Moves>('/relationship-levels/moves', { page, pageSize: 20 }, signal) });
  const option = useMemo((): Option | null => {
    const items = dist.data?.items ?? [];
    if (!items.length) return null;
    const institutions = [...new Map(items.map((i) => [i.institutionId, i.institution])).entries()];
    return {
      grid: { left: 16, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: institutions.map(([, name]) => name) },
      series: [1, 2, 3, 4, 5].map((level) => ({
        type: 'bar' as const, stack: 'levels', name: t(levelKey(level)), itemStyle: { color: COLORS[level - 1] },
        data: institutions.map(([id]) => items.find((i) => i.institutionId === id && i.level === level)?.customers ?? 0),
      })),
    };
  }, [dist.data, t]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={t('network.level.distribution')} loading={dist.isLoading}>
        {option ? <EChart option={option} testId="relationship-level-chart" label={t('network.level.distribution')} height={Math.max(220, 40 + 28 * new Set(dist.data!.items.map((i) => i.institutionId)).size)} />
          : <Empty description={t('network.level.none')} />}
      </Card>
      <Card size="small" title={t('network.level.moves', { date: moves.data?.date ?? '—' })}>
        <Table size="small" rowKey="customerId" loading={moves.isLoading} dataSource={moves.data?.items} data-testid="relationship-level-moves"
          pagination={{ current: page, pageSize: 20, total: moves.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('network.level.customer'), key: 'name', render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.name}</Link> },
            { title: t('network.level.customerNo'), dataIndex: 'customerNo', width: 140 },
            { title: t('network.level.from'), dataIndex: 'levelFrom', width: 160, render: (v: number | null) => <LevelTag level={v} /> },
            { title: t('network.level.to'), dataIndex: 'levelTo', width: 160, render: (v: number) => <LevelTag level={v} /> },
            { title: t('network.level.score'), dataIndex: 'score', width: 100, align: 'right' },
          ]} />
      </Card>
    </Space>
  );
}

// 关系网图 (REL-3): a force-directed ECharts graph of parties and links. Node colour says what the
// party is (the customer at the centre, a company, a person, a party who is not a customer), a red
// border a blacklisted customer, an orange one open warnings, grey a customer outside the reader's
// charge (masked, cannot be opened). Edge labels carry the role and the guaranteed amount or share.
// A click on a customer in the reader's charge opens him; the picture exports as PNG.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { GraphChart, type GraphSeriesOption } from 'echarts/charts';
import { LegendComponent, TooltipComponent, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { compactAmount, EChart } from '../../components/EChart';

echarts.use([GraphChart, LegendComponent, TooltipComponent]);
type Option = echarts.ComposeOption<GraphSeriesOption | LegendComponentOption | TooltipComponentOption>;

export interface GraphNode {
  key: string; name: string; kind: 'personal' | 'corporate'; isCustomer: boolean; masked: boolean;
  customerId: number | null; blacklisted: boolean | null; openAlerts?: number | null;
}
export interface GraphEdge { id: number; source: string; target: string; role: string; roleZh?: string; roleEn?: string; amount: string | null; sharePct?: string | null }

const CATEGORIES = ['center', 'corporate', 'personal', 'related', 'masked'] as const;
const COLORS: Record<(typeof CATEGORIES)[number], string> = { center: '#1677ff', corporate: '#13a8a8', personal: '#7cb305', related: '#d48806', masked: '#bfbfbf' };

export function NetworkGraph({ nodes, edges, center, height = 460, fileName }: { nodes: GraphNode[]; edges: GraphEdge[]; center?: string; height?: number; fileName: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const chart = useRef<echarts.EChartsType | null>(null);
  const zh = i18n.language !== 'en-US';
  const option = useMemo((): Option => {
    const categoryOf = (n: GraphNode) => (n.key === center ? 'center' : n.masked ? 'masked' : !n.isCustomer ? 'related' : n.kind);
    return {
      tooltip: { formatter: (p) => ((Array.isArray(p) ? p[0] : p)?.data as { tip?: string } | undefined)?.tip ?? '' },
      legend: [{ top: 0, data: CATEGORIES.map((c) => t(`network.legend.${c}`)) }],
      series: [{
        type: 'graph', layout: 'force', roam: true, draggable: true, top: 36,
        // Laid out before it is drawn (no animation): the picture holds still for reading and printing.
        force: { repulsion: 260, edgeLength: [90, 160], gravity: 0.08, layoutAnimation: false },
        categories: CATEGORIES.map((c) => ({ name: t(`network.legend.${c}`), itemStyle: { color: COLORS[c] } })),
        label: { show: true, position: 'bottom', fontSize: 11 },
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
        edgeLabel: { show: true, fontSize: 10, formatter: (p) => (p.data as { caption: string }).caption },
        lineStyle: { color: '#8c8c8c', curveness: 0.1 },
        data: nodes.map((n) => ({
          id: n.key, name: n.name, category: CATEGORIES.indexOf(categoryOf(n)), symbolSize: n.key === center ? 46 : 30,
          itemStyle: n.blacklisted ? { borderColor: '#f5222d', borderWidth: 4 } : n.openAlerts ? { borderColor: '#fa8c16', borderWidth: 3 } : undefined,
          customerId: n.customerId,
          tip: [n.name, n.masked ? t('network.maskedNode') : !n.isCustomer ? t('network.legend.related') : '', n.blacklisted ? t('network.legend.blacklisted') : '',
            n.openAlerts ? t('network.openAlerts', { count: n.openAlerts }) : ''].filter(Boolean).join('<br/>'),
        })),
        links: edges.map((e) => {
          const role = (zh ? e.roleZh : e.roleEn) ?? e.role;
          const figure = e.amount ? compactAmount(Number(e.amount), zh) : e.sharePct ? `${e.sharePct}%` : '';
          return { source: e.source, target: e.target, caption: figure ? `${role} ${figure}` : role, tip: figure ? `${role}：${figure}` : role };
        }),
      }],
    };
  }, [nodes, edges, center, t, zh]);

  const exportPng = async () => {
    const c = chart.current;
    if (!c) return;
    // The SVG renderer exports SVG; a canvas turns it into the PNG a report or an e-mail takes.
    const svg = c.getDataURL({ type: 'svg' });
    const img = new Image();
    await new Promise((resolve, reject) => { img.onload = resolve; img.onerror = reject; img.src = svg; });
    const canvas = document.createElement('canvas');
    canvas.width = img.width * 2; canvas.height = img.height * 2;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const a = document.createElement('a');
    a.href = canvas.toDataURL('image/png'); a.download = `${fileName}.png`; a.click();
  };

  return (
    <>
      <Space style={{ marginBottom: 4 }} wrap>
        <Typography.Text type="secondary">{t('network.legendHint')}</Typography.Text>
        <Tag color="red">{t('network.legend.blacklisted')}</Tag><Tag color="orange">{t('network.legend.warning')}</Tag>
        <Button size="small" icon={<DownloadOutlined />} onClick={() => void exportPng()} data-testid="network-export">{t('network.exportPng')}</Button>
      </Space>
      <EChart option={option} height={height} label={t('network.graphLabel')} testId="network-graph" onChart={(c) => { chart.current = c; }}
        onClick={(p) => {
          const id = p.dataType === 'node' ? (p.data as { customerId?: number | null }).customerId : null;
          if (id) navigate(`/customers/${id}?tab=network`);
        }} />
    </>
  );
}

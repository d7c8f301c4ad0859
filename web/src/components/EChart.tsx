// One ECharts chart in a box: created on mount with the SVG renderer (the legend and labels stay in
// the DOM, readable by screen readers and browser tests), resized with its box, given each new
// option whole, disposed on unmount. Callers register the chart types they draw (echarts.use),
// so only the parts of ECharts a page uses reach its bundle.
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([SVGRenderer]);

export function EChart({ option, height, label, testId, onClick, onChart }: {
  option: echarts.EChartsCoreOption; height: number; label: string; testId?: string;
  /** A click on a data item (a node of a graph, a bar): ECharts' event parameters. */
  onClick?: (params: { dataType?: string; data?: unknown }) => void;
  /** The chart instance once created, e.g. to export it as an image. */
  onChart?: (chart: echarts.EChartsType | null) => void;
}) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!host.current) return;
    const chart = echarts.init(host.current, undefined, { renderer: 'svg' });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(host.current);
    onChart?.(chart);
    return () => { resize.disconnect(); onChart?.(null); chart.dispose(); };
  }, []);

  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const chart = host.current && echarts.getInstanceByDom(host.current);
    if (!chart) return;
    const handler = (p: unknown) => click.current?.(p as { dataType?: string; data?: unknown });
    chart.on('click', handler);
    return () => { chart.off('click', handler); };
  }, []);

  useEffect(() => {
    const chart = host.current && echarts.getInstanceByDom(host.current);
    chart?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={host} style={{ width: '100%', height }} data-testid={testId} role="img" aria-label={label} />;
}

/** Compact axis labels: 12,345,678 → 1,234.57万 in Chinese, 12.35M in English. */
export function compactAmount(v: number, zh: boolean) {
  const abs = Math.abs(v);
  if (zh) return abs >= 1e8 ? `${+(v / 1e8).toFixed(2)}亿` : abs >= 1e4 ? `${+(v / 1e4).toFixed(2)}万` : String(v);
  return abs >= 1e9 ? `${+(v / 1e9).toFixed(2)}B` : abs >= 1e6 ? `${+(v / 1e6).toFixed(2)}M` : abs >= 1e3 ? `${+(v / 1e3).toFixed(2)}K` : String(v);
}

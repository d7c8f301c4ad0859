// A head's institution cut by the institutions directly below it (sub-branches, each with its
// teams) and by marketing team (issue 12, item 5): deposits, loans and AUM as grouped bars, and
// the figures with their change since month start in a table. Only for institution-wide readers
// with a report permission; the server draws the line by data scope.
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../auth/session';
import { compactAmount, EChart } from '../../components/EChart';
import { formatMoney } from '../../lib/format';
import { BOOK_KEY, fetchBreakdown, type BookBreakdown as Breakdown } from './book-api';
import { Change } from './BookFigures';
import styles from './home.module.css';
import { TeamManagers } from './TeamManagers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent]);
type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
type Unit = Breakdown['children'][number];
const BARS = ['deposits', 'loans', 'aum'] as const;

/** A unit as people say it: "市南支行 · 营销一队" for a team, "青岛分行（本级直属）" for the head's own accounts. */
function useUnitName() {
  const { t } = useTranslation();
  return useCallback((u: Unit) => (u.direct ? t('book.direct', { name: u.name }) : u.parentName ? `${u.parentName} · ${u.name}` : u.name), [t]);
}

function UnitChart({ units, testId }: { units: Unit[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const name = useUnitName();
  const option = useMemo((): Option => {
    const zh = i18n.language !== 'en-US';
    const names = BARS.map((f) => t(`book.${f}`));
    return {
      grid: { left: 16, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: names },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const u = units[list[0]?.dataIndex ?? 0];
          return [u ? name(u) : '', ...list.map((p) => `${p.marker as string} ${names[p.seriesIndex ?? 0]}: ${formatMoney(u?.[BARS[p.seriesIndex ?? 0]!].balance)}`)].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: units.map(name), axisLabel: { interval: 0, overflow: 'truncate', width: Math.max(64, Math.floor(960 / Math.max(units.length, 1)) - 16) } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactAmount(v, zh) } },
      series: BARS.map((f, i): BarSeriesOption => ({ type: 'bar', name: names[i], data: units.map((u) => Number(u[f].balance)) })),
    };
  }, [units, t, i18n.language, name]);
  return <EChart option={option} height={260} label={t('book.breakdownTitle', { name: '' })} testId={testId} />;
}

function UnitTable({ units, testId }: { units: Unit[]; testId: string }) {
  const { t } = useTranslation();
  const name = useUnitName();
  const cell = (f: (typeof BARS)[number]) => (_: unknown, u: Unit) => (
    <>
      <div>{formatMoney(u[f].balance)}</div>
      <Change label={t('book.sinceMonthStart')} value={u[f].sinceMonthStart} />
    </>
  );
  const columns: TableColumnsType<Unit> = [
    { title: t('book.unit'), key: 'name', render: (_, u) => name(u) },
    ...BARS.map((f) => ({ title: t(`book.${f}`), key: f, align: 'right' as const, render: cell(f) })),
  ];
  return <Table<Unit> size="small" rowKey="id" columns={columns} dataSource={units} pagination={false} data-testid={testId} />;
}

function UnitView({ units, kind }: { units: Unit[]; kind: 'children' | 'teams' }) {
  const { t } = useTranslation();
  if (units.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(kind === 'teams' ? 'book.noTeams' : 'book.none')} />;
  return (
    <>
      <UnitChart units={units} testId={`book-breakdown-chart-${kind}`} />
      <UnitTable units={units} testId={`book-breakdown-table-${kind}`} />
    </>
  );
}

export function BookBreakdown() {
  const { t } = useTranslation();
  const can = useCan();
  const { data: me } = useMe();
  const [tab, setTab] = useState<'children' | 'teams' | 'managers'>('children');
  const allowed = !!me && me.dataScope === 'institution' && (can('report.read') || can('performance.read'));
  const q = useQuery({ queryKey: [...BOOK_KEY, 'breakdown', 'CNY'], enabled: allowed, queryFn: ({ signal }) => fetchBreakdown('CNY', signal) });
  if (!allowed || !me) return null;
  const b = q.data;
  return (
    <Card size="small" className={styles.block} data-testid="book-breakdown" loading={q.isLoading}
      title={t('book.breakdownTitle', { name: me.managingInstitution.name })}
      extra={b?.asOf && <Typography.Text type="secondary">{t('book.asOfCurrency', { date: b.asOf, currency: b.currency })}</Typography.Text>}>
      {q.error && <Typography.Text type="danger">{q.error.message}</Typography.Text>}
      {b && !b.asOf && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('book.none')} />}
      {b?.asOf && (
        <Tabs size="small" activeKey={tab} onChange={(k) => setTab(k as 'children' | 'teams' | 'managers')} items={[
          { key: 'children', label: t('book.byChild'), children: <UnitView units={b.children} kind="children" /> },
          { key: 'teams', label: t('book.byTeam'), children: <UnitView units={b.teams} kind="teams" /> },
          { key: 'managers', label: t('book.byManager'), children: <TeamManagers /> },
        ]} />
      )}
    </Card>
  );
}

// 担保圈与担保链 (REL-4): the latest daily scan's guarantee circles touching customers in my charge —
// members (masked outside my charge), their loans, the guarantees inside, the longest chain and the
// institutions involved — each drilling into its graph; and the long guarantee chains.
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Empty, InputNumber, List, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatMoney } from '../../lib/format';
import { exportCircles, fetchChains, fetchCircle, fetchCircles, fetchProximity, type Circles, type Proximity } from './api';
import { NetworkGraph, type GraphNode } from './NetworkGraph';

type Member = { key: string; name: string; masked: boolean; customerId: number | null; isCustomer: boolean };
type CircleRow = Circles['items'][number];

function MemberTags({ members }: { members: Member[] }) {
  return (
    <Space size={[4, 4]} wrap>
      {members.map((m) => (m.customerId
        ? <Link key={m.key} to={`/customers/${m.customerId}?tab=network`}><Tag color="blue">{m.name}</Tag></Link>
        : <Tag key={m.key} color={m.masked ? 'default' : 'gold'}>{m.name}</Tag>))}
    </Space>
  );
}

function CircleDrawer({ date, no, onClose }: { date: string; no: number; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['guarantee-circle', date, no], queryFn: ({ signal }) => fetchCircle(date, no, signal) });
  const d = q.data;
  const nameOf = new Map((d?.members ?? []).map((m) => [(m as Member).key, (m as Member).name]));
  return (
    <Drawer open width={860} onClose={onClose} title={t('network.circles.detailTitle', { no, date })} data-testid="circle-drawer">
      {q.error && <Alert type="warning" showIcon title={q.error.message} />}
      {d && (
        <>
          {d.membersShown < d.memberCount && (
            <Alert type="info" showIcon style={{ marginBottom: 8 }} data-testid="circle-drawn-part"
              title={t('network.circles.drawnPart', { shown: d.membersShown, count: d.memberCount })} />
          )}
          <NetworkGraph nodes={d.members as unknown as GraphNode[]} edges={d.edges} fileName={`担保圈-${date}-${no}`} height={420} />
          <Typography.Title level={5}>{t('network.circles.cycleList')}</Typography.Title>
          <List size="small" dataSource={d.cycles as string[][]} renderItem={(cycle) => <List.Item>{[...cycle, cycle[0]!].map((k) => nameOf.get(k) ?? k).join(' → ')}</List.Item>} />
        </>
      )}
    </Drawer>
  );
}

/** Customers in my charge one to three hops from a blacklisted customer, nearest first. */
function BlacklistProximity() {
  const { t } = useTranslation();
  const [hops, setHops] = useState(2);
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: ['blacklist-proximity', hops, page], queryFn: ({ signal }) => fetchProximity({ hops, page, pageSize: 20 }, signal) });
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <span>{t('network.proximity.hops')}</span>
        <Segmented<number> value={hops} onChange={(v) => { setHops(v); setPage(1); }} options={[1, 2, 3].map((n) => ({ value: n, label: t('network.proximity.hopsN', { n }) }))} data-testid="proximity-hops" />
      </Space>
      {q.error && <Alert type="warning" showIcon title={q.error.message} />}
      <Table<Proximity['items'][number]> size="small" rowKey={(r) => `${r.customerId}-${r.blacklisted.customerId ?? r.blacklisted.name}`} loading={q.isLoading} dataSource={q.data?.items} data-testid="proximity-table"
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('network.proximity.customer'), key: 'customer', render: (_, r) => <Link to={`/customers/${r.customerId}?tab=network`}>{r.name}</Link> },
          { title: t('network.proximity.customerNo'), dataIndex: 'customerNo', width: 140 },
          { title: t('network.proximity.distance'), dataIndex: 'hops', width: 110, render: (n: number) => <Tag color={n === 1 ? 'red' : n === 2 ? 'orange' : 'gold'}>{t('network.proximity.hopsN', { n })}</Tag> },
          { title: t('network.proximity.listed'), key: 'listed', render: (_, r) => (r.blacklisted.customerId
            ? <Link to={`/customers/${r.blacklisted.customerId}?tab=network`}>{r.blacklisted.name}</Link> : <Tag>{r.blacklisted.name}</Tag>) },
        ]} />
    </>
  );
}

export default function GuaranteeCirclesPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [minMembers, setMinMembers] = useState<number | null>(null);
  const [chainPage, setChainPage] = useState(1);
  const [drill, setDrill] = useState<{ date: string; no: number } | null>(null);
  const circles = useQuery({ queryKey: ['guarantee-circles', page, minMembers], queryFn: ({ signal }) => fetchCircles({ page, pageSize: 20, minMembers: minMembers ?? undefined }, signal) });
  const chains = useQuery({ queryKey: ['guarantee-chains', chainPage], queryFn: ({ signal }) => fetchChains({ page: chainPage, pageSize: 20 }, signal) });
  const scanDate = circles.data?.scanDate;
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const onExport = async () => {
    setExporting(true);
    try { message.success(t('network.circles.exported', { name: await exportCircles({ minMembers: minMembers ?? undefined }) })); }
    catch (e) { message.error((e as Error).message); }
    finally { setExporting(false); }
  };
  return (
    <Card title={t('network.circles.title')}>
      <Typography.Paragraph type="secondary">{t('network.circles.intro')}</Typography.Paragraph>
      {circles.error && <Alert type="warning" showIcon title={circles.error.message} />}
      {(
        <Tabs items={[
          { key: 'circles', label: t('network.circles.circleTab'), children: circles.data && !scanDate ? <Empty description={t('network.circles.noScan')} /> : (
            <>
              <Space style={{ marginBottom: 8 }}>
                <span>{t('network.circles.scanDate')}：{scanDate ?? '—'}</span>
                <InputNumber min={2} max={1000} placeholder={t('network.circles.minMembers')} value={minMembers} onChange={(v) => { setMinMembers(v); setPage(1); }} style={{ width: 180 }} />
                <Button onClick={onExport} loading={exporting} disabled={!circles.data?.total} data-testid="circles-export">{t('network.circles.export')}</Button>
              </Space>
              <Table<CircleRow> size="small" rowKey="circleNo" loading={circles.isLoading} dataSource={circles.data?.items} data-testid="circles-table" scroll={{ x: 1100 }}
                pagination={{ current: page, pageSize: 20, total: circles.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
                columns={[
                  { title: t('network.circles.circleNo'), dataIndex: 'circleNo', width: 70 },
                  { title: t('network.circles.memberCount'), key: 'count', width: 110, render: (_, r) => <>{r.memberCount}{r.mutual && <Tag color="purple" style={{ marginLeft: 6 }}>{t('network.circles.mutual')}</Tag>}</> },
                  { title: t('network.circles.members'), key: 'members', render: (_, r) => <MemberTags members={r.members as Member[]} /> },
                  { title: t('network.circles.loanBalance'), dataIndex: 'loanBalance', width: 140, align: 'right', render: formatMoney },
                  { title: t('network.circles.guaranteedAmount'), dataIndex: 'guaranteedAmount', width: 140, align: 'right', render: formatMoney },
                  { title: t('network.circles.longestChain'), dataIndex: 'longestChain', width: 100 },
                  { title: t('network.circles.institutions'), key: 'inst', width: 180, render: (_, r) => r.institutions.join('、') },
                  { title: '', key: 'drill', width: 100, render: (_, r) => <Button size="small" type="link" onClick={() => setDrill({ date: scanDate!, no: r.circleNo })} data-testid="circle-drill">{t('network.circles.drill')}</Button> },
                ]} />
            </>
          ) },
          { key: 'chains', label: t('network.circles.chains'), children: (
            <Table size="small" rowKey="chainNo" loading={chains.isLoading} dataSource={chains.data?.items} data-testid="chains-table"
              pagination={{ current: chainPage, pageSize: 20, total: chains.data?.total ?? 0, onChange: setChainPage, showSizeChanger: false }}
              columns={[
                { title: t('network.circles.chainLength'), dataIndex: 'length', width: 100 },
                { title: t('network.circles.members'), key: 'members', render: (_, r) => <MemberTags members={r.members as Member[]} /> },
              ]} />
          ) },
          { key: 'proximity', label: t('network.proximity.tab'), children: <BlacklistProximity /> },
        ]} />
      )}
      {drill && <CircleDrawer date={drill.date} no={drill.no} onClose={() => setDrill(null)} />}
    </Card>
  );
}

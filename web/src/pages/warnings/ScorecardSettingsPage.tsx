// 危机预警模型设置 (WARN-1): the scorecard a head office edits — each indicator's bins and points,
// the level thresholds, the crisis rules and the escalation days — with a preview of how many
// customers each level would hold under the change, before it is saved (audited on the server).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, InputNumber, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { fetchScorecard, previewScorecard, saveScorecard, type Bin, type Preview, type Scorecard } from './api';

const range = (b: Bin) => `${b.from ?? '−∞'} ≤ x < ${b.to ?? '+∞'}`;

export default function ScorecardSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const saved = useQuery({ queryKey: ['warnings', 'scorecard'], queryFn: ({ signal }) => fetchScorecard(signal) });
  const [card, setCard] = useState<Scorecard | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  useEffect(() => { if (saved.data) setCard(structuredClone(saved.data)); }, [saved.data]);
  if (!card) return <Card loading />;
  const edit = (fn: (c: Scorecard) => void) => { const c = structuredClone(card); fn(c); setCard(c); setPreview(null); };
  const rows = Object.entries(card.indicators).flatMap(([code, i]) => i.bins.map((b, k) => ({ key: `${code}.${k}`, code, k, bin: b, first: k === 0, span: i.bins.length })));

  return (
    <Card size="small" title={t('warnings.settings.title')} data-testid="warning-settings">
      <Form layout="inline" style={{ marginBottom: 12 }}>
        {(['yellow', 'orange', 'red'] as const).map((l) => (
          <Form.Item key={l} label={t(`warnings.level.${l}`)}>
            <InputNumber min={1} max={10000} value={card.thresholds[l]} onChange={(v) => edit((c) => { c.thresholds[l] = Number(v ?? 0); })} data-testid={`threshold-${l}`} />
          </Form.Item>
        ))}
        <Form.Item label={t('warnings.settings.escalation')}>
          <InputNumber min={1} max={60} value={card.escalationWorkingDays} onChange={(v) => edit((c) => { c.escalationWorkingDays = Number(v ?? 1); })} />
        </Form.Item>
        <Form.Item label={t('warnings.settings.severeDays')}>
          <InputNumber min={7} max={3650} value={card.rules.severeInactiveDays} onChange={(v) => edit((c) => { c.rules.severeInactiveDays = Number(v ?? 60); })} />
        </Form.Item>
        <Form.Item label={t('warnings.settings.mildRatio')}>
          <InputNumber min={0} max={1} step={0.05} value={card.rules.mildActivityRatio} onChange={(v) => edit((c) => { c.rules.mildActivityRatio = Number(v ?? 0.5); })} />
        </Form.Item>
      </Form>
      <Table size="small" pagination={false} dataSource={rows} columns={[
        { title: t('warnings.indicator'), dataIndex: 'code', onCell: (r) => ({ rowSpan: r.first ? r.span : 0 }), render: (c: string) => t(`warnings.indicators.${c}`, { defaultValue: c }) },
        { title: t('warnings.settings.bin'), key: 'bin', render: (_: unknown, r) => range(r.bin) },
        { title: t('warnings.points'), key: 'points', width: 140, render: (_: unknown, r) => (
          <InputNumber min={0} max={1000} value={r.bin.points} onChange={(v) => edit((c) => { c.indicators[r.code]!.bins[r.k]!.points = Number(v ?? 0); })} />) },
      ]} />
      <Space style={{ marginTop: 12 }}>
        <Button onClick={() => void previewScorecard(card).then(setPreview, report)} data-testid="warning-preview">{t('warnings.settings.preview')}</Button>
        <Button type="primary" onClick={() => void saveScorecard(card).then(() => { message.success(t('warnings.saved')); void queryClient.invalidateQueries({ queryKey: ['warnings'] }); }, report)}>
          {t('warnings.settings.save')}
        </Button>
      </Space>
      {preview && (
        <Descriptions size="small" bordered column={3} style={{ marginTop: 12 }} title={t('warnings.settings.previewTitle', { asOf: preview.asOf ?? '—', customers: preview.customers })}
          items={(['yellow', 'orange', 'red'] as const).map((l) => ({ key: l, label: t(`warnings.level.${l}`), children: `${preview.current[l]} → ${preview.proposed[l]}` }))} />
      )}
    </Card>
  );
}

// One crisis warning: the indicators that drove it with their points (factor analysis), the score
// over time, the history, and the disposal — the form of the next step for the manager, the
// closing button for his head.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, Timeline } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { useCan, useMe } from '../../auth/session';
import { orDash } from '../../lib/format';
import { closeWarning, fetchScorecard, fetchWarning, LEVEL_COLOR, recordDisposal, type Factor, type Result } from './api';
import { ScoreChart } from './ScoreChart';

type Step = 'analysis' | 'contact' | 'measures' | 'result';

export function WarningDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const can = useCan();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: ['warnings', 'detail', id], queryFn: ({ signal }) => fetchWarning(id, signal) });
  const card = useQuery({ queryKey: ['warnings', 'scorecard'], queryFn: ({ signal }) => fetchScorecard(signal), enabled: can('setting.manage'), retry: false });
  const [form] = Form.useForm<{ on: Dayjs; note: string; result?: Result }>();
  const w = detail.data;
  const d = w?.disposal;
  const next: Step | null = !w || w.status !== 'open' ? null : !d?.analysisOn ? 'analysis' : !d.contactOn ? 'contact' : !d.measuresOn ? 'measures' : 'result';
  const mine = !!w && !!me && w.managerId === me.id;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['warnings'] });
  const submit = (v: { on: Dayjs; note: string; result?: Result }) => next && recordDisposal(id, { step: next, on: v.on.format('YYYY-MM-DD'), note: v.note, ...(next === 'result' ? { result: v.result } : {}) })
    .then(() => { message.success(t('warnings.saved')); form.resetFields(); void refresh(); }, report);
  const close = () => closeWarning(id).then(() => { message.success(t('warnings.closedOk')); void refresh(); }, report);

  return (
    <Drawer open width={760} onClose={onClose} title={w ? `${w.customer.name}（${w.customer.customerNo}）` : t('warnings.title')} data-testid="warning-drawer">
      {w && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={2} bordered items={[
            { key: 'level', label: t('warnings.level.title'), children: <Tag color={LEVEL_COLOR[w.level]} data-testid="warning-level">{t(`warnings.level.${w.level}`)}</Tag> },
            { key: 'score', label: t('warnings.score'), children: w.score },
            { key: 'crisis', label: t('warnings.crisis.title'), children: w.crisis ? t(`warnings.crisis.${w.crisis}`) : '—' },
            { key: 'status', label: t('warnings.statusTitle'), children: <span data-testid="warning-status">{t(`warnings.status.${w.status}`)}</span> },
            { key: 'raised', label: t('warnings.raisedOn'), children: w.raisedOn },
            { key: 'manager', label: t('warnings.manager'), children: orDash(w.managerName) },
          ]} />
          <Table<Factor> rowKey="code" size="small" pagination={false} title={() => t('warnings.factors')} dataSource={w.factors} data-testid="warning-factors"
            columns={[
              { title: t('warnings.indicator'), dataIndex: 'code', render: (c: string) => t(`warnings.indicators.${c}`, { defaultValue: c }) },
              { title: t('warnings.value'), dataIndex: 'value', width: 120, render: (v: number | null) => orDash(v) },
              { title: t('warnings.points'), dataIndex: 'points', width: 80 },
            ]} />
          <ScoreChart scores={w.scores} thresholds={card.data?.thresholds} />
          <Descriptions size="small" column={1} bordered title={t('warnings.disposal')} items={[
            { key: 'a', label: t('warnings.step.analysis'), children: d?.analysisOn ? `${d.analysisOn} ${d.analysisNote ?? ''}` : '—' },
            { key: 'c', label: t('warnings.step.contact'), children: d?.contactOn ? `${d.contactOn} ${d.contactNote ?? ''}` : '—' },
            { key: 'm', label: t('warnings.step.measures'), children: d?.measuresOn ? `${d.measuresOn} ${d.measuresNote ?? ''}` : '—' },
            { key: 'r', label: t('warnings.step.result'), children: d?.result ? `${d.resultOn} ${t(`warnings.result.${d.result}`)} ${d.resultNote ?? ''}` : '—' },
          ]} />
          {next && mine && (
            <Form form={form} layout="inline" onFinish={submit} initialValues={{ on: dayjs() }} data-testid="disposal-form">
              <Form.Item label={t(`warnings.step.${next}`)} name="on" rules={[{ required: true }]}><DatePicker allowClear={false} /></Form.Item>
              {next === 'result' && (
                <Form.Item name="result" rules={[{ required: true, message: t('warnings.resultRequired') }]}>
                  <Select style={{ width: 140 }} placeholder={t('warnings.step.result')} options={(['retained', 'lost', 'false_alarm'] as const).map((r) => ({ value: r, label: t(`warnings.result.${r}`) }))} />
                </Form.Item>
              )}
              <Form.Item name="note" rules={[{ required: true, message: t('warnings.noteRequired') }]}><Input style={{ width: 260 }} placeholder={t('warnings.note')} maxLength={500} /></Form.Item>
              <Button type="primary" htmlType="submit">{t('warnings.record')}</Button>
            </Form>
          )}
          {w.status === 'resolved' && can('alert.unassigned.handle') && !mine && (
            <Button type="primary" onClick={() => void close()} data-testid="warning-close">{t('warnings.close')}</Button>
          )}
          <Timeline items={w.events.map((e) => ({ children: `${e.businessDate} ${t(`warnings.event.${e.kind}`, { defaultValue: e.kind })}${e.level ? ` · ${t(`warnings.level.${e.level}`)}` : ''}${e.score !== null ? ` · ${e.score}` : ''}` }))} />
        </Space>
      )}
    </Drawer>
  );
}

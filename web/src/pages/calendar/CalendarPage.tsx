// 工作日历: holidays and adjusted working days of a year, as a list or a month view, with a
// working-day calculator that uses the same rule as every "N working days" deadline.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Row, Select, Space, Statistic, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { useCan } from '../../auth/session';
import { calendarKey, deleteDay, fetchYear, type CalendarDay } from './api';
import { DayFormModal } from './DayFormModal';
import { DayTable } from './DayTable';
import { MonthView } from './MonthView';
import { WorkingDaysCalculator } from './WorkingDaysCalculator';

const thisYear = dayjs().year();
const YEARS = Array.from({ length: 9 }, (_, i) => thisYear - 4 + i);

export default function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<{ day?: string; existing?: CalendarDay } | null>(null);
  const cal = useQuery({ queryKey: calendarKey(year), queryFn: ({ signal }) => fetchYear(year, signal), placeholderData: keepPreviousData });
  const canManage = can('calendar.manage');
  const items = cal.data?.items ?? [];

  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['calendar'] });
  const remove = (d: CalendarDay) => deleteDay(d.day).then(() => { message.success(t('calendar.deleted', { day: d.day })); refresh(); }, report);
  const open = (day: string) => { if (canManage) setEditing({ day, existing: items.find((i) => i.day === day) }); };

  return (
    <Row gutter={12} wrap={false}>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card size="small" title={
          <Space>
            {t('calendar.title')}
            <Select value={year} onChange={setYear} style={{ width: 110 }} data-testid="calendar-year"
              options={YEARS.map((y) => ({ value: y, label: t('calendar.yearOption', { year: y }) }))} />
          </Space>
        } extra={canManage && <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="calendar-add">{t('calendar.add')}</Button>}>
          <Tabs size="small" items={[
            { key: 'list', label: t('calendar.listView'), children: <DayTable items={items} loading={cal.isFetching} canManage={canManage} onEdit={(d) => setEditing({ day: d.day, existing: d })} onDelete={remove} /> },
            { key: 'month', label: t('calendar.monthView'), children: <MonthView year={year} items={items} onYearChange={setYear} onPick={open} /> },
          ]} />
        </Card>
      </Col>
      <Col flex="320px">
        <Card size="small" title={t('calendar.summary', { year })} style={{ marginBottom: 12 }}>
          <Row gutter={8}>
            <Col span={8}><Statistic title={t('calendar.workingDays')} value={cal.data?.workingDays ?? '—'} loading={cal.isLoading} /></Col>
            <Col span={8}><Statistic title={t('calendar.holidays')} value={items.filter((i) => i.kind === 'holiday').length} loading={cal.isLoading} /></Col>
            <Col span={8}><Statistic title={t('calendar.workdays')} value={items.filter((i) => i.kind === 'workday').length} loading={cal.isLoading} /></Col>
          </Row>
        </Card>
        <WorkingDaysCalculator />
      </Col>
      {editing && <DayFormModal day={editing.day} existing={editing.existing} onClose={() => setEditing(null)}
        onDone={() => { setEditing(null); message.success(t('common.saved')); refresh(); }} />}
    </Row>
  );
}

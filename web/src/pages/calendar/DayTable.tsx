import { Popconfirm, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { KIND_COLOR, type CalendarDay } from './api';

interface Props { items: CalendarDay[]; loading: boolean; canManage: boolean; onEdit: (d: CalendarDay) => void; onDelete: (d: CalendarDay) => Promise<unknown> }

export function DayTable({ items, loading, canManage, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  return (
    <Table<CalendarDay> rowKey="day" size="small" loading={loading} dataSource={items} pagination={false} scroll={{ y: 'calc(100vh - 300px)' }}
      locale={{ emptyText: t('calendar.empty') }} data-testid="calendar-table"
      columns={[
        // Beside the year's summary the list has about 750 px at 1366: who and when share one column,
        // so the holiday's name keeps room for itself (fixed widths left it one character).
        { title: t('calendar.day'), dataIndex: 'day', width: 100 },
        { title: t('calendar.weekday'), dataIndex: 'day', key: 'weekday', width: 96, render: (d: string) => dayjs(d).format('dddd') },
        { title: t('calendar.kind.label'), dataIndex: 'kind', width: 150, render: (k: CalendarDay['kind']) => <Tag color={KIND_COLOR[k]}>{t(`calendar.kind.${k}`)}</Tag> },
        { title: t('calendar.name'), dataIndex: 'name' },
        { title: t('calendar.updatedBy'), dataIndex: 'updatedAt', width: 150, render: (at: string, d) => (
          <><div>{d.updatedBy ?? t('calendar.seeded')}</div><div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{formatDateTime(at)}</div></>) },
        ...(canManage ? [{
          title: t('common.actions'), key: 'actions', width: 100,
          render: (_: unknown, d: CalendarDay) => (
            <Space size={8}>
              <a onClick={() => onEdit(d)}>{t('common.edit')}</a>
              <Popconfirm title={t('calendar.deleteConfirm', { day: d.day })} description={t('calendar.deleteHint')} okButtonProps={{ danger: true }}
                okText={t('common.delete')} onConfirm={() => onDelete(d)}>
                <a style={{ color: '#cf1322' }}>{t('common.delete')}</a>
              </Popconfirm>
            </Space>
          ),
        }] : []),
      ]} />
  );
}

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
        { title: t('calendar.day'), dataIndex: 'day', width: 110 },
        { title: t('calendar.weekday'), dataIndex: 'day', key: 'weekday', width: 100, render: (d: string) => dayjs(d).format('dddd') },
        { title: t('calendar.kind.label'), dataIndex: 'kind', width: 150, render: (k: CalendarDay['kind']) => <Tag color={KIND_COLOR[k]}>{t(`calendar.kind.${k}`)}</Tag> },
        { title: t('calendar.name'), dataIndex: 'name', ellipsis: true },
        { title: t('calendar.updatedBy'), dataIndex: 'updatedBy', width: 110, render: (v: string | null) => v ?? t('calendar.seeded') },
        { title: t('calendar.updatedAt'), dataIndex: 'updatedAt', width: 160, render: formatDateTime },
        ...(canManage ? [{
          title: t('common.actions'), key: 'actions', width: 110,
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

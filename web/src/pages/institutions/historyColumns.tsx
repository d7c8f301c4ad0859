import { Tag, Tooltip, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { formatDateTime, orDash } from '../../lib/format';
import type { InstitutionHistory } from './api';
import { EVENT_COLOR } from './labels';

export const historyColumns = (t: TFunction): TableColumnsType<InstitutionHistory> => [
  { title: t('institutions.history.event'), dataIndex: 'event', width: 76, render: (e: InstitutionHistory['event']) => <Tag color={EVENT_COLOR[e]}>{t(`institutions.event.${e}`)}</Tag> },
  { title: t('institutions.history.period'), key: 'period', width: 180, render: (_: unknown, h) => `${h.validFrom} ~ ${h.validTo ?? t('institutions.history.now')}` },
  { title: t('institutions.name'), key: 'name', width: 150, ellipsis: true, render: (_: unknown, h) => `${h.code} ${h.name}` },
  { title: t('institutions.parent'), dataIndex: 'parentName', width: 130, ellipsis: true, render: orDash },
  { title: t('common.reason'), dataIndex: 'reason', ellipsis: true, render: orDash },
  {
    title: t('institutions.history.changedBy'), dataIndex: 'changedBy', width: 100,
    render: (v: string | null, h) => <Tooltip title={`${t('institutions.history.changedAt')} ${formatDateTime(h.changedAt)}`}>{v ?? t('common.system')}</Tooltip>,
  },
];

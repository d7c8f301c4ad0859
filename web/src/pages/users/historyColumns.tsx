import { Tag, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { orDash } from '../../lib/format';
import type { UserHistory } from './api';
import { EVENT_COLOR, STATUS_COLOR } from './labels';

export const historyColumns = (t: TFunction): TableColumnsType<UserHistory> => [
  { title: t('users.history.event'), dataIndex: 'event', width: 80, render: (e: UserHistory['event']) => <Tag color={EVENT_COLOR[e]}>{t(`users.event.${e}`)}</Tag> },
  { title: t('users.history.period'), key: 'period', width: 190, render: (_: unknown, h) => `${h.validFrom} ~ ${h.validTo ?? t('users.history.now')}` },
  { title: t('users.homeInstitution'), dataIndex: 'homeInstitutionName', ellipsis: true },
  { title: t('users.managingInstitution'), dataIndex: 'managingInstitutionName', ellipsis: true },
  { title: t('users.status.label'), dataIndex: 'status', width: 70, render: (s: UserHistory['status']) => <Tag color={STATUS_COLOR[s]}>{t(`users.status.${s}`)}</Tag> },
  { title: t('common.reason'), dataIndex: 'reason', ellipsis: true, render: orDash },
  { title: t('users.history.changedBy'), dataIndex: 'changedBy', width: 90, render: (v: string | null) => v ?? t('common.system') },
];

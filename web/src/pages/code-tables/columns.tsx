import { Space, Tag, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { CodeItem } from './api';

interface Opts { hierarchical: boolean; canManage: boolean; onChildren: (i: CodeItem) => void; onEdit: (i: CodeItem) => void }

export const itemColumns = (t: TFunction, o: Opts): TableColumnsType<CodeItem> => [
  { title: t('codeTables.code'), dataIndex: 'code', width: 110, render: (c: string) => <code>{c}</code> },
  { title: t('codeTables.nameZh'), dataIndex: 'nameZh', ellipsis: true },
  { title: t('codeTables.nameEn'), dataIndex: 'nameEn', ellipsis: true },
  ...(o.hierarchical ? [{ title: t('codeTables.level'), dataIndex: 'level', width: 60, align: 'center' as const }] : []),
  { title: t('codeTables.sortOrder'), dataIndex: 'sortOrder', width: 70, align: 'right' },
  { title: t('codeTables.active'), dataIndex: 'active', width: 70, render: (a: boolean) => (a ? <Tag color="green">{t('codeTables.on')}</Tag> : <Tag>{t('codeTables.off')}</Tag>) },
  {
    title: t('common.actions'), key: 'actions', width: 110,
    render: (_: unknown, it) => (
      <Space size={8}>
        {o.hierarchical && <a onClick={() => o.onChildren(it)}>{t('codeTables.children')}</a>}
        {o.canManage && <a onClick={() => o.onEdit(it)}>{t('common.edit')}</a>}
      </Space>
    ),
  },
];

// Items of one code table: search, paging, drill-down by parent for hierarchical tables, and
// maintenance for holders of codetable.manage (items are deactivated, never deleted).
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session';
import { useLang } from '../../i18n';
import { localName } from '../../lib/format';
import { fetchItems, type CodeItem, type CodeTable, type ItemQuery } from './api';
import { itemColumns } from './columns';
import { ItemFormModal } from './ItemFormModal';
import styles from './code-tables.module.css';

export function ItemsPanel({ table }: { table: CodeTable }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const canManage = can('codetable.manage');
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [path, setPath] = useState<CodeItem[]>([]);
  const [editing, setEditing] = useState<{ item?: CodeItem } | null>(null);

  const parent = path[path.length - 1];
  const query: ItemQuery = {
    q: q || undefined,
    // Searching looks through the whole table; browsing shows one level at a time.
    parent: table.hierarchical && !q ? (parent?.code ?? '') : undefined,
    includeInactive: includeInactive ? 'true' : 'false',
    ...page,
  };
  const items = useQuery({
    queryKey: ['code-items', table.code, query],
    queryFn: ({ signal }) => fetchItems(table.code, query, signal),
    placeholderData: keepPreviousData,
  });

  const drill = (next: CodeItem[]) => { setPath(next); setPage((p) => ({ ...p, page: 1 })); };
  const saved = (text: string) => {
    setEditing(null);
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: ['code-items', table.code] });
    void queryClient.invalidateQueries({ queryKey: ['code-tables'] });
  };

  return (
    <Card size="small" title={<span>{localName(lang, table)} <Typography.Text type="secondary" code>{table.code}</Typography.Text>
      {table.builtin ? <Tag style={{ marginLeft: 8 }}>{t('codeTables.builtin')}</Tag> : <Tag color="gold" style={{ marginLeft: 8 }}>{t('codeTables.custom')}</Tag>}</span>}
      extra={canManage && <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="code-item-add">{t('codeTables.addItem')}</Button>}>
      {table.source && <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('codeTables.sourceText', { source: table.source })}</Typography.Paragraph>}
      <div className={styles.toolbar}>
        <Input.Search allowClear style={{ width: 280 }} placeholder={t('codeTables.searchItems')} value={qInput}
          onChange={(e) => setQInput(e.target.value)} onSearch={(v) => { setQ(v.trim()); setPage((p) => ({ ...p, page: 1 })); }} data-testid="code-item-search" />
        <Space size={4}>
          <Switch size="small" checked={includeInactive} onChange={(v) => { setIncludeInactive(v); setPage((p) => ({ ...p, page: 1 })); }} />
          <Typography.Text type="secondary">{t('codeTables.includeInactive')}</Typography.Text>
        </Space>
      </div>
      {table.hierarchical && !q && (
        <Breadcrumb className={styles.path} items={[
          { title: <a onClick={() => drill([])}>{t('codeTables.roots')}</a> },
          ...path.map((p, i) => ({ title: i === path.length - 1 ? `${p.code} ${localName(lang, p)}` : <a onClick={() => drill(path.slice(0, i + 1))}>{p.code} {localName(lang, p)}</a> })),
        ]} />
      )}
      <Table<CodeItem> rowKey="code" size="small" loading={items.isFetching} dataSource={items.data?.items}
        columns={itemColumns(t, { hierarchical: table.hierarchical && !q, canManage, onChildren: (it) => drill([...path, it]), onEdit: (it) => setEditing({ item: it }) })}
        locale={{ emptyText: items.error ? items.error.message : parent ? t('codeTables.noChildren') : t('common.noData') }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: items.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100],
          showTotal: (n) => t('common.total', { count: n }), onChange: (p, s) => setPage({ page: p, pageSize: s }) }} />
      {editing && (
        <ItemFormModal table={table} item={editing.item} parent={table.hierarchical ? parent : undefined} onClose={() => setEditing(null)}
          onDone={() => saved(editing.item ? t('common.saved') : t('codeTables.itemCreated'))} />
      )}
    </Card>
  );
}

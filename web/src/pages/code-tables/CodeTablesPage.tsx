// 代码表: the list of code tables on the left, the items of the chosen one on the right.
import { ApartmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Input, Table, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useLang } from '../../i18n';
import { localName } from '../../lib/format';
import { fetchTables, type CodeTable } from './api';
import { ItemsPanel } from './ItemsPanel';
import styles from './code-tables.module.css';

export default function CodeTablesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const tables = useQuery({ queryKey: ['code-tables'], queryFn: ({ signal }) => fetchTables(signal), staleTime: 60_000 });
  const selected = params.get('table');
  const current = tables.data?.find((x) => x.code === selected);

  const shown = useMemo(() => {
    const n = q.trim().toLowerCase();
    return (tables.data ?? []).filter((x) => !n || x.code.includes(n) || x.nameZh.includes(n) || x.nameEn.toLowerCase().includes(n));
  }, [tables.data, q]);

  return (
    <div className={styles.layout}>
      <Card size="small" title={t('codeTables.tables')} className={styles.left}>
        <Input.Search allowClear placeholder={t('codeTables.searchTables')} value={q} onChange={(e) => setQ(e.target.value)} style={{ marginBottom: 8 }} />
        <Table<CodeTable> rowKey="code" size="small" loading={tables.isLoading} dataSource={shown} pagination={false}
          scroll={{ y: 'calc(100vh - 290px)' }} data-testid="code-table-list"
          rowClassName={(r) => (r.code === selected ? styles.selectedRow : styles.row)}
          onRow={(r) => ({ onClick: () => setParams({ table: r.code }, { replace: true }) })}
          columns={[
            { title: t('codeTables.name'), key: 'name', render: (_: unknown, r) => (
              <span>
                {localName(lang, r)}
                {r.hierarchical && <Tooltip title={t('codeTables.hierarchical')}><ApartmentOutlined style={{ marginLeft: 6, color: '#1456b8' }} /></Tooltip>}
                <div className={styles.tableCode}>{r.code}</div>
              </span>
            ) },
            { title: t('codeTables.count'), dataIndex: 'itemCount', width: 64, align: 'right' },
          ]} />
      </Card>
      <div className={styles.right}>
        {current ? <ItemsPanel key={current.code} table={current} /> : (
          <Card><Empty description={t('codeTables.pickOne')} /></Card>
        )}
      </div>
    </div>
  );
}

// Choose a value of a large hierarchical code table (GB/T 2260 divisions, GB/T 4754 industries):
// browse level by level (each level fetched when opened), or type a code or name to search the
// whole table on the server. Where only the lowest level is valid, the upper ones just open.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n';
import { codeName, fetchCodeItems, LARGE_TABLES, useCodeItem, type CodeItem } from './codes';

interface Props {
  table: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  placeholder?: string;
  disabled?: boolean;
  id?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

interface Node { id: string; pId: string | null; value: string; title: string; isLeaf: boolean; selectable: boolean }

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => { const h = setTimeout(() => setV(value), ms); return () => clearTimeout(h); }, [value, ms]);
  return v;
}

export function CodeTreeSelect({ table, value, onChange, placeholder, disabled, id, style, ...rest }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const { maxLevel, leafOnly } = LARGE_TABLES[table] ?? { maxLevel: 9, leafOnly: false };
  const [loaded, setLoaded] = useState<CodeItem[]>([]);
  const [childless, setChildless] = useState<Set<string>>(new Set());
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);

  const children = (parent: string) => queryClient.fetchQuery({
    queryKey: ['code-children', table, parent], staleTime: 10 * 60_000,
    queryFn: ({ signal }) => fetchCodeItems(table, { parent }, signal).then((p) => p.items),
  });
  const roots = useQuery({ queryKey: ['code-roots', table], staleTime: 10 * 60_000, queryFn: ({ signal }) => fetchCodeItems(table, { parent: '' }, signal).then((p) => p.items) });
  const found = useQuery({
    queryKey: ['code-search', table, q], enabled: q.length > 0, staleTime: 60_000,
    queryFn: ({ signal }) => fetchCodeItems(table, { q, pageSize: 100 }, signal).then((p) => p.items),
  });
  const current = useCodeItem(table, value);

  const toNode = (i: CodeItem, flat: boolean): Node => {
    const leaf = (i.level ?? maxLevel) >= maxLevel || childless.has(i.code);
    return { id: i.code, pId: flat ? null : i.parentCode, value: i.code, title: `${i.code} ${codeName(lang, i)}`, isLeaf: flat || leaf, selectable: i.active && (!leafOnly || leaf) };
  };
  const treeData = useMemo(() => {
    if (search.trim()) return (found.data ?? []).map((i) => toNode(i, true));
    const seen = new Set<string>();
    return [...(roots.data ?? []), ...loaded].filter((i) => !seen.has(i.code) && seen.add(i.code)).map((i) => toNode(i, false));
  }, [search, found.data, roots.data, loaded, childless, lang]);

  const loadData = async (node: { value?: unknown }) => {
    const code = String(node.value);
    const items = await children(code);
    if (!items.length) setChildless((s) => new Set(s).add(code));
    setLoaded((l) => [...l, ...items]);
  };

  const label = value ? (current ? `${current.code} ${codeName(lang, current)}` : value) : undefined;
  return (
    <TreeSelect
      id={id}
      labelInValue
      value={value ? { value, label } : undefined}
      onChange={(v: { value: string; label?: React.ReactNode } | undefined) => { onChange?.(v?.value ?? null); setSearch(''); }}
      treeDataSimpleMode
      treeData={treeData}
      loadData={search.trim() ? undefined : loadData}
      treeExpandAction="click"
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false, autoClearSearchValue: true }}
      loading={roots.isLoading || found.isFetching}
      notFoundContent={found.isFetching ? t('customers.form.searching') : t('common.noData')}
      allowClear
      disabled={disabled}
      placeholder={placeholder ?? t('customers.form.codeSearch')}
      popupMatchSelectWidth={false}
      listHeight={360}
      style={{ width: '100%', ...style }}
      data-testid={rest['data-testid']}
    />
  );
}

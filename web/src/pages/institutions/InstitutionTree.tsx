// The institution tree: code + name, closed institutions greyed, searchable by code or name.
import { Empty, Input, Spin, Switch, Tree, Typography, type TreeDataNode as DataNode } from 'antd';
import { useEffect, useMemo, useRef, useState, type ComponentRef } from 'react';
import { useTranslation } from 'react-i18next';
import { buildForest, byCode, type InstitutionView, type TreeNode } from '../../components/institutions';
import styles from './institutions.module.css';

interface Props {
  items: InstitutionView[] | undefined;
  loading: boolean;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

const matches = (i: InstitutionView, q: string) => i.code.toLowerCase().includes(q) || i.name.toLowerCase().includes(q);

export function InstitutionTree({ items, loading, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [showInactive, setShowInactive] = useState(true);
  const [expanded, setExpanded] = useState<React.Key[] | null>(null);
  const [height, setHeight] = useState(() => Math.max(300, window.innerHeight - 250));

  useEffect(() => {
    const onResize = () => setHeight(Math.max(300, window.innerHeight - 250));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const { treeData, allKeys, defaultKeys } = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const visible = (items ?? []).filter((i) => showInactive || i.status === 'active');
    const keys: number[] = [];
    const shallow: number[] = [];
    // Open the top two levels of what this user sees: a sub-branch head's tree starts at the sub-branch.
    const toNode = (n: TreeNode<InstitutionView>, depth = 0): DataNode | null => {
      const children = n.children.map((c) => toNode(c, depth + 1)).filter((c): c is DataNode => c !== null);
      if (needle && !matches(n.item, needle) && children.length === 0) return null;
      keys.push(n.item.id);
      if (depth < 2) shallow.push(n.item.id);
      const inactive = n.item.status === 'inactive';
      return {
        key: n.item.id,
        title: (
          <span className={inactive ? styles.inactive : undefined} data-testid={`institution-node-${n.item.code}`}>
            <span className={styles.code}>{n.item.code}</span>{n.item.name}
            {inactive && <span className={styles.inactiveTag}>{t('institutions.status.inactive')}</span>}
          </span>
        ),
        isLeaf: children.length === 0,
        children,
      };
    };
    const nodes = buildForest(visible, byCode).map((n) => toNode(n)).filter((c): c is DataNode => c !== null);
    return { treeData: nodes, allKeys: keys, defaultKeys: shallow };
  }, [items, q, showInactive, t]);

  // A node chosen from outside (just created, or the start node) must be visible: open its ancestors.
  const treeRef = useRef<ComponentRef<typeof Tree>>(null);
  useEffect(() => {
    if (!selectedId || !items) return;
    const byId = new Map(items.map((i) => [i.id, i]));
    const ancestors: number[] = [];
    for (let cur = byId.get(selectedId); cur && cur.parentId !== null; cur = byId.get(cur.parentId)) ancestors.push(cur.parentId);
    setExpanded((prev) => {
      const base = prev ?? defaultKeys;
      const missing = ancestors.filter((a) => !base.includes(a));
      return missing.length ? [...base, ...missing] : prev;
    });
    const timer = window.setTimeout(() => treeRef.current?.scrollTo({ key: selectedId, align: 'auto' }), 50);
    return () => window.clearTimeout(timer);
  }, [selectedId, items, defaultKeys]);

  const expandedKeys = q.trim() ? allKeys : (expanded ?? defaultKeys);

  return (
    <div className={styles.treePane} data-testid="institution-tree">
      <Input.Search allowClear placeholder={t('institutions.searchTree')} value={q} onChange={(e) => setQ(e.target.value)} data-testid="institution-tree-search" />
      <div className={styles.treeOptions}>
        <Typography.Text type="secondary">{t('institutions.showInactive')}</Typography.Text>
        <Switch size="small" checked={showInactive} onChange={setShowInactive} />
      </div>
      {loading ? <Spin className={styles.treeSpin} /> : treeData.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
        <Tree ref={treeRef} blockNode showLine treeData={treeData} height={height} expandedKeys={expandedKeys}
          onExpand={(keys) => setExpanded(keys)} selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => { if (keys.length) onSelect(Number(keys[0])); }} />
      )}
    </div>
  );
}

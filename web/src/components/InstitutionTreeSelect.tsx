// Pick an institution from the tree of those in my charge (code + name, searchable).
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { buildForest, byCode, useInstitutions, type InstitutionView, type TreeNode } from './institutions';

interface Props {
  value?: number | null;
  onChange?: (id: number | undefined) => void;
  /** Institutions that may not be chosen stay visible but disabled. */
  selectable?: (i: InstitutionView) => boolean;
  includeInactive?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

interface Option { value: number; title: string; disabled: boolean; children: Option[] }

export function InstitutionTreeSelect({ value, onChange, selectable, includeInactive, placeholder, allowClear, style, ...rest }: Props) {
  const { t } = useTranslation();
  const { data, isLoading } = useInstitutions(includeInactive ? 'all' : 'active');
  const treeData = useMemo(() => {
    const toOption = (n: TreeNode<InstitutionView>): Option => ({
      value: n.item.id,
      title: `${n.item.code} ${n.item.name}${n.item.status === 'inactive' ? ` (${t('institutions.status.inactive')})` : ''}`,
      disabled: selectable ? !selectable(n.item) : false,
      children: n.children.map(toOption),
    });
    return buildForest(data ?? [], byCode).map(toOption);
  }, [data, selectable, t]);

  return (
    <TreeSelect<number>
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={isLoading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      allowClear={allowClear}
      placeholder={placeholder ?? t('common.selectInstitution')}
      popupMatchSelectWidth={false}
      style={{ width: '100%', ...style }}
      listHeight={360}
      data-testid={rest['data-testid']}
    />
  );
}

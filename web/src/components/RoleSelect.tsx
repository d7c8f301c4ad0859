// Multi-select of roles, grouped by category, names in the UI language.
import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n';
import { localName } from '../lib/format';
import { useRoles, type RoleCategory } from './roles';

const CATEGORY_ORDER: RoleCategory[] = ['system', 'management', 'manager', 'sme', 'product', 'non_corporate', 'custom'];

interface Props { value?: number[]; onChange?: (ids: number[]) => void; disabled?: boolean; 'data-testid'?: string }

export function RoleSelect({ value, onChange, disabled, ...rest }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { data, isLoading } = useRoles();
  const options = useMemo(() => CATEGORY_ORDER
    .map((c) => ({
      label: t(`roles.category.${c}`),
      title: c,
      options: (data ?? []).filter((r) => r.category === c).map((r) => ({ value: r.id, label: localName(lang, r) })),
    }))
    .filter((g) => g.options.length > 0), [data, lang, t]);
  return (
    <Select<number[]> mode="multiple" value={value ?? []} onChange={(v) => onChange?.(v)} options={options}
      loading={isLoading} disabled={disabled} placeholder={t('common.selectRoles')}
      showSearch={{ optionFilterProp: 'label' }} maxTagCount="responsive" style={{ width: '100%' }}
      data-testid={rest['data-testid']} />
  );
}

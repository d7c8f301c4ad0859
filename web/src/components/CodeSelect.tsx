// Choose a value of a small code table by name or code. Deactivated items are not offered but a
// record that still holds one shows its name. Registration types are grouped under their class,
// and only the types themselves can be chosen (as the server requires).
import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n';
import { codeName, useCodeTable, type CodeItem } from './codes';

interface Props {
  table: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
}

interface Option { value: string; label: string; search: string }

export function CodeSelect({ table, value, onChange, placeholder, allowClear = true, disabled, style, id, ...rest }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { data, isLoading } = useCodeTable(table);
  const options = useMemo(() => {
    const items = data ?? [];
    const toOption = (i: CodeItem): Option => ({ value: i.code, label: codeName(lang, i), search: `${i.code} ${i.nameZh} ${i.nameEn}`.toLowerCase() });
    const offered = (i: CodeItem) => i.active || i.code === value;
    const parents = new Set(items.map((i) => i.parentCode).filter(Boolean));
    if (table === 'registration_type') {
      return items.filter((i) => i.parentCode === null).map((g) => ({
        label: codeName(lang, g), title: g.code,
        options: items.filter((i) => i.parentCode === g.code && !parents.has(i.code) && offered(i)).map(toOption),
      })).filter((g) => g.options.length > 0);
    }
    return items.filter(offered).map(toOption);
  }, [data, lang, table, value]);

  return (
    <Select<string> id={id} value={value ?? undefined} onChange={(v) => onChange?.(v ?? null)} options={options} loading={isLoading}
      allowClear={allowClear} disabled={disabled} placeholder={placeholder ?? t('customers.form.choose')} style={{ width: '100%', ...style }}
      showSearch={{ filterOption: (input, o) => !!(o as Option | undefined)?.search?.includes(input.trim().toLowerCase()) }}
      popupMatchSelectWidth={false} data-testid={rest['data-testid']} />
  );
}

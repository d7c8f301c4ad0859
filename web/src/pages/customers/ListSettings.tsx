// 列设置 (ProTable-style): which optional columns show and the table's density, kept per user in
// this browser (localStorage under the user's id), so two staff sharing a counter PC keep theirs.
import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Divider, Popover, Segmented, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_COLUMNS, OPTIONAL_COLUMNS, type OptionalColumn } from './columns';

export type Density = 'small' | 'middle' | 'large';
export interface ListSettings { columns: OptionalColumn[]; density: Density }
const DEFAULTS: ListSettings = { columns: [...DEFAULT_COLUMNS], density: 'small' };
const storageKey = (userId: number | undefined) => `crm.customers.list.${userId ?? 'anonymous'}`;

function read(userId: number | undefined): ListSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(userId)) ?? 'null') as Partial<ListSettings> | null;
    if (!saved) return DEFAULTS;
    // A column renamed or removed since it was saved is dropped, not shown empty.
    const columns = (saved.columns ?? []).filter((c): c is OptionalColumn => (OPTIONAL_COLUMNS as readonly string[]).includes(c));
    const density = (['small', 'middle', 'large'] as const).find((d) => d === saved.density) ?? DEFAULTS.density;
    return { columns, density };
  } catch {
    return DEFAULTS;
  }
}

export function useListSettings(userId: number | undefined) {
  const [settings, setSettings] = useState<ListSettings>(() => read(userId));
  const [forUser, setForUser] = useState(userId);
  // The user's own settings once /me has answered (the first render may not know him yet).
  if (forUser !== userId) { setForUser(userId); setSettings(read(userId)); }
  const change = (next: ListSettings) => { setSettings(next); localStorage.setItem(storageKey(userId), JSON.stringify(next)); };
  return [settings, change] as const;
}

export function ListSettingsButton({ settings, onChange }: { settings: ListSettings; onChange: (s: ListSettings) => void }) {
  const { t } = useTranslation();
  const content = (
    <div style={{ width: 220 }} data-testid="column-settings">
      <Segmented<Density> block size="small" value={settings.density} onChange={(density) => onChange({ ...settings, density })}
        options={(['large', 'middle', 'small'] as const).map((d) => ({ value: d, label: t(`customers.list.density.${d}`) }))} data-testid="density" />
      <Divider style={{ margin: '8px 0' }} />
      <Checkbox.Group value={settings.columns} onChange={(v) => onChange({ ...settings, columns: OPTIONAL_COLUMNS.filter((c) => v.includes(c)) })}>
        <Space direction="vertical" size={2}>
          {OPTIONAL_COLUMNS.map((c) => <Checkbox key={c} value={c} data-testid={`column-${c}`}>{t(`customers.list.column.${c}`)}</Checkbox>)}
        </Space>
      </Checkbox.Group>
      <Divider style={{ margin: '8px 0' }} />
      <Button size="small" type="link" onClick={() => onChange(DEFAULTS)}>{t('customers.list.resetColumns')}</Button>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={t('customers.list.columnSettings')} content={content}>
      <Button icon={<SettingOutlined />} data-testid="column-settings-button">{t('customers.list.columnSettings')}</Button>
    </Popover>
  );
}

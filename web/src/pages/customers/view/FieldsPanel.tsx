// A section of the customer's fields (basic, work, family, contact; licence, industry) from the catalogue.
import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { useLang } from '../../../i18n';
import { fieldLabel, fieldsIn, type Section } from '../catalogue';
import type { CustomerView } from '../api';
import { FieldValue } from './FieldValue';

interface Props {
  c: CustomerView;
  section: Section;
  reveal: (field: string) => Promise<{ value: unknown }>;
  /** Values the catalogue does not hold (age, annual income), placed after a field. */
  extra?: Record<string, { label: string; children: ReactNode }>;
}

export function FieldsPanel({ c, section, reveal, extra = {} }: Props) {
  const lang = useLang();
  const items = fieldsIn(c.kind, section).flatMap((f) => {
    const item = { key: f.key, label: fieldLabel(lang, f), children: <FieldValue f={f} value={c.fields[f.key]} canReveal={c.canReveal} reveal={reveal} />,
      span: (f.max ?? 0) > 160 ? 3 : 1 };
    const after = extra[f.key];
    return after ? [item, { key: `${f.key}-extra`, label: after.label, children: after.children, span: 1 }] : [item];
  });
  return <Descriptions size="small" bordered column={3} items={items} styles={{ label: { width: 150 }, content: { minWidth: 120 } }} />;
}

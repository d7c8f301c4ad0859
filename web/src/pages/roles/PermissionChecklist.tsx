// Permission picker for the role form: one block per domain, a select-all box per block.
import { Checkbox, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n';
import { localName } from '../../lib/format';
import { groupByDomain, usePermissions } from './api';
import { domainLabel } from './labels';
import styles from './roles.module.css';

export function PermissionChecklist({ value = [], onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const perms = usePermissions();
  if (perms.isLoading) return <Skeleton active />;
  const set = new Set(value);
  const toggle = (codes: string[], on: boolean) => {
    const next = new Set(set);
    for (const c of codes) { if (on) next.add(c); else next.delete(c); }
    onChange?.([...next].sort());
  };

  return (
    <div className={styles.checklist} data-testid="permission-checklist">
      {groupByDomain(perms.data ?? []).map((g) => {
        const codes = g.items.map((p) => p.code);
        const n = codes.filter((c) => set.has(c)).length;
        return (
          <div key={g.domain} className={styles.domain}>
            <Checkbox checked={n === codes.length} indeterminate={n > 0 && n < codes.length} onChange={(e) => toggle(codes, e.target.checked)}>
              <strong>{domainLabel(t, g.domain)}</strong>
            </Checkbox>
            <div className={styles.perms}>
              {g.items.map((p) => (
                <Checkbox key={p.code} checked={set.has(p.code)} onChange={(e) => toggle([p.code], e.target.checked)} title={p.code}>
                  {localName(lang, p)}
                </Checkbox>
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}

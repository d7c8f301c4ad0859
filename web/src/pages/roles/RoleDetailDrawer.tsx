// A role's facts and its permissions grouped by business domain.
import { Descriptions, Drawer, Empty, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../components/roles';
import { useLang } from '../../i18n';
import { localName, orDash } from '../../lib/format';
import { groupByDomain, usePermissions } from './api';
import { CATEGORY_COLOR, domainLabel } from './labels';

export function RoleDetailDrawer({ role, onClose }: { role: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const perms = usePermissions();
  const granted = (perms.data ?? []).filter((p) => role.permissions.includes(p.code));
  const unknown = role.permissions.filter((c) => !(perms.data ?? []).some((p) => p.code === c));

  return (
    <Drawer open size={640} onClose={onClose} title={localName(lang, role)} data-testid="role-drawer">
      <Descriptions size="small" bordered column={1} styles={{ label: { width: 120 } }} items={[
        { key: 'code', label: t('roles.code'), children: <code>{role.code}</code> },
        { key: 'zh', label: t('roles.nameZh'), children: role.nameZh },
        { key: 'en', label: t('roles.nameEn'), children: role.nameEn },
        { key: 'cat', label: t('roles.category.label'), children: <Tag color={CATEGORY_COLOR[role.category]}>{t(`roles.category.${role.category}`)}</Tag> },
        { key: 'kind', label: t('roles.kind'), children: role.builtin ? t('roles.builtinHint') : t('roles.custom') },
        { key: 'scope', label: t('roles.dataScope'), children: t(`dataScope.${role.dataScope}`) },
        { key: 'users', label: t('roles.userCount'), children: role.userCount },
        { key: 'desc', label: t('roles.description'), children: orDash(role.description) },
      ]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('roles.permissions', { count: role.permissions.length })}</Typography.Title>
      {perms.isLoading ? <Skeleton active /> : granted.length === 0 && unknown.length === 0 ? <Empty description={t('roles.noPermissions')} /> : (
        groupByDomain(granted).map((g) => (
          <div key={g.domain} style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">{domainLabel(t, g.domain)}</Typography.Text>
            <div style={{ marginTop: 4 }}>
              {g.items.map((p) => <Tooltip key={p.code} title={p.code}><Tag color="blue" style={{ marginBottom: 4 }}>{localName(lang, p)}</Tag></Tooltip>)}
            </div>
          </div>
        ))
      )}
      {unknown.map((c) => <Tag key={c}>{c}</Tag>)}
    </Drawer>
  );
}

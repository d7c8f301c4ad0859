import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { allows, type Me } from '../auth/session';
import { findRoute, MENU_GROUPS, ROUTES } from '../routes';

export function SideMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const visible = ROUTES.filter((r) => !r.hideInMenu && allows(me.permissions, r.permission));
  const item = (r: (typeof ROUTES)[number]) => ({ key: r.path, icon: r.icon, label: t(r.label) });

  const items: MenuProps['items'] = [
    ...visible.filter((r) => !r.group).map(item),
    ...MENU_GROUPS.map((g) => ({ group: g, children: visible.filter((r) => r.group === g.key) }))
      .filter((g) => g.children.length > 0)
      .map(({ group, children }) => ({ type: 'group' as const, key: group.key, label: t(group.label), children: children.map(item) })),
  ];
  return (
    <Menu theme="dark" mode="inline" selectedKeys={[findRoute(pathname)?.parent ?? pathname]} items={items}
      onClick={({ key }) => navigate(key)} />
  );
}

import { useQuery } from '@tanstack/react-query';
import { Badge, Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { allows, type Me } from '../auth/session';
import { fetchApprovalCount } from '../pages/approvals/api';
import { fetchTodoCount } from '../pages/todos/api';
import { findRoute, MENU_GROUPS, ROUTES } from '../routes';

/** How often the badges ask again: the feed raises alerts once a day, reminders come by job. */
const BADGE_REFRESH_MS = 5 * 60_000;

/**
 * The counts on the menu: open to-dos on 待办事宜, open account alerts on 工作台 (where they are
 * listed), requests waiting for me or returned to me on 审批. Same query keys as the workbench cards, so marking one done there updates the badge.
 */
function useMenuBadges(me: Me): Record<string, { count: number; testId: string }> {
  const todos = useQuery({ queryKey: ['todos', 'count'], queryFn: ({ signal }) => fetchTodoCount(signal), refetchInterval: BADGE_REFRESH_MS });
  const alerts = useQuery({ queryKey: ['workbench', 'account-alerts', 'count'], enabled: allows(me.permissions, 'customer.read'), refetchInterval: BADGE_REFRESH_MS,
    queryFn: ({ signal }) => api.get<{ maturity: number; large_change: number }>('/workbench/account-alerts/count', undefined, signal) });
  const approvals = useQuery({ queryKey: ['approvals', 'count'], queryFn: ({ signal }) => fetchApprovalCount(signal), refetchInterval: BADGE_REFRESH_MS });
  return {
    '/approvals': { count: approvals.data ? approvals.data.pending + approvals.data.returnedToMe : 0, testId: 'menu-badge-approvals' },
    '/todos': { count: todos.data?.open ?? 0, testId: 'menu-badge-todos' },
    '/': { count: alerts.data ? alerts.data.maturity + alerts.data.large_change : 0, testId: 'menu-badge-alerts' },
  };
}

export function SideMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const visible = ROUTES.filter((r) => !r.hideInMenu && allows(me.permissions, r.permission));
  const badges = useMenuBadges(me);
  const label = (r: (typeof ROUTES)[number]): ReactNode => {
    const b = badges[r.path];
    if (!b?.count) return t(r.label);
    return <span>{t(r.label)} <Badge count={b.count} overflowCount={999} size="small" data-testid={b.testId} /></span>;
  };
  const item = (r: (typeof ROUTES)[number]) => ({ key: r.path, icon: r.icon, label: label(r) });

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

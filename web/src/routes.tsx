// The route table: one entry per page, carrying the permission that shows it in the menu and
// lets it open. Menu, breadcrumb and the route guard are all built from this list.
import {
  ApartmentOutlined, AuditOutlined, BookOutlined, CalendarOutlined, HomeOutlined, KeyOutlined,
  SafetyCertificateOutlined, SettingOutlined, TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Need } from './auth/session';

export type MenuGroup = 'org' | 'platform' | 'security';

export interface AppRoute {
  path: string;
  /** i18n key of the menu label and page title. */
  label: `menu.${'home' | 'institutions' | 'users' | 'roles' | 'codeTables' | 'calendar' | 'audit' | 'apiTokens' | 'securityPolicy' | 'changePassword'}`;
  icon?: ReactNode;
  group?: MenuGroup;
  permission?: Need;
  hideInMenu?: boolean;
  component: LazyExoticComponent<ComponentType>;
}

export const MENU_GROUPS: { key: MenuGroup; label: `menu.group.${MenuGroup}` }[] = [
  { key: 'org', label: 'menu.group.org' },
  { key: 'platform', label: 'menu.group.platform' },
  { key: 'security', label: 'menu.group.security' },
];

export const ROUTES: AppRoute[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined />, component: lazy(() => import('./pages/home/HomePage')) },
  { path: '/institutions', label: 'menu.institutions', icon: <ApartmentOutlined />, group: 'org', permission: 'institution.read',
    component: lazy(() => import('./pages/institutions/InstitutionsPage')) },
  { path: '/users', label: 'menu.users', icon: <TeamOutlined />, group: 'org', permission: 'user.read',
    component: lazy(() => import('./pages/users/UsersPage')) },
  { path: '/roles', label: 'menu.roles', icon: <SafetyCertificateOutlined />, group: 'org', permission: ['role.read', 'role.grant'],
    component: lazy(() => import('./pages/roles/RolesPage')) },
  { path: '/code-tables', label: 'menu.codeTables', icon: <BookOutlined />, group: 'platform',
    component: lazy(() => import('./pages/code-tables/CodeTablesPage')) },
  { path: '/calendar', label: 'menu.calendar', icon: <CalendarOutlined />, group: 'platform',
    component: lazy(() => import('./pages/calendar/CalendarPage')) },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, group: 'security', permission: 'audit.read',
    component: lazy(() => import('./pages/audit/AuditPage')) },
  { path: '/api-tokens', label: 'menu.apiTokens', icon: <KeyOutlined />, group: 'security', permission: 'apitoken.manage',
    component: lazy(() => import('./pages/api-tokens/ApiTokensPage')) },
  { path: '/settings/security', label: 'menu.securityPolicy', icon: <SettingOutlined />, group: 'security', permission: 'setting.manage',
    component: lazy(() => import('./pages/settings/SecurityPolicyPage')) },
  { path: '/change-password', label: 'menu.changePassword', hideInMenu: true,
    component: lazy(() => import('./pages/change-password/ChangePasswordPage')) },
];

export const findRoute = (pathname: string) => ROUTES.find((r) => r.path === pathname);

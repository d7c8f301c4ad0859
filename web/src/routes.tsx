// The route table: one entry per page, carrying the permission that shows it in the menu and
// lets it open. Menu, breadcrumb and the route guard are all built from this list.
import {
  AlertOutlined, ApartmentOutlined, CheckSquareOutlined, AuditOutlined, BookOutlined, CalendarOutlined, CarryOutOutlined, HomeOutlined, IdcardOutlined, KeyOutlined, CloudDownloadOutlined, MergeCellsOutlined, ShopOutlined,
  ContainerOutlined, DatabaseOutlined, FileDoneOutlined, InboxOutlined, SendOutlined, SafetyCertificateOutlined, SettingOutlined, StopOutlined, FieldTimeOutlined, TagsOutlined, TeamOutlined, BellOutlined, UserSwitchOutlined,
  ClusterOutlined, SwapOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { matchPath } from 'react-router-dom';
import type { Need } from './auth/session';

export type MenuGroup = 'customer' | 'documents' | 'org' | 'platform' | 'security';

type PageKey = 'home' | 'todos' | 'approvals' | 'customers' | 'customerNew' | 'customerView' | 'customerEdit' | 'blacklist' | 'duplicates' | 'industryImport'
  | 'notifications' | 'notificationDeliveries' | 'delegations'
  | 'documentFlows' | 'documentEntry' | 'documentTodos' | 'archiveCabinets' | 'archivePositions' | 'archiveLoans'
  | 'institutions' | 'users' | 'roles' | 'codeTables' | 'calendar' | 'feeds' | 'alertSettings' | 'audit' | 'apiTokens' | 'securityPolicy' | 'changePassword'
  | 'completenessOverdue' | 'informationReviewSettings' | 'products'
  | 'guaranteeCircles' | 'customerTransfers' | 'responsibility' | 'customerAssignments' | 'relationshipLevels' | 'myPerformance' | 'warnings' | 'warningSettings';

export interface AppRoute {
  path: string;
  /** i18n key of the menu label and page title. */
  label: `menu.${PageKey}`;
  icon?: ReactNode;
  group?: MenuGroup;
  permission?: Need;
  hideInMenu?: boolean;
  /** For a page below a menu entry (a customer's view): the entry's path, selected in the menu and shown in the breadcrumb. */
  parent?: string;
  component: LazyExoticComponent<ComponentType>;
}

export const MENU_GROUPS: { key: MenuGroup; label: `menu.group.${MenuGroup}` }[] = [
  { key: 'customer', label: 'menu.group.customer' },
  { key: 'documents', label: 'menu.group.documents' },
  { key: 'org', label: 'menu.group.org' },
  { key: 'platform', label: 'menu.group.platform' },
  { key: 'security', label: 'menu.group.security' },
];

export const ROUTES: AppRoute[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined />, component: lazy(() => import('./pages/home/HomePage')) },
  { path: '/todos', label: 'menu.todos', icon: <CarryOutOutlined />, component: lazy(() => import('./pages/todos/TodosPage')) },
  { path: '/my-performance', label: 'menu.myPerformance', icon: <FileDoneOutlined />, permission: ['performance.read.own', 'performance.read'],
    component: lazy(() => import('./pages/performance/MyPerformancePage')) },
  { path: '/approvals', label: 'menu.approvals', icon: <CheckSquareOutlined />, component: lazy(() => import('./pages/approvals/ApprovalsPage')) },
  { path: '/customers', label: 'menu.customers', icon: <IdcardOutlined />, group: 'customer', permission: 'customer.read',
    component: lazy(() => import('./pages/customers/CustomersPage')) },
  { path: '/warnings', label: 'menu.warnings', icon: <AlertOutlined />, group: 'customer', permission: 'customer.read',
    component: lazy(() => import('./pages/warnings/WarningsPage')) },
  { path: '/blacklist', label: 'menu.blacklist', icon: <StopOutlined />, group: 'customer', permission: 'customer.read',
    component: lazy(() => import('./pages/blacklist/BlacklistPage')) },
  { path: '/customer-duplicates', label: 'menu.duplicates', icon: <MergeCellsOutlined />, group: 'customer', permission: 'customer.read',
    component: lazy(() => import('./pages/duplicates/DuplicatesPage')) },
  { path: '/customer-transfers', label: 'menu.customerTransfers', icon: <SwapOutlined />, group: 'customer', permission: 'customer.transfer.apply',
    component: lazy(() => import('./pages/managers/TransfersPage')) },
  { path: '/customer-assignments', label: 'menu.customerAssignments', icon: <UserSwitchOutlined />, group: 'customer', permission: 'customer.assign',
    component: lazy(() => import('./pages/managers/AssignmentsPage')) },
  { path: '/relationship-levels', label: 'menu.relationshipLevels', icon: <ClusterOutlined />, group: 'customer', permission: 'customer.read',
    component: lazy(() => import('./pages/network/RelationshipLevelsPage')) },
  { path: '/responsibility', label: 'menu.responsibility', icon: <TeamOutlined />, group: 'customer', permission: ['report.read', 'performance.read', 'customer.assign'],
    component: lazy(() => import('./pages/managers/ResponsibilityPage')) },
  { path: '/customers/industry-import', label: 'menu.industryImport', icon: <TagsOutlined />, group: 'customer', permission: 'customer.manage',
    component: lazy(() => import('./pages/industry-import/IndustryImportPage')) },
  { path: '/customers/new/:kind', label: 'menu.customerNew', group: 'customer', permission: 'customer.manage', hideInMenu: true, parent: '/customers',
    component: lazy(() => import('./pages/customers/CustomerFormPage')) },
  { path: '/customers/:id/edit', label: 'menu.customerEdit', group: 'customer', permission: 'customer.manage', hideInMenu: true, parent: '/customers',
    component: lazy(() => import('./pages/customers/CustomerFormPage')) },
  { path: '/customers/:id', label: 'menu.customerView', group: 'customer', permission: 'customer.read', hideInMenu: true, parent: '/customers',
    component: lazy(() => import('./pages/customers/CustomerViewPage')) },
  // 单证/档案 (docs/documents.md)
  { path: '/documents/flows', label: 'menu.documentFlows', icon: <SendOutlined />, group: 'documents', permission: ['document.submit', 'document.process', 'archive.manage', 'customer.review'],
    component: lazy(() => import('./pages/documents/DocumentFlowsPage')) },
  { path: '/documents/flows/:id/entry', label: 'menu.documentEntry', group: 'documents', permission: 'document.process', hideInMenu: true, parent: '/documents/flows',
    component: lazy(() => import('./pages/documents/DocumentEntryPage')) },
  { path: '/documents/todos', label: 'menu.documentTodos', icon: <InboxOutlined />, group: 'documents', permission: 'document.process',
    component: lazy(() => import('./pages/documents/DocumentTodosPage')) },
  { path: '/archive/cabinets', label: 'menu.archiveCabinets', icon: <DatabaseOutlined />, group: 'documents', permission: 'archive.manage',
    component: lazy(() => import('./pages/archive/ArchiveCabinetsPage')) },
  { path: '/archive/positions', label: 'menu.archivePositions', icon: <ContainerOutlined />, group: 'documents', permission: 'archive.manage',
    component: lazy(() => import('./pages/archive/ArchivePositionsPage')) },
  { path: '/archive/loans', label: 'menu.archiveLoans', icon: <FileDoneOutlined />, group: 'documents', permission: 'archive.manage',
    component: lazy(() => import('./pages/archive/ArchiveLoansPage')) },
  { path: '/completeness/overdue', label: 'menu.completenessOverdue', icon: <FieldTimeOutlined />, group: 'customer', permission: 'customer.read',
    component: lazy(() => import('./pages/completeness/OverduePage')) },
  { path: '/guarantee-circles', label: 'menu.guaranteeCircles', icon: <ClusterOutlined />, group: 'customer', permission: 'customer.read',
    component: lazy(() => import('./pages/network/GuaranteeCirclesPage')) },
  { path: '/products', label: 'menu.products', icon: <ShopOutlined />, group: 'customer', permission: 'product.read',
    component: lazy(() => import('./pages/products/ProductsPage')) },
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
  { path: '/feeds', label: 'menu.feeds', icon: <CloudDownloadOutlined />, group: 'platform', permission: 'feed.read',
    component: lazy(() => import('./pages/feeds/FeedsPage')) },
  { path: '/settings/warnings', label: 'menu.warningSettings', icon: <AlertOutlined />, group: 'platform', permission: 'setting.manage',
    component: lazy(() => import('./pages/warnings/ScorecardSettingsPage')) },
  { path: '/settings/account-alerts', label: 'menu.alertSettings', icon: <AlertOutlined />, group: 'platform', permission: 'setting.manage',
    component: lazy(() => import('./pages/settings/AccountAlertSettingsPage')) },
  { path: '/settings/customer-information-review', label: 'menu.informationReviewSettings', icon: <AuditOutlined />, group: 'platform', permission: 'setting.manage',
    component: lazy(() => import('./pages/settings/InformationReviewSettingsPage')) },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, group: 'security', permission: 'audit.read',
    component: lazy(() => import('./pages/audit/AuditPage')) },
  { path: '/api-tokens', label: 'menu.apiTokens', icon: <KeyOutlined />, group: 'security', permission: 'apitoken.manage',
    component: lazy(() => import('./pages/api-tokens/ApiTokensPage')) },
  { path: '/settings/security', label: 'menu.securityPolicy', icon: <SettingOutlined />, group: 'security', permission: 'setting.manage',
    component: lazy(() => import('./pages/settings/SecurityPolicyPage')) },
  { path: '/approvals/delegations', label: 'menu.delegations', icon: <UserSwitchOutlined />, component: lazy(() => import('./pages/approvals/DelegationsPage')) },
  { path: '/notifications', label: 'menu.notifications', icon: <BellOutlined />, component: lazy(() => import('./pages/notifications/NotificationsPage')) },
  { path: '/notifications/deliveries', label: 'menu.notificationDeliveries', icon: <SendOutlined />, group: 'platform', permission: 'notification.delivery.read',
    component: lazy(() => import('./pages/notifications/DeliveryLogPage')) },
  { path: '/change-password', label: 'menu.changePassword', hideInMenu: true,
    component: lazy(() => import('./pages/change-password/ChangePasswordPage')) },
];

/** The route of a location: an exact path first, then the first pattern that matches (':id' pages). */
export const findRoute = (pathname: string) =>
  ROUTES.find((r) => r.path === pathname) ?? ROUTES.find((r) => r.path.includes(':') && matchPath(r.path, pathname));

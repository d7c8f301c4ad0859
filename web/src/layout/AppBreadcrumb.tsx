import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { findRoute, MENU_GROUPS } from '../routes';
import styles from './layout.module.css';

export function AppBreadcrumb() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const route = findRoute(pathname);
  const group = MENU_GROUPS.find((g) => g.key === route?.group);
  const items = [{ title: <Link to="/">{t('menu.home')}</Link> }];
  if (group) items.push({ title: <>{t(group.label)}</> });
  const parent = route?.parent ? findRoute(route.parent) : undefined;
  if (parent) items.push({ title: <Link to={parent.path}>{t(parent.label)}</Link> });
  if (route && route.path !== '/') items.push({ title: <>{t(route.label)}</> });
  return <Breadcrumb className={styles.breadcrumb} items={items} />;
}

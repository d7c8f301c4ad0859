// The signed-in shell: side menu from the route table, header with the user's menu, breadcrumb.
// While the password must be changed it shrinks to a bare frame around that one page.
import { Button, Layout, Result, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { isApiError } from '../api/client';
import { useMe } from '../auth/session';
import { AppBreadcrumb } from './AppBreadcrumb';
import { AppHeader } from './AppHeader';
import { SideMenu } from './SideMenu';
import { useIdleWatcher } from './useIdleWatcher';
import styles from './layout.module.css';

export const PageLoading = () => <div className={styles.loading}><Spin /></div>;

export function AppLayout() {
  const { t } = useTranslation();
  const { data: me, error, isPending, refetch } = useMe();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  useIdleWatcher(me?.idleMinutes);

  if (isPending) return <PageLoading />;
  if (error || !me) {
    // 401 is handled by the session bridge (redirect to sign-in); anything else is shown here.
    if (isApiError(error) && error.status === 401) return <PageLoading />;
    return (
      <Result status="error" title={t('common.loadFailed')} subTitle={(error as Error | null)?.message}
        extra={<Button type="primary" onClick={() => void refetch()}>{t('common.retry')}</Button>} />
    );
  }
  if (me.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;

  if (me.mustChangePassword) {
    return (
      <Layout className={styles.shell}>
        <AppHeader me={me} forced />
        <Layout.Content className={styles.content}>
          <Suspense fallback={<PageLoading />}><Outlet /></Suspense>
        </Layout.Content>
      </Layout>
    );
  }

  return (
    <Layout className={styles.shell}>
      <Layout.Sider width={208} collapsedWidth={56} collapsible collapsed={collapsed} onCollapse={setCollapsed} className={styles.sider}>
        <div className={styles.brand} title={t('app.title')}>{collapsed ? t('app.shortTitle') : t('app.title')}</div>
        <SideMenu me={me} />
      </Layout.Sider>
      <Layout>
        <AppHeader me={me} />
        <Layout.Content className={styles.content}>
          <AppBreadcrumb />
          <Suspense fallback={<PageLoading />}><Outlet /></Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

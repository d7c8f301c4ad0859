import { BankOutlined, DownOutlined, GlobalOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Layout, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Lang } from '../api/client';
import { useSessionActions, type Me } from '../auth/session';
import { setLanguage, useLang } from '../i18n';
import styles from './layout.module.css';
import { NotificationBell } from './NotificationBell';

const LANG_LABEL: Record<Lang, string> = { 'zh-CN': '简体中文', 'en-US': 'English' };

export function AppHeader({ me, forced = false }: { me: Me; forced?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const { logout } = useSessionActions();

  const items: MenuProps['items'] = [
    ...(forced ? [] : [{ key: 'password', icon: <LockOutlined />, label: t('header.changePassword') }]),
    {
      key: 'lang', icon: <GlobalOutlined />, label: t('header.language'),
      children: (Object.keys(LANG_LABEL) as Lang[]).map((l) => ({ key: `lang:${l}`, label: LANG_LABEL[l], disabled: l === lang })),
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/change-password');
    else if (key.startsWith('lang:')) void setLanguage(key.slice(5) as Lang);
    else if (key === 'logout') void logout().finally(() => navigate('/login', { replace: true }));
  };

  return (
    <Layout.Header className={styles.header}>
      <span className={styles.headerTitle}>{forced ? t('app.title') : null}</span>
      <div className={styles.headerRight}>
        <span className={styles.institution} title={me.homeInstitution.name}>
          <BankOutlined /> {me.homeInstitution.name}
        </span>
        {!forced && <NotificationBell />}
        <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
          <span className={styles.userButton} data-testid="user-menu">
            <Avatar size="small" icon={<UserOutlined />} />
            <span>{me.displayName}</span>
            <span style={{ color: 'rgba(0,0,0,0.45)' }}>({me.username})</span>
            <DownOutlined style={{ fontSize: 10 }} />
          </span>
        </Dropdown>
      </div>
    </Layout.Header>
  );
}

// 工作台, the morning page: my book's (or my institution's) figures and trend, my to-dos and
// account alerts, for heads the breakdown by institution and team and the daily averages; then who
// I am in the bank and the functions open to me. Only facts from the server: no invented figures.
import { Alert, Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { allows, useMe } from '../../auth/session';
import { useLang } from '../../i18n';
import { formatDate, localName } from '../../lib/format';
import { ROUTES } from '../../routes';
import styles from './home.module.css';
import { AccountAlerts } from './AccountAlerts';
import { BookBreakdown } from './BookBreakdown';
import { BookFigures } from './BookFigures';
import { InstitutionAverages } from './InstitutionAverages';
import { WorkbenchTodos } from './WorkbenchTodos';
import { WorkbenchApprovals } from './WorkbenchApprovals';

const greetingKey = (hour: number): 'home.morning' | 'home.afternoon' | 'home.evening' =>
  (hour < 12 ? 'home.morning' : hour < 18 ? 'home.afternoon' : 'home.evening');

export default function HomePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const { data: me } = useMe();
  if (!me) return null;
  const expires = me.passwordExpiresAt ? dayjs(me.passwordExpiresAt) : null;
  const daysLeft = expires ? expires.diff(dayjs(), 'day') : null;
  const shortcuts = ROUTES.filter((r) => r.path !== '/' && !r.hideInMenu && allows(me.permissions, r.permission));

  return (
    <>
      <Card className={styles.hello}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('home.greeting', { greeting: t(greetingKey(new Date().getHours())), name: me.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('home.today', { date: dayjs().format(lang === 'en-US' ? 'dddd, D MMMM YYYY' : 'YYYY年M月D日 dddd') })}</Typography.Text>
      </Card>
      {daysLeft !== null && daysLeft <= 14 && (
        <Alert type="warning" showIcon className={styles.block} title={t('home.passwordSoon', { days: Math.max(0, daysLeft), date: formatDate(me.passwordExpiresAt) })}
          action={<a onClick={() => navigate('/change-password')}>{t('header.changePassword')}</a>} />
      )}
      <BookFigures />
      <WorkbenchApprovals />
      <WorkbenchTodos />
      <AccountAlerts />
      <BookBreakdown />
      <InstitutionAverages />
      <Row gutter={[16, 16]} className={styles.block}>
        <Col xs={24} lg={14}>
          <Card title={t('home.myProfile')} size="small">
            <Descriptions column={1} size="small" bordered styles={{ label: { width: 150 } }} items={[
              { key: 'u', label: t('home.username'), children: me.username },
              { key: 'h', label: t('home.homeInstitution'), children: me.homeInstitution.name },
              { key: 'm', label: t('home.managingInstitution'), children: <>{me.managingInstitution.name} <Typography.Text type="secondary" data-testid="profile-scope-hint">{t(me.dataScope === 'own' ? 'home.managingHintOwn' : 'home.managingHint')}</Typography.Text></> },
              { key: 'r', label: t('home.roles'), children: me.roles.length ? me.roles.map((r) => <Tag key={r.id} color="blue">{localName(lang, r)}</Tag>) : t('home.noRoles') },
              { key: 's', label: t('home.dataScope'), children: t(`dataScope.${me.dataScope}`) },
              { key: 'p', label: t('home.passwordExpires'), children: expires ? formatDate(me.passwordExpiresAt) : t('home.passwordNever') },
              { key: 'i', label: t('home.idle'), children: t('home.idleMinutes', { minutes: me.idleMinutes }) },
            ]} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('home.shortcuts')} size="small">
            {shortcuts.length === 0 && <Typography.Text type="secondary">{t('home.noShortcuts')}</Typography.Text>}
            <div className={styles.shortcuts}>
              {shortcuts.map((r) => (
                <button key={r.path} type="button" className={styles.shortcut} onClick={() => navigate(r.path)}>
                  <span className={styles.shortcutIcon}>{r.icon}</span>
                  <span>{t(r.label)}</span>
                </button>
              ))}
            </div>
          </Card>
        </Col>
      </Row>
    </>
  );
}

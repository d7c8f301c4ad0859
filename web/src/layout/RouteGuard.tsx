import { Result } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/session';
import type { AppRoute } from '../routes';

/** Opens a page only for holders of its permission; the server checks again on every request. */
export function RouteGuard({ route }: { route: AppRoute }) {
  const { t } = useTranslation();
  const can = useCan();
  useEffect(() => { document.title = `${t(route.label)} - ${t('app.title')}`; }, [route, t]);
  if (!can(route.permission)) return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenPage')} />;
  const Page = route.component;
  return <Page />;
}

// The server ends a session after `idleMinutes` without a request. The page mirrors that clock:
// two minutes before the end (half the limit if shorter; the server notes activity up to a minute late) it offers to stay
// signed in; after the end it asks the server once, whose 401 takes the user to the sign-in page
// ("登录已超时"). The probe never runs early, so it cannot keep an idle session alive.
import { App, Button } from 'antd';
import { createElement, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, lastRequestAt } from '../api/client';

const NOTICE_KEY = 'idle-warning';

export function useIdleWatcher(idleMinutes: number | undefined) {
  const { notification } = App.useApp();
  const { t } = useTranslation();
  const warned = useRef(false);
  const probing = useRef(false);

  useEffect(() => {
    if (!idleMinutes) return;
    const limit = idleMinutes * 60_000;
    const warnAt = limit - Math.min(120_000, limit / 2);
    const timer = window.setInterval(() => {
      const idle = Date.now() - lastRequestAt();
      if (idle < warnAt) {
        if (warned.current) { notification.destroy(NOTICE_KEY); warned.current = false; }
        return;
      }
      if (idle < limit + 5_000) {
        if (!warned.current) {
          warned.current = true;
          notification.warning({
            key: NOTICE_KEY, duration: 0, title: t('idle.title'), description: t('idle.description'),
            actions: createElement(Button, { type: 'primary', size: 'small', onClick: () => {
              notification.destroy(NOTICE_KEY); warned.current = false; void api.get('/me').catch(() => undefined);
            } }, t('idle.stay')),
          });
        }
        return;
      }
      if (probing.current) return;
      probing.current = true;
      notification.destroy(NOTICE_KEY);
      warned.current = false;
      void api.get('/me').catch(() => undefined).finally(() => { probing.current = false; });
    }, 15_000);
    return () => window.clearInterval(timer);
  }, [idleMinutes, notification, t]);
}

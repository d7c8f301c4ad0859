// Connects the API client to the router: a lost session leads to the sign-in page (saying why),
// a forced password change to its page. Rendered once inside the router.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { setClientHooks, setCsrfToken } from '../api/client';
import { ME_KEY } from './session';

export const LOGIN_NOTICE_KEY = 'crm.loginNotice';

export function SessionBridge() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  useEffect(() => {
    setClientHooks({
      onSessionGone: (err) => {
        const hadSession = queryClient.getQueryData(ME_KEY) !== undefined;
        if (err.code === 'auth.session.expired' || hadSession) sessionStorage.setItem(LOGIN_NOTICE_KEY, 'expired');
        setCsrfToken(null);
        queryClient.clear();
        if (window.location.pathname !== '/login') {
          const from = window.location.pathname + window.location.search;
          navigate('/login', { replace: true, state: { from } });
        }
      },
      onMustChangePassword: () => {
        void queryClient.invalidateQueries({ queryKey: ME_KEY });
        navigate('/change-password', { replace: true });
      },
    });
  }, [navigate, queryClient]);

  // Scroll to the top on page change, the way a multi-page back office behaves.
  useEffect(() => { window.scrollTo(0, 0); }, [location.pathname]);
  return null;
}

// Providers (query cache, antd locale and theme, router) and the top-level routes.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { isApiError } from './api/client';
import { SessionBridge } from './auth/SessionBridge';
import { useLang } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { RouteGuard } from './layout/RouteGuard';
import { NotFound } from './layout/NotFound';
import LoginPage from './pages/login/LoginPage';
import { ROUTES } from './routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx answer will not change on retry; a network blip may.
      retry: (count, err) => count < 1 && (!isApiError(err) || err.status === 0 || err.status >= 500),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

const theme = {
  token: { colorPrimary: '#1456b8', borderRadius: 4, fontSize: 14 },
  components: { Table: { cellPaddingBlockSM: 6 }, Layout: { headerHeight: 52, headerPadding: '0 16px' } },
};

function Providers({ children }: { children: React.ReactNode }) {
  const lang = useLang();
  return (
    <ConfigProvider locale={lang === 'en-US' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Providers>
        <BrowserRouter>
          <SessionBridge />
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route element={<AppLayout />}>
              {ROUTES.map((r) => <Route key={r.path} path={r.path} element={<RouteGuard route={r} />} />)}
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </Providers>
    </QueryClientProvider>
  );
}

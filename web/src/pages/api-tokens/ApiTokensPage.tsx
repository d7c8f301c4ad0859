// 接口令牌 (apitoken.manage): tokens for other systems, bound to roles and a managing institution.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { OneTimeSecretModal } from '../../components/OneTimeSecretModal';
import { useLang } from '../../i18n';
import { fetchTokens, revokeToken, TOKENS_KEY } from './api';
import { tokenColumns } from './columns';
import { TokenFormModal } from './TokenFormModal';

export default function ApiTokensPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: ({ signal }) => fetchTokens(signal) });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const refresh = () => void queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
  const revoke = (id: number, name: string) => revokeToken(id).then(() => { message.success(t('apiTokens.revoked', { name })); refresh(); }, report);

  return (
    <Card size="small" title={t('apiTokens.title')} extra={
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-add">{t('apiTokens.add')}</Button>
    }>
      <Alert type="info" showIcon title={t('apiTokens.intro')} style={{ marginBottom: 12 }} />
      <Table rowKey="id" size="small" loading={tokens.isFetching} dataSource={tokens.data} scroll={{ x: 1250 }}
        columns={tokenColumns(t, lang, (tk) => revoke(tk.id, tk.name))}
        locale={{ emptyText: tokens.error ? tokens.error.message : t('apiTokens.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }} />
      {creating && <TokenFormModal onClose={() => setCreating(false)} onDone={(token) => { setCreating(false); setSecret(token); refresh(); }} />}
      <OneTimeSecretModal open={secret !== null} title={t('apiTokens.createdTitle')} secret={secret} hint={t('apiTokens.createdHint')}
        testId="api-token-secret" onClose={() => setSecret(null)} />
    </Card>
  );
}

// Create a user, then show the generated initial password once.
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OneTimeSecretModal } from '../../components/OneTimeSecretModal';
import { UserFormModal } from './UserFormModal';

export function CreateUserFlow({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<{ id: number; password: string } | null>(null);

  if (secret) {
    return (
      <OneTimeSecretModal open title={t('users.initialPasswordTitle')} secret={secret.password} hint={t('users.initialPasswordOnce')}
        testId="initial-password" onClose={() => { onClose(); onCreated(secret.id); }} />
    );
  }
  return (
    <UserFormModal onClose={onClose} onDone={(res) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['roles'] });
      message.success(t('users.created'));
      if (res.initialPassword) setSecret({ id: res.id, password: res.initialPassword });
      else { onClose(); onCreated(res.id); }
    }} />
  );
}

import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

export function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return <Result status="404" title={t('common.notFoundTitle')} subTitle={t('common.notFoundPage')}
    extra={<Button type="primary" onClick={() => navigate('/')}>{t('common.backHome')}</Button>} />;
}

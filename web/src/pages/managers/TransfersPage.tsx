// 主办权移交 (REL-22) for heads: when a manager leaves, hand his whole book to another manager as
// one request listing every customer; the requests filed are followed in 审批 → 我的申请.
import { SwapOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { TransferModal } from './TransferModal';

export default function TransfersPage() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Card title={t('managers.transfer.pageTitle')} data-testid="transfers-page"
      extra={<Button type="primary" icon={<SwapOutlined />} onClick={() => setOpen(true)} data-testid="transfer-book">{t('managers.transfer.titleBook')}</Button>}>
      <Typography.Paragraph>{t('managers.transfer.pageIntro')}</Typography.Paragraph>
      <Typography.Paragraph><Link to="/approvals">{t('managers.transfer.followUp')}</Link></Typography.Paragraph>
      {open && <TransferModal mode="book" onClose={() => setOpen(false)} />}
    </Card>
  );
}

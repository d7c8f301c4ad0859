// 影像 (CIF-44): the latest scan of each certificate type — of the customer, or of one account —
// with a preview, every scan in import order, importing a scan (the server checks its type by
// content) and referencing one kept by an external imaging system. Each preview or download is
// a read the server audits, so nothing is loaded until asked for.
import { LinkOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Form, Image, Input, Modal, Row, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session';
import { useReportError } from '../../../api/use-report-error';
import { codeName, useCodeTable } from '../../../components/codes';
import { useLang } from '../../../i18n';
import type { CustomerView } from '../api';
import { fetchAccounts } from '../view/accounts-api';
import { fetchAccountImages, fetchCustomerImages, referenceExternal, uploadImage, type ImageItem } from './api';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff';

function Preview({ img, onClose }: { img: ImageItem; onClose: () => void }) {
  const { t } = useTranslation();
  const picture = img.contentType === 'image/png' || img.contentType === 'image/jpeg';
  return (
    <Modal open title={`${img.imageNo} ${img.originalName ?? ''}`} onCancel={onClose} footer={null} width={picture ? 720 : 900} destroyOnHidden>
      {picture ? <Image src={img.contentUrl} alt={img.originalName ?? img.imageNo} style={{ maxWidth: '100%' }} data-testid="image-preview" />
        : img.contentType === 'application/pdf' ? <iframe title={img.imageNo} src={img.contentUrl} style={{ width: '100%', height: 600, border: 0 }} data-testid="image-preview" />
        : <Alert type="info" showIcon title={t('imaging.noPreview')} action={<Button href={`${img.contentUrl}?download=true`}>{t('imaging.download')}</Button>} />}
    </Modal>
  );
}

export function ImagesTab({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [accountId, setAccountId] = useState<number | null>(null);
  const [certType, setCertType] = useState<string | undefined>();
  const [previewing, setPreviewing] = useState<ImageItem | null>(null);
  const [referencing, setReferencing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const typeTable = c.kind === 'personal' ? 'id_type' : 'corporate_certificate_type';
  const types = useCodeTable(typeTable);
  const accounts = useQuery({ queryKey: ['customer', c.id, 'accounts'], queryFn: ({ signal }) => fetchAccounts(c.id, signal) });
  const list = useQuery({
    queryKey: ['customer', c.id, 'images', accountId],
    queryFn: ({ signal }) => (accountId ? fetchAccountImages(accountId, signal) : fetchCustomerImages(c.id, signal)),
  });
  const manage = can('customer.manage') && c.status === 'active';
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['customer', c.id, 'images'] });
  const typeName = (i: ImageItem) => (i.certType ? (lang === 'en-US' ? i.certTypeEn : i.certTypeZh) ?? i.certType : t('imaging.otherType'));
  const open = (i: ImageItem) => (i.source === 'external' ? window.open(i.contentUrl, '_blank', 'noopener') : setPreviewing(i));

  const doUpload = async (file: File) => {
    setBusy(true);
    try {
      const r = await uploadImage(c.id, file, { certType, accountId: accountId ?? undefined });
      message.success(t('imaging.uploaded', { no: r.imageNo }));
      void refresh();
    } catch (e) { report(e); } finally { setBusy(false); }
    return false;
  };
  const doReference = async () => {
    const v = await form.validateFields();
    try {
      const r = await referenceExternal(c.id, { ...v, certType, accountId: accountId ?? undefined });
      message.success(t('imaging.uploaded', { no: r.imageNo }));
      setReferencing(false); form.resetFields(); void refresh();
    } catch (e) { report(e, form); }
  };

  return (
    <div data-testid="images-tab">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 280 }} value={accountId ?? 0} data-testid="images-account" aria-label={t('imaging.scope')}
          options={[{ value: 0, label: t('imaging.wholeCustomer') }, ...(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: `${t('imaging.account')} ${a.accountNo}` }))]}
          onChange={(v) => setAccountId(v === 0 ? null : v)} />
        {manage && <>
          <Select allowClear style={{ width: 220 }} placeholder={t('imaging.certType')} value={certType} onChange={setCertType} data-testid="images-cert-type"
            options={(types.data ?? []).filter((i) => i.active).map((i) => ({ value: i.code, label: codeName(lang, i) }))} />
          <Upload accept={ACCEPT} showUploadList={false} beforeUpload={(f) => { void doUpload(f); return false; }}>
            <Button icon={<UploadOutlined />} loading={busy} data-testid="images-upload">{t('imaging.upload')}</Button>
          </Upload>
          <Button icon={<LinkOutlined />} onClick={() => setReferencing(true)}>{t('imaging.reference')}</Button>
        </>}
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('imaging.rule')}</Typography.Paragraph>
      {list.error ? <Alert type="warning" showIcon title={list.error.message} /> : (
        <>
          <Card size="small" title={accountId ? t('imaging.latestAccount') : t('imaging.latest')} loading={list.isLoading} style={{ marginBottom: 12 }}>
            {!list.data?.latest.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imaging.none')} /> : (
              <Row gutter={[12, 12]}>
                {list.data.latest.map((i) => (
                  <Col key={i.id} xs={24} md={12} xl={8}>
                    <Card type="inner" size="small" title={typeName(i)} data-testid={`image-latest-${i.certType ?? 'other'}`}
                      extra={<Button size="small" type="link" onClick={() => open(i)}>{i.source === 'external' ? t('imaging.openExternal') : t('imaging.preview')}</Button>}>
                      <div>{i.imageNo} {i.source === 'external' && <Tag>{i.externalSystem}</Tag>}</div>
                      <Typography.Text type="secondary">{i.originalName ?? i.externalId} · {new Date(i.importedAt).toLocaleString()}</Typography.Text>
                    </Card>
                  </Col>
                ))}
              </Row>
            )}
          </Card>
          <Table<ImageItem> size="small" rowKey="id" dataSource={list.data?.all ?? []} loading={list.isLoading} pagination={{ pageSize: 10 }}
            columns={[
              { title: t('imaging.imageNo'), dataIndex: 'imageNo' },
              { title: t('imaging.certType'), render: (_, i) => typeName(i) },
              { title: t('imaging.name'), render: (_, i) => i.originalName ?? `${i.externalSystem} ${i.externalId}` },
              { title: t('imaging.size'), render: (_, i) => (i.byteSize ? `${Math.ceil(i.byteSize / 1024)} KB` : '—') },
              { title: t('imaging.importedAt'), render: (_, i) => new Date(i.importedAt).toLocaleString() },
              { title: t('imaging.importedBy'), dataIndex: 'importedBy' },
              { title: 'SHA-256', render: (_, i) => (i.sha256 ? <Typography.Text copyable={{ text: i.sha256 }} style={{ fontFamily: 'monospace' }}>{i.sha256.slice(0, 12)}…</Typography.Text> : '—') },
              { title: '', render: (_, i) => (
                <Space>
                  <Button size="small" type="link" onClick={() => open(i)}>{i.source === 'external' ? t('imaging.openExternal') : t('imaging.preview')}</Button>
                  {i.source === 'stored' && <Button size="small" type="link" href={`${i.contentUrl}?download=true`}>{t('imaging.download')}</Button>}
                </Space>
              ) },
            ]} />
        </>
      )}
      {previewing && <Preview img={previewing} onClose={() => setPreviewing(null)} />}
      <Modal open={referencing} title={t('imaging.reference')} onCancel={() => setReferencing(false)} onOk={() => void doReference()} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="system" label={t('imaging.externalSystem')} rules={[{ required: true, max: 40 }]}><Input /></Form.Item>
          <Form.Item name="externalId" label={t('imaging.externalId')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
          <Form.Item name="url" label={t('imaging.externalUrl')} rules={[{ required: true, type: 'url', max: 500 }]}><Input placeholder="https://" /></Form.Item>
          <Form.Item name="note" label={t('imaging.note')} rules={[{ max: 200 }]}><Input /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

// 档案柜: cabinets with cells and files per cell; filing received flows into the next positions,
// numbered by the server in the order customer number → branch → account number.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { FormModal } from '../../components/FormModal';
import { InstitutionTreeSelect } from '../../components/InstitutionTreeSelect';
import { createCabinet, fetchCabinets, fetchToFile, fileFlows, type Cabinet, type ToFile } from './api';

function FileModal({ cabinet, onClose }: { cabinet: Cabinet; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const list = useQuery({ queryKey: ['archive', 'to-file', cabinet.id], queryFn: ({ signal }) => fetchToFile(cabinet.id, signal) });
  const ok = () => {
    if (!picked.length) { message.warning(t('archive.pickFlows')); return; }
    setBusy(true);
    fileFlows(cabinet.id, picked).then((r) => {
      message.success(t('archive.filed', { count: r.items.length }));
      void queryClient.invalidateQueries({ queryKey: ['archive'] });
      onClose();
    }, report).finally(() => setBusy(false));
  };
  return (
    <Modal open width={860} title={t('archive.fileTitle', { code: cabinet.code })} onCancel={onClose} onOk={ok} confirmLoading={busy} okText={t('archive.file')}>
      <Table<ToFile> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items} pagination={false} scroll={{ y: 400 }}
        rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys as number[]) }}
        locale={{ emptyText: t('archive.nothingToFile') }}
        columns={[
          { title: t('archive.customerNo'), dataIndex: 'customerNo', width: 120 },
          { title: t('archive.flowNo'), dataIndex: 'flowNo', width: 120 },
          { title: t('archive.accountNo'), dataIndex: 'accountNo', width: 170 },
          { title: t('archive.accountName'), dataIndex: 'accountName' },
          { title: t('archive.institution'), dataIndex: 'institutionName', width: 110 },
        ]} />
    </Modal>
  );
}

interface CabinetValues { institutionId: number; code: string; name: string; cellCount: number; copiesPerCell: number }

export default function ArchiveCabinetsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [filing, setFiling] = useState<Cabinet | null>(null);
  const list = useQuery({ queryKey: ['archive', 'cabinets'], queryFn: ({ signal }) => fetchCabinets(signal) });
  return (
    <Card size="small" title={t('archive.cabinetsTitle')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('archive.newCabinet')}</Button>}>
      <Table<Cabinet> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items} pagination={false}
        locale={{ emptyText: list.error ? list.error.message : t('common.noData') }}
        columns={[
          { title: t('archive.code'), dataIndex: 'code', width: 90 },
          { title: t('archive.name'), dataIndex: 'name' },
          { title: t('archive.institution'), dataIndex: ['institution', 'name'], width: 130 },
          { title: t('archive.cellCount'), dataIndex: 'cellCount', width: 70 },
          { title: t('archive.copiesPerCell'), dataIndex: 'copiesPerCell', width: 110 },
          { title: t('archive.used'), dataIndex: 'used', width: 70 },
          { title: t('archive.free'), key: 'free', width: 70, render: (_, c) => c.capacity - c.used },
          { title: t('common.actions'), key: 'a', width: 80, render: (_, c) => <a onClick={() => setFiling(c)}>{t('archive.file')}</a> },
        ]} />
      {creating && (
        <FormModal<CabinetValues> open title={t('archive.newCabinet')} onCancel={() => setCreating(false)} initialValues={{ cellCount: 20, copiesPerCell: 10 }}
          onSubmit={async (v) => { await createCabinet(v); message.success(t('archive.created')); setCreating(false); void queryClient.invalidateQueries({ queryKey: ['archive'] }); }}>
          <Form.Item name="institutionId" label={t('archive.institution')} rules={[{ required: true, message: t('archive.required') }]}><InstitutionTreeSelect /></Form.Item>
          <Form.Item name="code" label={t('archive.code')} extra={t('archive.codeHint')} rules={[{ required: true, message: t('archive.required') }]}><Input maxLength={10} /></Form.Item>
          <Form.Item name="name" label={t('archive.name')} rules={[{ required: true, message: t('archive.required') }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="cellCount" label={t('archive.cellCount')} rules={[{ required: true, message: t('archive.required') }]}><InputNumber min={1} max={999} precision={0} /></Form.Item>
          <Form.Item name="copiesPerCell" label={t('archive.copiesPerCell')} rules={[{ required: true, message: t('archive.required') }]}><InputNumber min={1} max={999} precision={0} /></Form.Item>
        </FormModal>
      )}
      {filing && <FileModal cabinet={filing} onClose={() => setFiling(null)} />}
    </Card>
  );
}

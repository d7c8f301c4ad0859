// 黑名单 (CIF-5): the customer's entries, internal and external, with reason, source and dates;
// holders of blacklist.manage list and lift. The customer's flag follows the entries in force.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, DatePicker, Form, Input, Row, Select, Table, Tag, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session';
import { FormModal } from '../../../components/FormModal';
import { orDash } from '../../../lib/format';
import type { CustomerView } from '../api';
import { addToBlacklist, fetchBlacklistOf, removeFromBlacklist, type BlacklistEntry, type ListKind } from '../api-relations';

const STATE_COLOR = { active: 'red', expired: 'default', removed: 'default' } as const;
const KINDS: ListKind[] = ['internal', 'external'];

interface AddValues { listKind: ListKind; reason: string; source: string; listedOn: Dayjs; expiresOn?: Dayjs | null }

function AddModal({ c, onClose, onDone }: { c: CustomerView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal<AddValues> open width={600} title={t('customers.blacklistTab.addTitle', { name: c.name })} onCancel={onClose} okDanger
      okText={t('customers.blacklistTab.add')} initialValues={{ listKind: 'internal', listedOn: dayjs() }} testId="blacklist-form"
      onSubmit={async (v) => {
        await addToBlacklist({ customerId: c.id, listKind: v.listKind, reason: v.reason.trim(), source: v.source.trim(),
          listedOn: v.listedOn.format('YYYY-MM-DD'), expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null });
        onDone();
      }}>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="listKind" label={t('customers.blacklistTab.listKind')} rules={[{ required: true, message: t('customers.blacklistTab.kindRequired') }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`customers.blacklistTab.kinds.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="source" label={t('customers.blacklistTab.source')} extra={t('customers.blacklistTab.sourceHint')}
            rules={[{ required: true, whitespace: true, message: t('customers.blacklistTab.sourceRequired') }]}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="listedOn" label={t('customers.blacklistTab.listedOn')} rules={[{ required: true, message: t('customers.blacklistTab.listedOnRequired') }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="expiresOn" label={t('customers.blacklistTab.expiresOn')}>
            <DatePicker style={{ width: '100%' }} placeholder={t('customers.blacklistTab.untilRemoved')} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="reason" label={t('customers.blacklistTab.reason')} rules={[{ required: true, whitespace: true, message: t('customers.blacklistTab.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

/** Lift one entry with a reason (also used by the bank-wide blacklist page). */
export function RemoveBlacklistModal({ name, entry, onClose, onDone }: { name: string; entry: Pick<BlacklistEntry, 'id'>; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <FormModal<{ reason: string }> open title={t('customers.blacklistTab.removeTitle', { name })} onCancel={onClose} testId="blacklist-remove-form"
      okText={t('customers.blacklistTab.remove')} onSubmit={async (v) => {
        // Under review (the bank's default) the answer is a request: the entry stays in force until approved.
        const r = await removeFromBlacklist(entry.id, v.reason.trim());
        if ('requestId' in r) message.info(t('customers.blacklistTab.removalSubmitted', { requestId: r.requestId }));
        onDone();
      }}>
      <p style={{ marginTop: 0 }}>{t('customers.blacklistTab.removeHint')}</p>
      <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={200} showCount />
      </Form.Item>
    </FormModal>
  );
}

export function BlacklistTab({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<BlacklistEntry | null>(null);
  const list = useQuery({ queryKey: ['customer', c.id, 'blacklist'], queryFn: ({ signal }) => fetchBlacklistOf(c.customerNo, signal) });
  const manage = can('blacklist.manage');
  const done = (text: string) => {
    setAdding(false);
    setRemoving(null);
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: ['customer', c.id] });
    void queryClient.invalidateQueries({ queryKey: ['customers'] });
  };
  return (
    <>
      {manage && c.status === 'active' && (
        <Button danger icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAdding(true)} data-testid="blacklist-add">{t('customers.blacklistTab.add')}</Button>
      )}
      <Table<BlacklistEntry> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data} pagination={false} scroll={{ x: 1000 }}
        locale={{ emptyText: list.error ? list.error.message : t('customers.blacklistTab.none') }} data-testid="customer-blacklist"
        columns={[
          { title: t('customers.blacklistTab.listKind'), dataIndex: 'listKind', width: 110, render: (k: ListKind) => t(`customers.blacklistTab.kinds.${k}`) },
          { title: t('customers.blacklistTab.state.label'), dataIndex: 'status', width: 80, render: (s: BlacklistEntry['status']) => <Tag color={STATE_COLOR[s]}>{t(`customers.blacklistTab.state.${s}`)}</Tag> },
          { title: t('customers.blacklistTab.reason'), dataIndex: 'reason', ellipsis: { showTitle: false }, render: (v: string) => <Tooltip title={v}>{v}</Tooltip> },
          { title: t('customers.blacklistTab.source'), dataIndex: 'source', width: 150, ellipsis: true },
          { title: t('customers.blacklistTab.listedOn'), dataIndex: 'listedOn', width: 105 },
          { title: t('customers.blacklistTab.expiresOn'), dataIndex: 'expiresOn', width: 105, render: (v: string | null) => v ?? t('customers.blacklistTab.untilRemoved') },
          { title: t('customers.blacklistTab.listedBy'), dataIndex: 'listedBy', width: 90, render: (v: string | null) => v ?? t('common.system') },
          { title: t('customers.blacklistTab.removedOn'), key: 'removed', width: 160,
            render: (_: unknown, e) => (e.removedOn ? <Tooltip title={e.removedReason}>{e.removedOn}</Tooltip> : orDash(null)) },
          ...(manage ? [{ title: t('common.actions'), key: 'actions', width: 70, fixed: 'right' as const,
            render: (_: unknown, e: BlacklistEntry) => (e.removedOn ? null : <a onClick={() => setRemoving(e)}>{t('customers.blacklistTab.remove')}</a>) }] : []),
        ]} />
      {adding && <AddModal c={c} onClose={() => setAdding(false)} onDone={() => done(t('customers.blacklistTab.added'))} />}
      {removing && <RemoveBlacklistModal name={c.name} entry={removing} onClose={() => setRemoving(null)} onDone={() => done(t('customers.blacklistTab.removed'))} />}
    </>
  );
}

// 信息录入: the processing centre keys a received flow's customer information from the paper on
// the customer's own form (CustomerForm in entry mode). "Customer information entry complete"
// sends the changed fields with the flow to review (document.entry_review, docs/documents.md);
// the customer keeps his values until the reviewer approves.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { CustomerForm } from '../customers/CustomerFormPage';
import { customerKey, fetchCustomer } from '../customers/api';
import { fetchFlow, submitEntry } from './api';

export default function DocumentEntryPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const flow = useQuery({ queryKey: ['documents', 'flow', id], enabled: id > 0, queryFn: ({ signal }) => fetchFlow(id, signal) });
  const customerId = flow.data?.customerId;
  const view = useQuery({ queryKey: customerKey(customerId ?? 0), enabled: !!customerId, queryFn: ({ signal }) => fetchCustomer(customerId!, signal) });
  const error = flow.error ?? view.error;
  if (error) return <Result status="warning" title={error.message} />;
  if (!flow.data || !view.data) return <Card><Skeleton active /></Card>;
  if (!flow.data.can.enter) return <Result status="info" title={t('documents.wrongStatusForEntry', { status: t(`documents.statusLabel.${flow.data.status}`) })} />;
  const f = flow.data;
  const v = view.data;
  const back = () => navigate(`/documents/flows?open=${id}`);
  return (
    <CustomerForm key={`${v.id}-${v.version}`} kind={v.kind} view={v} entry={{
      title: t('documents.entryTitle', { flowNo: f.flowNo, name: v.name, customerNo: v.customerNo }),
      submit: async (patch) => {
        const r = await submitEntry(id, patch);
        await queryClient.invalidateQueries({ queryKey: ['documents'] });
        await queryClient.invalidateQueries({ queryKey: ['todos'] });
        return r;
      },
      done: back,
    }} />
  );
}

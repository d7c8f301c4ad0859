// 机构管理: the tree on the left, the chosen institution on the right, changes in modals.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../auth/session';
import { useInstitutionLevels, useInstitutions } from '../../components/institutions';
import { fetchInstitution, institutionKey } from './api';
import { InstitutionDetail, type InstitutionAction } from './InstitutionDetail';
import { InstitutionFormModal } from './InstitutionFormModal';
import { InstitutionTree } from './InstitutionTree';
import { MoveInstitutionModal } from './MoveInstitutionModal';
import { StatusModal } from './StatusModal';
import styles from './institutions.module.css';

export default function InstitutionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const list = useInstitutions('all');
  const levels = useInstitutionLevels();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [action, setAction] = useState<InstitutionAction | null>(null);

  // Start on the user's own managing institution (or the top of what they can see).
  useEffect(() => {
    if (selectedId === null && list.data?.length) {
      setSelectedId(list.data.find((i) => i.id === me?.managingInstitution.id)?.id ?? list.data[0]!.id);
    }
  }, [list.data, me, selectedId]);

  const detail = useQuery({
    queryKey: institutionKey(selectedId ?? 0),
    queryFn: ({ signal }) => fetchInstitution(selectedId!, signal),
    enabled: selectedId !== null,
  });
  const current = detail.data;
  const parent = list.data?.find((i) => i.id === current?.parentId);

  const done = async (text: string, select?: number) => {
    setAction(null);
    message.success(text);
    await queryClient.invalidateQueries({ queryKey: ['institutions'] });
    await queryClient.invalidateQueries({ queryKey: ['institution'] });
    if (select) setSelectedId(select);
  };

  return (
    <div className={styles.layout}>
      <Card size="small" title={t('institutions.treeTitle')} className={styles.left}>
        <InstitutionTree items={list.data} loading={list.isLoading} selectedId={selectedId} onSelect={setSelectedId} />
      </Card>
      <div className={styles.right}>
        <InstitutionDetail detail={current} loading={detail.isFetching} error={detail.error} parent={parent}
          levels={levels.data} canManage={can('institution.manage')} onAction={setAction} />
      </div>
      {current && (action === 'addChild' || action === 'edit') && (
        <InstitutionFormModal mode={action === 'addChild' ? 'create' : 'edit'} target={current} onClose={() => setAction(null)}
          onDone={(id) => void done(t(action === 'addChild' ? 'institutions.created' : 'common.saved'), id)} />
      )}
      {current && action === 'move' && (
        <MoveInstitutionModal target={current} all={list.data ?? []} onClose={() => setAction(null)} onDone={() => void done(t('institutions.moved'))} />
      )}
      {current && (action === 'deactivate' || action === 'reactivate') && (
        <StatusModal target={current} action={action} onClose={() => setAction(null)}
          onDone={() => void done(t(action === 'deactivate' ? 'institutions.deactivated' : 'institutions.reactivated'))} />
      )}
    </div>
  );
}

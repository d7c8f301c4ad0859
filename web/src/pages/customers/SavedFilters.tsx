// 常用查询: the user's saved filters (own only, server-side). Choosing one applies its filters and
// sort; the current ones can be saved under a name; deleting asks first. Both are audited.
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { deleteSavedFilter, fetchSavedFilters, saveFilter, savedFiltersKey, type ListFilters } from './api';

export function SavedFilters({ current, onApply }: { current: ListFilters; onApply: (f: ListFilters) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const saved = useQuery({ queryKey: savedFiltersKey, queryFn: ({ signal }) => fetchSavedFilters(signal) });
  const [chosen, setChosen] = useState<number | null>(null);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: savedFiltersKey });

  const save = useMutation({
    mutationFn: () => saveFilter(name.trim(), current),
    onSuccess: (f) => { setNaming(false); setName(''); setChosen(f.id); message.success(t('customers.list.saved', { name: f.name })); void refresh(); },
    onError: (e) => report(e),
  });
  const remove = useMutation({
    mutationFn: (id: number) => deleteSavedFilter(id),
    onSuccess: () => { setChosen(null); void refresh(); },
    onError: (e) => report(e),
  });
  const chosenFilter = saved.data?.find((f) => f.id === chosen);

  return (
    <Space.Compact>
      <Select<number> allowClear style={{ width: 200 }} placeholder={t('customers.list.savedFilters')} value={chosen ?? undefined} loading={saved.isLoading}
        options={saved.data?.map((f) => ({ value: f.id, label: f.name }))} data-testid="saved-filters"
        onChange={(id) => { setChosen(id ?? null); const f = saved.data?.find((s) => s.id === id); if (f) onApply(f.filters); }} />
      <Button icon={<SaveOutlined />} onClick={() => setNaming(true)} data-testid="save-filter">{t('customers.list.saveFilter')}</Button>
      {chosenFilter && (
        <Button icon={<DeleteOutlined />} danger aria-label={t('common.delete')} data-testid="delete-filter"
          onClick={() => modal.confirm({ title: t('customers.list.deleteFilter', { name: chosenFilter.name }), okButtonProps: { danger: true }, onOk: () => remove.mutateAsync(chosenFilter.id) })} />
      )}
      <Modal open={naming} title={t('customers.list.saveFilter')} okButtonProps={{ disabled: !name.trim(), loading: save.isPending }}
        onOk={() => save.mutate()} onCancel={() => setNaming(false)} destroyOnHidden>
        <Input autoFocus maxLength={40} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('customers.list.filterName')}
          onPressEnter={() => name.trim() && save.mutate()} data-testid="filter-name" />
      </Modal>
    </Space.Compact>
  );
}

// 用户管理: search and filter staff in my charge, open one in a drawer, add new staff.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../auth/session';
import { useInstitutionFullName } from '../../components/institutions';
import { InstitutionTreeSelect } from '../../components/InstitutionTreeSelect';
import { useLang } from '../../i18n';
import { fetchUsers, USER_STATUSES, type UserQuery, type UserStatus } from './api';
import { userColumns } from './columns';
import { CreateUserFlow } from './CreateUserFlow';
import { UserDrawer } from './UserDrawer';

const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

export default function UsersPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [qInput, setQInput] = useState(params.get('q') ?? '');

  const query: UserQuery = {
    q: params.get('q') || undefined,
    institutionId: num(params.get('institutionId')),
    status: (params.get('status') as UserStatus | 'all' | null) ?? 'all',
    page: num(params.get('page')) ?? 1,
    pageSize: num(params.get('pageSize')) ?? 20,
  };
  const update = (patch: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (k === 'status' && v === 'all')) next.delete(k); else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const fullName = useInstitutionFullName();
  const users = useQuery({ queryKey: ['users', query], queryFn: ({ signal }) => fetchUsers(query, signal), placeholderData: keepPreviousData });

  return (
    <Card size="small" title={t('users.title')} extra={can('user.manage') && (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-add">{t('users.add')}</Button>
    )}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('users.searchPlaceholder')} style={{ width: 260 }} value={qInput}
          onChange={(e) => setQInput(e.target.value)} onSearch={(v) => update({ q: v.trim() })} data-testid="user-search" />
        <InstitutionTreeSelect allowClear includeInactive value={query.institutionId} style={{ width: 260 }}
          placeholder={t('users.filterInstitution')} onChange={(id) => update({ institutionId: id })} data-testid="user-filter-institution" />
        <Select style={{ width: 130 }} value={query.status} onChange={(v) => update({ status: v })} data-testid="user-filter-status"
          options={[{ value: 'all', label: t('users.status.all') }, ...USER_STATUSES.map((s) => ({ value: s, label: t(`users.status.${s}`) }))]} />
        <Button onClick={() => { setQInput(''); setParams(new URLSearchParams(), { replace: true }); }}>{t('common.reset')}</Button>
      </Space>
      <Table rowKey="id" size="small" loading={users.isFetching} dataSource={users.data?.items} data-testid="users-table"
        columns={userColumns(t, lang, fullName, (u) => setOpenId(u.id))} scroll={{ x: 1180 }}
        locale={{ emptyText: users.error ? users.error.message : t('common.noData') }}
        onRow={(u) => ({ onDoubleClick: () => setOpenId(u.id) })}
        pagination={{
          current: query.page, pageSize: query.pageSize, total: users.data?.total ?? 0, showSizeChanger: true,
          pageSizeOptions: [20, 50, 100], showTotal: (n) => t('common.total', { count: n }),
          onChange: (page, pageSize) => update({ page, pageSize }, false),
        }} />
      {openId !== null && <UserDrawer id={openId} onClose={() => setOpenId(null)} />}
      {creating && <CreateUserFlow onClose={() => setCreating(false)} onCreated={(id) => setOpenId(id)} />}
    </Card>
  );
}

// 角色权限: built-in roles (read-only) and the bank's custom roles with their permissions.
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { useCan } from '../../auth/session';
import { ROLES_KEY, useRoles, type Role } from '../../components/roles';
import { useLang } from '../../i18n';
import { localName } from '../../lib/format';
import { deleteRole } from './api';
import { roleColumns, type RoleRowAction } from './columns';
import { RoleDetailDrawer } from './RoleDetailDrawer';
import { RoleFormModal } from './RoleFormModal';

type Editing = { mode: 'create' | 'edit' | 'copy'; role?: Role };

export default function RolesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const can = useCan();
  const report = useReportError();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const [q, setQ] = useState('');
  const [viewing, setViewing] = useState<Role | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const canManage = can('role.manage');

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (roles.data ?? []).filter((r) => !needle || r.code.includes(needle) || r.nameZh.includes(needle) || r.nameEn.toLowerCase().includes(needle));
  }, [roles.data, q]);

  const act = (a: RoleRowAction, r: Role) => {
    if (a === 'view') setViewing(r);
    else if (a === 'edit' || a === 'copy') setEditing({ mode: a, role: r });
    else deleteRole(r.id).then(() => {
      message.success(t('roles.deleted', { name: localName(lang, r) }));
      void queryClient.invalidateQueries({ queryKey: ROLES_KEY });
    }, report);
  };

  return (
    <Card size="small" title={t('roles.title')} extra={canManage && (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="role-add">{t('roles.add')}</Button>
    )}>
      <Input.Search allowClear placeholder={t('roles.searchPlaceholder')} style={{ width: 280, marginBottom: 12 }} value={q} onChange={(e) => setQ(e.target.value)} />
      <Table rowKey="id" size="small" loading={roles.isFetching} dataSource={shown} columns={roleColumns(t, lang, canManage, act)}
        scroll={{ x: 1100 }} pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
        locale={{ emptyText: roles.error ? roles.error.message : t('common.noData') }} />
      {viewing && <RoleDetailDrawer role={viewing} onClose={() => setViewing(null)} />}
      {editing && (
        <RoleFormModal mode={editing.mode} role={editing.role} onClose={() => setEditing(null)} onDone={() => {
          setEditing(null);
          message.success(t('common.saved'));
          void queryClient.invalidateQueries({ queryKey: ROLES_KEY });
        }} />
      )}
    </Card>
  );
}

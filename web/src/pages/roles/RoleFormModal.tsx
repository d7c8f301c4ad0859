// Create, edit or copy a custom role. Built-in roles are never edited: copying one gives a
// custom role with the same permissions to adapt.
import { Col, Form, Input, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import type { DataScope, Role } from '../../components/roles';
import { useLang } from '../../i18n';
import { localName } from '../../lib/format';
import { createRole, updateRole } from './api';
import { DATA_SCOPES } from './labels';
import { PermissionChecklist } from './PermissionChecklist';

interface Values { code?: string; nameZh: string; nameEn: string; description?: string; dataScope: DataScope; permissions: string[] }

interface Props { mode: 'create' | 'edit' | 'copy'; role?: Role; onClose: () => void; onDone: () => void }

export function RoleFormModal({ mode, role, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  // A copy's names are data in both languages, so each gets its own language's marker.
  const initial: Partial<Values> = !role ? { dataScope: 'institution', permissions: [] } : {
    code: mode === 'copy' ? `${role.code}_custom`.slice(0, 40) : role.code,
    nameZh: mode === 'copy' ? `${role.nameZh}（自定义）` : role.nameZh,
    nameEn: mode === 'copy' ? `${role.nameEn} (custom)` : role.nameEn,
    description: role.description ?? undefined, dataScope: role.dataScope, permissions: [...role.permissions],
  };
  const title = mode === 'create' ? t('roles.add') : mode === 'copy' ? t('roles.copyTitle', { name: role ? localName(lang, role) : '' }) : t('roles.editTitle', { name: role ? localName(lang, role) : '' });

  const submit = async (v: Values) => {
    const description = v.description?.trim() ? v.description.trim() : null;
    if (mode === 'edit' && role) {
      await updateRole(role.id, { version: role.version, nameZh: v.nameZh, nameEn: v.nameEn, description, dataScope: v.dataScope, permissions: v.permissions ?? [] });
    } else {
      await createRole({ code: v.code!.trim(), nameZh: v.nameZh, nameEn: v.nameEn, description, dataScope: v.dataScope, permissions: v.permissions ?? [] });
    }
    onDone();
  };

  return (
    <FormModal<Values> open width={820} title={title} onCancel={onClose} onSubmit={submit} initialValues={initial} testId="role-form">
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="code" label={t('roles.code')} extra={mode === 'edit' ? undefined : t('roles.codeHint')}
            rules={[{ required: true, message: t('roles.codeRequired') }, { pattern: /^[a-z][a-z0-9_]{2,39}$/, message: t('roles.codeFormat') }]}>
            <Input maxLength={40} disabled={mode === 'edit'} data-testid="role-form-code" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="nameZh" label={t('roles.nameZh')} rules={[{ required: true, whitespace: true, message: t('roles.nameRequired') }]}>
            <Input maxLength={40} data-testid="role-form-nameZh" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="nameEn" label={t('roles.nameEn')} rules={[{ required: true, whitespace: true, message: t('roles.nameRequired') }]}>
            <Input maxLength={80} data-testid="role-form-nameEn" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="description" label={t('roles.description')}><Input maxLength={200} /></Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="dataScope" label={t('roles.dataScope')} rules={[{ required: true }]}>
            <Radio.Group options={DATA_SCOPES.map((s) => ({ value: s, label: t(`dataScope.short.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="permissions" label={t('roles.permissionsLabel')} extra={t('roles.sodHint')}>
            <PermissionChecklist />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

// Right-hand panel: one institution's facts, its actions (for institution.manage) and its history.
import { Button, Card, Descriptions, Empty, Result, Skeleton, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InstitutionView, LevelName } from '../../components/institutions';
import { useLang } from '../../i18n';
import { orDash } from '../../lib/format';
import type { InstitutionDetail as Detail } from './api';
import { historyColumns } from './historyColumns';
import { categoryText, KIND_COLOR, STATUS_COLOR } from './labels';
import styles from './institutions.module.css';

export type InstitutionAction = 'addChild' | 'edit' | 'move' | 'deactivate' | 'reactivate';

interface Props {
  detail: Detail | undefined;
  loading: boolean;
  error: Error | null;
  parent: InstitutionView | undefined;
  levels: LevelName[] | undefined;
  canManage: boolean;
  onAction: (a: InstitutionAction) => void;
}

export function InstitutionDetail({ detail: d, loading, error, parent, levels, canManage, onAction }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  if (error) return <Card><Result status="warning" title={error.message} /></Card>;
  if (loading && !d) return <Card><Skeleton active /></Card>;
  if (!d) return <Card><Empty description={t('institutions.pickOne')} /></Card>;

  const level = levels?.find((l) => l.level === d.level);
  const levelName = level ? (lang === 'en-US' ? level.nameEn : level.nameZh) : d.levelName;
  const active = d.status === 'active';
  const isRoot = d.parentId === null;
  const addChildBlocked = !active ? t('institutions.addChildInactive') : d.kind === 'marketing' ? t('institutions.addChildMarketing') : null;

  const actions = canManage && (
    <div className={styles.actions}>
      <Tooltip title={addChildBlocked}>
        <Button type="primary" disabled={!!addChildBlocked} onClick={() => onAction('addChild')} data-testid="institution-add-child">{t('institutions.addChild')}</Button>
      </Tooltip>
      <Button onClick={() => onAction('edit')} data-testid="institution-edit">{t('common.edit')}</Button>
      <Tooltip title={isRoot ? t('institutions.rootFixed') : null}>
        <Button disabled={isRoot} onClick={() => onAction('move')} data-testid="institution-move">{t('institutions.move')}</Button>
      </Tooltip>
      {active
        ? <Tooltip title={isRoot ? t('institutions.rootFixed') : null}><Button danger disabled={isRoot} onClick={() => onAction('deactivate')} data-testid="institution-deactivate">{t('institutions.deactivate')}</Button></Tooltip>
        : <Button onClick={() => onAction('reactivate')} data-testid="institution-reactivate">{t('institutions.reactivate')}</Button>}
    </div>
  );

  return (
    <Card title={<span>{d.fullName} <Tag color={STATUS_COLOR[d.status]}>{t(`institutions.status.${d.status}`)}</Tag></span>} extra={actions}
      loading={false} data-testid="institution-detail">
      <Descriptions size="small" bordered column={{ xs: 1, lg: 2, xxl: 3 }} styles={{ label: { width: 128 } }} items={[
        { key: 'code', label: t('institutions.code'), children: d.code },
        { key: 'name', label: t('institutions.name'), children: d.name },
        { key: 'fullName', label: t('institutions.fullName'), children: d.fullName },
        { key: 'level', label: t('institutions.level'), children: `${levelName} (${t('institutions.levelN', { n: d.level })})` },
        { key: 'kind', label: t('institutions.kind.label'), children: <Tag color={KIND_COLOR[d.kind]}>{t(`institutions.kind.${d.kind}`)}</Tag> },
        { key: 'category', label: t('institutions.category.label'), children: categoryText(t, d.category) },
        { key: 'parent', label: t('institutions.parent'), children: parent ? `${parent.code} ${parent.fullName}` : '—' },
        { key: 'children', label: t('institutions.activeChildren'), children: d.activeChildren },
        { key: 'users', label: t('institutions.users'), children: d.users },
        { key: 'address', label: t('institutions.address'), children: orDash(d.address) },
        { key: 'phone', label: t('institutions.phone'), children: orDash(d.phone) },
        { key: 'opened', label: t('institutions.openedOn'), children: orDash(d.openedOn) },
        ...(d.closedOn ? [{ key: 'closed', label: t('institutions.closedOn'), children: d.closedOn }] : []),
      ]} />
      <div className={styles.section}>
        <h4>{t('institutions.history.title')}</h4>
        <Table rowKey="id" size="small" columns={historyColumns(t)} dataSource={d.history} pagination={false}
          scroll={{ x: 760 }} locale={{ emptyText: t('common.noData') }} />
      </div>
    </Card>
  );
}

import type { TFunction } from 'i18next';
import type { DataScope, RoleCategory } from '../../components/roles';
import { DOMAINS, type Domain } from './api';

export const CATEGORY_COLOR: Record<RoleCategory, string> = {
  system: 'red', management: 'blue', sme: 'cyan', manager: 'geekblue', product: 'purple', non_corporate: 'default', custom: 'gold',
};
export const DATA_SCOPES: readonly DataScope[] = ['institution', 'own'];

export const domainLabel = (t: TFunction, d: string) =>
  (DOMAINS as readonly string[]).includes(d) ? t(`roles.domain.${d as Domain}`) : d;

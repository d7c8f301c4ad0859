// Status and kind enums of this page as data: colour and i18n key per value.
import type { TFunction } from 'i18next';
import type { InstitutionView } from '../../components/institutions';
import { CATEGORIES, type HistoryEvent, type InstitutionCategory } from './api';

export const STATUS_COLOR: Record<InstitutionView['status'], string> = { active: 'green', inactive: 'default' };
export const KIND_COLOR: Record<InstitutionView['kind'], string> = { statistical: 'blue', marketing: 'purple' };
export const EVENT_COLOR: Record<HistoryEvent, string> = {
  open: 'green', rename: 'blue', move: 'orange', deactivate: 'red', reactivate: 'cyan', update: 'default',
};

export const categoryText = (t: TFunction, c: string | null) =>
  c === null ? '—' : (CATEGORIES as readonly string[]).includes(c) ? t(`institutions.category.${c as InstitutionCategory}`) : c;

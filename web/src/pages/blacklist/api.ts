// Calls and shapes of the bank-wide blacklist (GET /api/blacklist, CIF-5).
import type { ListBlacklistQuery } from '../../../../src/modules/customers/blacklist/blacklist.schema.ts';
import { api } from '../../api/client';
import type { BlacklistEntry } from '../customers/api-relations';

export type BlacklistQuery = Partial<ListBlacklistQuery>;
export interface BlacklistRow extends BlacklistEntry {
  name: string; kind: 'personal' | 'corporate'; customerStatus: string; blacklisted: boolean; institutionName: string;
  idType: string | null; idNumber: string | null; creditCode: string | null;
  /** The open lift under review: the entry stays in force until it is approved. */
  removalRequestId: number | null;
}
export const BLACKLIST_STATUSES = ['active', 'expired', 'removed', 'all'] as const;

export const fetchBlacklist = (q: BlacklistQuery, signal?: AbortSignal) =>
  api.get<{ total: number; page: number; pageSize: number; items: BlacklistRow[] }>('/blacklist', { ...q }, signal);

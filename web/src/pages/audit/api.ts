// Calls and shapes of /api/audit used by this page.
import { api } from '../../api/client';

export type ActorKind = 'user' | 'token' | 'system' | 'anonymous';

export interface AuditRow {
  id: number; occurredAt: string; actorKind: ActorKind; actorId: number | null; actorName: string | null;
  actorInstitutionId: number | null; action: string; entityType: string | null; entityId: string | null;
  /** The object's name (a user's name and username, an institution's code and name…), when it still exists. */
  entityName: string | null;
  before: unknown; after: unknown; clientIp: string | null; requestId: string | null; hash: string;
}

export interface AuditQuery { from?: string; to?: string; actor?: string; action?: string; entityType?: string; entityId?: string; page: number; pageSize: number }
export interface AuditPage { total: number; totalCapped: boolean; page: number; pageSize: number; items: AuditRow[] }
export interface VerifyResult { checked: number; ok: boolean; firstBroken?: { id: number; reason: 'content' | 'link' } }

export const searchAudit = (q: AuditQuery, signal?: AbortSignal) => api.get<AuditPage>('/audit', { ...q }, signal);
export const verifyAudit = () => api.get<VerifyResult>('/audit/verify');

/** Suggestions for the filters; any other text is allowed too. */
export const ACTION_PREFIXES = ['auth.', 'user.', 'institution.', 'role.', 'apitoken.', 'codetable.', 'calendar.', 'setting.'];
export const ENTITY_TYPES = ['user', 'institution', 'institution_level', 'role', 'api_token', 'code_table', 'code_item', 'calendar_day', 'setting'];
export const ACTOR_KIND_COLOR: Record<ActorKind, string> = { user: 'blue', token: 'purple', system: 'default', anonymous: 'orange' };

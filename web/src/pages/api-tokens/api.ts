// Calls and shapes of /api/api-tokens used by this page.
import type { z } from 'zod';
import type { createTokenBody } from '../../../../src/modules/auth/auth.schema.ts';
import { api } from '../../api/client';

export interface TokenRole { id: number; code: string; name_zh: string; name_en: string }
export interface ApiToken {
  id: number; name: string; prefix: string; managing_institution_id: number; institution_name: string; created_by: string;
  created_at: string; expires_at: string | null; last_used_at: string | null; revoked_at: string | null; roles: TokenRole[];
}
export type TokenState = 'active' | 'expired' | 'revoked';
export const STATE_COLOR: Record<TokenState, string> = { active: 'green', expired: 'orange', revoked: 'default' };

export const tokenState = (tk: ApiToken): TokenState =>
  tk.revoked_at ? 'revoked' : tk.expires_at && new Date(tk.expires_at) < new Date() ? 'expired' : 'active';

export const TOKENS_KEY = ['api-tokens'] as const;
export const fetchTokens = (signal?: AbortSignal) => api.get<ApiToken[]>('/api-tokens', undefined, signal);
export const createToken = (body: z.input<typeof createTokenBody>) =>
  api.post<{ id: number; name: string; prefix: string; created_at: string; expires_at: string | null; token: string }>('/api-tokens', body);
export const revokeToken = (id: number) => api.post<void>(`/api-tokens/${id}/revoke`);

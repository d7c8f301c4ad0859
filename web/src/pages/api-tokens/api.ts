// Calls and shapes of /api/api-tokens used by this page.
import type { z } from 'zod';
import type { createTokenBody } from '../../../../src/modules/auth/auth.schema.ts';
import { api } from '../../api/client';

export interface TokenRole { id: number; code: string; nameZh: string; nameEn: string }
export interface ApiToken {
  id: number; name: string; prefix: string; managingInstitutionId: number; institutionName: string; createdBy: string;
  createdAt: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null; issuerActive: boolean; roles: TokenRole[];
}
export type TokenState = 'active' | 'suspended' | 'expired' | 'revoked';
export const STATE_COLOR: Record<TokenState, string> = { active: 'green', suspended: 'red', expired: 'orange', revoked: 'default' };

export const tokenState = (tk: ApiToken): TokenState =>
  tk.revokedAt ? 'revoked' : tk.expiresAt && new Date(tk.expiresAt) < new Date() ? 'expired' : tk.issuerActive ? 'active' : 'suspended';

export const TOKENS_KEY = ['api-tokens'] as const;
export const fetchTokens = (signal?: AbortSignal) => api.get<ApiToken[]>('/api-tokens', undefined, signal);
export const createToken = (body: z.input<typeof createTokenBody>) =>
  api.post<{ id: number; name: string; prefix: string; createdAt: string; expiresAt: string | null; token: string }>('/api-tokens', body);
export const revokeToken = (id: number) => api.post<void>(`/api-tokens/${id}/revoke`);

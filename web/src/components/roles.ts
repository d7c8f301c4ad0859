// The role catalogue (GET /api/roles), shared by the user, role and token screens.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

export type RoleCategory = 'system' | 'management' | 'sme' | 'manager' | 'product' | 'non_corporate' | 'custom';
export type DataScope = 'institution' | 'own';

export interface Role {
  id: number; code: string; nameZh: string; nameEn: string; category: RoleCategory; description: string | null;
  builtin: boolean; dataScope: DataScope; version: number; permissions: string[]; userCount: number;
}

export const ROLES_KEY = ['roles'] as const;

export function useRoles(enabled = true) {
  return useQuery({ queryKey: ROLES_KEY, queryFn: ({ signal }) => api.get<Role[]>('/roles', undefined, signal), staleTime: 60_000, enabled });
}

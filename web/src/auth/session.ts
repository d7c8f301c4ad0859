// Who is signed in (GET /api/me) and what they may do. The CSRF token comes with it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Me } from '../../../src/modules/auth/auth.schema.ts';
import { api, setCsrfToken } from '../api/client';

export type { Me };
export const ME_KEY = ['me'] as const;

export async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>('/me');
  setCsrfToken(me.csrfToken);
  return me;
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** A permission need: one code, any of several, or none (every signed-in user). */
export type Need = string | readonly string[] | undefined;

export const allows = (permissions: readonly string[] | undefined, need: Need): boolean => {
  if (!need) return true;
  if (!permissions) return false;
  return typeof need === 'string' ? permissions.includes(need) : need.some((p) => permissions.includes(p));
};

export function useCan() {
  const { data } = useMe();
  return useCallback((need: Need) => allows(data?.permissions, need), [data]);
}

export interface LoginResponse { userId: number; csrfToken: string; mustChangePassword: boolean; passwordExpiresAt: string | null }

export function useSessionActions() {
  const queryClient = useQueryClient();
  const login = async (username: string, password: string) => {
    const res = await api.post<LoginResponse>('/auth/login', { username, password });
    setCsrfToken(res.csrfToken);
    queryClient.clear();
    await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe });
    return res;
  };
  const logout = async () => {
    try { await api.post('/auth/logout'); } finally {
      setCsrfToken(null);
      queryClient.clear();
    }
  };
  return { login, logout };
}

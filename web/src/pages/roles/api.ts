// Calls and shapes of /api/roles and /api/permissions used by this page.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createRoleBody, updateRoleBody } from '../../../../src/modules/org/role.schema.ts';
import { api } from '../../api/client';

export interface Permission { code: string; domain: string; nameZh: string; nameEn: string }

/** Display order of permission domains; an unknown future domain goes last under its own code. */
export const DOMAINS = ['org', 'auth', 'audit', 'platform', 'customer', 'performance', 'report', 'product', 'marketing', 'sme', 'document'] as const;
export type Domain = (typeof DOMAINS)[number];

export function groupByDomain(perms: readonly Permission[]): { domain: string; items: Permission[] }[] {
  const order = (d: string) => { const i = (DOMAINS as readonly string[]).indexOf(d); return i < 0 ? DOMAINS.length : i; };
  const domains = [...new Set(perms.map((p) => p.domain))].sort((a, b) => order(a) - order(b));
  return domains.map((domain) => ({ domain, items: perms.filter((p) => p.domain === domain) }));
}

export function usePermissions() {
  return useQuery({ queryKey: ['permissions'], queryFn: () => api.get<Permission[]>('/permissions'), staleTime: 10 * 60_000 });
}

export const createRole = (body: z.input<typeof createRoleBody>) => api.post<{ id: number }>('/roles', body);
export const updateRole = (id: number, body: z.input<typeof updateRoleBody>) => api.patch<{ id: number }>(`/roles/${id}`, body);
export const deleteRole = (id: number) => api.delete<void>(`/roles/${id}`);

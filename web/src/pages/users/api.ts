// Calls and shapes of /api/users used by this page.
import type { z } from 'zod';
import type { createUserBody, moveUserBody, updateUserBody, userStatusBody } from '../../../../src/modules/org/user.schema.ts';
import { api } from '../../api/client';
import type { RoleCategory } from '../../components/roles';

export type UserStatus = 'active' | 'disabled' | 'left';
export const USER_STATUSES: readonly UserStatus[] = ['active', 'disabled', 'left'];

export interface UserRole { id: number; code: string; nameZh: string; nameEn: string; category: RoleCategory }

export interface UserRow {
  id: number; username: string; displayName: string; employeeNo: string | null;
  homeInstitutionId: number; managingInstitutionId: number; homeInstitutionName: string; managingInstitutionName: string;
  mobile: string | null; email: string | null; status: UserStatus; mustChangePassword: boolean;
  lockedUntil: string | null; lastLoginAt: string | null; joinedOn: string; leftOn: string | null; version: number;
  roles: UserRole[];
}

export type UserEvent = 'join' | 'move' | 'leave' | 'disable' | 'enable' | 'rejoin';
export interface UserHistory {
  id: number; event: UserEvent; status: UserStatus; homeInstitutionName: string; managingInstitutionName: string;
  validFrom: string; validTo: string | null; reason: string | null; changedBy: string | null;
}
export interface UserDetail extends UserRow { history: UserHistory[] }

export interface UserQuery { q?: string; institutionId?: number; status?: UserStatus | 'all'; roleId?: number; page?: number; pageSize?: number }
export interface UserPage { total: number; page: number; pageSize: number; items: UserRow[] }

export const isLocked = (u: Pick<UserRow, 'lockedUntil'>) => !!u.lockedUntil && new Date(u.lockedUntil) > new Date();

export const fetchUsers = (q: UserQuery, signal?: AbortSignal) => api.get<UserPage>('/users', { ...q }, signal);
export const fetchUser = (id: number, signal?: AbortSignal) => api.get<UserDetail>(`/users/${id}`, undefined, signal);
export const createUser = (body: z.input<typeof createUserBody>) => api.post<{ id: number; initialPassword?: string }>('/users', body);
export const updateUser = (id: number, body: z.input<typeof updateUserBody>) => api.patch<{ id: number }>(`/users/${id}`, body);
export const moveUser = (id: number, body: z.input<typeof moveUserBody>) => api.post<{ id: number }>(`/users/${id}/move`, body);
export const changeUserStatus = (id: number, body: z.input<typeof userStatusBody>) => api.post<{ id: number }>(`/users/${id}/status`, body);
export const unlockUser = (id: number) => api.post<{ id: number }>(`/users/${id}/unlock`);
export const resetPassword = (id: number) => api.post<{ id: number; initialPassword: string }>(`/users/${id}/reset-password`);
export const setUserRoles = (id: number, roleIds: number[]) => api.put<{ id: number }>(`/users/${id}/roles`, { roleIds });

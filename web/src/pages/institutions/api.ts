// Calls and shapes of /api/institutions used by this page.
import type { z } from 'zod';
import type {
  createInstitutionBody, moveInstitutionBody, statusChangeBody, updateInstitutionBody,
} from '../../../../src/modules/org/institution.schema.ts';
import { api } from '../../api/client';
import type { InstitutionView } from '../../components/institutions';

export type InstitutionKind = InstitutionView['kind'];
export type InstitutionCategory = 'corporate' | 'sme' | 'product' | 'non_corporate';
export const KINDS: readonly InstitutionKind[] = ['statistical', 'marketing'];
export const CATEGORIES: readonly InstitutionCategory[] = ['corporate', 'sme', 'product', 'non_corporate'];

export type HistoryEvent = 'open' | 'rename' | 'move' | 'deactivate' | 'reactivate' | 'update';

export interface InstitutionHistory {
  id: number; event: HistoryEvent; code: string; name: string; status: 'active' | 'inactive';
  parentId: number | null; parentName: string | null; validFrom: string; validTo: string | null;
  reason: string | null; changedBy: string | null; changedAt: string;
}

export interface InstitutionDetail extends InstitutionView {
  activeChildren: number; users: number; history: InstitutionHistory[];
}

export const institutionKey = (id: number) => ['institution', id] as const;

export const fetchInstitution = (id: number, signal?: AbortSignal) => api.get<InstitutionDetail>(`/institutions/${id}`, undefined, signal);
export const createInstitution = (body: z.input<typeof createInstitutionBody>) => api.post<{ id: number }>('/institutions', body);
export const updateInstitution = (id: number, body: z.input<typeof updateInstitutionBody>) => api.patch<{ id: number }>(`/institutions/${id}`, body);
export const moveInstitution = (id: number, body: z.input<typeof moveInstitutionBody>) => api.post<{ id: number }>(`/institutions/${id}/move`, body);
export const deactivateInstitution = (id: number, body: z.input<typeof statusChangeBody>) => api.post<{ id: number }>(`/institutions/${id}/deactivate`, body);
export const reactivateInstitution = (id: number, body: z.input<typeof statusChangeBody>) => api.post<{ id: number }>(`/institutions/${id}/reactivate`, body);

// The scale attribute's calls (CIF-27): the attribute with the classification's suggestion, the
// thresholds, and the application that starts the customer.scale approval.
import type { customerScale } from '../../../../../src/modules/customers/scale/scale.service.ts';
import type { ScaleRule } from '../../../../../src/modules/customers/scale/scale-rules.ts';
import { api } from '../../../api/client';

export type CustomerScale = Awaited<ReturnType<typeof customerScale>>;
export type { ScaleRule };
export const fetchCustomerScale = (id: number, signal?: AbortSignal) => api.get<CustomerScale>(`/customers/${id}/scale`, undefined, signal);
export const fetchScaleRules = (signal?: AbortSignal) => api.get<ScaleRule[]>('/scale-rules', undefined, signal);
export const applyForScale = (id: number, body: { scale: string; reason: string }) =>
  api.post<{ requestId: number; step: number; stepCount: number }>(`/customers/${id}/scale`, body);

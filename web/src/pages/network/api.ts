// Calls and shapes of the relationship network (REL-1…4): a customer's links, his network graph,
// and the bank's guarantee circles and chains.
import type { CreateLink } from '../../../../src/modules/network/link.schema.ts';
import type { listLinks } from '../../../../src/modules/network/link.service.ts';
import type { customerNetwork } from '../../../../src/modules/network/network.service.ts';
import type { getGuaranteeCircle, listGuaranteeChains, listGuaranteeCircles } from '../../../../src/modules/network/guarantee-scan.service.ts';
import type { blacklistProximity } from '../../../../src/modules/network/blacklist-proximity.ts';
import { api, download } from '../../api/client';

export type Links = Awaited<ReturnType<typeof listLinks>>;
export type LinkItem = Links['items'][number];
export type Network = Awaited<ReturnType<typeof customerNetwork>>;
export type NetworkNode = Network['nodes'][number];
export type Circles = Awaited<ReturnType<typeof listGuaranteeCircles>>;
export type CircleDetail = Awaited<ReturnType<typeof getGuaranteeCircle>>;
export type Chains = Awaited<ReturnType<typeof listGuaranteeChains>>;
export type { CreateLink };

export const fetchLinks = (id: number, ended: boolean, signal?: AbortSignal) => api.get<Links>(`/customers/${id}/links`, { ended: String(ended) }, signal);
export const createLink = (id: number, body: CreateLink) => api.post<{ id: number; seq: number }>(`/customers/${id}/links`, body);
export const endLink = (id: number, linkId: number, body: { endsOn?: string; reason: string }) => api.post<{ id: number }>(`/customers/${id}/links/${linkId}/end`, body);
export const fetchNetwork = (id: number, q: { hops: number; roles?: string; on?: string }, signal?: AbortSignal) =>
  api.get<Network>(`/customers/${id}/network`, Object.fromEntries(Object.entries({ hops: String(q.hops), roles: q.roles, on: q.on }).filter(([, v]) => v)) as Record<string, string>, signal);
export const fetchCircles = (q: { minMembers?: number; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<Circles>('/guarantee-circles', Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])), signal);
export const fetchCircle = (date: string, no: number, signal?: AbortSignal) => api.get<CircleDetail>(`/guarantee-circles/${date}/${no}`, undefined, signal);
export const fetchChains = (q: { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<Chains>('/guarantee-chains', { page: String(q.page), pageSize: String(q.pageSize) }, signal);

/** The circles the list shows (same filters), as .xlsx: masked outside my charge, watermarked, audited. */
export const exportCircles = (q: { minMembers?: number }) =>
  download('/guarantee-circles/export', Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])), 'guarantee-circles.xlsx');

export type Proximity = Awaited<ReturnType<typeof blacklistProximity>>;
export const fetchProximity = (q: { hops: number; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<Proximity>('/blacklist-proximity', { hops: String(q.hops), page: String(q.page), pageSize: String(q.pageSize) }, signal);

// Calls and shapes of a corporate customer's certificates (CIF-20…25). The forms themselves are
// the server's catalogue (certificate.forms.ts, plain data), imported so both draw the same form.
import { api } from '../../../api/client';
import { CERT_TYPES, CERTIFICATE_FORMS, type CertField, type CertForm, type CertType, type ShownField } from '../../../../../src/modules/customers/certificates/certificate.forms.ts';

export { CERT_TYPES, CERTIFICATE_FORMS };
export type { CertField, CertForm, CertType, ShownField };

export type CertStatus = 'current' | 'superseded' | 'voided';
export type ExpiryStatus = 'expired' | 'expiring' | 'valid';

export interface Certificate {
  id: number; customerId: number; certType: CertType; status: CertStatus; statusReason: string | null; supersededBy: number | null;
  fields: Record<string, unknown>; expiresOn: string | null; expiryStatus: ExpiryStatus | null; version: number; createdAt: string; updatedAt: string;
}
export interface LegalRep { customerId: number; customerNo: string; name: string; status: string }
export interface CertificateList {
  customer: { id: number; customerNo: string; name: string; status: string };
  licence: Record<string, unknown> & { legalRep?: LegalRep | null };
  defaults: Partial<Record<CertType, { issuer?: string; approvalAuthority?: string }>>;
  items: Certificate[];
}

export const fetchCertificates = (id: number, status: 'current' | 'all', signal?: AbortSignal) =>
  api.get<CertificateList>(`/customers/${id}/certificates`, { status }, signal);
export const createCertificate = (id: number, body: Record<string, unknown> & { certType: CertType }) =>
  api.post<{ id: number; supersededId: number | null }>(`/customers/${id}/certificates`, body);
export const updateCertificate = (id: number, certId: number, body: Record<string, unknown> & { version: number }) =>
  api.patch<{ id: number; changed: number }>(`/customers/${id}/certificates/${certId}`, body);
export const voidCertificate = (id: number, certId: number, version: number, reason: string) =>
  api.delete<{ id: number }>(`/customers/${id}/certificates/${certId}`, { version, reason });

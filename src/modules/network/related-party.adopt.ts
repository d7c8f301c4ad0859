// A related party who opens with the bank becomes the party of his links as a customer (REL-1:
// "become customers without re-keying"): opening a customer whose identity document a related
// party carries re-points that party's links to the new customer in the opening's transaction.
import type { Tx } from '../../db/database.ts';

export interface PartyDocument { idType: string; idNumber: string }

export async function adoptRelatedParties(tx: Tx, customerId: number, kind: 'personal' | 'corporate', documents: PartyDocument[]) {
  if (!documents.length) return 0;
  const category = kind === 'corporate' ? '1' : '2';
  const adopted = await tx.updateTable('related_party').set({ customer_id: customerId })
    .where('party_category', '=', category).where('customer_id', 'is', null)
    .where((eb) => eb.or(documents.map((d) => eb.and([eb('id_type', '=', d.idType), eb('id_number', '=', d.idNumber)]))))
    .returning('id').execute();
  if (!adopted.length) return 0;
  await tx.updateTable('customer_link').set({ party_customer_id: customerId, related_party_id: null })
    .where('related_party_id', 'in', adopted.map((r) => r.id)).execute();
  return adopted.length;
}

/** The documents a new customer is known by, as related parties record them. */
export function documentsOf(kind: 'personal' | 'corporate', values: Record<string, unknown>, identities?: PartyDocument[]): PartyDocument[] {
  if (kind === 'personal') return identities ?? [];
  const docs: PartyDocument[] = [];
  if (typeof values.creditCode === 'string' && values.creditCode) docs.push({ idType: '08', idNumber: values.creditCode });
  if (typeof values.organizationCode === 'string' && values.organizationCode) docs.push({ idType: '02', idNumber: values.organizationCode });
  return docs;
}

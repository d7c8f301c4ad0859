// Which customer information changes need a second pair of eyes (issue 13 item 3, CIF-40): a
// setting per change kind, and the fields each kind covers. The screen's edit asks this before it
// writes; the core-banking feed loader never does (the core system is the master of what it
// sends, so its changes are never reviewed here).
import { sql } from 'kysely';
import type { Executor } from '../../../db/database.ts';
import { getSetting } from '../../settings/settings.service.ts';
import type { CustomerRecord } from '../customer.queries.ts';
import { IDENTITY_DOCUMENT_FIELDS, KEY_FIELDS, type ReviewScope } from './review-settings.ts';

/**
 * A key customer: every corporate customer, and a person with credit business (a first credit
 * relationship date, or a loan not yet closed). These are the customers whose wrong name or ID
 * number reaches the credit reference centre and the regulator's reports.
 */
export async function isKeyCustomer(db: Executor, c: Pick<CustomerRecord, 'id' | 'kind' | 'values'>): Promise<boolean> {
  if (c.kind === 'corporate' || c.values.firstCreditOn) return true;
  const r = await sql<{ n: number }>`select 1 as n from account where customer_id = ${c.id} and kind = 'loan' and status <> 'closed' limit 1`.execute(db);
  return r.rows.length > 0;
}

/** The changed fields that need review for this customer under the current settings (none: apply at once). */
export async function fieldsNeedingReview(db: Executor, c: Pick<CustomerRecord, 'id' | 'kind' | 'values'>, changedFields: readonly string[]): Promise<string[]> {
  const settings = await getSetting(db, 'customers.information_review');
  let key: boolean | undefined;
  const applies = async (scope: ReviewScope) => scope === 'all_customers' || (scope === 'key_customers' && (key ??= await isKeyCustomer(db, c)));
  const out: string[] = [];
  const keyFields = KEY_FIELDS[c.kind].filter((f) => changedFields.includes(f));
  if (keyFields.length && await applies(settings.keyFields)) out.push(...keyFields);
  const docs = IDENTITY_DOCUMENT_FIELDS.filter((f) => changedFields.includes(f));
  if (docs.length && await applies(settings.identityDocuments)) out.push(...docs);
  return out;
}

/** Every field whose change this customer's entry would send to review now: the edit screen asks "entry complete?" for these. */
export const fieldsUnderReview = (db: Executor, c: Pick<CustomerRecord, 'id' | 'kind' | 'values'>) =>
  fieldsNeedingReview(db, c, [...KEY_FIELDS[c.kind], ...(c.kind === 'personal' ? IDENTITY_DOCUMENT_FIELDS : [])]);

// The setting 'customers.information_review' (CIF-40): per change kind, whose changes go to
// review, and the fields each kind covers. Plain data, free of the settings service (which imports
// it) and of the database, so the web's settings screen reads the same lists.
import { z } from 'zod';

/** off: never reviewed; key_customers: reviewed for key customers only; all_customers: always. */
export const reviewScope = z.enum(['off', 'key_customers', 'all_customers']);
export type ReviewScope = z.infer<typeof reviewScope>;

/**
 * The change kinds with a setting. Blacklist removal and merge have no key-customer distinction
 * (lifting an entry, or folding one record into another, matters whoever the customer is): on or
 * off. Opening: a key customer at opening is a corporate one (a person has no credit business
 * yet), so `key_customers` reviews corporate openings and `all_customers` personal ones too.
 * The kinds added later default when absent, so a value stored before they existed still reads.
 */
export const informationReviewSettingsSchema = z.strictObject({
  keyFields: reviewScope,
  identityDocuments: reviewScope,
  blacklistRemoval: z.enum(['off', 'on']).default('on'),
  merge: z.enum(['off', 'on']).default('on'),
  opening: reviewScope.default('key_customers'),
});
export type InformationReviewSettings = z.infer<typeof informationReviewSettingsSchema>;

/**
 * A bank's default: key customers' key information is reviewed; the rest applies at once; lifting
 * a blacklist entry is always reviewed (a bank expects a second person before a listed customer
 * may do business again), and so is a merge (it retires a customer number and moves accounts,
 * documents and managers for good: a second person looks at the two records first). A corporate
 * opening is reviewed (its codes, registration and legal representative reach credit reporting
 * and the regulator, and are keyed from paper); a personal opening at the counter is not (the ID
 * card is verified against the public-security system as the person stands there, and a second
 * person for each would stop the counter).
 */
export const DEFAULT_INFORMATION_REVIEW: InformationReviewSettings = {
  keyFields: 'key_customers', identityDocuments: 'key_customers', blacklistRemoval: 'on', merge: 'on', opening: 'key_customers',
};

/** Whether an opening of this kind goes to review under the setting (a key customer at opening is a corporate one). */
export const openingReviewed = (scope: ReviewScope, kind: 'personal' | 'corporate') =>
  scope === 'all_customers' || (scope === 'key_customers' && kind === 'corporate');


/**
 * Key fields: what identifies the customer and what credit and regulatory reporting rest on —
 * name, the identifying attributes of a person, a company's codes, registration, legal
 * representative and capital. Contact details, work and family data are not key.
 */
export const KEY_FIELDS: Record<'personal' | 'corporate', readonly string[]> = {
  personal: ['name', 'gender', 'birthDate', 'nationality'],
  corporate: ['name', 'creditCode', 'organizationCode', 'registrationType', 'enterpriseNature', 'legalRepCustomerId',
    'registeredCapitalCurrency', 'registeredCapital', 'establishedOn'],
};
/** Identity documents: a person's ID documents (type, number, expiry). */
export const IDENTITY_DOCUMENT_FIELDS = ['identities'] as const;


// The setting 'customers.information_review' (CIF-40): per change kind, whose changes go to
// review. Its own file, free of the settings service, which imports it.
import { z } from 'zod';

/** off: never reviewed; key_customers: reviewed for key customers only; all_customers: always. */
export const reviewScope = z.enum(['off', 'key_customers', 'all_customers']);
export type ReviewScope = z.infer<typeof reviewScope>;

/**
 * The change kinds with a setting. Opening, blacklist removal and merge are not yet under review
 * (see docs/approvals.md); they have no setting rather than a setting that does nothing.
 */
export const informationReviewSettingsSchema = z.strictObject({
  keyFields: reviewScope,
  identityDocuments: reviewScope,
});
export type InformationReviewSettings = z.infer<typeof informationReviewSettingsSchema>;

/** A bank's default: key customers' key information is reviewed; the rest applies at once. */
export const DEFAULT_INFORMATION_REVIEW: InformationReviewSettings = { keyFields: 'key_customers', identityDocuments: 'key_customers' };


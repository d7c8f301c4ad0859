// Request shapes of /api/customers/:id/risk-assessments (CIF-6), shared with the web app.
import { z } from 'zod';
import { singleLineText } from '../../../common/text.ts';

const isoDate = z.iso.date('common.date_format');

/** Where the customer answered the questionnaire: at the counter, online banking, mobile app, by phone. */
export const ASSESSMENT_CHANNELS = ['counter', 'online', 'mobile', 'phone', 'other'] as const;

export const createRiskAssessmentBody = z.strictObject({
  assessedOn: isoDate,
  /** The last day the result may be relied on; a new questionnaire is due after it. */
  validUntil: isoDate,
  /** An investor_type code: 10 cautious … 50 speculative. */
  result: singleLineText().min(1).max(2),
  score: z.number().int().min(0).max(100).nullable().optional(),
  channel: z.enum(ASSESSMENT_CHANNELS),
});
export type CreateRiskAssessment = z.infer<typeof createRiskAssessmentBody>;

import { z } from 'zod';

export const imageMaxBytesSchema = z.number().int().min(64 * 1024).max(512 * 1024 * 1024);

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const customerIdParams = z.strictObject({ id });
export const accountIdParams = z.strictObject({ id });
export const imageIdParams = z.strictObject({ id });
const certType = z.string().regex(/^[0-9A-Za-z]{1,2}$/, 'images.cert_type_format');

export const uploadQuery = z.strictObject({
  certType: certType.optional(),
  accountId: id.optional(),
  note: z.string().trim().max(200).optional(),
});

export const externalBody = z.strictObject({
  certType: certType.optional(),
  accountId: id.optional(),
  system: z.string().trim().min(1).max(40),
  externalId: z.string().trim().min(1).max(100),
  // http(s) only: a javascript: or file: link must never become a clickable preview.
  url: z.url({ protocol: /^https?$/ }).max(500),
  note: z.string().trim().max(200).optional(),
});
export type ExternalImageInput = z.infer<typeof externalBody>;

export const contentQuery = z.strictObject({ download: z.enum(['true', 'false']).default('false') });

// Request shapes of /api/customers/:id/addresses (CIF-4), shared with the web app. Lengths here
// are generous on purpose for codes: the service answers "unknown code" rather than "too long".
import { z } from 'zod';
import { bigRecordIdParam } from '../../../common/id.ts';
import { singleLineText } from '../../../common/text.ts';

const id = bigRecordIdParam;

export const addressParams = z.strictObject({ id, addressId: id });

const fields = {
  /** address_type code: 1 home, 2 mailing, 3 work, 4 registered, 5 business, 9 other. */
  addressType: singleLineText().min(1).max(20),
  /** division code (GB/T 2260), any level. */
  divisionCode: singleLineText().min(1).max(20).nullable().optional(),
  address: singleLineText().min(1).max(120),
  postcode: singleLineText().max(20).nullable().optional(),
  /** The first address of a type is its primary whatever this says; a later one takes the role over when true. */
  isPrimary: z.boolean().optional(),
};

export const createAddressBody = z.strictObject(fields);
export type CreateAddress = z.infer<typeof createAddressBody>;

export const updateAddressBody = z.strictObject({
  version: z.number().int().positive(),
  addressType: fields.addressType.optional(),
  divisionCode: fields.divisionCode,
  address: fields.address.optional(),
  postcode: fields.postcode,
  isPrimary: fields.isPrimary,
});
export type UpdateAddress = z.infer<typeof updateAddressBody>;

// Record ids as the API accepts them, in paths, query strings and bodies alike. An id past what
// its column holds would reach PostgreSQL as an out-of-range error (a 500): it is refused here as
// a field error instead, like a negative, fractional or non-numeric one.
import { z } from 'zod';

/** Largest `integer` (int4): institutions, users, roles and API tokens are keyed by it. */
export const INT4_MAX = 2_147_483_647;

/** An id of an `integer`-keyed table in a JSON body. */
export const recordId = z.number().int().positive().max(INT4_MAX);
/** The same id in a path or query string, where it arrives as text. */
export const recordIdParam = z.coerce.number().int().positive().max(INT4_MAX);

// bigint-keyed tables (customers, accounts, certificates…): JSON numbers are exact up to 2⁵³ − 1.
/** An id of a `bigint`-keyed table in a JSON body. */
export const bigRecordId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** The same id in a path or query string. */
export const bigRecordIdParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** `/…/:id` of an `integer`-keyed record. */
export const idParams = z.strictObject({ id: recordIdParam });

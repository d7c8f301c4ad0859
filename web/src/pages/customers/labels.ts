// Enums of the customer screens as data: colours and orders of statuses, scales, sources.
import type { CustomerStatus } from './api';

export const STATUS_COLOR: Record<CustomerStatus, string> = { active: 'green', deleted: 'default', merged: 'purple' };
export const KIND_COLOR = { personal: 'blue', corporate: 'geekblue' } as const;

/** CIF-27 corporate scale (national SME classification). */
export const SCALES = ['large', 'medium', 'small', 'micro'] as const;

/** Where a field change came from (customer_history.source). */
export const SOURCES = ['screen', 'import', 'feed', 'merge', 'system'] as const;

// CIF-7/CIF-8 field ownership: which customer fields the core-banking feed may overwrite. The
// system that issued the customer number sends all its fields; the other system sends back only
// the key fields. So for a customer the core created (origin 'core') the core owns every field its
// feed carries; for one the CRM created (origin 'crm') it owns only the key fields, and the CRM's
// values of the rest stand. Fields the feed does not carry are always the CRM's (work, family,
// e-mail, contact preferences, industry attributes, managers, blacklist, risk …).
// Keys are the customer field keys of customers/fields.ts, plus `name` and `idExpiresOn` (the
// expiry of the first identity document).
type Kind = 'personal' | 'corporate';

/** 关键字段: name, the identity document's expiry (a renewed ID card) and the mobile. */
export const KEY_FIELDS: Record<Kind, readonly string[]> = {
  personal: ['name', 'idExpiresOn', 'mobile'],
  corporate: ['name'],
};

/** 全字段: everything the customers feed carries (docs/feed-format.md). */
export const FULL_FIELDS: Record<Kind, readonly string[]> = {
  personal: [...KEY_FIELDS.personal, 'gender', 'birthDate', 'nationality', 'homeAddress', 'homePostcode'],
  corporate: [...KEY_FIELDS.corporate, 'registeredAddress', 'officePostcode'],
};

export function coreOwnedFields(kind: Kind, origin: 'core' | 'crm'): readonly string[] {
  return origin === 'core' ? FULL_FIELDS[kind] : KEY_FIELDS[kind];
}

// CIF-20…24 and CIF-25: one form per corporate certificate type (code table
// corporate_certificate_type), as data. The request schemas, the rules, the screens and the
// expiry reminder all read this list, so a form changes in one place. Fields marked `shown` come
// from the customer's licence data (corporate_customer) and are displayed, never keyed again.

/** Certificate type codes of the code table `corporate_certificate_type`. */
export const CERT_TYPES = ['01', '02', '03', '04', '05', '06', '07', '08', '99'] as const;
export type CertType = (typeof CERT_TYPES)[number];

/**
 * How a field is checked: `code` = letters, digits and hyphens (licence, tax and permit numbers);
 * `organization_code` = GB 11714; `credit_code` = GB 32100; `text` = any printable text.
 */
export type FieldKind = 'code' | 'organization_code' | 'credit_code' | 'text' | 'authority' | 'date' | 'past_date' | 'account' | 'key_info' | 'identity_seq';

export interface CertField {
  key: string;
  /** A column of `certificate`, or a key of `certificate.details`. */
  column?: 'number' | 'issuer' | 'issued_on' | 'expires_on';
  kind: FieldKind;
  max?: number;
  required?: boolean;
  /** Pre-filled from setting 'customers.certificate_authorities' when omitted. */
  defaultable?: 'issuer' | 'approvalAuthority';
  zh: string;
  en: string;
}

/** Licence data kept on the corporate customer (CIF-21), shown read-only on the forms. */
export type ShownField = 'registeredAddress' | 'legalRep' | 'registrationType' | 'enterpriseNature' | 'registeredCapitalCurrency'
  | 'registeredCapital' | 'paidInCapital' | 'businessScope' | 'establishedOn' | 'creditCode' | 'organizationCode';

export interface CertForm {
  type: CertType;
  zh: string;
  en: string;
  fields: readonly CertField[];
  shown: readonly ShownField[];
  /** CIF-21 "all mandatory": the shown licence data must be complete before the licence is recorded. */
  shownRequired?: boolean;
  /** One current certificate of this type per customer: recording a new one supersedes the old. */
  single: boolean;
}

const LICENCE: ShownField[] = ['registeredAddress', 'legalRep', 'registeredCapitalCurrency', 'registeredCapital', 'paidInCapital',
  'registrationType', 'enterpriseNature', 'businessScope', 'establishedOn'];

const number = (zh: string, en: string, kind: FieldKind = 'code', max = 50): CertField =>
  ({ key: 'number', column: 'number', kind, max, required: true, zh, en });
const issuer = (zh: string, en: string): CertField =>
  ({ key: 'issuer', column: 'issuer', kind: 'authority', max: 100, required: true, defaultable: 'issuer', zh, en });
const issuedOn = (required = false): CertField =>
  ({ key: 'issuedOn', column: 'issued_on', kind: 'past_date', required, zh: '发证日期', en: 'Issued on' });
const expiresOn = (required: boolean): CertField =>
  ({ key: 'expiresOn', column: 'expires_on', kind: 'date', required, zh: '有效期至', en: 'Valid until' });
const approvalAuthority: CertField =
  { key: 'approvalAuthority', kind: 'authority', max: 100, required: true, defaultable: 'approvalAuthority', zh: '批准设立机关', en: 'Approving authority' };
const accountFields: CertField[] = [
  { key: 'accountBank', kind: 'text', max: 50, required: true, zh: '开户银行', en: 'Account bank' },
  { key: 'accountNo', kind: 'account', max: 30, required: true, zh: '账号', en: 'Account number' },
];

const tax = (type: '03' | '04', zh: string, en: string): CertForm => ({
  type, zh, en, single: true,
  fields: [number('税务登记证号', 'Tax registration number'), approvalAuthority, issuer('登记机关', 'Registration authority'), issuedOn(), expiresOn(true)],
  shown: ['registeredAddress', 'legalRep', 'registrationType', 'businessScope'],
});

export const CERTIFICATE_FORMS: Readonly<Record<CertType, CertForm>> = {
  '01': {
    type: '01', zh: '营业执照', en: 'Business licence', single: true, shownRequired: true,
    fields: [
      number('营业执照号码', 'Licence number'),
      { key: 'annualInspectionOn', kind: 'past_date', required: true, zh: '年审日期', en: 'Annual inspection date' },
      issuedOn(), expiresOn(true), issuer('登记机关', 'Registration authority'),
    ],
    shown: LICENCE,
  },
  '02': {
    type: '02', zh: '组织机构代码证', en: 'Organisation code certificate', single: true,
    fields: [number('组织机构代码', 'Organisation code', 'organization_code', 10), issuedOn(), expiresOn(true), issuer('登记机关', 'Registration authority')],
    shown: ['registeredAddress', 'legalRep', 'registrationType'],
  },
  '03': tax('03', '国税登记证', 'National tax registration certificate'),
  '04': tax('04', '地税登记证', 'Local tax registration certificate'),
  // CIF-24: the legal representative's document is read from his personal customer record.
  '05': {
    type: '05', zh: '法定代表人身份证件', en: "Legal representative's identity document", single: true,
    fields: [{ key: 'identitySeq', kind: 'identity_seq', zh: '证件序号（个人客户的第几个证件）', en: "Document of the person's record (1–3)" }],
    shown: ['legalRep'],
  },
  '06': {
    type: '06', zh: '基本存款账户开户许可证', en: 'Basic deposit account permit', single: true,
    fields: [number('核准号', 'Approval number', 'code', 20), ...accountFields, issuer('发证机关', 'Issuing authority'), issuedOn(true), expiresOn(false)],
    shown: ['legalRep'],
  },
  '07': {
    type: '07', zh: '临时存款账户开户许可证', en: 'Temporary deposit account permit', single: false,
    fields: [number('核准号', 'Approval number', 'code', 20), ...accountFields, issuer('发证机关', 'Issuing authority'), issuedOn(true), expiresOn(true)],
    shown: ['legalRep'],
  },
  '08': {
    type: '08', zh: '统一社会信用代码证', en: 'Unified social credit code certificate', single: true,
    fields: [number('统一社会信用代码', 'Unified social credit code', 'credit_code', 18), issuedOn(), expiresOn(false), issuer('登记机关', 'Registration authority')],
    shown: ['registeredAddress', 'legalRep', 'registrationType', 'businessScope', 'establishedOn'],
  },
  // The generic form of seed 001 §3.2.1.6: number, issuer, issue date and three key facts.
  '99': {
    type: '99', zh: '其他证件', en: 'Other certificate', single: false,
    fields: [
      { key: 'certName', kind: 'text', max: 50, zh: '证件名称', en: 'Certificate name' },
      number('证件编号', 'Certificate number', 'text'), issuer('发证机关', 'Issuing authority'), issuedOn(true), expiresOn(false),
      { key: 'keyInfo', kind: 'key_info', zh: '关键信息（最多 3 项）', en: 'Key facts (up to 3)' },
    ],
    shown: ['legalRep'],
  },
};

/** Types whose issuing authorities have a configurable default, and which ones. */
export const DEFAULTABLE: { type: CertType; keys: ('issuer' | 'approvalAuthority')[] }[] = CERT_TYPES
  .map((type) => ({ type, keys: CERTIFICATE_FORMS[type].fields.flatMap((f) => (f.defaultable ? [f.defaultable] : [])) }))
  .filter((d) => d.keys.length > 0);

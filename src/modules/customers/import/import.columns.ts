// The columns of the customer import template, derived from the field catalogue so a field added
// to fields.ts appears in the template, the importer and the error report at once. Beside the
// catalogue fields: the name, the institution (by its code, as staff know it), up to three
// identity documents, the scale, and the legal representative by customer number.
import { dropTextMarker, hiddenCharacter } from '../../../common/text.ts';
import { CORPORATE_FIELDS, PERSONAL_FIELDS, type FieldDef, type FieldType } from '../fields.ts';

export type ColumnType = FieldType | 'scale';

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  type: ColumnType;
  required?: boolean;
  table?: string;
  max?: number;
  /** Values offered in a drop-down when there is no code table ('large 大型', '是'). */
  options?: string[];
  sensitive?: FieldDef['sensitive'] | 'id';
}

const SCALES: Record<string, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };
export const SCALE_OPTIONS = Object.entries(SCALES).map(([k, zh]) => `${k} ${zh}`);
export const BOOL_OPTIONS = ['是', '否'];

const fromField = (f: FieldDef): ImportColumn => ({
  key: f.key, zh: f.zh, en: f.en, type: f.type, table: f.table, max: f.max, sensitive: f.sensitive,
  ...(f.type === 'bool' ? { options: BOOL_OPTIONS } : {}),
});

function identityColumns(): ImportColumn[] {
  return [1, 2, 3].flatMap((n) => [
    { key: `idType${n}`, zh: `证件${n}类型`, en: `Document ${n} type`, type: 'code' as const, table: 'id_type', required: n === 1 },
    { key: `idNumber${n}`, zh: `证件${n}号码`, en: `Document ${n} number`, type: 'text' as const, max: 40, required: n === 1, sensitive: 'id' as const },
    { key: `idExpiresOn${n}`, zh: `证件${n}到期日`, en: `Document ${n} expiry date`, type: 'date' as const },
  ]);
}

const institutionColumn: ImportColumn = { key: 'institutionCode', zh: '所属机构号', en: 'Institution code', type: 'text', max: 20 };

export function importColumns(kind: 'personal' | 'corporate'): ImportColumn[] {
  if (kind === 'personal') {
    return [
      { key: 'name', zh: '客户名称', en: 'Customer name', type: 'text', max: 160, required: true },
      institutionColumn,
      ...identityColumns(),
      ...PERSONAL_FIELDS.map(fromField),
    ];
  }
  return [
    { key: 'name', zh: '客户名称', en: 'Customer name', type: 'text', max: 100, required: true },
    institutionColumn,
    { key: 'scale', zh: '企业规模', en: 'Scale', type: 'scale', options: SCALE_OPTIONS },
    ...CORPORATE_FIELDS.map((f) => (f.key === 'legalRepCustomerId'
      // Staff know the legal representative's customer number, not the database id.
      ? { key: 'legalRepCustomerNo', zh: '法定代表人客户号', en: 'Legal representative customer no.', type: 'text' as const, max: 11 }
      : fromField(f))),
  ];
}

/** The column that shows a field path of the create schema ('identities.1.idNumber' → 'idNumber2'). */
export function columnKeyOf(path: string): string {
  const m = /^identities\.(\d)\.(idType|idNumber|expiresOn)$/.exec(path);
  if (m) return m[2] === 'expiresOn' ? `idExpiresOn${Number(m[1]) + 1}` : `${m[2]}${Number(m[1]) + 1}`;
  if (path === 'identities') return 'idType1';
  if (path === 'legalRepCustomerId') return 'legalRepCustomerNo';
  if (path === 'institutionId') return 'institutionCode';
  return path;
}

export type Coerced = { value: unknown } | { error: { code: string; params?: Record<string, unknown> } };

const fail = (code: string, params?: Record<string, unknown>): Coerced => ({ error: { code, params } });
const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
// Excel's day 0 is 1899-12-30 in the 1900 date system (its 1900 leap-year bug included).
const excelSerialToIso = (n: number) => isoOf(new Date(Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000));

/**
 * A cell as the importer sees it: exceljs values (string, number, boolean, Date, rich text,
 * hyperlink, formula with cached result, error) or a CSV string. Text only, without Excel's
 * wrappers; undefined for empty.
 */
export function plainCell(raw: unknown): unknown {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'object' && !(raw instanceof Date)) {
    const o = raw as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) return 'result' in o && o.result !== undefined ? plainCell(o.result) : { formulaWithoutValue: true };
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in o) return plainCell(o.text);
    if ('error' in o) return { cellError: String(o.error) };
    return String(raw);
  }
  if (typeof raw === 'string') {
    // The spreadsheet's text marker (a leading apostrophe before = + - @) is dropped by the field's
    // own rule (common/text.ts, the same as the API's), so a cell and a request store the same value.
    const s = raw.trim();
    return s === '' ? undefined : s;
  }
  return raw;
}

/** Converts one non-empty cell to the value the create schema expects for this column. */
export function coerceCell(col: ImportColumn, raw: unknown): Coerced {
  const v = plainCell(raw);
  if (v === undefined) return { value: undefined };
  if (typeof v === 'object' && v !== null && 'formulaWithoutValue' in v) return fail('customers.import.formula_no_value');
  if (typeof v === 'object' && v !== null && 'cellError' in v) return fail('customers.import.cell_error', { error: (v as { cellError: string }).cellError });
  // As the API's request check (server/request-hygiene.ts): the column's schema decides on line breaks.
  const hidden = typeof v === 'string' ? hiddenCharacter(v, 'multi') : null;
  if (hidden) return fail(hidden.code, { char: hidden.char });
  switch (col.type) {
    case 'date': {
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? fail('customers.import.date_format') : { value: isoOf(v) };
      if (typeof v === 'number') {
        if (Number.isInteger(v) && v >= 18000101 && v <= 29991231) return { value: `${String(v).slice(0, 4)}-${String(v).slice(4, 6)}-${String(v).slice(6)}` };
        if (v >= 1 && v < 2958466) return { value: excelSerialToIso(v) };
        return fail('customers.import.date_format');
      }
      const s = String(v);
      const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(s);
      return m ? { value: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` } : fail('customers.import.date_format');
    }
    case 'money': {
      if (typeof v === 'number') {
        // Excel keeps doubles: 1234.56 may come back as 1234.5600000000002 after a formula.
        const cents = Math.round(v * 100);
        return Math.abs(cents / 100 - v) < 1e-7 && Number.isSafeInteger(cents) ? { value: (cents / 100).toFixed(2) } : { value: String(v) };
      }
      return { value: dropTextMarker(String(v)).replace(/[,，]/g, '') };
    }
    case 'int': {
      if (typeof v === 'number') return Number.isInteger(v) ? { value: v } : fail('customers.import.integer');
      const s = dropTextMarker(String(v));
      return /^-?\d{1,15}$/.test(s) ? { value: Number(s) } : fail('customers.import.integer');
    }
    case 'bool': {
      if (typeof v === 'boolean') return { value: v };
      const s = String(v).toLowerCase();
      if (['是', 'y', 'yes', 'true', '1'].includes(s)) return { value: true };
      if (['否', 'n', 'no', 'false', '0'].includes(s)) return { value: false };
      return fail('customers.import.boolean');
    }
    case 'scale': {
      const s = String(v).split(/\s+/)[0]!.toLowerCase();
      const code = s in SCALES ? s : Object.entries(SCALES).find(([, zh]) => zh === s)?.[0];
      return code ? { value: code } : fail('customers.import.scale');
    }
    default: {
      if (v instanceof Date) return fail('customers.import.text_expected');
      if (typeof v === 'number' && !Number.isSafeInteger(v) && Number.isInteger(v)) return fail('customers.import.number_precision');
      const s = String(v);
      // A code may be typed alone or picked from the drop-down as "code name".
      return { value: col.type === 'code' ? s.split(/[\s\u3000]+/)[0]! : s };
    }
  }
}

// Formula injection (CSV/Excel injection, OWASP): text starting with = + - @ (or a tab or
// carriage return that some spreadsheets skip before them) can run as a formula once a workbook
// is saved as CSV or pasted elsewhere. Every user-supplied string written to a spreadsheet goes
// through guardCell, which prefixes the apostrophe Excel itself uses to mean "this is text".
const FORMULA_START = /^[=+\-@\t\r]/;

export function guardCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

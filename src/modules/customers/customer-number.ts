// CIF-1: one customer, one number, for the whole bank. CRM-issued numbers are 11 digits: the
// CRM's prefix digit (core banking issues the other prefixes), a 9-digit value of a PostgreSQL
// sequence (never handed out twice, whatever rolls back), and a Luhn check digit that catches a
// mistyped digit or two swapped neighbours.
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

export const CRM_NUMBER_PREFIX = '9';

export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function formatCustomerNo(sequence: number): string {
  const body = CRM_NUMBER_PREFIX + String(sequence).padStart(9, '0');
  return body + luhnCheckDigit(body);
}

export function isValidCustomerNo(no: string): boolean {
  return /^\d{11}$/.test(no) && luhnCheckDigit(no.slice(0, 10)) === no[10];
}

export async function nextCustomerNos(db: Executor, count: number): Promise<string[]> {
  const rows = await sql<{ n: number }>`select nextval('customer_no_seq')::int as n from generate_series(1, ${count})`.execute(db);
  return rows.rows.map((r) => formatCustomerNo(r.n));
}

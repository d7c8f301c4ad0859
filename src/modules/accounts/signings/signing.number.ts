// Signing numbers (签约编号): 'QY' (签约), the 12-digit value of PostgreSQL sequence
// signing_no_seq, and a Luhn check digit over those 12 digits — 15 characters, e.g. QY0000000000018 for the first.
// The sequence never hands out a value twice, whatever rolls back, so a number is never reused;
// a refused or rolled-back registration leaves a gap, which is expected.
import { sql } from 'kysely';
import type { Executor } from '../../../db/database.ts';
import { luhnCheckDigit } from '../../customers/customer-number.ts';

export const SIGNING_NO_PREFIX = 'QY';

export function formatSigningNo(sequence: number): string {
  const digits = String(sequence).padStart(12, '0');
  return SIGNING_NO_PREFIX + digits + luhnCheckDigit(digits);
}

export function isValidSigningNo(no: string): boolean {
  return /^QY\d{13}$/.test(no) && luhnCheckDigit(no.slice(2, 14)) === no[14];
}

export async function nextSigningNo(db: Executor): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('signing_no_seq')::text as n`.execute(db);
  return formatSigningNo(Number(rows[0]!.n));
}

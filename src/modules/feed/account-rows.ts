// The accounts file's row checks in SQL, over the lines as staged (feed_account_raw): the same
// format checks as checkAccountRow (load-accounts.ts) — numbers, codes, dates, amounts, and how
// they agree (a closed account's date, maturity after opening, contract fields for loans only) —
// written as one SQL expression, so a file of three million accounts is checked in one pass
// instead of row by row in JS. A line passing them is staged with the CRM's values; the rest, and
// an account number an earlier good line already has, go back to checkAccountRow, which reports
// them with their messages (hand-back.ts).
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/database.ts';
import { ACCOUNT_KIND_CODES, ACCOUNT_STATUS_CODES, GUARANTEE_CODES, LAYOUTS } from './layouts.ts';
import type { StageColumn } from './stage.ts';
import { handBack, withoutJit, type HandedBackRow } from './hand-back.ts';

/** A line as read: its number, then the file's fields in order (null = empty). */
export const RAW_ACCOUNT_COLUMNS: readonly StageColumn[] = [
  { name: 'line', type: 'int4' }, ...LAYOUTS.accounts.map((f): StageColumn => ({ name: f.name, type: 'text' })),
];

/** A checked line in the CRM's values; the merge (load-accounts.ts) reads these. */
export const ACCOUNT_COLUMNS: readonly StageColumn[] = [
  { name: 'line', type: 'int4' }, { name: 'account_no', type: 'text' }, { name: 'customer_no', type: 'text' }, { name: 'product_id', type: 'text' },
  { name: 'kind', type: 'text' }, { name: 'currency', type: 'text' }, { name: 'institution_code', type: 'text' }, { name: 'opened_on', type: 'date' },
  { name: 'closed_on', type: 'date' }, { name: 'status', type: 'text' }, { name: 'balance', type: 'numeric' }, { name: 'rate', type: 'numeric' },
  { name: 'maturity_on', type: 'date' }, { name: 'term_months', type: 'int4' }, { name: 'contract_no', type: 'text' },
  { name: 'contract_amount', type: 'numeric' }, { name: 'guarantee_type', type: 'text' },
];

// The patterns of load-accounts.ts (ACCOUNT_NO_RE, MONEY_RE, RATE_RE) as a length and an open
// pattern: PostgreSQL runs a bounded repeat ({1,32}) several times slower, on every line.
const digits = (v: RawBuilder<unknown>, min: number, max: number) =>
  sql`(octet_length(${v}) between ${sql.lit(min)} and ${sql.lit(max)} and ${v} ~ '^[0-9]+$')`;
const accountNo = (v: RawBuilder<unknown>) => sql`(octet_length(${v}) <= 32 and ${v} !~ '[^0-9A-Za-z-]')`;
const money = (v: RawBuilder<unknown>) => sql`(${v} ~ '^-?[0-9]+(\.[0-9][0-9]?)?$' and octet_length(split_part(ltrim(${v}, '-'), '.', 1)) <= 16)`;
const rate = (v: RawBuilder<unknown>) => sql`(${v} ~ '^[0-9]+(\.[0-9]+)?$' and octet_length(split_part(${v}, '.', 1)) <= 3 and octet_length(split_part(${v}, '.', 2)) <= 4)`;
/** At most `max` UTF-16 units, as JS counts: bytes bound them, so the exact count only for long text. */
export const fitsJsLength = (v: RawBuilder<unknown>, max: number) => sql`(octet_length(${v}) <= ${sql.lit(max)} or utf16_length(${v}) <= ${sql.lit(max)})`;

/** A core code → the CRM's value, as a CASE over the code table of layouts.ts (null for an unknown code). */
const mapped = (column: RawBuilder<unknown>, codes: Record<string, string>) =>
  sql`case ${column} ${sql.join(Object.entries(codes).map(([code, value]) => sql`when ${sql.lit(code)} then ${sql.lit(value)}`), sql` `)} end`;

/** Fills feed_account with the lines that pass, then hands every other line, in line order, to `recheck`. */
export async function checkStagedAccountRows(tx: Tx, recheck: (row: HandedBackRow) => Promise<void>) {
  const kind = mapped(sql`s.kind`, ACCOUNT_KIND_CODES);
  const status = mapped(sql`s.status`, ACCOUNT_STATUS_CODES);
  const guarantee = mapped(sql`s.guarantee_type`, GUARANTEE_CODES);
  const passed = sql`${accountNo(sql`r.account_no`)} and ${digits(sql`r.customer_no`, 1, 11)} and ${digits(sql`r.product_id`, 10, 10)}
    and r.kind_value is not null and octet_length(r.currency) = 3 and r.currency !~ '[^A-Z]'
    and r.institution_code is not null and ${fitsJsLength(sql`r.institution_code`, 4)}
    and r.opened is not null and (r.closed_on is null or r.closed is not null) and (r.maturity_on is null or r.maturity is not null)
    and r.status_value is not null and ${money(sql`r.balance`)} and (r.rate is null or ${rate(sql`r.rate`)})
    and (r.term_months is null or case when ${digits(sql`r.term_months`, 1, 3)} then r.term_months::int between 1 and 600 else false end)
    and (r.contract_amount is null or (${money(sql`r.contract_amount`)} and r.contract_amount !~ '^-'))
    and (r.guarantee_type is null or r.guarantee_value is not null) and (r.contract_no is null or ${fitsJsLength(sql`r.contract_no`, 40)})
    and (r.status_value = 'closed') = (r.closed_on is not null)
    and (r.closed is null or r.closed >= r.opened) and (r.maturity is null or r.maturity >= r.opened)
    and (r.kind_value = 'loan' or (r.contract_no is null and r.contract_amount is null and r.guarantee_type is null))
    and (r.kind_value <> 'loan' or r.contract_no is not null)`;
  // Casts only of a line that passed: a bad amount is left to the recheck, which names it.
  const when = (v: RawBuilder<unknown>) => sql`case when p.passed then ${v} end`;
  await withoutJit(tx, () => sql`create temp table feed_account on commit drop as
    select p.line, p.account_no, p.customer_no, p.product_id, p.kind_value as kind, p.currency, upper(p.institution_code) as institution_code,
      p.opened as opened_on, p.closed as closed_on, p.status_value as status, ${when(sql`p.balance::numeric`)} as balance,
      ${when(sql`p.rate::numeric`)} as rate, p.maturity as maturity_on, ${when(sql`p.term_months::int4`)} as term_months, p.contract_no,
      ${when(sql`p.contract_amount::numeric`)} as contract_amount, p.guarantee_value as guarantee_type, p.passed
    from (select r.*, coalesce(${passed}, false) as passed from (
      select s.*, ${kind} as kind_value, ${status} as status_value, ${guarantee} as guarantee_value,
        feed_date(s.opened_on) as opened, feed_date(s.closed_on) as closed, feed_date(s.maturity_on) as maturity
      -- OFFSET 0: computed once per line, not copied into each use above.
      from feed_account_raw s offset 0) r offset 0) p`.execute(tx));
  await handBack(tx, { table: 'feed_account', raw: 'feed_account_raw', key: 'account_no', claimedBy: 'passed', rawColumns: RAW_ACCOUNT_COLUMNS }, recheck);
}

// The customers file's row checks in SQL, over the lines as staged (feed_customer_raw): a line
// passes when the customers module would take it as it stands — customer number, kind, name,
// dates, code-table members, a mainland mobile and postcode, a GB 11643 identity number (province,
// birth date, check digit, agreeing with the birth date and gender sent) or a GB 32100 credit code
// (its check character and its embedded GB 11714 organisation code's), upper case, nothing to
// normalise — and a line it passes is staged with the values those rules derive (birth date and
// gender from the identity number, the organisation code from the credit code). The rest, and a
// number sent twice, are handed back one by one for the module's own rules to report (the exact
// messages, in one place) or normalise (load-customers.ts). The SQL is stricter, never looser:
// a line it wrongly handed back would still be judged by the rules; one it wrongly passed would
// not — the feed tests load the same rows through both.
import { sql, type RawBuilder } from 'kysely';
import type { CodeSets } from '../customers/validate.ts';
import type { Tx } from '../../db/database.ts';
import { LAYOUTS } from './layouts.ts';
import type { StageColumn } from './stage.ts';
import { fitsJsLength } from './account-rows.ts';
import { handBack, withoutJit, type HandedBackRow } from './hand-back.ts';

/** A line as read: its number, its name's search terms, then the file's fields in order (null = empty). */
export const RAW_CUSTOMER_COLUMNS: readonly StageColumn[] = [
  { name: 'line', type: 'int4' }, { name: 'terms', type: 'text' },
  ...LAYOUTS.customers.map((f): StageColumn => ({ name: f.name, type: 'text' })),
];

/** A checked line, normalised; null = not sent (left as it is). apply-customers.ts reads these. */
export const CUSTOMER_COLUMNS: readonly StageColumn[] = [
  { name: 'line', type: 'int4' }, { name: 'customer_no', type: 'text' }, { name: 'kind', type: 'text' }, { name: 'name', type: 'text' },
  { name: 'terms', type: 'text' }, { name: 'institution_code', type: 'text' }, { name: 'id_type', type: 'text' }, { name: 'id_number', type: 'text' },
  { name: 'id_expires_on', type: 'date' }, { name: 'gender', type: 'text' }, { name: 'birth_date', type: 'date' }, { name: 'nationality', type: 'text' },
  { name: 'mobile', type: 'text' }, { name: 'address', type: 'text' }, { name: 'postcode', type: 'text' }, { name: 'credit_code', type: 'text' },
  { name: 'organization_code', type: 'text' },
];

// The first two digits of a GB 11643 number (common/validators/resident-id.ts) and the first
// character of a GB 32100 code (credit-code.ts); a number outside them is handed back.
const PROVINCES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83'];
const AUTHORITIES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y'];
/** Identity document types with a GB 11643 number: resident and temporary ID card (customers/validate.ts). */
const RESIDENT_ID_TYPES = ['10', '21'];

/**
 * Fills feed_customer with the lines that pass, then hands every other line, in line order, to
 * `recheck` (which pushes what it accepts into feed_customer's stage and reports the rest).
 */
export async function checkStagedCustomerRows(tx: Tx, today: string, codes: CodeSets, recheck: (row: HandedBackRow) => Promise<void>) {
  // The code tables as parameters: a constant list is looked up by hash, a list from a subquery one by one (249 countries).
  const inCodes = (v: RawBuilder<unknown>, table: string) => sql`${v} = any(${[...codes.get(table) ?? []]}::text[])`;
  const idBirth = sql`r.id_birth`;
  const idGender = sql`case when substr(r.id_no, 17, 1) in ('1', '3', '5', '7', '9') then '1' else '2' end`;
  const resident = sql`r.id_type = any(${RESIDENT_ID_TYPES}::text[])`;
  // The first checks: a line passing them claims its customer number (a later line with it is twice in the file).
  const first = sql`octet_length(r.customer_no) <= 11 and r.customer_no ~ '^[0-9]+$' and r.kind in ('1', '2') and r.name is not null
    and ${fitsJsLength(sql`r.name`, 160)}
    and (r.id_expires_on is null or r.expires_on is not null) and (r.birth_date is null or r.birth_on is not null)`;
  // CASE guards each cast and check digit behind the pattern it needs.
  const personal = sql`(r.gender is null or ${inCodes(sql`r.gender`, 'gender')}) and (r.nationality is null or ${inCodes(sql`r.nationality`, 'country')})
    and (r.mobile is null or (octet_length(r.mobile) = 11 and r.mobile ~ '^1[3-9][0-9]+$')) and (r.postcode is null or (octet_length(r.postcode) = 6 and r.postcode ~ '^[0-8][0-9]+$'))
    and (r.birth_on is null or r.birth_on <= ${today}::date)
    and (r.id_no is null or (${inCodes(sql`r.id_type`, 'id_type')} and case when not ${resident} then r.id_no ~ '^[0-9A-Z]+$'
      when octet_length(r.id_no) = 18 and r.id_no ~ '^[0-9]+X?$' then substr(r.id_no, 1, 2) = any(${PROVINCES}::text[]) and ${idBirth} <= ${today}::date
        and gb11643_check_character(r.id_no) = substr(r.id_no, 18, 1)
        and (r.birth_on is null or r.birth_on = ${idBirth}) and (r.gender is null or r.gender = ${idGender})
      else false end))`;
  const corporate = sql`(r.postcode is null or (octet_length(r.postcode) = 6 and r.postcode ~ '^[0-8][0-9]+$'))
    and (r.id_no is null or case when octet_length(r.id_no) = 18 and r.id_no !~ '[^0-9A-HJ-NPQRTUWXY]' then substr(r.id_no, 1, 1) = any(${AUTHORITIES}::text[])
      and substr(r.id_no, 3, 6) ~ '^[0-9]+$' and gb32100_check_character(r.id_no) = substr(r.id_no, 18, 1)
      and gb11714_check_character(substr(r.id_no, 9, 8)) = substr(r.id_no, 17, 1) else false end)`;
  const derived = (kind: '1' | '2', v: RawBuilder<unknown>) => sql`case when r.kind = ${kind} then ${v} end`;
  await withoutJit(tx, () => sql`create temp table feed_customer on commit drop as
    select r.line, r.customer_no, case r.kind when '1' then 'personal' else 'corporate' end as kind, r.name, r.terms,
      upper(r.institution_code) as institution_code,
      ${derived('1', sql`case when r.id_no is not null then r.id_type end`)} as id_type, ${derived('1', sql`r.id_no`)} as id_number,
      r.expires_on as id_expires_on,
      ${derived('1', sql`coalesce(r.gender, case when ${resident} then ${idGender} end)`)} as gender,
      ${derived('1', sql`coalesce(r.birth_on, case when ${resident} and octet_length(r.id_no) = 18 and r.id_no ~ '^[0-9]+X?$' then ${idBirth} end)`)} as birth_date,
      ${derived('1', sql`r.nationality`)} as nationality, ${derived('1', sql`r.mobile`)} as mobile, r.address, r.postcode,
      ${derived('2', sql`r.id_no`)} as credit_code, ${derived('2', sql`substr(r.id_no, 9, 8) || '-' || substr(r.id_no, 17, 1)`)} as organization_code,
      r.first_passed, r.first_passed and coalesce(case r.kind when '1' then ${personal} else ${corporate} end, false) as passed
    -- OFFSET 0: each derived value computed once per line, not copied into each use.
    from (select r.*, coalesce(${first}, false) as first_passed from (
      select s.*, feed_date(s.id_expires_on) as expires_on, feed_date(s.birth_date) as birth_on, feed_date(substr(s.id_no, 7, 8)) as id_birth
      from feed_customer_raw s offset 0) r offset 0) r`.execute(tx));
  await handBack(tx, { table: 'feed_customer', raw: 'feed_customer_raw', key: 'customer_no', claimedBy: 'first_passed', rawColumns: RAW_CUSTOMER_COLUMNS }, recheck);
}

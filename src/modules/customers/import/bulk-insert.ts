// The fast path for opening many customers at once (PLAT-3 import, data migration, benchmarks):
// rows already validated (normaliseCustomer, existence check) go in with one INSERT … SELECT
// FROM unnest(…) per table and chunk, one array parameter per column, so a chunk costs a handful
// of round trips whatever its size and no statement nears PostgreSQL's 65,535-parameter limit.
// Writes what createCustomer writes for one customer: master row with bank-wide number and
// search terms, detail row, identities, primary manager, '_created' history, likely duplicates.
// The caller owns the transaction and writes the one audit row.
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import type { Actor } from '../../auth/actor.ts';
import type { ChangeSource } from '../customer.service.ts';
import { nextCustomerNos } from '../customer-number.ts';
import { fieldsOf, type FieldDef } from '../fields.ts';
import { searchTerms } from '../search/search-terms.ts';

export interface BulkCustomer {
  kind: 'personal' | 'corporate';
  name: string;
  institutionId: number;
  /** Field values by API key, as normaliseCustomer returns them. */
  values: Record<string, unknown>;
  /** Personal customers: one to three documents, already normalised. */
  identities?: { idType: string; idNumber: string; expiresOn: string | null }[];
  scale?: 'large' | 'medium' | 'small' | 'micro' | null;
  /** A number issued by the core system (CIF-8): the customer is then core-created (origin 'core'). */
  customerNo?: string;
}

export interface BulkOptions {
  source?: ChangeSource;
  /** Rows per statement; 5,000 keeps each array parameter a few hundred kilobytes. */
  chunkSize?: number;
  /** Flag likely duplicates (same name and birth date, same mobile) as single opening does. */
  flagDuplicates?: boolean;
  /** Told the rows written so far after each chunk (a background import's progress); inside the transaction. */
  onChunk?: (written: number) => void;
}

export interface BulkResult { count: number; ids: number[]; customerNos: string[] }

const PG_TYPE: Record<FieldDef['type'], string> = {
  text: 'text', code: 'text', mobile: 'text', phone: 'text', postcode: 'text', email: 'text', hours: 'text',
  date: 'date', money: 'numeric', int: 'int8', bool: 'bool',
};

const orNull = (v: unknown) => (v === undefined || v === '' ? null : v);

/** insert into `table` (cols) select … from unnest($1::t1[], $2::t2[], …): one parameter per column. */
function unnestInsert(table: string, columns: { name: string; type: string; values: unknown[]; expr?: (ref: RawBuilder<unknown>) => RawBuilder<unknown> }[]) {
  const names = columns.map((c) => sql.ref(c.name));
  const aliases = columns.map((_, i) => sql.raw(`c${i}`));
  const selects = columns.map((c, i) => (c.expr ? c.expr(sql`u.${aliases[i]!}`) : sql`u.${aliases[i]!}`));
  const arrays = columns.map((c) => sql`${c.values}::${sql.raw(c.type)}[]`);
  return sql`insert into ${sql.table(table)} (${sql.join(names)}) select ${sql.join(selects)} from unnest(${sql.join(arrays)}) as u(${sql.join(aliases)})`;
}

async function insertDetails(tx: Tx, kind: 'personal' | 'corporate', ids: number[], rows: BulkCustomer[]) {
  const columns = fieldsOf(kind).map((f) => ({
    name: f.column, type: PG_TYPE[f.type], values: rows.map((r) => orNull(r.values[f.key])),
    // Shareholder and employee are NOT NULL DEFAULT false: a blank cell means "no".
    ...(f.type === 'bool' && kind === 'personal' ? { expr: (ref: RawBuilder<unknown>) => sql`coalesce(${ref}, false)` } : {}),
  }));
  const extra = kind === 'corporate' ? [{ name: 'scale', type: 'text', values: rows.map((r) => r.scale ?? null) }] : [];
  await unnestInsert(kind === 'personal' ? 'personal_customer' : 'corporate_customer',
    [{ name: 'customer_id', type: 'int8', values: ids }, ...columns, ...extra]).execute(tx);
}

async function insertChunk(tx: Tx, actor: Actor, rows: BulkCustomer[], source: ChangeSource, flagDuplicates: boolean, today: string) {
  // Core-created customers keep the core's numbers; a chunk is all one or all the other.
  const given = rows.every((r) => r.customerNo);
  const nos = given ? rows.map((r) => r.customerNo!) : await nextCustomerNos(tx, rows.length);
  const userId = actor.kind === 'user' ? actor.id : null;
  // Terms hold no spaces (names are stripped of whitespace before splitting), so one string per
  // row carries its array through unnest, which cannot take an array of arrays of varying length.
  const inserted = await sql<{ id: number; customer_no: string }>`${unnestInsert('customer', [
    { name: 'customer_no', type: 'text', values: nos },
    { name: 'kind', type: 'text', values: rows.map((r) => r.kind) },
    { name: 'name', type: 'text', values: rows.map((r) => r.name) },
    { name: 'institution_id', type: 'int4', values: rows.map((r) => r.institutionId) },
    { name: 'search_terms', type: 'text', values: rows.map((r) => searchTerms(r.name, r.kind).join(' ')), expr: (ref) => sql`string_to_array(${ref}, ' ')` },
    { name: 'created_by', type: 'int4', values: rows.map(() => userId) },
    { name: 'origin', type: 'text', values: rows.map(() => (given ? 'core' : 'crm')) },
  ])} returning id, customer_no`.execute(tx);
  const idOf = new Map(inserted.rows.map((r) => [r.customer_no, Number(r.id)]));
  const ids = nos.map((n) => idOf.get(n)!);

  for (const kind of ['personal', 'corporate'] as const) {
    const at = rows.flatMap((r, i) => (r.kind === kind ? [i] : []));
    if (at.length) await insertDetails(tx, kind, at.map((i) => ids[i]!), at.map((i) => rows[i]!));
  }
  const docs = rows.flatMap((r, i) => (r.identities ?? []).map((d, s) => ({ id: ids[i]!, seq: s + 1, ...d })));
  if (docs.length) {
    await unnestInsert('customer_identity', [
      { name: 'customer_id', type: 'int8', values: docs.map((d) => d.id) },
      { name: 'seq', type: 'int2', values: docs.map((d) => d.seq) },
      { name: 'id_type', type: 'text', values: docs.map((d) => d.idType) },
      { name: 'id_number', type: 'text', values: docs.map((d) => d.idNumber) },
      { name: 'expires_on', type: 'date', values: docs.map((d) => d.expiresOn ?? null) },
    ]).execute(tx);
  }
  // A customer manager who opens customers is their primary manager, as on the screen.
  if (actor.kind === 'user' && actor.dataScope === 'own') {
    await sql`insert into customer_manager (customer_id, user_id, role, since)
      select id, ${actor.id}::int4, 'primary', ${today}::date from unnest(${ids}::int8[]) as u(id)`.execute(tx);
  }
  await sql`insert into customer_history (customer_id, field, old_value, new_value, source, changed_by, request_id)
    select u.id, '_created', null, u.no, ${source}, ${userId}::int4, ${actor.requestId}::text
    from unnest(${ids}::int8[], ${nos}::text[]) as u(id, no)`.execute(tx);
  if (flagDuplicates) await flagChunkDuplicates(tx, ids, rows);
  return { ids, nos };
}

/**
 * Set-based form of the single-opening check (at most 20 matches per reason, as there): the chunk's
 * new personal customers are staged and matched as the feed's first load matches its own
 * (flagStagedDuplicates: one hash join per reason over the customers sharing a key, each key's
 * first 21 only). Looked up row by row through the birth-date index instead, a file whose rows
 * share a placeholder birth date (1900-01-01 for "unknown", common in migrated data) read every
 * earlier row of that date for each new one: 1,200 such rows took 94 s on the embedded database.
 */
async function flagChunkDuplicates(tx: Tx, ids: number[], rows: BulkCustomer[]) {
  const at = rows.flatMap((r, i) => (r.kind === 'personal' && (r.values.birthDate || r.values.mobile) ? [i] : []));
  if (!at.length) return;
  await sql`create temp table if not exists bulk_customer_new (id int8, kind text, name text, birth_date date, mobile text) on commit drop`.execute(tx);
  await sql`truncate bulk_customer_new`.execute(tx);
  await sql`insert into bulk_customer_new (id, kind, name, birth_date, mobile)
    select u.id, 'personal', u.name, u.birth_date, u.mobile from unnest(${at.map((i) => ids[i])}::int8[], ${at.map((i) => rows[i]!.name)}::text[],
      ${at.map((i) => orNull(rows[i]!.values.birthDate))}::date[], ${at.map((i) => orNull(rows[i]!.values.mobile))}::text[]) as u(id, name, birth_date, mobile)`.execute(tx);
  await sql`analyze bulk_customer_new`.execute(tx);
  await flagStagedDuplicates(tx, 'bulk_customer_new');
}

/** Opens every row in the caller's transaction; numbers follow the row order. */
export async function bulkInsertCustomers(tx: Tx, actor: Actor, rows: readonly BulkCustomer[], opts: BulkOptions = {}): Promise<BulkResult> {
  const chunkSize = opts.chunkSize ?? 5000;
  const today = businessToday();
  const result: BulkResult = { count: 0, ids: [], customerNos: [] };
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const { ids, nos } = await insertChunk(tx, actor, chunk, opts.source ?? 'import', opts.flagDuplicates ?? true, today);
    for (const id of ids) result.ids.push(id);
    for (const no of nos) result.customerNos.push(no);
    result.count += chunk.length;
    opts.onChunk?.(result.count);
  }
  return result;
}

/** Matches a new customer is flagged with, per reason, as the single-opening check allows. */
const FLAGS_PER_REASON = 20;

/**
 * Flags likely duplicates of many new personal customers at once (a bank's first load through the
 * feed): `table` holds their id, kind, name, birth_date and mobile, and they are already inserted.
 * Looked up per row (as flagChunkDuplicates does) a million new customers cost a million index
 * probes per reason; here each reason is one hash join against the customers sharing a key with a
 * new one. So that a key shared by thousands (a placeholder mobile) cannot pair them all with each
 * other, only the first 21 customers of each key are candidates, and each new one keeps 20 matches.
 * Candidates are found by key, one reason at a time, so that a few new customers (an ordinary
 * day) are looked up through the birth-date and mobile indexes rather than by a scan of the book.
 * `wholeBook`: the staged customers are every customer there is (the book was empty before them).
 */
export async function flagStagedDuplicates(tx: Tx, table: string, { wholeBook = false }: { wholeBook?: boolean } = {}) {
  const reason = (name: string, keys: string[]) => {
    const on = (other: string) => sql.join(keys.map((k) => sql`${sql.ref(`${other}.${k}`)} = ${sql.ref(`f.${k}`)}`), sql` and `);
    return sql`select f.id, m.id as other_id, ${name}::text as reason, row_number() over (partition by f.id order by m.id) as nth
      from fresh f join (select * from (select c.*, row_number() over (partition by ${sql.join(keys.map((k) => sql.ref(k)))} order by c.id) as rank
          from candidates c where exists (select 1 from fresh f where ${on('c')})) r where r.rank <= ${FLAGS_PER_REASON + 1}) m
        on ${on('m')} and m.id <> f.id
      where ${sql.join(keys.map((k) => sql`f.${sql.ref(k)} is not null`), sql` and `)}`;
  };
  // A first load into an empty book: the new customers are the whole book, so they are their own
  // candidates (at a million customers the lookup of the book by their keys took a third of the step).
  const candidates = wholeBook ? sql`select id, name, birth_date, mobile from fresh`
    : sql`select o.id, o.name, op.birth_date, op.mobile from personal_customer op join customer o on o.id = op.customer_id
      where o.status = 'active' and op.customer_id in (
        select customer_id from personal_customer where birth_date in (select birth_date from fresh)
        union select customer_id from personal_customer where mobile in (select mobile from fresh))`;
  await sql`with fresh as materialized (select id, name, birth_date, mobile from ${sql.table(table)} where kind = 'personal'),
    candidates as materialized (${candidates})
    insert into customer_duplicate (customer_id, other_id, reason)
    select id, other_id, reason from (${reason('name_birth', ['birth_date', 'name'])} union all ${reason('mobile', ['mobile'])}) p
    where p.nth <= ${FLAGS_PER_REASON}
    on conflict do nothing`.execute(tx);
}

// The customers file's set-based half (see load-customers.ts): over the staged rows (feed_customer),
// the checks that need the database or the whole file, then the openings, the likely duplicates and
// the core-owned updates, each one statement whatever the file's size.
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/database.ts';
import { withIndexesBuiltAfter } from '../../db/bulk-indexes.ts';
import { ANALYZE_FROM_ROWS } from '../../db/statistics.ts';
import type { Actor } from '../auth/actor.ts';
import { flagStagedDuplicates } from '../customers/import/bulk-insert.ts';
import { FULL_FIELDS, KEY_FIELDS } from './ownership.ts';
import type { Rejection } from './read-file.ts';

export interface CustomerCounts { opened: number; updated: number; fieldsChanged: number; skippedDeleted: number }
type Kind = 'personal' | 'corporate';

/** Rows of the file, when opened in the whole book, after which the planner needs fresh statistics. */
const ANALYZE_AFTER = ANALYZE_FROM_ROWS;

/**
 * Where each core-owned field (ownership.ts) is kept and where the staged row carries it. `name`
 * is the customer's, `idExpiresOn` the first identity document's; the rest are detail columns.
 */
const FEED_COLUMNS: Record<Kind, Record<string, { column: string; staged: string; type: 'text' | 'date' }>> = {
  personal: {
    gender: { column: 'gender', staged: 'gender', type: 'text' }, birthDate: { column: 'birth_date', staged: 'birth_date', type: 'date' },
    nationality: { column: 'nationality', staged: 'nationality', type: 'text' }, mobile: { column: 'mobile', staged: 'mobile', type: 'text' },
    homeAddress: { column: 'home_address', staged: 'address', type: 'text' }, homePostcode: { column: 'home_postcode', staged: 'postcode', type: 'text' },
  },
  corporate: {
    registeredAddress: { column: 'registered_address', staged: 'address', type: 'text' },
    officePostcode: { column: 'office_postcode', staged: 'postcode', type: 'text' },
  },
};
const DETAIL_TABLE: Record<Kind, string> = { personal: 'personal_customer', corporate: 'corporate_customer' };

export async function applyStagedCustomers(tx: Tx, actor: Actor, file: string, reject: (r: Rejection) => void,
  timings: Record<string, number> = {}): Promise<CustomerCounts> {
  const timed = async <T>(step: string, fn: () => Promise<T>) => {
    const t0 = performance.now();
    try { return await fn(); } finally { timings[step] = Math.round(performance.now() - t0); }
  };
  await timed('check', () => checkStaged(tx, file, reject));
  // No customer yet: a bank's first load, whose new customers are the whole book (duplicates below).
  const emptyBook = (await sql<{ empty: boolean }>`select not exists (select 1 from customer) as empty`.execute(tx)).rows[0]!.empty;
  const opened = await timed('open', () => openFresh(tx, actor, timings));
  if (opened >= ANALYZE_AFTER) await timed('analyze', () => sql`analyze customer, personal_customer, corporate_customer, customer_identity`.execute(tx));
  await timed('duplicates', () => flagStagedDuplicates(tx, 'feed_customer_new', { wholeBook: emptyBook }));
  const updates = await timed('update', () => updateKnown(tx));
  const deleted = await sql<{ n: number }>`select count(*)::int4 as n from feed_customer_known where status = 'deleted'`.execute(tx);
  return { opened, ...updates, skippedDeleted: deleted.rows[0]!.n };
}

/**
 * Resolves the staged numbers (a merged customer's old number to the survivor, as core systems keep
 * sending it), then reports every problem; rows with one are taken out of the stage, so the rest
 * still load and the accounts file is checked against them (the day is refused all the same).
 */
async function checkStaged(tx: Tx, file: string, reject: (r: Rejection) => void) {
  await sql`create temp table feed_customer_known on commit drop as
    select s.line, t.id, t.kind, t.origin, t.name, t.status from feed_customer s
    join customer c on c.customer_no = s.customer_no join customer t on t.id = coalesce(c.merged_into, c.id)`.execute(tx);
  // One problem per row. A row to open: the first that applies of the institution, the document,
  // twice in the file (the later line, by document or credit code), already a customer. A known
  // number: another kind, or another document than the CRM holds (for a person, the first one).
  await sql`create temp table feed_customer_problem on commit drop as
    with fresh as (
      select s.*, i.id as institution_id from feed_customer s left join institution i on upper(i.code) = s.institution_code
      where not exists (select 1 from feed_customer_known k where k.line = s.line)),
    keyed as (
      select f.*, case when f.dkey is not null then row_number() over (partition by f.dkey order by f.line) end as nth
      from (select fresh.*, case when institution_id is null then null when kind = 'personal' then id_type || ':' || id_number
        else 'credit:' || credit_code end as dkey from fresh) f)
    select k.line, x.field, x.code, x.value from keyed k cross join lateral (
      select 'institution_code' as field, case when k.institution_code is null then 'feed.required' else 'feed.institution_unknown' end as code,
        k.institution_code as value where k.institution_id is null
      union all select 'id_no', 'feed.required', null where k.institution_id is not null and k.kind = 'personal' and k.id_number is null
      union all select 'id_no', 'feed.duplicate_in_file', coalesce(k.id_number, k.credit_code) where k.nth > 1
      union all select 'id_no', 'feed.customer_exists', coalesce(k.id_number, k.credit_code) where k.nth = 1
        and case when k.kind = 'personal'
          then exists (select 1 from customer_identity i join customer c on c.id = i.customer_id
            where i.id_type = k.id_type and i.id_number = k.id_number and c.status <> 'merged')
          else exists (select 1 from corporate_customer cc where cc.credit_code = k.credit_code) end
      limit 1) x
    union all
    select s.line, x.field, x.code, x.value from feed_customer s join feed_customer_known t on t.line = s.line
    left join lateral (select i.id_type, i.id_number from customer_identity i where i.customer_id = t.id order by i.seq limit 1) d on s.kind = 'personal'
    left join corporate_customer cc on cc.customer_id = t.id and s.kind = 'corporate'
    cross join lateral (
      select 'kind' as field, 'feed.kind_change' as code, case s.kind when 'personal' then '1' else '2' end as value where t.kind <> s.kind
      union all select 'id_no', 'feed.identity_change', coalesce(s.id_number, s.credit_code) where t.kind = s.kind and t.status <> 'deleted'
        and ((s.id_number is not null and d.id_number is not null and (s.id_type, s.id_number) <> (d.id_type, d.id_number))
          or (s.credit_code is not null and cc.credit_code is not null and s.credit_code <> cc.credit_code))
      limit 1) x`.execute(tx);
  const problems = await sql<{ line: number; field: string; code: string; value: string | null }>`
    select line, field, code, value from feed_customer_problem order by line limit 1000`.execute(tx);
  for (const p of problems.rows) reject({ file, line: p.line, field: p.field, code: p.code, ...(p.value ? { value: p.value } : {}) });
  if (!problems.rows.length) return;
  await sql`delete from feed_customer s using feed_customer_problem p where p.line = s.line`.execute(tx);
  await sql`delete from feed_customer_known k using feed_customer_problem p where p.line = k.line`.execute(tx);
}

/** Opens the staged rows whose number is new: master, detail, first document, '_created' history. */
async function openFresh(tx: Tx, actor: Actor, timings: Record<string, number>): Promise<number> {
  // Ids drawn here, in file order, so every table is filled from this one set without joining back
  // on the customer number.
  await sql`create temp table feed_customer_new on commit drop as
    select nextval(pg_get_serial_sequence('customer', 'id')) as id, f.* from (
      select s.*, i.id as institution_id from feed_customer s join institution i on upper(i.code) = s.institution_code
      where not exists (select 1 from feed_customer_known k where k.line = s.line) order by s.line) f`.execute(tx);
  const fresh = Number((await sql<{ n: number }>`select count(*)::int8 as n from feed_customer_new`.execute(tx)).rows[0]!.n);
  if (!fresh) return 0;
  if (fresh >= ANALYZE_AFTER) await sql`analyze feed_customer_new`.execute(tx);
  let loadedAt = 0;
  // Each table's insert timed on its own (the feed's timings), to see where a first load goes.
  let lapAt = performance.now();
  const lap = (step: string) => { const now = performance.now(); timings[step] = Math.round(now - lapAt); lapAt = now; };
  // customer_position too: migration 0020's trigger gives each opened customer its row there, in five
  // indexes and a foreign key of its own.
  await withIndexesBuiltAfter(tx, ['customer', 'personal_customer', 'corporate_customer', 'customer_identity', 'customer_history', 'customer_position'], fresh, async () => {
    await sql`insert into customer (id, customer_no, kind, name, institution_id, search_terms, created_by, origin) overriding system value
      select id, customer_no, kind, name, institution_id, string_to_array(terms, ' '), null, 'core' from feed_customer_new order by id`.execute(tx);
    lap('openCustomer');
    await sql`insert into personal_customer (customer_id, gender, birth_date, nationality, mobile, home_address, home_postcode)
      select id, gender, birth_date, nationality, mobile, address, postcode from feed_customer_new where kind = 'personal' order by id`.execute(tx);
    lap('openPersonal');
    await sql`insert into corporate_customer (customer_id, credit_code, organization_code, registered_address, office_postcode)
      select id, credit_code, organization_code, address, postcode from feed_customer_new where kind = 'corporate' order by id`.execute(tx);
    lap('openCorporate');
    await sql`insert into customer_identity (customer_id, seq, id_type, id_number, expires_on)
      select id, 1, id_type, id_number, id_expires_on from feed_customer_new where kind = 'personal' order by id`.execute(tx);
    lap('openIdentity');
    // Opened by the system (the core), so there is no primary manager to record, and no user.
    await sql`insert into customer_history (customer_id, field, old_value, new_value, source, changed_by, request_id)
      select id, '_created', null, customer_no, 'feed', null, ${actor.requestId}::text from feed_customer_new order by id`.execute(tx);
    lap('openHistory');
    loadedAt = performance.now();
  });
  // A first load's indexes and foreign keys made again (zero on an ordinary day).
  timings.rebuild = Math.round(performance.now() - loadedAt);
  return fresh;
}

/**
 * The core-owned fields that differ, for the known, not deleted customers: one row per change in
 * feed_customer_change (old and new as text, as customer_history keeps them), then each table
 * updated once from it. A customer sent twice (its old, merged number and its own) takes the later
 * line.
 */
async function updateKnown(tx: Tx): Promise<Pick<CustomerCounts, 'updated' | 'fieldsChanged'>> {
  await sql`create temp table feed_customer_change (id int8, line int4, field text, old text, new text) on commit drop`.execute(tx);
  for (const kind of ['personal', 'corporate'] as const) {
    const cols = FEED_COLUMNS[kind];
    const key = (f: string) => sql.lit(f);
    // A field the file leaves empty is not sent: only the document's expiry is always sent (empty = none).
    const candidates: RawBuilder<unknown>[] = FULL_FIELDS[kind].map((f) => {
      if (f === 'name') return sql`(${key(f)}, t.name::text, s.name, true)`;
      if (f === 'idExpiresOn') return sql`(${key(f)}, d.expires_on::text, s.id_expires_on::text, d.customer_id is not null)`;
      const c = cols[f]!;
      return sql`(${key(f)}, p.${sql.ref(c.column)}::text, s.${sql.ref(c.staged)}::text, s.${sql.ref(c.staged)} is not null)`;
    });
    await sql`insert into feed_customer_change (id, line, field, old, new)
      select t.id, s.line, x.field, x.old, x.new from feed_customer s
      join (select distinct on (id) * from feed_customer_known order by id, line desc) t on t.line = s.line
      left join ${sql.table(DETAIL_TABLE[kind])} p on p.customer_id = t.id
      left join lateral (select i.customer_id, i.expires_on from customer_identity i where i.customer_id = t.id order by i.seq limit 1) d on ${sql.raw(String(kind === 'personal'))}
      cross join lateral (values ${sql.join(candidates)}) x(field, old, new, sent)
      where s.kind = ${kind} and t.kind = ${kind} and t.status <> 'deleted' and x.sent and x.old is distinct from x.new
        and (t.origin = 'core' or x.field = any(${[...KEY_FIELDS[kind]]}::text[]))`.execute(tx);
    const sets = Object.entries(cols).map(([f, c]) => sql`${sql.ref(c.column)} = case when v.fields ? ${f} then (v.fields->>${f})::${sql.raw(c.type)} else p.${sql.ref(c.column)} end`);
    await sql`update ${sql.table(DETAIL_TABLE[kind])} p set ${sql.join(sets)}
      from (select id, jsonb_object_agg(field, new) as fields from feed_customer_change where field = any(${Object.keys(cols)}::text[]) group by id) v
      where p.customer_id = v.id`.execute(tx);
  }
  await sql`update customer_identity i set expires_on = c.new::date from feed_customer_change c
    where c.field = 'idExpiresOn' and i.customer_id = c.id and i.seq = (select min(seq) from customer_identity x where x.customer_id = c.id)`.execute(tx);
  await sql`update customer c set name = coalesce(v.name, c.name), search_terms = case when v.name is null then c.search_terms else string_to_array(s.terms, ' ') end,
      version = c.version + 1, updated_at = now()
    from (select id, max(line) as line, max(new) filter (where field = 'name') as name from feed_customer_change group by id) v
    join feed_customer s on s.line = v.line
    where c.id = v.id`.execute(tx);
  await sql`insert into customer_history (customer_id, field, old_value, new_value, source, changed_by, request_id)
    select id, field, old, new, 'feed', null, null from feed_customer_change order by line, field`.execute(tx);
  const n = await sql<{ updated: number; fields: number }>`select count(distinct id)::int4 as updated, count(*)::int4 as fields from feed_customer_change`.execute(tx);
  return { updated: n.rows[0]!.updated, fieldsChanged: n.rows[0]!.fields };
}

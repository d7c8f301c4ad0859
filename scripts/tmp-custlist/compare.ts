// Scratch (not committed): the search before the list (limit-201 materialized CTE) beside the list, same database, same samples.
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';
import type { Database } from '../../src/db/database.ts';
import { systemActor, type Actor } from '../../src/modules/auth/actor.ts';
import { filterCustomers } from '../../src/modules/customers/search/customer-search.ts';
import { maskValue } from '../../src/modules/customers/masking.ts';
import { listCustomers } from '../../src/modules/customers/list/customer-list.ts';
import { searchTerms } from '../../src/modules/customers/search/search-terms.ts';
import { sample, fmt } from '../../bench/timing.ts';
type SearchQuery = { q?: string; status: 'active'; page: number; pageSize: number };
/** A search answers with at most this many matches (or the pages asked for); beyond it the clerk narrows the search. */
export const SEARCH_CAP = 200;

/**
 * One round trip. The matching ids are gathered first in a MATERIALIZED CTE, at most `limit`
 * of them: with search text through the GIN and key indexes in whatever order they come (ordering
 * the whole table by id and filtering would walk the primary key past every non-match of a rare
 * name); without text, the newest in scope straight off the primary key. Then one page of them,
 * newest first, with the columns the result list shows.
 */
async function searchCustomers(db: Database, actor: Actor, f: SearchQuery) {
  const limit = Math.max(SEARCH_CAP, f.page * f.pageSize) + 1;
  const filtered = filterCustomers(db, actor, f as never).select('customer.id');
  const matches = (f.q ? filtered : filtered.orderBy('customer.id', 'desc')).limit(limit);
  const rows = await db.with((w) => w('m').materialized(), () => matches)
    .selectFrom(sql<{ matched: number }>`(select count(*)::int as matched from m)`.as('c'))
    .leftJoin((eb) => eb.selectFrom('m')
      .innerJoin('customer', 'customer.id', 'm.id')
      .innerJoin('institution', 'institution.id', 'customer.institution_id')
      .leftJoin('personal_customer', 'personal_customer.customer_id', 'customer.id')
      .leftJoin('corporate_customer', 'corporate_customer.customer_id', 'customer.id')
      .select(['customer.id', 'customer.customer_no as customerNo', 'customer.kind', 'customer.name', 'customer.status', 'customer.blacklisted',
        'institution.name as institutionName', 'personal_customer.mobile', 'personal_customer.birth_date as birthDate', 'corporate_customer.credit_code as creditCode',
        sql<string | null>`(select id_number from customer_identity where customer_id = customer.id order by seq limit 1)`.as('idNumber')])
      .orderBy('customer.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize)
      .as('p'), (join) => join.onTrue())
    .selectAll('p').select('c.matched')
    .orderBy('p.id', 'desc').execute();
  const matched = rows[0]?.matched ?? 0;
  return {
    total: Math.min(matched, limit - 1), totalCapped: matched >= limit, page: f.page, pageSize: f.pageSize,
    items: rows.filter((r) => r.id !== null).map(({ matched: _m, ...r }) => ({ ...r, mobile: maskValue('phone', r.mobile), idNumber: maskValue('id', r.idNumber) })),
  };
}

const handle = await openDatabase({ kind: 'postgres', connectionString: 'postgres://postgres@127.0.0.1:5432/crm_bench', poolSize: 4 });
const db = handle.db;
const root = await db.selectFrom('institution').select(['id', 'path']).where('level', '=', 1).executeTakeFirstOrThrow();
const actor: Actor = { ...systemActor(root.id, root.path), permissions: new Set(['customer.read']) };
const persons = (await sql<{ name: string; id_number: string; mobile: string }>`select c.name, i.id_number, p.mobile from customer c join personal_customer p on p.customer_id = c.id join customer_identity i on i.customer_id = c.id and i.seq = 1 order by random() limit 200`.execute(db)).rows;
const companies = (await sql<{ name: string }>`select c.name from customer c where kind = 'corporate' order by random() limit 200`.execute(db)).rows;
const keys: [string, (i: number) => string][] = [
  ['name, 1 character', (i) => persons[i % 200]!.name.slice(0, 1)],
  ['name, 2 characters', (i) => persons[i % 200]!.name.slice(0, 2)],
  ['name, 3+ characters', (i) => companies[i % 200]!.name.slice(2, 6)],
  ['pinyin initials', (i) => searchTerms(persons[i % 200]!.name, 'personal').filter((t) => t.startsWith('py:')).sort((a, b) => b.length - a.length)[0]!.slice(3)],
  ['identity number', (i) => persons[i % 200]!.id_number],
  ['mobile', (i) => persons[i % 200]!.mobile],
];
console.log(`${'key'.padEnd(22)} before p50/p95      list p50/p95 (ms)`);
for (const [name, q] of keys) {
  const old = (i: number) => searchCustomers(db, actor, { q: q(i), status: 'active', page: 1, pageSize: 20 });
  const now = (i: number) => listCustomers(db, actor, { q: q(i), status: 'active', sort: 'newest', order: 'desc', pageSize: 20 });
  await old(0); await now(0);
  const a = await sample(200, old); const b = await sample(200, now);
  console.log(`${name.padEnd(22)}${fmt(a.p50, 2)}${fmt(a.p95, 2)}    ${fmt(b.p50, 2)}${fmt(b.p95, 2)}`);
}
await handle.close();

// Finding a customer from one box (issue: customer number, name substring or pinyin initials,
// identity number, credit code, mobile), within the caller's data scope, with filters and pages.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { customerInScope } from './customer.queries.ts';
import type { SearchQuery } from './customer.schema.ts';
import { nameQuery } from './search-terms.ts';
import { maskValue } from './masking.ts';

type Q = SelectQueryBuilder<DB, 'customer', object>;

/** Narrows the query to what `q` can mean; several meanings are OR-ed (11 digits: number or mobile). */
function matchText(query: Q, raw: string): Q {
  const q = raw.trim();
  const upper = q.toUpperCase();
  const alternatives: ReturnType<typeof sql<boolean>>[] = [];
  if (/^\d{11}$/.test(q)) {
    alternatives.push(sql<boolean>`customer.customer_no = ${q}`);
    alternatives.push(sql<boolean>`customer.id in (select customer_id from personal_customer where mobile = ${q})`);
  }
  if (/^\d{15}$|^\d{17}[\dX]$/.test(upper)) {
    alternatives.push(sql<boolean>`customer.id in (select customer_id from customer_identity where id_number = ${upper})`);
  }
  if (/^[0-9A-Z]{18}$/.test(upper)) alternatives.push(sql<boolean>`customer.id in (select customer_id from corporate_customer where credit_code = ${upper})`);
  if (/^[0-9A-Z]{8}-?[0-9X]$/.test(upper)) {
    const org = upper.includes('-') ? upper : `${upper.slice(0, 8)}-${upper.slice(8)}`;
    alternatives.push(sql<boolean>`customer.id in (select customer_id from corporate_customer where organization_code = ${org})`);
  }
  const name = nameQuery(q);
  if (name) {
    alternatives.push(name.like
      ? sql<boolean>`(customer.search_terms @> ${name.terms}::text[] and customer.name like ${name.like})`
      : sql<boolean>`customer.search_terms @> ${name.terms}::text[]`);
  }
  if (!alternatives.length) {
    // Latin or mixed names ("ABC贸易"): trigram index for 3+ characters.
    const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    alternatives.push(sql<boolean>`customer.name ilike ${like}`);
  }
  return query.where(sql<boolean>`(${sql.join(alternatives, sql` or `)})`);
}

export async function searchCustomers(db: Database, actor: Actor, f: SearchQuery) {
  let q: Q = db.selectFrom('customer').where(customerInScope(actor));
  if (f.status !== 'all') q = q.where('customer.status', '=', f.status);
  if (f.kind) q = q.where('customer.kind', '=', f.kind);
  if (f.blacklisted) q = q.where('customer.blacklisted', '=', f.blacklisted === 'true');
  if (f.institutionId) {
    q = q.where(sql<boolean>`customer.institution_id in (select id from institution where path like (select path from institution where id = ${f.institutionId}) || '%')`);
  }
  if (f.q) q = matchText(q, f.q);
  // Counting every match of "王" over a million customers costs more than the page: count up to a cap.
  const CAP = 1000;
  const counted = await q.select('customer.id').limit(CAP + 1).execute();
  const rows = await q.innerJoin('institution', 'institution.id', 'customer.institution_id')
    .leftJoin('personal_customer', 'personal_customer.customer_id', 'customer.id')
    .leftJoin('corporate_customer', 'corporate_customer.customer_id', 'customer.id')
    .select(['customer.id', 'customer.customer_no as customerNo', 'customer.kind', 'customer.name', 'customer.status', 'customer.blacklisted',
      'institution.name as institutionName', 'personal_customer.mobile', 'personal_customer.birth_date as birthDate', 'corporate_customer.credit_code as creditCode',
      sql<string | null>`(select id_number from customer_identity where customer_id = customer.id order by seq limit 1)`.as('idNumber')])
    .orderBy('customer.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return {
    total: Math.min(counted.length, CAP), totalCapped: counted.length > CAP, page: f.page, pageSize: f.pageSize,
    items: rows.map((r) => ({ ...r, mobile: maskValue('phone', r.mobile), idNumber: maskValue('id', r.idNumber) })),
  };
}

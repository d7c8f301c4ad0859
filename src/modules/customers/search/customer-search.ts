// Finding a customer from one box (issue: customer number, name substring or pinyin initials,
// identity number, credit code, mobile, account or card number), within the caller's data scope,
// with filters. The list (list/customer-list.ts) and the export page through what this selects.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../customer.queries.ts';
import type { SearchQuery } from '../customer.schema.ts';
import { nameQuery } from './search-terms.ts';

type Q = SelectQueryBuilder<DB, 'customer', object>;

/**
 * Narrows the query to what `q` can mean; several meanings are OR-ed (11 digits: number or mobile).
 * Exact keys are resolved through `id = any(array(select …))`: the sub-select runs once as an
 * InitPlan on its own index, and the customer rows are then fetched by primary key. A plain
 * `id in (select …)` under ORDER BY id LIMIT 20 lets the planner walk the whole primary key.
 */
function matchText(query: Q, raw: string): Q {
  const q = raw.trim();
  const upper = q.toUpperCase();
  const alternatives: ReturnType<typeof sql<boolean>>[] = [];
  const byIds = (sub: ReturnType<typeof sql>) => sql<boolean>`customer.id = any(array(${sub}))`;
  if (/^\d{11}$/.test(q)) {
    alternatives.push(sql<boolean>`customer.customer_no = ${q}`);
    alternatives.push(byIds(sql`select customer_id from personal_customer where mobile = ${q}`));
  }
  if (/^\d{15}$|^\d{17}[\dX]$/.test(upper)) {
    alternatives.push(byIds(sql`select customer_id from customer_identity where id_number = ${upper}`));
  }
  if (/^[0-9A-Z]{18}$/.test(upper)) alternatives.push(byIds(sql`select customer_id from corporate_customer where credit_code = ${upper}`));
  if (/^[0-9A-Z]{8}-?[0-9X]$/.test(upper)) {
    const org = upper.includes('-') ? upper : `${upper.slice(0, 8)}-${upper.slice(8)}`;
    alternatives.push(byIds(sql`select customer_id from corporate_customer where organization_code = ${org}`));
  }
  // Account and card numbers are 12–32 digits, read off a card in groups of four. Customer
  // numbers and mobiles (11) are shorter, so only the 15- and 18-digit identity numbers and an
  // all-digit credit code share lengths with them: those keys stay and the holder of an account
  // with exactly that number is simply one more match.
  const digits = q.replace(/\s+/g, '');
  if (/^\d{12,32}$/.test(digits)) {
    alternatives.push(byIds(sql`select customer_id from account where account_no = ${digits}`));
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

export type CustomerFilter = Pick<SearchQuery, 'q' | 'kind' | 'institutionId' | 'blacklisted' | 'status'>;

/** The customers a search or an export means, within the caller's data scope. */
export function filterCustomers(db: Database, actor: Actor, f: CustomerFilter): Q {
  let q: Q = db.selectFrom('customer').where(customerInScope(actor));
  if (f.status !== 'all') q = q.where('customer.status', '=', f.status);
  if (f.kind) q = q.where('customer.kind', '=', f.kind);
  if (f.blacklisted) q = q.where('customer.blacklisted', '=', f.blacklisted === 'true');
  if (f.institutionId) {
    q = q.where(sql<boolean>`customer.institution_id in (select id from institution where path like (select path from institution where id = ${f.institutionId}) || '%')`);
  }
  if (f.q) q = matchText(q, f.q);
  return q;
}

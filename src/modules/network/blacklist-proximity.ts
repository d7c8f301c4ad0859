// REL-4: customers within one to three hops of a blacklisted customer over the links in force —
// the related parties a manager should look at again before new business (a guarantor of a
// defaulter, the company whose actual controller is listed). One recursive query walks outward
// from every blacklisted customer, each step an index lookup per node of the frontier (links from
// a customer, to a customer, to a related party); UNION (not UNION ALL) keeps one row per node,
// source and distance, so a hub (an employer of thousands) is visited once per source, not once
// per path. Only customers in the reader's charge are listed; a listed source outside it is masked.
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import type { Actor } from '../auth/actor.ts';
import { customerInScope } from '../customers/customer.queries.ts';
import { maskPartyName } from './party-mask.ts';

export interface ProximityQuery { hops: number; page: number; pageSize: number }

interface Row { customer_id: number; customer_no: string; kind: 'personal' | 'corporate'; name: string; hops: number;
  source_id: number; source_no: string; source_kind: 'personal' | 'corporate'; source_name: string; source_visible: boolean; total: number }

export async function blacklistProximity(db: Database, actor: Actor, q: ProximityQuery) {
  const on = businessToday();
  const inForce = sql`l.starts_on <= ${on}::date and (l.ends_on is null or l.ends_on > ${on}::date)`;
  // Nodes: a customer by his id, a related party (not a customer) by minus its id.
  const { rows } = await sql<Row>`
    with recursive walk(node, source, hops) as (
      select c.id, c.id, 0 from customer c where c.blacklisted and c.status = 'active'
      union
      select x.node, w.source, w.hops + 1 from walk w cross join lateral (
        select coalesce(l.party_customer_id, -l.related_party_id) as node from customer_link l where w.node > 0 and l.customer_id = w.node and ${inForce}
        union all select l.customer_id from customer_link l where w.node > 0 and l.party_customer_id = w.node and ${inForce}
        union all select l.customer_id from customer_link l where w.node < 0 and l.related_party_id = -w.node and ${inForce}) x
      where w.hops < ${q.hops}),
    nearest as (
      select node as customer_id, source, min(hops) as hops from walk where node > 0 and node <> source group by node, source)
    select n.customer_id, c.customer_no, c.kind, c.name, n.hops, s.id as source_id, s.customer_no as source_no, s.kind as source_kind,
           s.name as source_name, ${customerInScope(actor, 's')} as source_visible, count(*) over ()::int as total
      from nearest n join customer c on c.id = n.customer_id join customer s on s.id = n.source
     where c.status = 'active' and ${customerInScope(actor, 'c')}
     order by n.hops, c.customer_no, s.customer_no
     limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
  return {
    asOf: on, hops: q.hops, total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      customerId: r.customer_id, customerNo: r.customer_no, kind: r.kind, name: r.name, hops: r.hops,
      // The listed customer: by name and number in my charge, masked outside it (as on the network graph).
      blacklisted: r.source_visible
        ? { customerId: r.source_id, customerNo: r.source_no, name: r.source_name, masked: false }
        : { customerId: null, customerNo: null, name: maskPartyName(r.source_kind, r.source_name), masked: true },
    })),
  };
}

// The relationship network of one customer (REL-3): the links in force on a date, one to three hops
// out, as nodes and edges for the graph on the customer view. Each hop is one indexed query (links
// from the frontier, and links to it). A neighbourhood larger than NODE_LIMIT is summarised —
// the nodes beyond the limit are counted per role, not drawn — so a group with 5,000 employees
// gives a readable picture. A node the reader has no charge of is masked and cannot be opened.
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { notFound } from '../../common/http/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { customerInScope } from '../customers/customer.queries.ts';
import { maskPartyName } from './party-mask.ts';

export const NODE_LIMIT = 60;

type Key = string; // 'c<customer id>' or 'p<related party id>'
interface LinkRow { id: number; customer_id: number; party_customer_id: number | null; related_party_id: number | null; role: string; amount: string | null; share_pct: string | null; contract_no: string | null }

const partyKey = (l: LinkRow): Key => (l.party_customer_id !== null ? `c${l.party_customer_id}` : `p${l.related_party_id}`);

async function linksAround(db: Database, customers: number[], parties: number[], on: string, roles: string[] | null): Promise<LinkRow[]> {
  if (!customers.length && !parties.length) return [];
  const roleFilter = roles ? sql`and l.role in (${sql.join(roles)})` : sql``;
  const cs = customers.length ? customers : [-1];
  const ps = parties.length ? parties : [-1];
  // Three index scans joined by union: an OR over the three columns would read the whole table.
  const { rows } = await sql<LinkRow>`
    select l.id, l.customer_id, l.party_customer_id, l.related_party_id, l.role, l.amount::text as amount, l.share_pct::text as share_pct, l.contract_no
      from customer_link l where l.customer_id in (${sql.join(cs)}) and l.starts_on <= ${on} and (l.ends_on is null or l.ends_on > ${on}) ${roleFilter}
    union
    select l.id, l.customer_id, l.party_customer_id, l.related_party_id, l.role, l.amount::text, l.share_pct::text, l.contract_no
      from customer_link l where l.party_customer_id in (${sql.join(cs)}) and l.starts_on <= ${on} and (l.ends_on is null or l.ends_on > ${on}) ${roleFilter}
    union
    select l.id, l.customer_id, l.party_customer_id, l.related_party_id, l.role, l.amount::text, l.share_pct::text, l.contract_no
      from customer_link l where l.related_party_id in (${sql.join(ps)}) and l.starts_on <= ${on} and (l.ends_on is null or l.ends_on > ${on}) ${roleFilter}`.execute(db);
  return rows;
}

export interface NetworkOptions { hops: number; roles?: string; on?: string }

export async function customerNetwork(db: Database, actor: Actor, customerId: number, opts: NetworkOptions) {
  const center = await db.selectFrom('customer').select('id').where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!center) throw notFound('customer');
  const on = opts.on ?? businessToday();
  const roles = opts.roles ? [...new Set(opts.roles.split(','))] : null;
  const hopOf = new Map<Key, number>([[`c${customerId}`, 0]]);
  const edges = new Map<number, LinkRow>();
  const summary = new Map<string, { hop: number; role: string; count: number }>();
  let frontier: Key[] = [`c${customerId}`];
  for (let hop = 1; hop <= opts.hops && frontier.length; hop++) {
    const links = await linksAround(db, frontier.filter((k) => k[0] === 'c').map((k) => Number(k.slice(1))), frontier.filter((k) => k[0] === 'p').map((k) => Number(k.slice(1))), on, roles);
    const next: Key[] = [];
    for (const l of links.sort((a, b) => a.id - b.id)) {
      if (edges.has(l.id)) continue;
      const ends = [`c${l.customer_id}`, partyKey(l)];
      const fresh = ends.filter((k) => !hopOf.has(k));
      if (fresh.length && hopOf.size + fresh.length > NODE_LIMIT) {
        // Beyond the limit: counted, not drawn, and not followed further.
        const s = summary.get(`${hop}:${l.role}`) ?? { hop, role: l.role, count: 0 };
        s.count += fresh.length;
        summary.set(`${hop}:${l.role}`, s);
        continue;
      }
      for (const k of fresh) { hopOf.set(k, hop); next.push(k); }
      edges.set(l.id, l);
    }
    frontier = next;
  }

  const customerIds = [...hopOf.keys()].filter((k) => k[0] === 'c').map((k) => Number(k.slice(1)));
  const partyIds = [...hopOf.keys()].filter((k) => k[0] === 'p').map((k) => Number(k.slice(1)));
  const customers = customerIds.length ? await db.selectFrom('customer as c')
    .select(['c.id', 'c.customer_no', 'c.kind', 'c.name', 'c.blacklisted'])
    .select(sql<boolean>`${customerInScope(actor, 'c')}`.as('visible'))
    .where('c.id', 'in', customerIds).execute() : [];
  // Open alerts per customer, one grouped read for the whole neighbourhood.
  const alerts = customerIds.length ? await db.selectFrom('account_alert').select(['customer_id', sql<number>`count(*)::int`.as('n')])
    .where('status', '=', 'open').where('customer_id', 'in', customerIds).groupBy('customer_id').execute() : [];
  const openAlerts = new Map(alerts.map((a) => [Number(a.customer_id), a.n]));
  const parties = partyIds.length ? await db.selectFrom('related_party').select(['id', 'name', 'party_category']).where('id', 'in', partyIds).execute() : [];
  const roleNames = await db.selectFrom('code_item').select(['code', 'name_zh', 'name_en']).where('table_code', '=', 'relation_role').execute();
  const roleName = new Map(roleNames.map((r) => [r.code, r]));

  const nodes = [
    ...customers.map((c) => ({
      key: `c${c.id}`, hop: hopOf.get(`c${c.id}`)!, isCustomer: true, kind: c.kind, masked: !c.visible,
      customerId: c.visible ? c.id : null, customerNo: c.visible ? c.customer_no : null, name: c.visible ? c.name : maskPartyName(c.kind, c.name),
      blacklisted: c.visible ? c.blacklisted : null, openAlerts: c.visible ? openAlerts.get(Number(c.id)) ?? 0 : null,
    })),
    ...parties.map((p) => {
      const kind = p.party_category === '1' ? 'corporate' as const : 'personal' as const;
      // A related party is not a customer: no account, no scope; shown by name like the link list shows him.
      return { key: `p${p.id}`, hop: hopOf.get(`p${p.id}`)!, isCustomer: false, kind, masked: false, customerId: null, customerNo: null, name: p.name, blacklisted: null, openAlerts: null };
    }),
  ].sort((a, b) => a.hop - b.hop || a.key.localeCompare(b.key));
  return {
    center: `c${customerId}`, on, hops: opts.hops, nodeLimit: NODE_LIMIT,
    nodes,
    edges: [...edges.values()].map((l) => ({
      id: l.id, source: partyKey(l), target: `c${l.customer_id}`, role: l.role,
      roleZh: roleName.get(l.role)?.name_zh ?? l.role, roleEn: roleName.get(l.role)?.name_en ?? l.role,
      amount: l.amount, sharePct: l.share_pct, contractNo: l.contract_no,
    })),
    summarised: [...summary.values()].map((s) => ({ ...s, roleZh: roleName.get(s.role)?.name_zh ?? s.role, roleEn: roleName.get(s.role)?.name_en ?? s.role })),
  };
}

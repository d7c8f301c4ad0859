// The daily guarantee scan (REL-4): the credit links in force on the business date become the
// guarantee graph (guarantee-graph.ts); its circles and long chains are stored for that date with
// each circle's members, their loan balance, the guaranteed amount inside it and the institutions
// involved. Readers see the circles and chains touching a customer in their charge; members they
// have no charge of are masked.
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { notFound } from '../../common/http/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { customerInScope } from '../customers/customer.queries.ts';
import { scanGuarantees, type GuaranteeEdge } from './guarantee-graph.ts';
import { maskPartyName } from './party-mask.ts';

/** The customer a member key names: 'c12', or the circle a chain passes through named by its first member ('circle:c12'). */
/**
 * Ids as one array parameter: a circle of a bank's guarantee web can hold more customers than the
 * 65,535 parameters a statement may carry (an IN list of 88,583 failed in the network bench).
 */
const anyId = (ids: number[]) => sql<number>`any(${ids}::int8[])`;
const customerOf = (key: string) => { const m = /^(?:circle:)?c(\d+)$/.exec(key); return m ? Number(m[1]) : null; };

/** Scans the links in force on `businessDate` and replaces that date's stored circles and chains. */
export async function runGuaranteeScan(db: Database, businessDate: string) {
  const started = performance.now();
  const { rows } = await sql<{ customer_id: number; party: string; role: string; amount: string | null }>`
    select l.customer_id, case when l.party_customer_id is not null then 'c' || l.party_customer_id else 'p' || l.related_party_id end as party,
           l.role, l.amount::text as amount
      from customer_link l
     where l.role in ('01', '02', '03', '04') and l.starts_on <= ${businessDate} and (l.ends_on is null or l.ends_on > ${businessDate})`.execute(db);
  // 01 guarantor, 03 mortgagor, 04 pledgor: the party secures the customer; 02: the customer secures the party.
  const edges: GuaranteeEdge[] = rows.map((r) => (r.role === '02'
    ? { from: `c${r.customer_id}`, to: r.party, amount: Number(r.amount ?? 0) }
    : { from: r.party, to: `c${r.customer_id}`, amount: Number(r.amount ?? 0) }));
  const scan = scanGuarantees(edges);

  const memberCustomers = [...new Set(scan.circles.flatMap((c) => c.members.map(customerOf)).filter((id): id is number => id !== null))];
  const facts = memberCustomers.length ? await db.selectFrom('customer as c').leftJoin('customer_position as p', 'p.customer_id', 'c.id')
    .select(['c.id', 'c.institution_id', 'p.loan_balance']).where('c.id', '=', anyId(memberCustomers)).execute() : [];
  const factOf = new Map(facts.map((f) => [f.id, f]));
  const ms = Math.round(performance.now() - started);

  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('guarantee_scan').where('scan_date', '=', businessDate).execute();
    await tx.insertInto('guarantee_scan').values({ scan_date: businessDate, parties: scan.parties, guarantees: scan.guarantees, circles: scan.circles.length, chains: scan.chains.length, ms }).execute();
    const circleRows = scan.circles.map((c, i) => {
      const ids = c.members.map(customerOf).filter((id): id is number => id !== null);
      const loans = ids.reduce((sum, id) => sum + Math.round(Number(factOf.get(id)?.loan_balance ?? 0) * 100), 0);
      return {
        scan_date: businessDate, circle_no: i + 1, members: c.members, customer_ids: ids, member_count: c.members.length,
        loan_balance: (loans / 100).toFixed(2), guaranteed_amount: c.guaranteedAmount.toFixed(2), longest_chain: c.longestChain,
        cycles: JSON.stringify(c.cycles), institution_ids: [...new Set(ids.map((id) => factOf.get(id)?.institution_id).filter((x): x is number => x !== undefined))].sort((a, b) => a - b),
      };
    });
    for (let i = 0; i < circleRows.length; i += 500) await tx.insertInto('guarantee_circle').values(circleRows.slice(i, i + 500)).execute();
    const chainRows = scan.chains.map((c, i) => ({
      scan_date: businessDate, chain_no: i + 1, length: c.length, members: c.members,
      customer_ids: c.members.map(customerOf).filter((id): id is number => id !== null),
    }));
    for (let i = 0; i < chainRows.length; i += 500) await tx.insertInto('guarantee_chain').values(chainRows.slice(i, i + 500)).execute();
  });
  return { businessDate, parties: scan.parties, guarantees: scan.guarantees, circles: scan.circles.length, chains: scan.chains.length, ms };
}

/** The latest scan on or before `on` (today by default). */
async function scanDate(db: Database, on?: string) {
  const row = await db.selectFrom('guarantee_scan').select(['scan_date', 'scanned_at']).where('scan_date', '<=', on ?? businessToday())
    .orderBy('scan_date', 'desc').limit(1).executeTakeFirst();
  return row ?? null;
}

/** Whether a circle or chain touches a customer in the reader's charge. */
const touchesScope = (actor: Actor, column: 'gc.customer_ids' | 'gh.customer_ids') =>
  sql<boolean>`exists (select 1 from customer c where c.id = any(${sql.ref(column)}) and ${customerInScope(actor, 'c')})`;

/**
 * Members as the reader may see them: customers in his charge by name and number, others masked.
 * Takes every member list of a page at once (two queries per page, not two per circle) and returns
 * a function presenting one list.
 */
async function memberPresenter(db: Database, actor: Actor, lists: string[][]) {
  const keys = [...new Set(lists.flat().map((k) => (k.startsWith('circle:') ? k.slice(7) : k)))];
  const customerIds = keys.map(customerOf).filter((id): id is number => id !== null);
  const partyIds = keys.map((k) => /^p(\d+)$/.exec(k)).filter((m): m is RegExpExecArray => m !== null).map((m) => Number(m[1]));
  const customers = customerIds.length ? await db.selectFrom('customer as c').leftJoin('institution as i', 'i.id', 'c.institution_id')
    .select(['c.id', 'c.customer_no', 'c.kind', 'c.name', 'c.blacklisted', 'i.name as institution'])
    .select(sql<boolean>`${customerInScope(actor, 'c')}`.as('visible')).where('c.id', '=', anyId(customerIds)).execute() : [];
  const parties = partyIds.length ? await db.selectFrom('related_party').select(['id', 'name', 'party_category']).where('id', '=', anyId(partyIds)).execute() : [];
  const byKey = new Map<string, Record<string, unknown>>([
    ...customers.map((c) => [`c${c.id}`, { key: `c${c.id}`, isCustomer: true, kind: c.kind, masked: !c.visible, customerId: c.visible ? c.id : null,
      customerNo: c.visible ? c.customer_no : null, name: c.visible ? c.name : maskPartyName(c.kind, c.name), institution: c.institution, blacklisted: c.visible ? c.blacklisted : null }] as const),
    ...parties.map((p) => [`p${p.id}`, { key: `p${p.id}`, isCustomer: false, kind: p.party_category === '1' ? 'corporate' : 'personal', masked: false, customerId: null,
      customerNo: null, name: p.name, institution: null, blacklisted: null }] as const),
  ]);
  return (list: string[]) => list.map((k) => byKey.get(k.startsWith('circle:') ? k.slice(7) : k) ?? { key: k, masked: true, name: '*' });
}

/** Members named per circle in the list. */
export const LIST_MEMBERS = 50;

export interface CircleQuery { on?: string; minMembers?: number; institutionId?: number; page: number; pageSize: number; /** every member named (the export) */ allMembers?: boolean }

export async function listGuaranteeCircles(db: Database, actor: Actor, q: CircleQuery) {
  const scan = await scanDate(db, q.on);
  if (!scan) return { scanDate: null, total: 0, items: [] };
  let base = db.selectFrom('guarantee_circle as gc').where('gc.scan_date', '=', scan.scan_date).where(touchesScope(actor, 'gc.customer_ids'));
  if (q.minMembers) base = base.where('gc.member_count', '>=', q.minMembers);
  if (q.institutionId) base = base.where(sql<boolean>`${q.institutionId} = any(gc.institution_ids)`);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await base.select(['gc.circle_no', 'gc.members', 'gc.member_count', 'gc.loan_balance', 'gc.guaranteed_amount', 'gc.longest_chain', 'gc.cycles', 'gc.institution_ids'])
    .orderBy('gc.member_count', 'desc').orderBy('gc.loan_balance', 'desc').orderBy('gc.circle_no').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const names = await institutionNames(db, rows.flatMap((r) => r.institution_ids));
  // A list row names at most LIST_MEMBERS members (the count says how many there are; the drill and
  // the export name them all): a circle of a bank's guarantee web can hold thousands.
  const present = await memberPresenter(db, actor, rows.map((r) => (q.allMembers ? r.members : r.members.slice(0, LIST_MEMBERS))));
  const items = rows.map((r) => ({
    circleNo: r.circle_no, memberCount: r.member_count, loanBalance: r.loan_balance, guaranteedAmount: r.guaranteed_amount, longestChain: r.longest_chain,
    mutual: r.member_count === 2, cycleCount: r.cycles.length, institutions: r.institution_ids.map((id) => names.get(id) ?? String(id)),
    members: present(q.allMembers ? r.members : r.members.slice(0, LIST_MEMBERS)),
  }));
  return { scanDate: scan.scan_date, scannedAt: scan.scanned_at, total, items };
}

async function institutionNames(db: Database, ids: number[]) {
  const unique = [...new Set(ids)];
  const rows = unique.length ? await db.selectFrom('institution').select(['id', 'name']).where('id', 'in', unique).execute() : [];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** One circle with its cycles and the guarantees between its members, for the drill into the graph. */
/**
 * Members a circle's drawing shows at most: a circle of thousands drawn whole is a hairball the
 * browser cannot lay out (the bench's circle of 99,000). Beyond it the members on the recorded
 * cycles come first, then the others in member order; the Excel export lists every member.
 */
export const CIRCLE_DRAW_LIMIT = 300;

/** The members a circle's drawing shows: all of a small circle; of a large one, the cycles' members first. */
export function membersToDraw(members: string[], cycles: string[][], limit = CIRCLE_DRAW_LIMIT): string[] {
  if (members.length <= limit) return members;
  const shown = new Set<string>();
  for (const key of [...cycles.flat(), ...members]) {
    if (shown.size >= limit) break;
    shown.add(key);
  }
  return [...shown];
}

export async function getGuaranteeCircle(db: Database, actor: Actor, scanDateIso: string, circleNo: number) {
  const r = await db.selectFrom('guarantee_circle as gc').selectAll('gc').where('gc.scan_date', '=', scanDateIso).where('gc.circle_no', '=', circleNo)
    .where(touchesScope(actor, 'gc.customer_ids')).executeTakeFirst();
  if (!r) throw notFound('guarantee_circle');
  const drawn = membersToDraw(r.members, r.cycles as string[][]);
  const members = (await memberPresenter(db, actor, [drawn]))(drawn);
  const inside = new Set(drawn);
  const drawnIds = drawn.map(customerOf).filter((id): id is number => id !== null);
  const ids = drawnIds.length ? drawnIds : [-1];
  const { rows } = await sql<{ id: number; customer_id: number; party: string; role: string; amount: string | null; contract_no: string | null }>`
    select l.id, l.customer_id, case when l.party_customer_id is not null then 'c' || l.party_customer_id else 'p' || l.related_party_id end as party,
           l.role, l.amount::text as amount, l.contract_no
      from customer_link l
     where l.role in ('01', '02', '03', '04') and (l.customer_id = any(${ids}::int8[]) or l.party_customer_id = any(${ids}::int8[]))
       and l.starts_on <= ${scanDateIso} and (l.ends_on is null or l.ends_on > ${scanDateIso})`.execute(db);
  const roleName = new Map((await db.selectFrom('code_item').select(['code', 'name_zh', 'name_en']).where('table_code', '=', 'relation_role').execute()).map((r) => [r.code, r]));
  const edges = rows.map((l) => (l.role === '02' ? { ...l, from: `c${l.customer_id}`, to: l.party } : { ...l, from: l.party, to: `c${l.customer_id}` }))
    .filter((l) => inside.has(l.from) && inside.has(l.to))
    .map((l) => ({ id: l.id, source: l.from, target: l.to, role: l.role, roleZh: roleName.get(l.role)?.name_zh ?? l.role, roleEn: roleName.get(l.role)?.name_en ?? l.role, amount: l.amount, contractNo: l.contract_no }));
  const names = await institutionNames(db, r.institution_ids);
  return {
    scanDate: r.scan_date, circleNo: r.circle_no, memberCount: r.member_count, loanBalance: r.loan_balance, guaranteedAmount: r.guaranteed_amount,
    longestChain: r.longest_chain, institutions: r.institution_ids.map((id) => names.get(id) ?? String(id)), members, cycles: r.cycles, edges,
    /** Fewer than memberCount when the circle is larger than the drawing shows (CIRCLE_DRAW_LIMIT). */
    membersShown: members.length,
  };
}

export async function listGuaranteeChains(db: Database, actor: Actor, q: { on?: string; page: number; pageSize: number }) {
  const scan = await scanDate(db, q.on);
  if (!scan) return { scanDate: null, total: 0, items: [] };
  const base = db.selectFrom('guarantee_chain as gh').where('gh.scan_date', '=', scan.scan_date).where(touchesScope(actor, 'gh.customer_ids'));
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await base.select(['gh.chain_no', 'gh.length', 'gh.members']).orderBy('gh.length', 'desc').orderBy('gh.chain_no')
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const present = await memberPresenter(db, actor, rows.map((r) => r.members));
  const items = rows.map((r) => ({ chainNo: r.chain_no, length: r.length, members: present(r.members) }));
  return { scanDate: scan.scan_date, total, items };
}

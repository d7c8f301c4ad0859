// Customer links (REL-1, REL-2): a customer tied to another party — a customer of the bank, found
// by number or by identity document, or a related party not (yet) banking with us. Each link has
// the role the party plays towards the customer (relation_role), its sequence number among the
// customer's links, and dates: ending a link takes it out of the current network and keeps it in
// history. Roles are checked against who can hold them (family between persons, an executive is a
// person of a company, a customer never tied to himself).
import { sql } from 'kysely';
import type { Database, Executor, Tx } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { AppError, invalid, notFound, type FieldError } from '../../common/http/errors.ts';
import { parseCreditCode } from '../../common/validators/credit-code.ts';
import { parseOrganizationCode } from '../../common/validators/organization-code.ts';
import { parseResidentId } from '../../common/validators/resident-id.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { customerInScope } from '../customers/customer.queries.ts';
import type { CreateLink } from './link.schema.ts';
import { maskPartyName } from './party-mask.ts';

/** Credit relations (担保): the party guarantees (01), is guaranteed by (02), mortgages (03) or pledges (04) for the customer. */
export const CREDIT_ROLES = ['01', '02', '03', '04'] as const;
const FAMILY_ROLES = new Set(['05', '06', '07', '08', '09', '10', '11']);
const SHAREHOLDER = '12';
/** Roles a natural person holds in a company: executive, legal representative. */
const PERSON_IN_COMPANY = new Set(['13', '15']);
const EMPLOYER = '14';
const RESIDENT_ID_TYPES = new Set(['10', '21']);

const userOf = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);

interface Party { customerId: number | null; relatedPartyId: number | null; category: '1' | '2'; name: string }

async function lockCustomer(tx: Tx, actor: Actor, id: number) {
  const c = await tx.selectFrom('customer').select(['id', 'kind', 'status', 'customer_no', 'name']).where('id', '=', id)
    .where(customerInScope(actor)).forUpdate().executeTakeFirst();
  if (!c) throw notFound('customer');
  if (c.status !== 'active') throw invalid({ path: 'id', code: 'customers.not_active' });
  return c;
}

/** The document checked and normalised as the customer screens check it; its field error otherwise. */
export function checkDocument(category: '1' | '2', idType: string, idNumber: string): { number: string } | FieldError {
  const path = 'party.idNumber';
  const raw = idNumber.trim().toUpperCase();
  if (category === '2' && RESIDENT_ID_TYPES.has(idType)) {
    const r = parseResidentId(raw, { today: businessToday() });
    return r.ok ? { number: r.normalized } : { path, code: `customers.resident_id.${r.error}` };
  }
  if (category === '1' && idType === '08') {
    const r = parseCreditCode(raw);
    return r.ok ? { number: r.normalized } : { path, code: `customers.credit_code.${r.error}` };
  }
  if (category === '1' && idType === '02') {
    const r = parseOrganizationCode(raw);
    return r.ok ? { number: r.normalized } : { path, code: `customers.organization_code.${r.error}` };
  }
  return { number: raw };
}

/** The bank's customer holding this document, if any: a link to him is a link to the customer, not to a stranger. */
async function customerByDocument(db: Executor, category: '1' | '2', idType: string, number: string) {
  if (category === '2') {
    return db.selectFrom('customer_identity as d').innerJoin('customer as c', 'c.id', 'd.customer_id').select(['c.id', 'c.name', 'c.kind', 'c.status'])
      .where('d.id_type', '=', idType).where('d.id_number', '=', number).executeTakeFirst();
  }
  if (idType !== '08' && idType !== '02') return undefined;
  return db.selectFrom('corporate_customer as cc').innerJoin('customer as c', 'c.id', 'cc.customer_id').select(['c.id', 'c.name', 'c.kind', 'c.status'])
    .where(idType === '08' ? 'cc.credit_code' : 'cc.organization_code', '=', number).where('c.status', '<>', 'merged').executeTakeFirst();
}

async function resolveParty(tx: Tx, actor: Actor, customerId: number, input: CreateLink['party']): Promise<Party> {
  if (input.by === 'customerNo') {
    // Any customer of the bank may be the party (a guarantor banks at another branch); what the
    // reader of the link sees of him is masked unless he is in the reader's charge.
    const p = await tx.selectFrom('customer').select(['id', 'name', 'kind', 'status']).where('customer_no', '=', input.customerNo).executeTakeFirst();
    if (!p || p.status !== 'active') throw invalid({ path: 'party.customerNo', code: 'network.party_not_found', params: { customerNo: input.customerNo } });
    if (p.id === customerId) throw invalid({ path: 'party.customerNo', code: 'network.self_link' });
    return { customerId: p.id, relatedPartyId: null, category: p.kind === 'corporate' ? '1' : '2', name: p.name };
  }
  const table = input.partyCategory === '1' ? 'corporate_certificate_type' : 'id_type';
  const known = await tx.selectFrom('code_item').select('code').where('table_code', '=', table).where('code', '=', input.idType).where('active', '=', true).executeTakeFirst();
  if (!known) throw invalid({ path: 'party.idType', code: 'codes.item.unknown', params: { table, code: input.idType } });
  const doc = checkDocument(input.partyCategory, input.idType, input.idNumber);
  if ('path' in doc) throw invalid(doc);
  const customer = await customerByDocument(tx, input.partyCategory, input.idType, doc.number);
  if (customer) {
    if (customer.id === customerId) throw invalid({ path: 'party.idNumber', code: 'network.self_link' });
    // A typo in the name or the number would tie the wrong person: both must agree.
    if (customer.name !== input.name) throw invalid({ path: 'party.name', code: 'network.party_name_mismatch', params: { name: maskPartyName(customer.kind, customer.name) } });
    return { customerId: customer.id, relatedPartyId: null, category: input.partyCategory, name: customer.name };
  }
  const existing = await tx.selectFrom('related_party').select(['id', 'name', 'customer_id']).where('party_category', '=', input.partyCategory)
    .where('id_type', '=', input.idType).where('id_number', '=', doc.number).executeTakeFirst();
  if (existing) {
    if (existing.name !== input.name) throw invalid({ path: 'party.name', code: 'network.party_name_mismatch', params: { name: maskPartyName(input.partyCategory === '1' ? 'corporate' : 'personal', existing.name) } });
    return { customerId: null, relatedPartyId: existing.id, category: input.partyCategory, name: existing.name };
  }
  const created = await tx.insertInto('related_party').values({ party_category: input.partyCategory, name: input.name, id_type: input.idType, id_number: doc.number, created_by: userOf(actor) })
    .onConflict((oc) => oc.columns(['party_category', 'id_type', 'id_number']).doUpdateSet({ name: (eb) => eb.ref('related_party.name') }))
    .returning(['id', 'name']).executeTakeFirstOrThrow();
  if (created.name !== input.name) throw invalid({ path: 'party.name', code: 'network.party_name_mismatch', params: { name: maskPartyName(input.partyCategory === '1' ? 'corporate' : 'personal', created.name) } });
  return { customerId: null, relatedPartyId: created.id, category: input.partyCategory, name: created.name };
}

/** Who may hold a role towards whom; every violation at once. */
function roleErrors(customerKind: 'personal' | 'corporate', party: Party, input: CreateLink): FieldError[] {
  const errors: FieldError[] = [];
  const partyPerson = party.category === '2';
  if (FAMILY_ROLES.has(input.role) && (customerKind !== 'personal' || !partyPerson)) errors.push({ path: 'role', code: 'network.family_persons_only' });
  if (PERSON_IN_COMPANY.has(input.role) && (customerKind !== 'corporate' || !partyPerson)) errors.push({ path: 'role', code: 'network.person_in_company_only' });
  if (input.role === EMPLOYER && (customerKind !== 'personal' || partyPerson)) errors.push({ path: 'role', code: 'network.employer_company_of_person' });
  if ((input.role === SHAREHOLDER || input.role === '16') && customerKind !== 'corporate') errors.push({ path: 'role', code: 'network.company_only' });
  if (input.role === SHAREHOLDER && !input.sharePct) errors.push({ path: 'sharePct', code: 'network.share_required' });
  if (input.role !== SHAREHOLDER && input.sharePct) errors.push({ path: 'sharePct', code: 'network.share_shareholders_only' });
  if (input.sharePct && (Number(input.sharePct) <= 0 || Number(input.sharePct) > 100)) errors.push({ path: 'sharePct', code: 'network.percent_format' });
  if (input.amount && !(CREDIT_ROLES as readonly string[]).includes(input.role)) errors.push({ path: 'amount', code: 'network.amount_credit_only' });
  if (input.startsOn && input.startsOn > businessToday()) errors.push({ path: 'startsOn', code: 'network.starts_in_future' });
  return errors;
}

export async function createLink(db: Database, actor: Actor, customerId: number, input: CreateLink) {
  const role = await db.selectFrom('code_item').select('name_zh').where('table_code', '=', 'relation_role').where('code', '=', input.role).where('active', '=', true).executeTakeFirst();
  if (!role) throw invalid({ path: 'role', code: 'codes.item.unknown', params: { table: 'relation_role', code: input.role } });
  try {
    return await db.transaction().execute(async (tx) => {
      const c = await lockCustomer(tx, actor, customerId);
      const party = await resolveParty(tx, actor, customerId, input.party);
      const errors = roleErrors(c.kind, party, input);
      if (errors.length) throw invalid(...errors);
      // Under the customer's row lock: the next number is his alone.
      const { next } = (await sql<{ next: number }>`select coalesce(max(seq), 0) + 1 as next from customer_link where customer_id = ${customerId}`.execute(tx)).rows[0]!;
      const row = await tx.insertInto('customer_link').values({
        customer_id: customerId, seq: next, party_customer_id: party.customerId, related_party_id: party.relatedPartyId, role: input.role,
        share_pct: input.sharePct ?? null, contract_no: input.contractNo?.trim() || null, account_no: input.accountNo?.trim() || null,
        amount: input.amount ?? null, starts_on: input.startsOn ?? businessToday(), remark: input.remark?.trim() || null, created_by: userOf(actor),
      }).returning(['id', 'seq']).executeTakeFirstOrThrow();
      await writeAudit(tx, actor, { action: 'customer.link.create', entityType: 'customer', entityId: customerId,
        after: { linkId: row.id, seq: row.seq, customerNo: c.customer_no, role: input.role, party: party.customerId ? { customerId: party.customerId } : { relatedPartyId: party.relatedPartyId },
          partyName: maskPartyName(party.category === '1' ? 'corporate' : 'personal', party.name), contractNo: input.contractNo ?? null, amount: input.amount ?? null } });
      return { id: row.id, seq: row.seq };
    });
  } catch (err) {
    const e = err as { code?: string; constraint?: string; message?: string };
    if (e.code === '23505' && /customer_link_open_key/.test(`${e.constraint ?? ''} ${e.message ?? ''}`)) throw new AppError('network.link_exists', 409);
    throw err;
  }
}

export async function endLink(db: Database, actor: Actor, customerId: number, linkId: number, body: { endsOn?: string; reason: string }) {
  return db.transaction().execute(async (tx) => {
    const c = await lockCustomer(tx, actor, customerId);
    const link = await tx.selectFrom('customer_link').select(['id', 'seq', 'starts_on', 'ends_on', 'role', 'source']).where('id', '=', linkId).where('customer_id', '=', customerId).executeTakeFirst();
    if (!link) throw notFound('customer_link');
    if (link.ends_on !== null) throw invalid({ path: 'id', code: 'network.link_ended', params: { endsOn: link.ends_on } });
    // The core system's guarantee contracts are the core's: the feed ends them when they leave its
    // list (feed/load-guarantees.ts); ended here, the next day's file would only bring them back.
    if (link.source === 'feed') throw invalid({ path: 'id', code: 'network.link_from_feed' });
    const endsOn = body.endsOn ?? businessToday();
    if (endsOn < link.starts_on) throw invalid({ path: 'endsOn', code: 'network.ends_before_start', params: { startsOn: link.starts_on } });
    await tx.updateTable('customer_link').set({ ends_on: endsOn, ended_by: userOf(actor), ended_at: new Date(), end_reason: body.reason.trim() }).where('id', '=', linkId).execute();
    await writeAudit(tx, actor, { action: 'customer.link.end', entityType: 'customer', entityId: customerId,
      before: { linkId, seq: link.seq, role: link.role, endsOn: null }, after: { linkId, customerNo: c.customer_no, endsOn, reason: body.reason.trim() } });
    return { id: linkId, endsOn };
  });
}

/** In force on `on`: started by then and not ended by then (an end date is the first day without the link). */
export const inForce = (on: string) => sql<boolean>`(l.starts_on <= ${on} and (l.ends_on is null or l.ends_on > ${on}))`;

/** A customer's links, newest first, with the party as the reader may see him. */
export async function listLinks(db: Database, actor: Actor, customerId: number, opts: { ended: boolean }) {
  const c = await db.selectFrom('customer').select(['id']).where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');
  const today = businessToday();
  let q = db.selectFrom('customer_link as l')
    .leftJoin('customer as pc', 'pc.id', 'l.party_customer_id')
    .leftJoin('related_party as rp', 'rp.id', 'l.related_party_id')
    .leftJoin('code_item as r', (j) => j.on('r.table_code', '=', 'relation_role').onRef('r.code', '=', 'l.role'))
    .select(['l.id', 'l.seq', 'l.role', 'r.name_zh as roleZh', 'r.name_en as roleEn', 'l.share_pct as sharePct', 'l.contract_no as contractNo', 'l.account_no as accountNo',
      'l.amount', 'l.starts_on as startsOn', 'l.ends_on as endsOn', 'l.remark', 'l.source', 'l.end_reason as endReason',
      'l.party_customer_id as partyCustomerId', 'pc.customer_no as partyCustomerNo', 'pc.kind as partyKind', 'pc.name as partyCustomerName',
      'l.related_party_id as relatedPartyId', 'rp.name as relatedName', 'rp.party_category as relatedCategory'])
    .select(sql<boolean>`(pc.id is not null and ${customerInScope(actor, 'pc')})`.as('partyVisible'))
    .where('l.customer_id', '=', customerId);
  if (!opts.ended) q = q.where(inForce(today));
  const rows = await q.orderBy('l.seq', 'desc').execute();
  const items = rows.map((r) => {
    const kind = r.partyKind ?? (r.relatedCategory === '1' ? 'corporate' : 'personal');
    const name = r.partyCustomerName ?? r.relatedName ?? '';
    const visible = r.partyCustomerId === null ? true : r.partyVisible;
    return {
      id: r.id, seq: r.seq, role: r.role, roleZh: r.roleZh, roleEn: r.roleEn, sharePct: r.sharePct, contractNo: r.contractNo, accountNo: r.accountNo,
      amount: r.amount, startsOn: r.startsOn, endsOn: r.endsOn, endReason: r.endReason, remark: r.remark, source: r.source,
      party: {
        kind, isCustomer: r.partyCustomerId !== null, customerId: visible ? r.partyCustomerId : null,
        customerNo: visible ? r.partyCustomerNo : null, name: visible ? name : maskPartyName(kind, name), masked: !visible,
      },
      current: r.startsOn <= today && (r.endsOn === null || r.endsOn > today),
    };
  });
  // 关联方数: the distinct parties of the links in force, counted by who they are, not by what the reader sees.
  const parties = new Set(rows.filter((_, i) => items[i]!.current).map((r) => (r.partyCustomerId !== null ? `c${r.partyCustomerId}` : `p${r.relatedPartyId}`)));
  return { partyCount: parties.size, items };
}

// The guarantees file (REL-1: links from the core system): every guarantee contract in force in
// the core on the business date — the loan contract it secures, the borrower, the guarantor (a
// customer by number, or a party by identity document) and its role towards the borrower (01
// 担保人 guarantor, 03 抵押人 mortgagor, 04 质押人 pledgor), the amount guaranteed, the start.
//
// The file is the core's whole list, not the day's changes: a guarantee in it and not yet linked
// becomes a link (source 'feed', the next sequence numbers of the borrower); one already linked has
// its amount brought up to date; a link the feed made that is no longer in the file ends on the
// business date (history kept). Links keyed on the screen are never touched: a guarantee the
// clerk already keyed under the same contract counts as linked. A day without the file changes
// nothing (an empty file ends every feed guarantee). A guarantor who is not a customer is kept as
// a related party (found again by his document, and re-pointed when he opens with the bank).
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { CopyIn } from '../../db/copy-in.ts';
import { hiddenCharacter } from '../../common/text.ts';
import { ANALYZE_FROM_ROWS } from '../../db/statistics.ts';
import { MONEY_RE } from '../accounts/balances/balance.service.ts';
import { checkDocument } from '../network/link.service.ts';
import { feedDate, type FeedRecord, type Rejection } from './read-file.ts';
import { Stage } from './stage.ts';

/** The guarantor's role towards the borrower, as the file codes it (relation_role's credit roles but 02, which is the borrower's own). */
export const GUARANTEE_ROLES = new Set(['01', '03', '04']);
const CUSTOMER_NO_RE = /^\d{1,11}$/;

export interface GuaranteeCounts { guarantees: number; linksAdded: number; linksUpdated: number; linksEnded: number; relatedPartiesAdded: number }

export class GuaranteeFeed {
  private stage: Stage;
  private seen = new Set<string>();
  constructor(private tx: Tx, private file: string, private reject: (r: Rejection) => void, copyIn: CopyIn | null = null) {
    this.stage = new Stage(tx, 'feed_guarantee', [
      { name: 'line', type: 'int4' }, { name: 'contract_no', type: 'text' }, { name: 'customer_no', type: 'text' }, { name: 'role', type: 'text' },
      { name: 'guarantor_customer_no', type: 'text' }, { name: 'guarantor_category', type: 'text' }, { name: 'guarantor_name', type: 'text' },
      { name: 'guarantor_id_type', type: 'text' }, { name: 'guarantor_id_no', type: 'text' }, { name: 'amount', type: 'numeric' }, { name: 'starts_on', type: 'date' },
    ], 20_000, copyIn);
  }
  async init() { await this.stage.create(); }

  async add(rec: FeedRecord) {
    const [contractNo, customerNo, role, guarantorNo, category, name, idType, idNo, amount, starts] = (rec.values as string[]).map((v) => v ?? '');
    let ok = true;
    const bad = (field: string, code: string, value?: string) => { this.reject({ file: this.file, line: rec.line, field, code, value }); ok = false; };
    if (!contractNo) bad('contract_no', 'feed.required');
    else if (contractNo.length > 40) bad('contract_no', 'feed.too_long');
    else if (hiddenCharacter(contractNo, 'single')) bad('contract_no', hiddenCharacter(contractNo, 'single')!.code);
    if (!CUSTOMER_NO_RE.test(customerNo!)) bad('customer_no', 'feed.customer_no', customerNo);
    if (!GUARANTEE_ROLES.has(role!)) bad('role', 'feed.code_unknown', role);
    let idNumber: string | null = null;
    if (guarantorNo) {
      if (!CUSTOMER_NO_RE.test(guarantorNo)) bad('guarantor_customer_no', 'feed.customer_no', guarantorNo);
      // One way of naming the guarantor: a number and a document could name two people.
      if (category || name || idType || idNo) bad('guarantor_id_no', 'feed.guarantor_twice');
    } else {
      if (category !== '1' && category !== '2') bad('guarantor_category', category ? 'feed.code_unknown' : 'feed.guarantor_missing', category);
      if (!name) bad('guarantor_name', 'feed.required');
      else if (name.length > 160) bad('guarantor_name', 'feed.too_long');
      else if (hiddenCharacter(name, 'single')) bad('guarantor_name', hiddenCharacter(name, 'single')!.code);
      if (!/^\d{2,3}$/.test(idType!)) bad('guarantor_id_type', idType ? 'feed.code_unknown' : 'feed.required', idType);
      if (!idNo) bad('guarantor_id_no', 'feed.required');
      else if (idNo.length > 40) bad('guarantor_id_no', 'feed.too_long');
      else if (category === '1' || category === '2') {
        // The customer screens' rules for the document (check digits, formats).
        const doc = checkDocument(category, idType!, idNo);
        if ('code' in doc) bad('guarantor_id_no', doc.code, idNo); else idNumber = doc.number;
      }
    }
    if (amount && (!MONEY_RE.test(amount) || amount.startsWith('-'))) bad('amount', 'feed.money_format', amount);
    const startsOn = feedDate(starts!);
    if (!startsOn) bad('starts_on', starts ? 'feed.date_format' : 'feed.required', starts);
    if (!ok) return;
    const key = `${customerNo}|${guarantorNo || `${category}:${idType}:${idNumber}`}|${role}|${contractNo}`;
    if (this.seen.has(key)) { bad('contract_no', 'feed.duplicate_in_file', contractNo); return; }
    this.seen.add(key);
    await this.stage.push([rec.line, contractNo, customerNo, role, guarantorNo || null, guarantorNo ? null : category, guarantorNo ? null : name,
      guarantorNo ? null : idType, idNumber, amount || null, startsOn]);
  }

  /** Checks the staged guarantees against the book, then brings the feed's links in line with them; null when a row is refused. */
  async finish(businessDate: string): Promise<GuaranteeCounts | null> {
    await this.stage.done();
    this.seen.clear();
    const tx = this.tx;
    // Each staged row with its borrower and its guarantor resolved (a merged customer's old number
    // resolves to the survivor, as for accounts): a customer by number, else the customer holding
    // the document, else the related party holding it (null: a new one).
    await sql`
      create temp table feed_guarantee_resolved on commit drop as
      select s.line, s.contract_no, s.customer_no, s.role, s.amount, s.starts_on, s.guarantor_customer_no, s.guarantor_category, s.guarantor_name,
        s.guarantor_id_type, s.guarantor_id_no, coalesce(b.merged_into, b.id) as customer_id, b.status as customer_status,
        coalesce(g.merged_into, g.id, d.customer_id) as party_customer_id, g.status as guarantor_status, d.name as document_customer_name,
        rp.id as related_party_id, rp.name as related_party_name
      from feed_guarantee s
      left join customer b on b.customer_no = s.customer_no
      left join customer g on g.customer_no = s.guarantor_customer_no
      left join lateral (
        select coalesce(c.merged_into, c.id) as customer_id, c.name from customer_identity i join customer c on c.id = i.customer_id
         where s.guarantor_category = '2' and i.id_type = s.guarantor_id_type and i.id_number = s.guarantor_id_no and c.status <> 'deleted'
        union all
        select coalesce(c.merged_into, c.id), c.name from corporate_customer cc join customer c on c.id = cc.customer_id
         where s.guarantor_category = '1' and c.status <> 'deleted'
           and ((s.guarantor_id_type = '08' and cc.credit_code = s.guarantor_id_no) or (s.guarantor_id_type = '02' and cc.organization_code = s.guarantor_id_no))
        limit 1) d on s.guarantor_customer_no is null
      left join related_party rp on s.guarantor_customer_no is null and d.customer_id is null and rp.party_category = s.guarantor_category
        and rp.id_type = s.guarantor_id_type and rp.id_number = s.guarantor_id_no`.execute(tx);
    if (this.stage.count >= ANALYZE_FROM_ROWS) await sql`analyze feed_guarantee_resolved`.execute(tx);
    const problems = await sql<{ line: number; field: string; code: string; value: string | null }>`
      select r.line, x.field, x.code, x.value from feed_guarantee_resolved r
      left join code_item t on r.guarantor_customer_no is null and t.active
        and t.table_code = case r.guarantor_category when '1' then 'corporate_certificate_type' else 'id_type' end and t.code = r.guarantor_id_type
      cross join lateral (values
        ('customer_no', 'feed.customer_unknown', r.customer_no, r.customer_id is null or r.customer_status = 'deleted'),
        ('guarantor_customer_no', 'feed.customer_unknown', r.guarantor_customer_no,
          r.guarantor_customer_no is not null and (r.party_customer_id is null or r.guarantor_status = 'deleted')),
        ('guarantor_id_type', 'feed.code_unknown', r.guarantor_id_type, r.guarantor_customer_no is null and t.code is null),
        ('contract_no', 'feed.contract_unknown', r.contract_no, r.customer_id is not null
          and not exists (select 1 from account a where a.contract_no = r.contract_no and a.kind = 'loan' and a.customer_id = r.customer_id)),
        ('starts_on', 'feed.starts_after_day', r.starts_on::text, r.starts_on > ${businessDate}::date),
        ('guarantor_customer_no', 'feed.self_guarantee', coalesce(r.guarantor_customer_no, r.guarantor_name), r.party_customer_id = r.customer_id),
        -- A typo in the name or the number would tie the wrong person: both must agree, as on the screen.
        ('guarantor_name', 'feed.guarantor_name_mismatch', r.guarantor_name,
          r.guarantor_name <> coalesce(r.document_customer_name, r.related_party_name, r.guarantor_name))) x(field, code, value, failed)
      where x.failed order by r.line, x.field limit 1000`.execute(tx);
    for (const p of problems.rows) this.reject({ file: this.file, line: p.line, field: p.field, code: p.code, value: p.value ?? undefined });
    if (problems.rows.length) return null;

    // Strangers first kept as related parties (one per document, however many loans they secure).
    const parties = await sql<{ n: string }>`
      with added as (
        insert into related_party (party_category, name, id_type, id_number)
        select distinct on (guarantor_category, guarantor_id_type, guarantor_id_no) guarantor_category, guarantor_name, guarantor_id_type, guarantor_id_no
          from feed_guarantee_resolved where guarantor_customer_no is null and party_customer_id is null and related_party_id is null
          order by guarantor_category, guarantor_id_type, guarantor_id_no, line
        on conflict (party_category, id_type, id_number) do nothing returning id)
      select count(*) as n from added`.execute(tx);
    // Read back by document (also one a clerk keyed meanwhile, which the insert left alone).
    await sql`
      update feed_guarantee_resolved r set related_party_id = rp.id from related_party rp
       where r.guarantor_customer_no is null and r.party_customer_id is null and r.related_party_id is null
         and rp.party_category = r.guarantor_category and rp.id_type = r.guarantor_id_type and rp.id_number = r.guarantor_id_no`.execute(tx);
    const party = sql`coalesce(r.party_customer_id, -r.related_party_id)`;
    const linkParty = sql`coalesce(l.party_customer_id, -l.related_party_id)`;
    const sameLink = sql`l.customer_id = r.customer_id and ${linkParty} = ${party} and l.role = r.role and coalesce(l.contract_no, '') = r.contract_no`;
    // The borrowers' rows locked in id order: a clerk keying a link meanwhile takes the next
    // sequence number after the feed's, not the same one.
    await sql`select count(*) from (select c.id from customer c where c.id in (select customer_id from feed_guarantee_resolved) order by c.id for update) x`.execute(tx);
    const ended = await sql`
      update customer_link l set ends_on = ${businessDate}::date, ended_at = now(), end_reason = ${`feed ${businessDate}: no longer in the core's guarantees`}
       where l.source = 'feed' and l.ends_on is null and l.role in ('01', '03', '04') and l.starts_on <= ${businessDate}::date
         and not exists (select 1 from feed_guarantee_resolved r where ${sameLink})`.execute(tx);
    const updated = await sql`
      update customer_link l set amount = r.amount from feed_guarantee_resolved r
       where l.source = 'feed' and l.ends_on is null and ${sameLink} and l.amount is distinct from r.amount`.execute(tx);
    const added = await sql`
      insert into customer_link (customer_id, seq, party_customer_id, related_party_id, role, contract_no, amount, starts_on, source, remark)
      select r.customer_id, coalesce(m.seq, 0) + row_number() over (partition by r.customer_id order by r.line), r.party_customer_id,
             case when r.party_customer_id is null then r.related_party_id end, r.role, r.contract_no, r.amount, r.starts_on, 'feed', '核心系统担保合同'
        from feed_guarantee_resolved r
        left join lateral (select max(seq) as seq from customer_link where customer_id = r.customer_id) m on true
       where not exists (select 1 from customer_link l where l.ends_on is null and ${sameLink})`.execute(tx);
    return {
      guarantees: this.stage.count, linksAdded: Number(added.numAffectedRows ?? 0), linksUpdated: Number(updated.numAffectedRows ?? 0),
      linksEnded: Number(ended.numAffectedRows ?? 0), relatedPartiesAdded: Number(parties.rows[0]?.n ?? 0),
    };
  }
}

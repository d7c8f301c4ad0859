// The moves of a customer merge, one function per kind of record that points at a customer. Each
// runs inside the merge's transaction and keeps the rules of its table: at most three identity
// documents, one primary address per type, one current certificate per type, one primary
// manager, one open flag per pair. Field history stays where it was written (see merge.service.ts).
import { businessToday } from '../../../common/business-date.ts';
import { sql } from 'kysely';
import type { Tx } from '../../../db/database.ts';
import type { ChangedBy } from '../blacklist/blacklist.service.ts';
import { cancelTodos } from '../../todos/todo.service.ts';
import { demotePrimary } from '../address/address.service.ts';
import { EXPIRY_TODO } from '../certificates/certificate.service.ts';
import { columnsOf as notesColumns, notesOf, writeNotesHistory } from '../credit-info/credit-info.non-financial.ts';
import { NON_FINANCIAL_FIELDS } from '../credit-info/credit-info.schema.ts';

const ROLE_RANK = { assistant: 1, assisting: 2, primary: 3 } as const;
type Role = keyof typeof ROLE_RANK;

/** Identity documents of the merged record follow the survivor's, numbered on. Returns the survivor's documents before and after. */
export async function moveIdentities(tx: Tx, survivorId: number, mergedId: number) {
  const docs = await tx.selectFrom('customer_identity').select(['customer_id', 'seq', 'id_type', 'id_number']).where('customer_id', 'in', [survivorId, mergedId]).orderBy('seq').execute();
  const kept = docs.filter((d) => d.customer_id === survivorId);
  const moving = docs.filter((d) => d.customer_id === mergedId);
  let seq = kept.reduce((max, d) => Math.max(max, d.seq), 0);
  for (const d of moving) {
    await tx.updateTable('customer_identity').set({ customer_id: survivorId, seq: ++seq }).where('customer_id', '=', mergedId).where('seq', '=', d.seq).execute();
  }
  const text = (list: typeof docs) => list.map((d) => `${d.id_type}:${d.id_number}`).join(';');
  return { before: text(kept), after: text([...kept, ...moving]), moved: moving.length };
}

/** Addresses move; where both records have a primary of a type, the survivor's stays primary. */
export async function moveAddresses(tx: Tx, by: ChangedBy, survivorId: number, mergedId: number) {
  const clashing = await tx.selectFrom('customer_address as m').select('m.address_type').distinct()
    .where('m.customer_id', '=', mergedId).where('m.is_primary', '=', true)
    .where((eb) => eb.exists(eb.selectFrom('customer_address as s').select('s.id').whereRef('s.address_type', '=', 'm.address_type')
      .where('s.customer_id', '=', survivorId).where('s.is_primary', '=', true)))
    .execute();
  for (const t of clashing) await demotePrimary(tx, by, mergedId, t.address_type, null, 'merge');
  const r = await tx.updateTable('customer_address').set({ customer_id: survivorId, updated_at: new Date() }).where('customer_id', '=', mergedId).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Certificates move. Where both records hold a current certificate of a type that allows one,
 * the later-issued stays current and the other is superseded by it (the survivor's on a tie),
 * as recording a renewal does, expiry reminder withdrawn included.
 */
export async function moveCertificates(tx: Tx, by: ChangedBy, survivorId: number, mergedId: number, reason: string) {
  const pairs = await tx.selectFrom('certificate as m')
    .innerJoin('certificate as s', (j) => j.onRef('s.cert_type', '=', 'm.cert_type').on('s.customer_id', '=', survivorId).on('s.status', '=', 'current'))
    .select(['m.id as mergedCert', 's.id as survivorCert', 'm.issued_on as mergedIssued', 's.issued_on as survivorIssued'])
    .where('m.customer_id', '=', mergedId).where('m.status', '=', 'current').where('m.cert_type', 'not in', ['07', '99']).execute();
  for (const p of pairs) {
    const mergedIsNewer = p.mergedIssued !== null && (p.survivorIssued === null || p.mergedIssued > p.survivorIssued);
    const [keep, retire] = mergedIsNewer ? [p.mergedCert, p.survivorCert] : [p.survivorCert, p.mergedCert];
    await tx.updateTable('certificate').set((eb) => ({ status: 'superseded', superseded_by: keep, status_reason: reason, updated_by: by.userId, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', retire).execute();
    await cancelTodos(tx, { type: 'certificate', id: retire }, EXPIRY_TODO);
  }
  const r = await tx.updateTable('certificate').set({ customer_id: survivorId }).where('customer_id', '=', mergedId).executeTakeFirst();
  return { moved: Number(r.numUpdatedRows), superseded: pairs.length };
}

/**
 * Rows that only carry the customer id move as they are (accounts: the core system will re-point
 * them too; scans, document flows and archive positions: the paper and its images are the survivor's now).
 */
export async function moveOwned(tx: Tx, table: 'blacklist_entry' | 'risk_assessment' | 'account' | 'account_alert' | 'customer_image' | 'document_flow' | 'archive_position',
  survivorId: number, mergedId: number) {
  const r = await tx.updateTable(table).set({ customer_id: survivorId }).where('customer_id', '=', mergedId).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * The merged record's managers join the survivor's. The survivor keeps its primary manager; the
 * merged record's primary becomes an assisting manager. A person on both keeps the higher role.
 */
export async function moveManagers(tx: Tx, survivorId: number, mergedId: number) {
  // Relations are history (migration 0037): the open ones move; the merged record's are ended today, not deleted.
  const today = businessToday();
  const end = { ends_on: today, ended_at: new Date(), end_reason: 'merged' };
  const rows = await tx.selectFrom('customer_manager').selectAll().where('customer_id', 'in', [survivorId, mergedId]).where('ends_on', 'is', null).execute();
  const onSurvivor = new Map(rows.filter((r) => r.customer_id === survivorId).map((r) => [r.user_id, r.role as Role]));
  const moved: { userId: number; role: Role }[] = [];
  for (const r of rows.filter((x) => x.customer_id === mergedId)) {
    const role: Role = r.role === 'primary' ? 'assisting' : r.role;
    const current = onSurvivor.get(r.user_id);
    if (current === undefined) {
      await tx.insertInto('customer_manager').values({ customer_id: survivorId, user_id: r.user_id, role, since: today }).execute();
    } else if (ROLE_RANK[role] > ROLE_RANK[current]) {
      await tx.updateTable('customer_manager').set(end).where('customer_id', '=', survivorId).where('user_id', '=', r.user_id).where('ends_on', 'is', null).execute();
      await tx.insertInto('customer_manager').values({ customer_id: survivorId, user_id: r.user_id, role, since: today }).execute();
    }
    moved.push({ userId: r.user_id, role: current && ROLE_RANK[current] >= ROLE_RANK[role] ? current : role });
  }
  await tx.updateTable('customer_manager').set(end).where('customer_id', '=', mergedId).where('ends_on', 'is', null).execute();
  return moved;
}

/** Companies whose legal representative was the merged person now name the survivor. */
export async function moveLegalRepReferences(tx: Tx, by: ChangedBy, survivorId: number, mergedId: number) {
  const rows = await tx.updateTable('corporate_customer').set({ legal_rep_customer_id: survivorId })
    .where('legal_rep_customer_id', '=', mergedId).returning('customer_id').execute();
  for (const r of rows) {
    await tx.updateTable('customer').set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', r.customer_id).execute();
    await tx.insertInto('customer_history').values({ customer_id: r.customer_id, field: 'legalRepCustomerId', old_value: String(mergedId),
      new_value: String(survivorId), source: 'merge', changed_by: by.userId, request_id: by.requestId }).execute();
  }
  return rows.map((r) => r.customer_id);
}

/**
 * The flag between the two records is resolved as merged. Other open flags of the merged record
 * now concern the survivor, unless the survivor already has that flag (open or decided): then
 * the old one is closed as merged too, so a dismissal is not reopened.
 */
export async function resolveDuplicates(tx: Tx, by: ChangedBy, survivorId: number, mergedId: number, reason: string) {
  const close = (id: number) => tx.updateTable('customer_duplicate')
    .set({ status: 'merged', resolved_by: by.userId, resolved_at: new Date(), resolution_reason: reason }).where('id', '=', id).execute();
  const open = await tx.selectFrom('customer_duplicate').selectAll().where('status', '=', 'open')
    .where((eb) => eb.or([eb('customer_id', '=', mergedId), eb('other_id', '=', mergedId)])).orderBy('id').forUpdate().execute();
  let closed = 0;
  let repointed = 0;
  for (const d of open) {
    const third = d.customer_id === mergedId ? d.other_id : d.customer_id;
    const taken = third === survivorId || (await tx.selectFrom('customer_duplicate').select('id').where('reason', '=', d.reason)
      .where(sql<boolean>`least(customer_id, other_id) = least(${survivorId}::bigint, ${third}::bigint) and greatest(customer_id, other_id) = greatest(${survivorId}::bigint, ${third}::bigint)`)
      .executeTakeFirst()) !== undefined;
    if (taken) { await close(d.id); closed++; continue; }
    await tx.updateTable('customer_duplicate').set({ customer_id: d.customer_id === mergedId ? survivorId : d.customer_id, other_id: d.other_id === mergedId ? survivorId : d.other_id })
      .where('id', '=', d.id).execute();
    repointed++;
  }
  return { closed, repointed };
}

/** Open and closed to-dos about the merged record now point at the survivor. */
export async function moveTodos(tx: Tx, survivorId: number, mergedId: number) {
  const r = await tx.updateTable('todo').set({ entity_id: String(survivorId) }).where('entity_type', '=', 'customer').where('entity_id', '=', String(mergedId)).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * CIF-28 credit information moves to the survivor. Where both records hold the same thing — a
 * statement of one period, an investment in one investee, one account at one bank — the merged
 * record's copy is kept but marked deleted, so nothing is counted twice; of two statements of a
 * period the audited one wins (the survivor's on a tie). Non-financial notes: the survivor's
 * stay, its empty notes are filled from the merged record's, with 'merge' history rows.
 */
export async function moveCreditInfo(tx: Tx, by: ChangedBy, survivorId: number, mergedId: number) {
  const retire = (table: 'financial_statement' | 'customer_investment' | 'correspondent_bank_account', ids: number[]) => ids.length
    ? tx.updateTable(table).set((eb) => ({ deleted_at: new Date(), deleted_by: by.userId, updated_at: new Date(), version: eb('version', '+', 1) })).where('id', 'in', ids).execute()
    : Promise.resolve();
  const live = <T extends { customer_id: number }>(rows: T[], id: number) => rows.filter((r) => r.customer_id === id);

  const statements = await tx.selectFrom('financial_statement').select(['id', 'customer_id', 'fiscal_year', 'period_type', 'period', 'audited'])
    .where('customer_id', 'in', [survivorId, mergedId]).where('deleted_at', 'is', null).forUpdate().execute();
  const periodOf = (r: (typeof statements)[number]) => `${r.fiscal_year}:${r.period_type}:${r.period}`;
  const survivorPeriods = new Map(live(statements, survivorId).map((r) => [periodOf(r), r]));
  const clashing = live(statements, mergedId).flatMap((m) => { const k = survivorPeriods.get(periodOf(m)); return k ? [m.audited && !k.audited ? k.id : m.id] : []; });
  await retire('financial_statement', clashing);

  const investments = await tx.selectFrom('customer_investment').select(['id', 'customer_id', 'investee_name', 'investee_credit_code'])
    .where('customer_id', 'in', [survivorId, mergedId]).where('deleted_at', 'is', null).execute();
  const held = live(investments, survivorId);
  await retire('customer_investment', live(investments, mergedId).filter((m) => held.some((k) => k.investee_name === m.investee_name
    || (m.investee_credit_code !== null && k.investee_credit_code === m.investee_credit_code))).map((m) => m.id));

  const accounts = await tx.selectFrom('correspondent_bank_account').select(['id', 'customer_id', 'bank_name', 'account_no'])
    .where('customer_id', 'in', [survivorId, mergedId]).where('deleted_at', 'is', null).execute();
  const kept = live(accounts, survivorId);
  await retire('correspondent_bank_account', live(accounts, mergedId).filter((m) => kept.some((k) => k.bank_name === m.bank_name && k.account_no === m.account_no)).map((m) => m.id));

  const moved = async (table: 'financial_statement' | 'customer_investment' | 'correspondent_bank_account') =>
    Number((await tx.updateTable(table).set({ customer_id: survivorId }).where('customer_id', '=', mergedId).executeTakeFirst()).numUpdatedRows);
  const result = { financialStatements: await moved('financial_statement'), investments: await moved('customer_investment'), correspondentBanks: await moved('correspondent_bank_account'), nonFinancial: false };

  const notes = await tx.selectFrom('customer_non_financial').selectAll().where('customer_id', 'in', [survivorId, mergedId]).forUpdate().execute();
  const mine = notes.find((n) => n.customer_id === survivorId);
  const theirs = notes.find((n) => n.customer_id === mergedId);
  if (theirs) {
    const before = notesOf(mine);
    const after = { ...before };
    for (const f of NON_FINANCIAL_FIELDS) if (after[f.key] === null) after[f.key] = notesOf(theirs)[f.key];
    await tx.deleteFrom('customer_non_financial').where('customer_id', '=', mergedId).execute();
    const changed = NON_FINANCIAL_FIELDS.some((f) => before[f.key] !== after[f.key]);
    if (mine && changed) await tx.updateTable('customer_non_financial').set({ ...notesColumns(after), updated_by: by.userId, updated_at: new Date(), version: mine.version + 1 }).where('customer_id', '=', survivorId).execute();
    else if (!mine) await tx.insertInto('customer_non_financial').values({ customer_id: survivorId, ...notesColumns(after), updated_by: by.userId }).execute();
    result.nonFinancial = (await writeNotesHistory(tx, by, survivorId, before, after, 'merge')).length > 0;
  }
  return result;
}

/**
 * Signings (ACC-6) move to the survivor. A customer-level product/service signing the survivor
 * already holds (same product, same bound account) would be the same agreement twice: the merged
 * record's copy is terminated, with the merge as its reason, before the rest move.
 */
export async function moveSignings(tx: Tx, survivorId: number, mergedId: number, today: string) {
  const duplicate = await sql`
    update signing m set status = 'terminated', terminated_on = ${today}::date, termination_reason = '客户合并：存续客户已有同一签约', updated_at = now()
    where m.customer_id = ${mergedId} and m.status = 'active' and m.kind = 'product_service'
      and exists (select 1 from signing s where s.customer_id = ${survivorId} and s.status = 'active' and s.kind = 'product_service'
        and s.product_id = m.product_id and s.account_id is not distinct from m.account_id)`.execute(tx);
  const moved = await tx.updateTable('signing').set({ customer_id: survivorId }).where('customer_id', '=', mergedId).executeTakeFirst();
  return { moved: Number(moved.numUpdatedRows), terminated: Number(duplicate.numAffectedRows ?? 0) };
}

/**
 * Channel limits (ACC-7) of a channel the survivor has none for move over; where the survivor has
 * its own, the merged record's rows stay on the merged record (kept, shown in its history): the
 * later entry wins within a customer, so moving them could silently replace the survivor's limit.
 */
export async function moveChannelLimits(tx: Tx, survivorId: number, mergedId: number) {
  const r = await sql`update channel_limit m set customer_id = ${survivorId}
    where m.customer_id = ${mergedId} and not exists (select 1 from channel_limit s where s.customer_id = ${survivorId} and s.channel = m.channel)`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Links (REL-1) follow the survivor: the merged record's own links move to him with new sequence
 * numbers after his, and links naming the merged record as the party name the survivor. A link
 * between the two records, or one the survivor already has open (same party, role, contract),
 * ends on the merge day and stays with the merged record as history.
 */
export async function moveLinks(tx: Tx, survivorId: number, mergedId: number, today: string) {
  const end = (where: ReturnType<typeof sql<boolean>>) => sql`
    update customer_link l set ends_on = greatest(l.starts_on, ${today}::date), ended_at = now(), end_reason = 'merged'
     where l.ends_on is null and ${where}`.execute(tx);
  await end(sql<boolean>`((l.customer_id = ${mergedId} and l.party_customer_id = ${survivorId}) or (l.customer_id = ${survivorId} and l.party_customer_id = ${mergedId}))`);
  await end(sql<boolean>`l.customer_id = ${mergedId} and exists (select 1 from customer_link s where s.customer_id = ${survivorId} and s.ends_on is null
    and s.role = l.role and coalesce(s.contract_no, '') = coalesce(l.contract_no, '')
    and coalesce(s.party_customer_id, -s.related_party_id) = coalesce(l.party_customer_id, -l.related_party_id))`);
  await end(sql<boolean>`l.party_customer_id = ${mergedId} and exists (select 1 from customer_link s where s.customer_id = l.customer_id and s.ends_on is null
    and s.role = l.role and coalesce(s.contract_no, '') = coalesce(l.contract_no, '') and s.party_customer_id = ${survivorId})`);
  const moved = await sql`
    with base as (select coalesce(max(seq), 0) as top from customer_link where customer_id = ${survivorId}),
    moving as (select l.id, row_number() over (order by l.seq) as n from customer_link l
                where l.customer_id = ${mergedId} and (l.party_customer_id is null or l.party_customer_id <> ${survivorId})
                  and (l.ends_on is null or l.end_reason is distinct from 'merged'))
    update customer_link l set customer_id = ${survivorId}, seq = (select top from base) + moving.n
      from moving where l.id = moving.id`.execute(tx);
  const repointed = await tx.updateTable('customer_link').set({ party_customer_id: survivorId })
    .where('party_customer_id', '=', mergedId).where('customer_id', '<>', survivorId)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('end_reason', 'is distinct from', 'merged')])).executeTakeFirst();
  await tx.updateTable('related_party').set({ customer_id: survivorId }).where('customer_id', '=', mergedId).execute();
  return { moved: Number(moved.numAffectedRows ?? 0), repointed: Number(repointed.numUpdatedRows) };
}

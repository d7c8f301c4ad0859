// ACC-6 signing registry (签约信息): every signing of the bank registered once, with its own
// number, in four kinds that each have their own de-duplication rule (docs/signings.md). The
// rule lives in the database (signing_dedupe_key + a partial unique index over active signings);
// this service looks the existing signing up first so the refusal can name it.
//
// Bound account numbers, counterparty accounts and payer numbers are masked for roles without
// customer.sensitive.read, as account numbers are (account.service.ts); a full read is audited.
import { sql } from 'kysely';
import type { Database, Executor, Tx } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { AppError, invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import { can, type Actor } from '../../auth/actor.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import { maskAccountNo } from '../account.service.ts';
import { nextSigningNo } from './signing.number.ts';
import { SIGNING_FIELDS, SIGNING_KINDS, type SigningField, type SigningKind } from './signing.kinds.ts';
import type { RegisterSigning, TerminateSigning } from './signing.schema.ts';

const userOf = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);
const EARLIEST = '1900-01-01';

interface DedupeParts { kind: SigningKind; customerId: number; productId: string; accountId: number | null; counterpartyCode: string | null; counterpartyAccount: string | null; payerNo: string | null }

/** The active signing the new one would duplicate, if any. */
async function activeDuplicate(db: Executor, p: DedupeParts) {
  const key = sql<string>`signing_dedupe_key(${p.kind}::text, ${p.customerId}::bigint, ${p.productId}::text, ${p.accountId}::bigint,
    ${p.counterpartyCode}::text, ${p.counterpartyAccount}::text, ${p.payerNo}::text)`;
  return db.selectFrom('signing').select(['id', 'signing_no']).where('status', '=', 'active').where('dedupe_key', '=', key).executeTakeFirst();
}

const duplicate = (signingNo: string) => new AppError('signings.duplicate', 409, { signingNo }, [{ path: 'kind', code: 'signings.duplicate', params: { signingNo } }]);

/** Field rules of the kind: required ones present, foreign ones absent. */
function checkFields(input: RegisterSigning): FieldError[] {
  const rules = SIGNING_FIELDS[input.kind];
  const errors: FieldError[] = [];
  for (const field of Object.keys(rules) as SigningField[]) {
    const given = input[field] !== undefined && input[field] !== null;
    if (rules[field] === 'required' && !given) errors.push({ path: field, code: 'signings.field_required' });
    if (rules[field] === 'none' && given) errors.push({ path: field, code: 'signings.field_not_for_kind' });
  }
  return errors;
}

export async function registerSigning(db: Database, actor: Actor, customerId: number, input: RegisterSigning) {
  const today = businessToday();
  const errors = checkFields(input);
  if (input.signedOn > today) errors.push({ path: 'signedOn', code: 'signings.signed_in_future' });
  if (input.signedOn < EARLIEST) errors.push({ path: 'signedOn', code: 'signings.signed_on_range' });
  if (errors.length) throw invalid(...errors);
  const parts: DedupeParts = {
    kind: input.kind, customerId, productId: input.productId, accountId: input.accountId ?? null,
    counterpartyCode: input.counterpartyCode?.toUpperCase() ?? null, counterpartyAccount: input.counterpartyAccount ?? null, payerNo: input.payerNo ?? null,
  };
  try {
    return await db.transaction().execute(async (tx) => {
      // Locking the customer serialises its registrations: every key names the customer or one of its accounts.
      const c = await tx.selectFrom('customer').select(['id', 'status', 'customer_no', 'institution_id']).where('id', '=', customerId)
        .where(customerInScope(actor)).forUpdate().executeTakeFirst();
      if (!c) throw notFound('customer');
      if (c.status !== 'active') throw invalid({ path: 'id', code: c.status === 'merged' ? 'customers.merged' : 'customers.not_active' });
      const found: FieldError[] = [];
      const product = await tx.selectFrom('product').select(['id', 'status']).where('id', '=', input.productId).executeTakeFirst();
      if (!product) found.push({ path: 'productId', code: 'signings.product_unknown', params: { productId: input.productId } });
      else if (product.status !== 'active') found.push({ path: 'productId', code: 'signings.product_retired' });
      const account = parts.accountId === null ? null
        : await tx.selectFrom('account').select(['id', 'status', 'opened_on', 'institution_id']).where('id', '=', parts.accountId).where('customer_id', '=', customerId).executeTakeFirst();
      if (parts.accountId !== null) {
        // Another customer's account gets the same answer as no account: its existence is not ours to tell.
        if (!account) found.push({ path: 'accountId', code: 'signings.account_unknown' });
        else if (account.status === 'closed') found.push({ path: 'accountId', code: 'signings.account_closed' });
        else if (input.signedOn < account.opened_on) found.push({ path: 'signedOn', code: 'signings.signed_before_opened', params: { openedOn: account.opened_on } });
      }
      if (found.length) throw invalid(...found);

      const existing = await activeDuplicate(tx, parts);
      if (existing) throw duplicate(existing.signing_no);
      const signingNo = await nextSigningNo(tx);
      const values = {
        kind: input.kind, customer_id: customerId, product_id: input.productId, account_id: parts.accountId,
        counterparty_code: parts.counterpartyCode, counterparty_name: input.counterpartyName ?? null, counterparty_account: parts.counterpartyAccount,
        payer_no: parts.payerNo, channel: input.channel, signed_on: input.signedOn,
      };
      const row = await tx.insertInto('signing').values({
        ...values, signing_no: signingNo, institution_id: actor.institutionId ?? account?.institution_id ?? c.institution_id, created_by: userOf(actor),
      }).returning(['id']).executeTakeFirstOrThrow();
      await writeAudit(tx, actor, { action: 'signing.register', entityType: 'customer', entityId: customerId, after: {
        signingId: row.id, signingNo, customerNo: c.customer_no, kind: input.kind, productId: input.productId, accountId: parts.accountId,
        counterpartyCode: parts.counterpartyCode, counterpartyName: values.counterparty_name,
        counterpartyAccount: parts.counterpartyAccount && maskAccountNo(parts.counterpartyAccount), payerNo: parts.payerNo && maskAccountNo(parts.payerNo),
        channel: input.channel, signedOn: input.signedOn,
      } });
      return { id: row.id, signingNo, status: 'active' as const };
    });
  } catch (e) {
    // A registration that raced ours past the look-up (possible only while a merge moves rows):
    // the unique index refused it; answer as the look-up would have.
    if ((e as { code?: string; constraint?: string }).code === '23505' && String((e as Error).message).includes('signing_active_dedupe_idx')) {
      const existing = await activeDuplicate(db, parts);
      if (existing) throw duplicate(existing.signing_no);
    }
    throw e;
  }
}

export async function terminateSigning(db: Database, actor: Actor, customerId: number, signingId: number, input: TerminateSigning) {
  const terminatedOn = input.terminatedOn ?? businessToday();
  if (terminatedOn > businessToday()) throw invalid({ path: 'terminatedOn', code: 'signings.terminated_in_future' });
  return db.transaction().execute(async (tx) => {
    const c = await tx.selectFrom('customer').select(['id', 'customer_no']).where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
    if (!c) throw notFound('customer');
    const s = await tx.selectFrom('signing').selectAll().where('id', '=', signingId).where('customer_id', '=', customerId).forUpdate().executeTakeFirst();
    if (!s) throw notFound('signing');
    if (s.status === 'terminated') throw new AppError('signings.already_terminated', 409, { signingNo: s.signing_no, terminatedOn: s.terminated_on });
    if (terminatedOn < s.signed_on) throw invalid({ path: 'terminatedOn', code: 'signings.terminated_before_signed', params: { signedOn: s.signed_on } });
    await tx.updateTable('signing').set({ status: 'terminated', terminated_on: terminatedOn, termination_reason: input.reason,
      terminated_by: userOf(actor), updated_at: new Date() }).where('id', '=', signingId).execute();
    await writeAudit(tx, actor, { action: 'signing.terminate', entityType: 'customer', entityId: customerId,
      before: { signingId, signingNo: s.signing_no, status: 'active' },
      after: { signingId, signingNo: s.signing_no, customerNo: c.customer_no, status: 'terminated', terminatedOn, reason: input.reason } });
    return { id: signingId, signingNo: s.signing_no, status: 'terminated' as const, terminatedOn };
  });
}

/** A customer's signings, an overview of counts per kind, and (filtered by status) the list. */
export async function listCustomerSignings(db: Database, actor: Actor, customerId: number, status: 'active' | 'terminated' | 'all') {
  const c = await db.selectFrom('customer').select('id').where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');
  const counts = await db.selectFrom('signing').select(['kind', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('customer_id', '=', customerId).groupBy(['kind', 'status']).execute();
  const count = (kind: string, st: string) => Number(counts.find((r) => r.kind === kind && r.status === st)?.n ?? 0);
  const overview = SIGNING_KINDS.map((kind) => ({ kind, active: count(kind, 'active'), terminated: count(kind, 'terminated') }));

  let q = db.selectFrom('signing as s').innerJoin('product as p', 'p.id', 's.product_id').innerJoin('institution as i', 'i.id', 's.institution_id')
    .leftJoin('account as a', 'a.id', 's.account_id').leftJoin('app_user as cu', 'cu.id', 's.created_by').leftJoin('app_user as tu', 'tu.id', 's.terminated_by')
    .select(['s.id', 's.signing_no', 's.kind', 's.status', 's.product_id', 'p.name_zh as product_name_zh', 'p.name_en as product_name_en', 'p.category as product_category',
      's.account_id', 'a.account_no', 'a.kind as account_kind', 'a.status as account_status', 's.counterparty_code', 's.counterparty_name', 's.counterparty_account',
      's.payer_no', 's.channel', 's.signed_on', 's.terminated_on', 's.termination_reason', 's.institution_id', 'i.name as institution_name',
      'cu.display_name as created_by_name', 's.created_at', 'tu.display_name as terminated_by_name'])
    .where('s.customer_id', '=', customerId);
  if (status !== 'all') q = q.where('s.status', '=', status);
  const rows = await q.orderBy(sql`case s.status when 'active' then 0 else 1 end`).orderBy('s.signed_on', 'desc').orderBy('s.id', 'desc').execute();

  const unmasked = can(actor, 'customer.sensitive.read');
  const show = (v: string | null) => (v === null ? null : unmasked ? v : maskAccountNo(v));
  if (unmasked && rows.some((r) => r.account_no || r.counterparty_account || r.payer_no)) {
    await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'signing.read_unmasked', entityType: 'customer', entityId: customerId,
      after: { signings: rows.length } }));
  }
  return {
    customerId, overview,
    items: rows.map((r) => ({
      id: r.id, signingNo: r.signing_no, kind: r.kind, status: r.status, productId: r.product_id, productNameZh: r.product_name_zh, productNameEn: r.product_name_en,
      productCategory: r.product_category, accountId: r.account_id, accountNo: show(r.account_no), accountKind: r.account_kind, accountStatus: r.account_status,
      counterpartyCode: r.counterparty_code, counterpartyName: r.counterparty_name, counterpartyAccount: show(r.counterparty_account), payerNo: show(r.payer_no),
      masked: !unmasked, channel: r.channel, signedOn: r.signed_on, terminatedOn: r.terminated_on, terminationReason: r.termination_reason,
      institutionId: r.institution_id, institutionName: r.institution_name, createdBy: r.created_by_name, createdAt: r.created_at, terminatedBy: r.terminated_by_name,
    })),
  };
}

// CIF-28 他行往来: a corporate credit customer's accounts at other banks, the lines those banks
// granted and the loans outstanding there — how much the rest of the market already lends it.
// The account number is masked on every screen and in the audit log (PLAT-2, like the salary
// account); a holder of customer.sensitive.read reveals one at a time, audited. A company has
// one basic deposit account (人民币银行结算账户管理办法 art. 16), so only one is accepted.
// Removal is logical.
import type { Database, Executor, Tx } from '../../../db/database.ts';
import type { Selectable } from 'kysely';
import type { CorrespondentBankAccountTable } from '../../../db/schema.ts';
import { businessToday } from '../../../common/business-date.ts';
import { conflict, invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../customer.queries.ts';
import { creditCustomer, lockCreditCustomer, orNull, userOf } from './credit-info.common.ts';
import { fromFen, toFen } from './credit-info.ratios.ts';
import type { CreateBank, UpdateBank } from './credit-info.schema.ts';
import { maskValue } from '../masking.ts';

export const MAX_BANK_ACCOUNTS = 100;

type AccountType = CorrespondentBankAccountTable['account_type'];
interface BankAccount {
  bankName: string; accountNo: string; accountType: AccountType; openedOn: string | null;
  creditLine: string | null; outstandingLoans: string | null; remark: string | null;
}
const ATTRIBUTES = ['bankName', 'accountNo', 'accountType', 'openedOn', 'creditLine', 'outstandingLoans', 'remark'] as const;

type Row = Selectable<CorrespondentBankAccountTable>;
const valuesOf = (r: Row): BankAccount => ({
  bankName: r.bank_name, accountNo: r.account_no, accountType: r.account_type, openedOn: r.opened_on,
  creditLine: r.credit_line, outstandingLoans: r.outstanding_loans, remark: r.remark,
});
const columnsOf = (v: BankAccount) => ({
  bank_name: v.bankName, account_no: v.accountNo, account_type: v.accountType, opened_on: v.openedOn,
  credit_line: v.creditLine, outstanding_loans: v.outstandingLoans, remark: v.remark,
});
const masked = <T extends Partial<BankAccount>>(v: T): T => (v.accountNo === undefined ? v : { ...v, accountNo: maskValue('account', v.accountNo) as string });
const money = (v: string | null) => (v === null ? null : fromFen(toFen(v)));

/**
 * Account numbers are digits (bank card and settlement accounts alike), 6–32 of them; the spaces
 * and hyphens of a printed passbook are dropped. Normalises in place; every error at once.
 */
function check(v: BankAccount): FieldError[] {
  const errors: FieldError[] = [];
  const digits = v.accountNo.replace(/[\s-]/g, '');
  if (!/^\d{6,32}$/.test(digits)) errors.push({ path: 'accountNo', code: 'credit.bank.account_format' });
  else v.accountNo = digits;
  if (v.openedOn && v.openedOn > businessToday()) errors.push({ path: 'openedOn', code: 'credit.bank.future_date' });
  v.creditLine = money(v.creditLine);
  v.outstandingLoans = money(v.outstandingLoans);
  return errors;
}

async function assertNotRecorded(db: Executor, customerId: number, v: BankAccount, exceptId: number | null) {
  const others = () => {
    const q = db.selectFrom('correspondent_bank_account').select(['id', 'bank_name']).where('customer_id', '=', customerId).where('deleted_at', 'is', null);
    return exceptId === null ? q : q.where('id', '<>', exceptId);
  };
  const same = await others().where('bank_name', '=', v.bankName).where('account_no', '=', v.accountNo).executeTakeFirst();
  if (same) throw invalid({ path: 'accountNo', code: 'credit.bank.duplicate', params: { bankName: v.bankName } });
  if (v.accountType === 'basic') {
    const basic = await others().where('account_type', '=', 'basic').executeTakeFirst();
    if (basic) throw invalid({ path: 'accountType', code: 'credit.bank.basic_once', params: { bankName: basic.bank_name } });
  }
}

export async function listBankAccounts(db: Database, actor: Actor, customerId: number) {
  await creditCustomer(db, actor, customerId);
  const rows = await db.selectFrom('correspondent_bank_account as b').leftJoin('app_user as u', 'u.id', 'b.updated_by')
    .selectAll('b').select('u.display_name as updatedByName')
    .where('b.customer_id', '=', customerId).where('b.deleted_at', 'is', null).orderBy('b.bank_name').orderBy('b.id').execute();
  return rows.map((r) => ({ id: r.id, ...masked(valuesOf(r)), version: r.version, updatedAt: r.updated_at, updatedBy: r.updatedByName }));
}

export async function createBankAccount(db: Database, actor: Actor, customerId: number, input: CreateBank) {
  const v: BankAccount = {
    bankName: input.bankName, accountNo: input.accountNo, accountType: input.accountType, openedOn: input.openedOn ?? null,
    creditLine: orNull(input.creditLine), outstandingLoans: orNull(input.outstandingLoans), remark: orNull(input.remark),
  };
  const errors = check(v);
  if (errors.length) throw invalid(...errors);
  return db.transaction().execute(async (tx) => {
    const c = await lockCreditCustomer(tx, actor, customerId);
    const count = await tx.selectFrom('correspondent_bank_account').select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', '=', customerId)
      .where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_BANK_ACCOUNTS) throw invalid({ path: 'bankName', code: 'credit.too_many', params: { max: MAX_BANK_ACCOUNTS } });
    await assertNotRecorded(tx, customerId, v, null);
    const user = userOf(actor);
    const row = await tx.insertInto('correspondent_bank_account').values({ customer_id: customerId, ...columnsOf(v), created_by: user, updated_by: user })
      .returning(['id', 'version']).executeTakeFirstOrThrow();
    await writeAudit(tx, actor, { action: 'customer.correspondent_bank.create', entityType: 'customer', entityId: customerId,
      after: { accountId: row.id, customerNo: c.customer_no, ...masked(v) } });
    return { id: row.id, version: row.version };
  });
}

async function lockAccount(tx: Tx, customerId: number, accountId: number) {
  const row = await tx.selectFrom('correspondent_bank_account').selectAll().where('id', '=', accountId).where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
  if (!row) throw notFound('correspondent_bank_account');
  return row;
}

export async function updateBankAccount(db: Database, actor: Actor, customerId: number, accountId: number, patch: UpdateBank) {
  return db.transaction().execute(async (tx) => {
    const c = await lockCreditCustomer(tx, actor, customerId);
    const row = await lockAccount(tx, customerId, accountId);
    if (row.version !== patch.version) throw conflict();
    const before = valuesOf(row);
    const after: BankAccount = { ...before };
    for (const a of ATTRIBUTES) if (patch[a] !== undefined) (after as unknown as Record<string, unknown>)[a] = orNull(patch[a]);
    const errors = check(after);
    if (errors.length) throw invalid(...errors);
    const changed = ATTRIBUTES.filter((a) => before[a] !== after[a]);
    if (!changed.length) return { id: accountId, version: row.version, changed: 0 };
    if (changed.some((a) => a === 'bankName' || a === 'accountNo' || a === 'accountType')) await assertNotRecorded(tx, customerId, after, accountId);
    const updated = await tx.updateTable('correspondent_bank_account').set({ ...columnsOf(after), updated_by: userOf(actor), updated_at: new Date(), version: row.version + 1 })
      .where('id', '=', accountId).returning('version').executeTakeFirstOrThrow();
    const pick = (v: BankAccount) => masked(Object.fromEntries(changed.map((a) => [a, v[a]])) as Partial<BankAccount>);
    await writeAudit(tx, actor, { action: 'customer.correspondent_bank.update', entityType: 'customer', entityId: customerId,
      before: { accountId, ...pick(before) }, after: { accountId, customerNo: c.customer_no, ...pick(after) } });
    return { id: accountId, version: updated.version, changed: changed.length };
  });
}

export async function deleteBankAccount(db: Database, actor: Actor, customerId: number, accountId: number) {
  return db.transaction().execute(async (tx) => {
    const c = await lockCreditCustomer(tx, actor, customerId);
    const row = await lockAccount(tx, customerId, accountId);
    const user = userOf(actor);
    await tx.updateTable('correspondent_bank_account').set({ deleted_at: new Date(), deleted_by: user, updated_by: user, updated_at: new Date(), version: row.version + 1 })
      .where('id', '=', accountId).execute();
    await writeAudit(tx, actor, { action: 'customer.correspondent_bank.delete', entityType: 'customer', entityId: customerId,
      before: { accountId, customerNo: c.customer_no, ...masked(valuesOf(row)) } });
    return { id: accountId };
  });
}

/** PLAT-2: one account number in full; always audited, never for a removed entry. */
export async function revealBankAccount(db: Database, actor: Actor, customerId: number, accountId: number) {
  const a = await db.selectFrom('correspondent_bank_account as b').innerJoin('customer', 'customer.id', 'b.customer_id').select(['b.id', 'b.account_no'])
    .where('b.id', '=', accountId).where('b.customer_id', '=', customerId).where('b.deleted_at', 'is', null).where(customerInScope(actor)).executeTakeFirst();
  if (!a) throw notFound('correspondent_bank_account');
  const field = `correspondentBanks.${a.id}.accountNo`;
  await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'customer.sensitive.reveal', entityType: 'customer', entityId: customerId, after: { field } }));
  return { field, value: a.account_no };
}

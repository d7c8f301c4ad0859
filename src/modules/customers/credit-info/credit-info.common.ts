// What the four kinds of credit information (CIF-28) share: finding the customer in the caller's
// scope, the corporate-only rule, and the shapes of "who changed it".
//
// Corporate customers only. The statements are enterprise accounting reports (企业会计准则);
// a personal credit customer's financial position is his income, family income and fixed
// expenses (CIF-12, personal fields) plus the credit bureau report, and the non-financial
// notes, investments and other-bank accounts that 000 §三(七) asks of credit customers are the
// corporate manager's file (对公客户经理). An individual business (个体工商户) that borrows as a
// business is opened as a corporate customer with its 92… credit code and gets the full file.
import type { Executor, Tx } from '../../../db/database.ts';
import { invalid, notFound } from '../../../common/http/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../customer.queries.ts';

export interface CreditCustomer { id: number; kind: 'personal' | 'corporate'; status: 'active' | 'deleted' | 'merged'; customer_no: string; credit_code: string | null }

function select(db: Executor, actor: Actor, customerId: number) {
  return db.selectFrom('customer').leftJoin('corporate_customer', 'corporate_customer.customer_id', 'customer.id')
    .select(['customer.id', 'customer.kind', 'customer.status', 'customer.customer_no', 'corporate_customer.credit_code'])
    .where('customer.id', '=', customerId).where(customerInScope(actor));
}

function corporateOnly(c: CreditCustomer | undefined): CreditCustomer {
  if (!c) throw notFound('customer');
  if (c.kind !== 'corporate') throw invalid({ path: 'id', code: 'credit.corporate_only' });
  return c;
}

/** For reading: a deleted or merged customer's file stays readable. */
export async function creditCustomer(db: Executor, actor: Actor, customerId: number): Promise<CreditCustomer> {
  return corporateOnly(await select(db, actor, customerId).executeTakeFirst());
}

/** For changing: in scope, corporate, active, and locked so a merge cannot move the file under the change. */
export async function lockCreditCustomer(tx: Tx, actor: Actor, customerId: number): Promise<CreditCustomer> {
  const c = corporateOnly(await select(tx, actor, customerId).forUpdate(['customer']).executeTakeFirst());
  if (c.status !== 'active') throw invalid({ path: 'id', code: c.status === 'merged' ? 'customers.merged' : 'customers.not_active' });
  return c;
}

export const userOf = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);

/** An active code of a code table, e.g. a currency. */
export async function codeExists(db: Executor, table: string, code: string): Promise<boolean> {
  const row = await db.selectFrom('code_item').select('code').where('table_code', '=', table).where('code', '=', code).where('active', '=', true).executeTakeFirst();
  return row !== undefined;
}

/** '' → null: an emptied text field is no value, not an empty string. */
export const orNull = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? null : v);

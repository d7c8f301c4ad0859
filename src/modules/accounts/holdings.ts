// What a customer still holds at the bank: the reason a customer record may not be deleted
// (issue 12: a manager could delete a customer with active accounts by typing a reason). The same
// idea as the account closure check (signings/signing.closure.ts), for the customer as a whole.
import { sql, type Expression } from 'kysely';
import type { Executor } from '../../db/database.ts';

export interface CustomerHoldings { accounts: number; loans: number; signings: number; alerts: number }

/**
 * Open accounts and cards, loans not yet closed, active signings and open account alerts of the
 * customer whose id is `customerId` (SQL: a value or a column of the caller's query), as four
 * count columns a caller selects beside his own (a read less).
 */
export function holdingsColumns(customerId: Expression<unknown>) {
  return [
    sql<string>`(select count(*) from account where customer_id = ${customerId} and status <> 'closed' and kind <> 'loan')`.as('accounts'),
    sql<string>`(select count(*) from account where customer_id = ${customerId} and status <> 'closed' and kind = 'loan')`.as('loans'),
    sql<string>`(select count(*) from signing where customer_id = ${customerId} and status = 'active')`.as('signings'),
    sql<string>`(select count(*) from account_alert where customer_id = ${customerId} and status = 'open')`.as('alerts'),
  ] as const;
}

/** The four counts of holdingsColumns as numbers. */
export const holdingsOf = (row: { accounts: string | number; loans: string | number; signings: string | number; alerts: string | number }): CustomerHoldings =>
  ({ accounts: Number(row.accounts), loans: Number(row.loans), signings: Number(row.signings), alerts: Number(row.alerts) });

/** Open accounts and cards, loans not yet closed, active signings and open account alerts. */
export async function customerHoldings(db: Executor, customerId: number): Promise<CustomerHoldings> {
  const r = await db.selectNoFrom(holdingsColumns(sql`${customerId}::int8`)).executeTakeFirstOrThrow();
  return holdingsOf(r);
}

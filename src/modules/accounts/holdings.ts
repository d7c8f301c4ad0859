// What a customer still holds at the bank: the reason a customer record may not be deleted
// (issue 12: a manager could delete a customer with active accounts by typing a reason). The same
// idea as the account closure check (signings/signing.closure.ts), for the customer as a whole.
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

export interface CustomerHoldings { accounts: number; loans: number; signings: number; alerts: number }

/** Open accounts and cards, loans not yet closed, active signings and open account alerts. */
export async function customerHoldings(db: Executor, customerId: number): Promise<CustomerHoldings> {
  const r = await sql<{ accounts: string; loans: string; signings: string; alerts: string }>`
    select
      (select count(*) from account where customer_id = ${customerId} and status <> 'closed' and kind <> 'loan') as accounts,
      (select count(*) from account where customer_id = ${customerId} and status <> 'closed' and kind = 'loan') as loans,
      (select count(*) from signing where customer_id = ${customerId} and status = 'active') as signings,
      (select count(*) from account_alert where customer_id = ${customerId} and status = 'open') as alerts`.execute(db);
  const row = r.rows[0]!;
  return { accounts: Number(row.accounts), loans: Number(row.loans), signings: Number(row.signings), alerts: Number(row.alerts) };
}

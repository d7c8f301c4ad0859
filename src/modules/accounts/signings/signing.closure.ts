// ACC-6 closure check (销户检查): before an account or card is closed, its active signings decide
// whether the counter may go ahead (allow), must tell the customer first (warn) or must have the
// signings terminated first (block). The effect of each kind is the setting
// 'accounts.closure_rules'. Customer-level product/service signings (网银, 短信通知 for the
// customer) hang on no account: they matter only when the customer is closing its last open account.
import type { Executor } from '../../../db/database.ts';
import { notFound } from '../../../common/http/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import { getSetting } from '../../settings/settings.service.ts';

export type ClosureDecision = 'allow' | 'warn' | 'block';
/** bound_to_account: signed on this account; last_open_account: customer-level, and no other account of the customer is open. */
export type ClosureReason = 'bound_to_account' | 'last_open_account';

export async function closureCheck(db: Executor, actor: Actor, accountId: number) {
  const account = await db.selectFrom('account as a').innerJoin('customer', 'customer.id', 'a.customer_id')
    .select(['a.id', 'a.customer_id', 'a.status']).where('a.id', '=', accountId).where(customerInScope(actor)).executeTakeFirst();
  if (!account) throw notFound('account');
  // Dormant and frozen accounts are still open: only a closed one no longer carries the customer's services.
  const otherOpen = await db.selectFrom('account').select('id').where('customer_id', '=', account.customer_id)
    .where('id', '<>', account.id).where('status', '<>', 'closed').limit(1).executeTakeFirst();
  const lastOpenAccount = otherOpen === undefined;
  const rules = await getSetting(db, 'accounts.closure_rules');

  const rows = await db.selectFrom('signing as s').innerJoin('product as p', 'p.id', 's.product_id')
    .select(['s.id', 's.signing_no', 's.kind', 's.account_id', 's.product_id', 'p.name_zh', 'p.name_en', 's.counterparty_name', 's.signed_on'])
    .where('s.status', '=', 'active')
    .where((eb) => (lastOpenAccount
      ? eb.or([eb('s.account_id', '=', account.id), eb.and([eb('s.account_id', 'is', null), eb('s.customer_id', '=', account.customer_id)])])
      : eb('s.account_id', '=', account.id)))
    .orderBy('s.signing_no').execute();

  const items = rows.map((r) => ({
    signingId: r.id, signingNo: r.signing_no, kind: r.kind, productId: r.product_id, productNameZh: r.name_zh, productNameEn: r.name_en,
    counterpartyName: r.counterparty_name, signedOn: r.signed_on, effect: rules[r.kind],
    reasonCode: (r.account_id === null ? 'last_open_account' : 'bound_to_account') as ClosureReason,
  }));
  const decision: ClosureDecision = items.some((i) => i.effect === 'block') ? 'block' : items.some((i) => i.effect === 'warn') ? 'warn' : 'allow';
  return { accountId: account.id, customerId: account.customer_id, accountStatus: account.status, lastOpenAccount, decision, items };
}

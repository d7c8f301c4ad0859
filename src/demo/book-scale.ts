// Scale attributes in the demo book (CIF-27): three of sn_mgr's companies file their 2025 annual
// statements with the year-end headcount, so the classification suggests a size on their industry
// tab; sn_mgr has applied to change two of them — one waits for the branch's approver (qd_head),
// the other was approved and waits for the confirmer (qd_confirm).
import type { Database } from '../db/database.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { decide, submitRequest } from '../modules/approvals/approval.service.ts';
import { createStatement } from '../modules/customers/credit-info/credit-info.financials.ts';
import { customerScaleChange } from '../modules/customers/scale/scale.workflow.ts';
import { suggestScale } from '../modules/customers/scale/scale.service.ts';

/** Revenue, total assets (yuan) and staff of the three statements: a growing firm, a shrinking one, a steady one. */
const YEARS = [
  { revenue: '86000000.00', assets: '52000000.00', employees: 420 },
  { revenue: '2600000.00', assets: '1900000.00', employees: 14 },
  { revenue: '31000000.00', assets: '18000000.00', employees: 120 },
] as const;

export async function addBookScale(db: Database, actorOf: (username: string) => Promise<Actor>): Promise<number> {
  const mgr = await actorOf('sn_mgr');
  // The first companies of sn_mgr's book whose industry the standard covers (not finance or railways).
  const companies = await db.selectFrom('customer as c').innerJoin('corporate_customer as cc', 'cc.customer_id', 'c.id')
    .innerJoin('customer_manager as m', (j) => j.onRef('m.customer_id', '=', 'c.id').on('m.role', '=', 'primary').on('m.user_id', '=', mgr.id!))
    .select(['c.id', 'cc.industry_code', 'cc.scale']).where('c.kind', '=', 'corporate').where('c.status', '=', 'active')
    .where('cc.industry_code', 'is not', null).where((eb) => eb.not(eb('cc.industry_code', 'like', '66%')))
    .orderBy('c.id').limit(3).execute();
  const requests: number[] = [];
  for (const [i, c] of companies.entries()) {
    const y = YEARS[i]!;
    await createStatement(db, mgr, c.id, { fiscalYear: 2025, periodType: 'annual', period: 1, audited: true, auditor: '青岛信达会计师事务所', currency: 'CNY',
      totalAssets: y.assets, totalLiabilities: '0.00', ownersEquity: y.assets, operatingRevenue: y.revenue, netProfit: '0.00', employees: y.employees });
    const suggested = (await suggestScale(db, c)).scale;
    if (i < 2 && suggested && suggested !== c.scale) {
      requests.push((await submitRequest(db, mgr, customerScaleChange, { customerId: c.id, scale: suggested, reason: '按 2025 年年报重新划型' })).requestId);
    }
  }
  if (requests[1]) await decide(db, await actorOf('qd_head'), requests[1], { decision: 'approve', step: 1, reason: '年报数据属实，同意调整' });
  return requests.length;
}

// The demo bank's product catalogue: the products the demo feed books accounts on, each
// interest-bearing one with a short rate history (the bank's own repricings after the
// 2023–2025 benchmark and LPR cuts), plus one product of each kind the feed does not use, so the
// catalogue screen shows every category. Written through the product service, so audited.
import type { Database } from '../db/database.ts';
import { addProductRate, createProduct } from '../modules/accounts/products/product.service.ts';
import type { RateInput } from '../modules/accounts/products/product.schema.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { PRODUCT_CATALOGUE } from './generate/feed.ts';

const fixed = (baseRate: string, effectiveFrom: string): RateInput => ({ rateType: 'fixed', baseRate, effectiveFrom });
const floating = (baseRate: string, floatMin: string, floatMax: string, effectiveFrom: string): RateInput =>
  ({ rateType: 'floating', baseRate, floatMin, floatMax, effectiveFrom });

/** Rate settings by product, oldest first. */
const RATES: Record<string, RateInput[]> = {
  '1010000001': [fixed('0.2000', '2023-09-01'), fixed('0.1000', '2024-07-25'), fixed('0.0500', '2025-05-20')],
  '1010000002': [fixed('0.2000', '2023-09-01'), fixed('0.1000', '2024-07-25'), fixed('0.0500', '2025-05-20')],
  '1020000001': [fixed('1.6500', '2023-09-01'), fixed('1.3500', '2024-07-25'), fixed('0.9500', '2025-05-20')],
  '1020000002': [fixed('1.6500', '2023-09-01'), fixed('1.3500', '2024-07-25'), fixed('0.9500', '2025-05-20')],
  '1020000003': [fixed('2.1500', '2023-09-01'), fixed('1.7500', '2024-07-25'), fixed('1.3000', '2025-05-20')],
  '2010000001': [floating('4.2000', '3.8000', '4.9000', '2023-09-01'), floating('3.9500', '3.5500', '4.6500', '2024-07-25'), floating('3.5000', '3.0500', '4.2000', '2025-05-20')],
  '2010000002': [floating('4.3500', '3.4500', '6.0000', '2023-09-01'), floating('3.8500', '3.3500', '5.5000', '2025-05-20')],
  '2010000003': [floating('4.0500', '3.4500', '5.8000', '2024-07-25'), floating('3.7000', '3.0000', '5.5000', '2025-05-20')],
  '2020000001': [floating('3.4500', '3.0000', '5.0000', '2023-09-01'), floating('3.1000', '2.8000', '4.8000', '2024-07-25'), floating('3.0000', '2.6000', '4.5000', '2025-05-20')],
  '3010000002': [fixed('2.1000', '2024-01-01'), fixed('1.6500', '2025-01-01')],
};

/** Products of the kinds the feed never books, so every category has one. */
const EXTRA = [
  { id: '5010000001', nameZh: '手机银行', nameEn: 'Mobile banking', category: 'e_banking', subType: 'mobile' },
  { id: '6010000001', nameZh: '单位人民币结算账户服务', nameEn: 'Corporate RMB settlement service', category: 'settlement', subType: 'account' },
  { id: '7010000001', nameZh: '代理保险', nameEn: 'Bancassurance agency', category: 'intermediary', subType: 'insurance' },
] as const;

export async function createDemoProducts(db: Database, system: Actor): Promise<void> {
  for (const p of [...PRODUCT_CATALOGUE, ...EXTRA]) {
    const [first, ...later] = RATES[p.id] ?? [];
    await createProduct(db, system, { id: p.id, nameZh: p.nameZh, nameEn: p.nameEn, category: p.category, subType: p.subType, currency: 'CNY', rate: first });
    for (const r of later) await addProductRate(db, system, p.id, r);
  }
}

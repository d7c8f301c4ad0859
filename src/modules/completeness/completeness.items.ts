// CIF-45: what each information item means and how it is checked. Which items a tier requires is
// data (table completeness_rule); how an item is checked is code, because it reads other modules'
// records. An item that no module records yet (visits: the visit register is a later issue) is
// "not checkable": shown, never counted as present or missing.
export type ItemKey = 'basic' | 'detail' | 'financial' | 'non_financial' | 'visits' | 'investments' | 'correspondent' | 'business_licence';
export type Tier = 'credit' | 'ordinary' | 'small';

/** The records of one customer the checks read (one batch query, completeness.queries.ts). */
export interface CustomerFacts {
  id: number; customerNo: string; name: string; kind: 'personal' | 'corporate'; institutionId: number;
  openedOn: string; hasPrimaryManager: boolean; primaryManagerId: number | null; scale: string | null; hasLoan: boolean;
  basicMissing: string[]; detailMissing: string[];
  financial: boolean; nonFinancial: boolean; investments: boolean; correspondent: boolean; businessLicence: boolean;
}

export interface ItemDef { key: ItemKey; zh: string; en: string }
export const ITEMS: readonly ItemDef[] = [
  { key: 'basic', zh: '基本信息', en: 'Basic information' },
  { key: 'detail', zh: '详细信息', en: 'Detailed information' },
  { key: 'financial', zh: '财务信息', en: 'Financial statements' },
  { key: 'non_financial', zh: '非财务信息', en: 'Non-financial information' },
  { key: 'visits', zh: '拜访记录', en: 'Visit records' },
  { key: 'investments', zh: '对外投资', en: 'Investments' },
  { key: 'correspondent', zh: '他行开户信息', en: 'Correspondent-bank accounts' },
  { key: 'business_licence', zh: '营业执照', en: 'Business licence' },
];
export const ITEM_KEYS = ITEMS.map((i) => i.key) as [ItemKey, ...ItemKey[]];

/** Items that only a corporate customer can have (credit information, licences). */
const CORPORATE_ONLY: ReadonlySet<ItemKey> = new Set(['financial', 'non_financial', 'investments', 'correspondent', 'business_licence']);

/**
 * The tier decides the rule set: a customer with a loan (not closed) is a credit customer; a small
 * or micro enterprise without one is a small counter-grown customer; everyone else is ordinary.
 */
export function tierOf(f: Pick<CustomerFacts, 'kind' | 'scale' | 'hasLoan'>): Tier {
  if (f.hasLoan) return 'credit';
  if (f.kind === 'corporate' && (f.scale === 'small' || f.scale === 'micro')) return 'small';
  return 'ordinary';
}

export type ItemState = 'present' | 'missing' | 'not_checkable';

export function itemState(key: ItemKey, f: CustomerFacts): ItemState {
  switch (key) {
    case 'basic': return f.basicMissing.length ? 'missing' : 'present';
    case 'detail': return f.detailMissing.length ? 'missing' : 'present';
    case 'financial': return f.financial ? 'present' : 'missing';
    case 'non_financial': return f.nonFinancial ? 'present' : 'missing';
    case 'investments': return f.investments ? 'present' : 'missing';
    case 'correspondent': return f.correspondent ? 'present' : 'missing';
    case 'business_licence': return f.businessLicence ? 'present' : 'missing';
    case 'visits': return 'not_checkable';
  }
}

export interface Evaluation {
  tier: Tier; percent: number;
  items: { key: ItemKey; state: ItemState; fields: string[] }[];
  missing: ItemKey[];
}

/** The tier's required items that apply to the customer's kind, each checked; the percentage over the checkable ones. */
export function evaluate(f: CustomerFacts, required: ReadonlyMap<Tier, ReadonlySet<string>>): Evaluation {
  const tier = tierOf(f);
  const wanted = required.get(tier) ?? new Set<string>();
  const items = ITEMS.filter((i) => wanted.has(i.key) && (f.kind === 'corporate' || !CORPORATE_ONLY.has(i.key)))
    .map((i) => ({ key: i.key, state: itemState(i.key, f), fields: i.key === 'basic' ? f.basicMissing : i.key === 'detail' ? f.detailMissing : [] }));
  const checkable = items.filter((i) => i.state !== 'not_checkable');
  const present = checkable.filter((i) => i.state === 'present').length;
  const percent = checkable.length === 0 ? 100 : Math.floor((present * 100) / checkable.length);
  return { tier, percent, items, missing: items.filter((i) => i.state === 'missing').map((i) => i.key) };
}

/** New customers (CIF-45): what is still owed three working days after opening. */
export function newCustomerGaps(f: CustomerFacts, e: Evaluation): string[] {
  const gaps: string[] = [];
  if (!f.hasPrimaryManager) gaps.push('manager');
  if (e.missing.length) gaps.push('information');
  if (f.kind === 'corporate' && !f.scale) gaps.push('scale');
  return gaps;
}

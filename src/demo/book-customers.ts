// The demo book's customers: who they are (the shared generator), where they bank and who manages
// them, and their import through the customer import, one file per importer and kind.
import type { Database } from '../db/database.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { importColumns } from '../modules/customers/import/import.columns.ts';
import { importCustomers } from '../modules/customers/import/import.service.ts';
import { residentIdCheckDigit } from '../common/validators/resident-id.ts';
import { makeGenerator, type GeneratedCustomer, type GeneratedPersonal } from './generate/customers.ts';
import type { BookCustomer } from './generate/feed.ts';

/** A manager's portfolio: the customers he imports himself, and so manages as primary manager. */
interface Portfolio { username: string; institution: string; personalShare: number; corporateShare: number }
const PORTFOLIOS: Portfolio[] = [
  { username: 'sn_mgr', institution: '0111', personalShare: 0.05, corporateShare: 0.3 },
  { username: 'lx_mgr', institution: '0211', personalShare: 0.04, corporateShare: 0.25 },
];
// Customers nobody manages yet: personal ones at the sub-branches (weighted by size), companies
// with the marketing teams.
const SUB_BRANCHES: [code: string, weight: number][] = [['0101', 25], ['0102', 20], ['0103', 15], ['0201', 20], ['0202', 12], ['0203', 8]];
const TEAMS = ['0111', '0121', '0131', '0211', '0221', '0231'];
/** Where the core system opens accounts and its own customers: the sub-branches and their teams. */
export const BOOK_INSTITUTIONS = [...SUB_BRANCHES.map(([code]) => code), ...TEAMS];
/** Share of managed customers given something to act on (see BookCustomer.watched); fewer unassigned ones. */
const WATCHED = { managed: 0.12, unassigned: 0.02 };
/** Likely duplicates the import flags for review: pairs of the same name and birth date, pairs sharing a mobile. */
const DUPLICATE_PAIRS = { nameBirth: 3, mobile: 2 };

export interface PlannedCustomer { importer: string | null; institution: string; customer: GeneratedCustomer; watched: boolean }

export function planPortfolios(count: number, seed: number): PlannedCustomer[] {
  const gen = makeGenerator(seed);
  const r = gen.random;
  const weightTotal = SUB_BRANCHES.reduce((a, [, w]) => a + w, 0);
  const subBranch = () => {
    let x = r() * weightTotal;
    for (const [code, w] of SUB_BRANCHES) if ((x -= w) <= 0) return code;
    return SUB_BRANCHES[0]![0];
  };
  const planned: PlannedCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const customer = gen.next();
    const corporate = customer.kind === 'corporate';
    let u = r();
    const portfolio = PORTFOLIOS.find((p) => (u -= corporate ? p.corporateShare : p.personalShare) < 0);
    const institution = portfolio?.institution ?? (corporate ? TEAMS[Math.floor(r() * TEAMS.length)]! : subBranch());
    planned.push({ importer: portfolio?.username ?? null, institution, customer, watched: r() < (portfolio ? WATCHED.managed : WATCHED.unassigned) });
  }
  // The duplicates: a second record of an existing person, opened elsewhere by someone who did
  // not find the first (a different document; or a relative giving the same mobile).
  const persons = planned.filter((p) => p.customer.kind === 'personal');
  for (let k = 0; k < DUPLICATE_PAIRS.nameBirth + DUPLICATE_PAIRS.mobile && persons.length > 2 * k + 1; k++) {
    const first = persons[2 * k]!.customer as GeneratedPersonal;
    const second = persons[2 * k + 1]!.customer as GeneratedPersonal;
    if (k < DUPLICATE_PAIRS.nameBirth) {
      const body = `${second.idNumber.slice(0, 6)}${first.birthDate.replaceAll('-', '')}${first.idNumber.slice(14, 17)}`;
      Object.assign(second, { name: first.name, birthDate: first.birthDate, gender: first.gender, idNumber: body + residentIdCheckDigit(body) });
    } else second.mobile = first.mobile;
  }
  return planned;
}

const csvCell = (v: unknown) => (v === undefined || v === null ? '' : `"${String(v).replaceAll('"', '""')}"`);

/** A generated customer as the import's columns (API keys): the name, institution, first document and fields. */
function importRow(p: PlannedCustomer): Record<string, unknown> {
  const { kind: _kind, ...fields } = p.customer;
  if (p.customer.kind === 'corporate') return { ...fields, institutionCode: p.institution };
  const { idNumber, ...rest } = fields as Omit<GeneratedPersonal, 'kind'>;
  return { ...rest, institutionCode: p.institution, idType1: '10', idNumber1: idNumber };
}

/** One import file (CSV, headed by the columns' API keys) of the rows, in the template's column order. */
export function importFile(kind: 'personal' | 'corporate', rows: PlannedCustomer[]): Buffer {
  const records = rows.map(importRow);
  const used = new Set(records.flatMap((r) => Object.keys(r)));
  const keys = importColumns(kind).map((c) => c.key).filter((k) => used.has(k));
  const unknown = [...used].filter((k) => !keys.includes(k));
  if (unknown.length) throw new Error(`demo book: no import column for ${unknown.join(', ')}`);
  return Buffer.from([keys.join(','), ...records.map((r) => keys.map((k) => csvCell(r[k])).join(','))].join('\n') + '\n', 'utf8');
}

/**
 * Imports the plan: each manager's portfolio by the manager, the rest by the system (the go-live
 * migration). Returns the book in plan order with the numbers the CRM gave.
 */
export async function importPortfolios(db: Database, plan: PlannedCustomer[], system: Actor, actorOf: (username: string) => Promise<Actor>): Promise<BookCustomer[]> {
  const importers = [...new Set(plan.map((p) => p.importer))];
  for (const importer of importers) {
    const actor = importer ? await actorOf(importer) : system;
    for (const kind of ['personal', 'corporate'] as const) {
      const rows = plan.filter((p) => p.importer === importer && p.customer.kind === kind);
      if (!rows.length) continue;
      const fileName = `${importer ?? 'migration'}-${kind}.csv`;
      const result = await importCustomers(db, actor, kind, { fileName, data: importFile(kind, rows) }, { dryRun: false, lang: 'zh-CN' });
      if (!result.ok) throw new Error(`demo book: import of ${fileName} refused: ${JSON.stringify(result.errors.slice(0, 5))}`);
    }
  }
  // Documents and credit codes are unique in the plan: they find each row's customer number.
  const numbers = await db.selectFrom('customer as c')
    .leftJoin('customer_identity as ci', (j) => j.onRef('ci.customer_id', '=', 'c.id').on('ci.seq', '=', 1))
    .leftJoin('corporate_customer as cc', 'cc.customer_id', 'c.id')
    .select(['c.customer_no', 'ci.id_number', 'cc.credit_code']).execute();
  const noOf = new Map(numbers.map((n) => [n.id_number ?? n.credit_code, n.customer_no]));
  // Three of sn_mgr's corporate customers slide towards leaving over the last weeks (docs/early-warning.md):
  // his crisis warnings at yellow, orange and red on the demo's last day.
  const sliders = plan.filter((p) => p.importer === 'sn_mgr' && p.customer.kind === 'corporate' && !p.watched).slice(0, 3);
  const slideOf = new Map(sliders.map((p, i) => [p, (['red', 'orange', 'yellow'] as const)[i]!]));
  return plan.map((p) => ({
    customerNo: noOf.get(p.customer.kind === 'personal' ? p.customer.idNumber : p.customer.creditCode)!,
    corporate: p.customer.kind === 'corporate', institution: p.institution, watched: p.watched,
    ...(slideOf.has(p) ? { sliding: slideOf.get(p) } : {}),
  }));
}

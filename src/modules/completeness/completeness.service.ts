// CIF-45 information completeness: a customer's percentage and missing items by its tier's rules
// (table completeness_rule, head office edits them, audited), and the new customers still owing a
// manager, information or their scale attribute three working days (by the maintained calendar)
// after opening — the overdue list, its export and the workbench to-dos.
import ExcelJS from 'exceljs';
import type { Database, Executor } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { AppError, notFound } from '../../common/http/errors.ts';
import type { Lang } from '../../common/i18n/i18n.ts';
import { guardCell } from '../../common/text.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { addDays, addWorkingDaysWith, type DayKind } from '../calendar/working-days.ts';
import { customerInScope } from '../customers/customer.queries.ts';
import { watermark } from '../customers/export/export.service.ts';
import { evaluate, ITEMS, newCustomerGaps, type CustomerFacts, type Evaluation, type Tier } from './completeness.items.ts';
import { loadFacts } from './completeness.queries.ts';
import type { RuleInput } from './completeness.schema.ts';

/** CIF-45: manager, information and scale attribute complete within this many working days of opening. */
export const NEW_CUSTOMER_WORKING_DAYS = 3;
/** How far back "new customers" reach by default (customers created in the last 90 days). */
export const NEW_CUSTOMER_WINDOW_DAYS = 90;
const BATCH = 1000;

export async function loadRules(db: Executor): Promise<Map<Tier, Set<string>>> {
  const rows = await db.selectFrom('completeness_rule').select(['tier', 'item']).where('required', '=', true).execute();
  const m = new Map<Tier, Set<string>>();
  for (const r of rows) (m.get(r.tier) ?? m.set(r.tier, new Set()).get(r.tier)!).add(r.item);
  return m;
}

export async function listRules(db: Executor) {
  const rows = await db.selectFrom('completeness_rule').leftJoin('app_user', 'app_user.id', 'completeness_rule.updated_by')
    .select(['tier', 'item', 'required', 'app_user.display_name as updatedBy', 'completeness_rule.updated_at as updatedAt']).orderBy('tier').orderBy('item').execute();
  return { items: ITEMS, rules: rows };
}

/** Head office sets which items each tier requires; all rows in one transaction, one audit row with before and after. */
export async function updateRules(db: Database, actor: Actor, rules: RuleInput[]) {
  if (!/^\/\d+\/$/.test(actor.scopePath)) throw new AppError('completeness.head_office_only', 403);
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('completeness_rule').select(['tier', 'item', 'required']).orderBy('tier').orderBy('item').forUpdate().execute();
    for (const r of rules) {
      await tx.insertInto('completeness_rule').values({ tier: r.tier, item: r.item, required: r.required, updated_by: actor.id, updated_at: new Date() })
        .onConflict((oc) => oc.columns(['tier', 'item']).doUpdateSet({ required: r.required, updated_by: actor.id, updated_at: new Date() })).execute();
    }
    const after = await tx.selectFrom('completeness_rule').select(['tier', 'item', 'required']).orderBy('tier').orderBy('item').execute();
    await writeAudit(tx, actor, { action: 'completeness.rules.update', entityType: 'completeness_rule', entityId: 'all', before, after });
    return listRules(tx);
  });
}

async function calendarExceptions(db: Executor, from: string, to: string): Promise<Map<string, DayKind>> {
  const rows = await db.selectFrom('calendar_day').select(['day', 'kind']).where('day', '>=', from).where('day', '<=', to).execute();
  return new Map(rows.map((r) => [r.day, r.kind]));
}

/** isNew: opened within the window; only a new customer has the three-working-day deadline. */
interface NewCustomerStatus { isNew: boolean; openedOn: string; deadline: string; overdue: boolean; gaps: string[] }

function newCustomerStatus(f: CustomerFacts, e: Evaluation, exceptions: Map<string, DayKind>, today: string): NewCustomerStatus {
  const deadline = addWorkingDaysWith(f.openedOn, NEW_CUSTOMER_WORKING_DAYS, exceptions);
  const gaps = newCustomerGaps(f, e);
  const isNew = f.openedOn >= addDays(today, -NEW_CUSTOMER_WINDOW_DAYS);
  return { isNew, openedOn: f.openedOn, deadline, overdue: isNew && gaps.length > 0 && deadline < today, gaps };
}

/** The customer view's card: tier, percentage, every required item with its state, and the new-customer deadline. */
export async function customerCompleteness(db: Executor, actor: Actor, customerId: number, today = businessToday()) {
  const c = await db.selectFrom('customer').select('id').where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');
  const [facts] = await loadFacts(db, [customerId]);
  const e = evaluate(facts!, await loadRules(db));
  const exceptions = await calendarExceptions(db, facts!.openedOn, addDays(facts!.openedOn, 60));
  return { ...e, newCustomer: newCustomerStatus(facts!, e, exceptions, today) };
}

export interface OverdueQuery { openedFrom?: string; today?: string; page: number; pageSize: number }

export interface OverdueRow {
  customerId: number; customerNo: string; name: string; kind: 'personal' | 'corporate'; institutionId: number; institutionName: string;
  primaryManagerId: number | null; tier: Tier; percent: number; openedOn: string; deadline: string; gaps: string[]; missing: string[];
}

/**
 * Every overdue new customer in the actor's scope (actor null: the whole bank, for the job),
 * oldest deadline first. New = opened (first account, else created) on or after `openedFrom`
 * (default 90 days ago); only customers created since then are read, through the index on created_at.
 */
export async function findOverdue(db: Executor, actor: Actor | null, opts: { openedFrom?: string; today?: string } = {}): Promise<OverdueRow[]> {
  const today = opts.today ?? businessToday();
  const from = opts.openedFrom ?? addDays(today, -NEW_CUSTOMER_WINDOW_DAYS);
  let q = db.selectFrom('customer').innerJoin('institution', 'institution.id', 'customer.institution_id')
    .select(['customer.id', 'institution.name as institutionName']).where('customer.status', '=', 'active')
    .where('customer.created_at', '>=', new Date(`${from}T00:00:00+08:00`));
  if (actor) q = q.where(customerInScope(actor));
  const candidates = await q.orderBy('customer.id').execute();
  if (candidates.length === 0) return [];
  const instName = new Map(candidates.map((c) => [c.id, c.institutionName]));
  const rules = await loadRules(db);
  const exceptions = await calendarExceptions(db, addDays(from, -400), addDays(today, 60));
  const out: OverdueRow[] = [];
  for (let i = 0; i < candidates.length; i += BATCH) {
    for (const f of await loadFacts(db, candidates.slice(i, i + BATCH).map((c) => c.id))) {
      // A customer migrated or imported recently whose accounts are years old is not new.
      if (f.openedOn < from) continue;
      const e = evaluate(f, rules);
      const s = newCustomerStatus(f, e, exceptions, today);
      // New by the caller's window (openedFrom), which may reach further back than the default.
      if (!s.gaps.length || s.deadline >= today) continue;
      out.push({ customerId: f.id, customerNo: f.customerNo, name: f.name, kind: f.kind, institutionId: f.institutionId, institutionName: instName.get(f.id) ?? '',
        primaryManagerId: f.primaryManagerId, tier: e.tier, percent: e.percent, openedOn: s.openedOn, deadline: s.deadline, gaps: s.gaps, missing: e.missing });
    }
  }
  return out.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.customerId - b.customerId));
}

export async function listOverdue(db: Executor, actor: Actor, q: OverdueQuery) {
  const rows = await findOverdue(db, actor, q);
  return { total: rows.length, items: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) };
}

const HEAD = {
  'zh-CN': ['客户号', '客户名称', '客户类型', '所属机构', '层级', '完整度%', '开户日期', '完成期限', '欠缺', '缺少的信息'],
  'en-US': ['Customer no.', 'Name', 'Kind', 'Institution', 'Tier', 'Complete %', 'Opened on', 'Deadline', 'Owing', 'Missing information'],
};
const WORDS: Record<Lang, Record<string, string>> = {
  'zh-CN': { personal: '个人', corporate: '对公', credit: '信贷客户', ordinary: '普通客户', small: '柜面成长型小客户', manager: '管户客户经理', information: '必填信息', scale: '规模属性', sheet: '信息完整性逾期' },
  'en-US': { personal: 'Personal', corporate: 'Corporate', credit: 'Credit', ordinary: 'Ordinary', small: 'Small counter-grown', manager: 'Responsible manager', information: 'Required information', scale: 'Scale attribute', sheet: 'Completeness overdue' },
};

/** The overdue list as .xlsx (watermarked like every export), audited with its row count. */
export async function exportOverdue(db: Database, actor: Actor, q: { openedFrom?: string }, lang: Lang): Promise<Buffer> {
  const rows = await findOverdue(db, actor, q);
  const w = WORDS[lang];
  const itemName = new Map(ITEMS.map((i) => [i.key, lang === 'zh-CN' ? i.zh : i.en]));
  const book = new ExcelJS.Workbook();
  const now = new Date();
  const sheet = book.addWorksheet(w.sheet!, { headerFooter: { oddFooter: watermark(actor, now) } });
  sheet.addRow(HEAD[lang]).font = { bold: true };
  for (const r of rows) {
    sheet.addRow([r.customerNo, guardCell(r.name), w[r.kind], guardCell(r.institutionName), w[r.tier], r.percent, r.openedOn, r.deadline,
      r.gaps.map((g) => w[g]).join('、'), r.missing.map((m) => itemName.get(m as never) ?? m).join('、')]);
  }
  sheet.addRow([]);
  sheet.addRow([watermark(actor, now)]);
  sheet.columns.forEach((c, i) => { c.width = [14, 30, 8, 20, 16, 10, 12, 12, 30, 40][i]; });
  await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'completeness.overdue.export', entityType: 'customer', entityId: null, after: { openedFrom: q.openedFrom ?? null, rows: rows.length } }));
  return Buffer.from(await book.xlsx.writeBuffer());
}

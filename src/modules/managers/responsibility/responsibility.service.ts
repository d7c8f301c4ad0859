// The maintenance responsibility table (REL-24): for each active customer in the reader's charge,
// the responsibility level its value calls for (responsibility.rules.ts), the primary manager in
// force today with the level his roles give him, and whether the two agree — the 1-to-N table a
// branch keeps (one person, N customers), with a summary of proposed × actual levels and an Excel
// export. All in SQL over customer_position, scoped by the one scope predicate.
import ExcelJS from 'exceljs';
import { sql, type RawBuilder } from 'kysely';
import type { Database, Executor } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { AppError } from '../../../common/http/errors.ts';
import type { Lang } from '../../../common/i18n/i18n.ts';
import { guardCell } from '../../../common/text.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import { watermark } from '../../customers/export/export.service.ts';
import { getSetting } from '../../settings/settings.service.ts';
import { inForce } from '../relation.queries.ts';
import { LEVEL_RANK, RESPONSIBILITY_LEVELS, type Agreement, type ResponsibilityLevel, type ResponsibilityRules } from './responsibility.rules.ts';

export interface ResponsibilityQuery { proposed?: ResponsibilityLevel; agreement?: Agreement; page: number; pageSize: number }

const BASIS = { balance: 'deposit_balance', month_avg: 'deposit_month_avg', quarter_avg: 'deposit_quarter_avg', year_avg: 'deposit_year_avg' } as const;
const levelOfRank = (rank: number | null): ResponsibilityLevel | null => RESPONSIBILITY_LEVELS.find((l) => LEVEL_RANK[l] === rank) ?? null;

/** The proposed level's rank (4…1) of a customer's position row `p`, under `rules`. */
function proposedRank(rules: ResponsibilityRules): RawBuilder<number> {
  const deposit = sql`coalesce(p.${sql.ref(BASIS[rules.basis])}, 0)`;
  const loan = sql`coalesce(p.loan_balance, 0)`;
  return sql<number>`case
    when ${deposit} >= ${rules.headOffice.deposit}::numeric or ${loan} >= ${rules.headOffice.loan}::numeric then 4
    when ${deposit} >= ${rules.outletHead.deposit}::numeric or ${loan} >= ${rules.outletHead.loan}::numeric then 3
    when ${loan} > 0 or ${deposit} >= ${rules.customerManager.deposit}::numeric then 2
    else 1 end`;
}

/**
 * Each person's level from his roles, once per person (joined to the customers, not asked per
 * customer): the head of a level-1 institution (head office, the union) 4, any other institution
 * head 3, a customer-manager role 2, a non-corporate-line user (tellers) 1; other roles none (null).
 */
function personRanks(db: Executor) {
  return db.selectFrom('user_role as ur').innerJoin('role as r', 'r.id', 'ur.role_id').innerJoin('app_user as pu', 'pu.id', 'ur.user_id')
    .innerJoin('institution as i', 'i.id', 'pu.home_institution_id').where('pu.kind', '=', 'person').groupBy('ur.user_id')
    .select(['ur.user_id', sql<number | null>`case
      when bool_or(r.code = 'institution_head') and min(i.level) = 1 then 4
      when bool_or(r.code = 'institution_head') then 3
      when bool_or(r.category = 'manager') then 2
      when bool_or(r.code = 'non_corporate_user') then 1 end`.as('rank')]);
}

/** Each active customer in my charge with its proposed rank, its primary manager today and his rank, and how they agree. */
function table(db: Executor, actor: Actor, rules: ResponsibilityRules) {
  const today = businessToday();
  // `customer` by its own name: the scope predicate (customerInScope) is written against it.
  return db.selectFrom('customer')
    .leftJoin('customer_position as p', 'p.customer_id', 'customer.id')
    .leftJoin('customer_manager as m', (j) => j.onRef('m.customer_id', '=', 'customer.id').on('m.role', '=', 'primary').on(inForce('m', today)))
    .leftJoin('app_user as u', 'u.id', 'm.user_id')
    .leftJoin(personRanks(db).as('pr'), 'pr.user_id', 'm.user_id')
    .leftJoin('institution as ci', 'ci.id', 'customer.institution_id')
    .where('customer.status', '=', 'active').where(customerInScope(actor))
    .select(['customer.id', 'customer.customer_no as customerNo', 'customer.name', 'customer.kind', 'ci.name as institution', 'u.id as managerId', 'u.display_name as manager',
      sql<string>`coalesce(p.deposit_balance, 0)::text`.as('deposits'), sql<string>`coalesce(p.deposit_month_avg, 0)::text`.as('depositMonthAvg'),
      sql<string>`coalesce(p.loan_balance, 0)::text`.as('loans'),
      proposedRank(rules).as('proposed_rank'),
      // null: nobody answers (no primary, or the outlet's temporary staff); 0: a person whose roles carry no responsibility level.
      sql<number | null>`case when m.user_id is null or u.kind = 'temporary_staff' then null else coalesce(pr.rank, 0) end`.as('actual_rank')]);
}

const agreementOf = (proposed: number, actual: number | null): Agreement =>
  (actual === null ? 'unassigned' : actual === proposed ? 'match' : actual < proposed ? 'below' : 'above');

/** The agreement filter as SQL over the table's two ranks. */
function agreementWhere(agreement: Agreement) {
  const p = sql.ref('t.proposed_rank'), a = sql.ref('t.actual_rank');
  return { match: sql<boolean>`${a} = ${p}`, below: sql<boolean>`${a} < ${p}`, above: sql<boolean>`${a} > ${p}`, unassigned: sql<boolean>`${a} is null` }[agreement];
}

function filtered(db: Executor, actor: Actor, rules: ResponsibilityRules, q: Omit<ResponsibilityQuery, 'page' | 'pageSize'>) {
  let base = db.selectFrom(table(db, actor, rules).as('t')).selectAll('t');
  if (q.proposed) base = base.where('t.proposed_rank', '=', LEVEL_RANK[q.proposed]);
  if (q.agreement) base = base.where(agreementWhere(q.agreement));
  return base;
}

type Row = Awaited<ReturnType<ReturnType<typeof filtered>['execute']>>[number];
const present = (r: Row) => ({
  customerId: Number(r.id), customerNo: r.customerNo, name: r.name, kind: r.kind, institution: r.institution,
  deposits: r.deposits, depositMonthAvg: r.depositMonthAvg, loans: r.loans,
  proposed: levelOfRank(Number(r.proposed_rank))!, manager: r.managerId === null ? null : { id: r.managerId, name: r.manager! },
  actual: levelOfRank(r.actual_rank === null ? null : Number(r.actual_rank)), agreement: agreementOf(Number(r.proposed_rank), r.actual_rank === null ? null : Number(r.actual_rank)),
});

/** One page of the table: the customers calling for the most senior responsibility first, then by deposits. */
export async function listResponsibility(db: Executor, actor: Actor, q: ResponsibilityQuery) {
  const rules = await getSetting(db, 'managers.responsibility_rules');
  const base = filtered(db, actor, rules, q);
  const [{ total }, rows] = await Promise.all([
    db.selectFrom(base.as('f')).select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    base.orderBy('t.proposed_rank', 'desc').orderBy(sql`t.deposits::numeric`, 'desc').orderBy('t.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
  ]);
  return { rules, total, items: rows.map(present) };
}

/** Customers per proposed level × the level of the person answering for them (none: no primary, or temporary staff / another role). */
export async function responsibilitySummary(db: Executor, actor: Actor) {
  const rules = await getSetting(db, 'managers.responsibility_rules');
  const rows = await db.selectFrom(table(db, actor, rules).as('t'))
    .select(['t.proposed_rank', 't.actual_rank', sql<number>`count(*)::int`.as('n')]).groupBy(['t.proposed_rank', 't.actual_rank']).execute();
  const cells = rows.map((r) => ({ proposed: levelOfRank(Number(r.proposed_rank))!, actual: levelOfRank(r.actual_rank === null ? null : Number(r.actual_rank)), customers: Number(r.n) }));
  return { rules, cells };
}

export const MAX_EXPORT_ROWS = 100_000;
const PAGE = 2_000;
const HEAD = {
  'zh-CN': ['客户号', '客户名称', '管户机构', '存款余额（元）', '存款月日均（元）', '贷款余额（元）', '建议维护责任层级', '维护责任人', '责任人层级', '是否相符'],
  'en-US': ['Customer no.', 'Customer', 'Institution', 'Deposits (CNY)', 'Deposit month avg. (CNY)', 'Loans (CNY)', 'Proposed level', 'Responsible person', 'His level', 'Agreement'],
};
const LEVEL_WORDS: Record<Lang, Record<ResponsibilityLevel, string>> = {
  'zh-CN': { head_office: '总行（联社）领导', outlet_head: '营业单位负责人', customer_manager: '客户经理', teller: '综合柜员' },
  'en-US': { head_office: 'Head-office leader', outlet_head: 'Outlet head', customer_manager: 'Customer manager', teller: 'Teller' },
};
const AGREEMENT_WORDS: Record<Lang, Record<Agreement, string>> = {
  'zh-CN': { match: '相符', below: '责任人层级偏低', above: '责任人层级偏高', unassigned: '未落实责任人' },
  'en-US': { match: 'Agrees', below: 'Responsible person too junior', above: 'Responsible person more senior', unassigned: 'Nobody responsible' },
};

/** The table (as filtered) as .xlsx: watermarked, audited with its filters and row count. */
export async function exportResponsibility(db: Database, actor: Actor, q: Omit<ResponsibilityQuery, 'page' | 'pageSize'>, lang: Lang) {
  const first = await listResponsibility(db, actor, { ...q, page: 1, pageSize: PAGE });
  if (first.total > MAX_EXPORT_ROWS) throw new AppError('managers.responsibility.export_too_many', 422, { max: MAX_EXPORT_ROWS });
  const mark = watermark(actor, new Date());
  const wb = new ExcelJS.Workbook();
  wb.creator = actor.name;
  const ws = wb.addWorksheet(lang === 'zh-CN' ? '维护责任表' : 'Responsibility', { views: [{ state: 'frozen', ySplit: 2 }], headerFooter: { oddHeader: `&L${mark}`, oddFooter: `&L${mark}&R&P / &N` } });
  ws.columns = [14, 30, 16, 16, 18, 16, 16, 14, 16, 18].map((width) => ({ width }));
  ws.addRow([mark]);
  ws.addRow(HEAD[lang]).font = { bold: true };
  let count = 0;
  for (let page = 1, r = first; ; r = await listResponsibility(db, actor, { ...q, page: ++page, pageSize: PAGE })) {
    for (const c of r.items) {
      ws.addRow([c.customerNo, c.name, c.institution, Number(c.deposits), Number(c.depositMonthAvg), Number(c.loans), LEVEL_WORDS[lang][c.proposed],
        c.manager?.name ?? '', c.actual ? LEVEL_WORDS[lang][c.actual] : '', AGREEMENT_WORDS[lang][c.agreement]].map((v) => guardCell(v)));
    }
    count += r.items.length;
    if (r.items.length < PAGE) break;
  }
  for (const col of [4, 5, 6]) ws.getColumn(col).numFmt = '#,##0.00';
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'responsibility.export', entityType: 'customer', after: { filters: q, rowCount: count } }));
  return { fileName: `${lang === 'zh-CN' ? '维护责任表' : 'responsibility'}-${businessToday()}.xlsx`, content, rowCount: count };
}

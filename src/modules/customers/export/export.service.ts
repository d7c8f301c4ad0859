// PLAT-3 customer list export, PLAT-2 protection: the customers a search would show, within the
// caller's data scope, as .xlsx; identifiers masked unless the caller may see them and asks;
// every page and printout carries "导出人 … 时间 … 仅限内部使用", and the export is audited with
// its filters, row count and whether it was unmasked.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { BANK_TIMEZONE } from '../../../common/business-date.ts';
import { AppError, forbidden } from '../../../common/http/errors.ts';
import type { Lang } from '../../../common/i18n/i18n.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import { can, type Actor } from '../../auth/actor.ts';
import { filterCustomers, type CustomerFilter } from '../search/customer-search.ts';
import { guardCell } from '../../../common/text.ts';
import { maskValue } from '../masking.ts';

export const MAX_EXPORT_ROWS = 100_000;
const BATCH = 5000;

export type ExportFilter = CustomerFilter & { unmasked?: 'true' | 'false' };

const HEAD = {
  'zh-CN': ['客户号', '客户类型', '客户名称', '证件类型', '证件号码', '统一社会信用代码', '手机号码', '出生日期', '所属机构号', '所属机构', '状态', '黑名单', '开户日期'],
  'en-US': ['Customer no.', 'Kind', 'Name', 'Document type', 'Document number', 'Credit code', 'Mobile', 'Date of birth', 'Institution code', 'Institution', 'Status', 'Blacklisted', 'Opened on'],
};
const WORDS = {
  'zh-CN': { personal: '个人', corporate: '对公', active: '正常', deleted: '已删除', merged: '已合并', yes: '是', no: '否', sheet: '客户清单' },
  'en-US': { personal: 'Personal', corporate: 'Corporate', active: 'Active', deleted: 'Deleted', merged: 'Merged', yes: 'Yes', no: 'No', sheet: 'Customers' },
};

const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: BANK_TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The watermark line of PLAT-2: who exported, when, and that it stays inside the bank. */
export const watermark = (actor: Actor, at: Date) => `导出人 ${actor.name} 时间 ${stamp.format(at)} 仅限内部使用`;

export async function exportCustomers(db: Database, actor: Actor, f: ExportFilter, lang: Lang, maxRows = MAX_EXPORT_ROWS) {
  const unmasked = f.unmasked === 'true';
  if (unmasked && !can(actor, 'customer.sensitive.read')) throw forbidden('customer.sensitive.read');
  const filter: CustomerFilter = { q: f.q, kind: f.kind, institutionId: f.institutionId, blacklisted: f.blacklisted, status: f.status };
  const base = filterCustomers(db, actor, filter);
  const capped = await db.selectFrom(base.select('customer.id').limit(maxRows + 1).as('m')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(capped.n) > maxRows) throw new AppError('customers.export.too_many', 422, { max: maxRows });

  const at = new Date();
  const mark = watermark(actor, at);
  const idTypes = new Map((await db.selectFrom('code_item').select(['code', 'name_zh', 'name_en']).where('table_code', '=', 'id_type').execute())
    .map((r) => [r.code, lang === 'en-US' ? r.name_en : r.name_zh]));
  const W = WORDS[lang];

  // Streamed: 100,000 rows cost the compressed file in memory, not a cell object per value.
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = actor.name;
  const ws = wb.addWorksheet(W.sheet, {
    views: [{ state: 'frozen', ySplit: 2 }],
    headerFooter: { oddHeader: `&L${mark}`, oddFooter: `&L${mark}&R&P / &N` },
  });
  ws.columns = [14, 8, 28, 14, 22, 22, 14, 12, 12, 20, 8, 8, 12].map((width) => ({ width }));
  ws.addRow([mark]).commit();
  const head = ws.addRow(HEAD[lang]);
  head.font = { bold: true };
  head.commit();

  let lastId: number | null = null;
  let count = 0;
  for (;;) {
    let q = base.innerJoin('institution', 'institution.id', 'customer.institution_id')
      .leftJoin('personal_customer', 'personal_customer.customer_id', 'customer.id')
      .leftJoin('corporate_customer', 'corporate_customer.customer_id', 'customer.id')
      .select(['customer.id', 'customer.customer_no', 'customer.kind', 'customer.name', 'customer.status', 'customer.blacklisted', 'customer.created_at',
        'institution.code as institution_code', 'institution.name as institution_name', 'personal_customer.mobile', 'personal_customer.birth_date', 'corporate_customer.credit_code',
        sql<string | null>`(select id_type from customer_identity where customer_id = customer.id order by seq limit 1)`.as('id_type'),
        sql<string | null>`(select id_number from customer_identity where customer_id = customer.id order by seq limit 1)`.as('id_number')])
      .orderBy('customer.id', 'desc').limit(BATCH);
    if (lastId !== null) q = q.where('customer.id', '<', lastId);
    const rows = await q.execute();
    for (const r of rows) {
      ws.addRow([r.customer_no, W[r.kind], r.name, r.id_type ? idTypes.get(r.id_type) ?? r.id_type : null,
        unmasked ? r.id_number : maskValue('id', r.id_number), r.credit_code, unmasked ? r.mobile : maskValue('phone', r.mobile),
        r.birth_date, r.institution_code, r.institution_name, W[r.status], r.blacklisted ? W.yes : W.no,
        stamp.format(r.created_at).slice(0, 10)].map((v) => guardCell(v ?? null))).commit();
    }
    count += rows.length;
    if (rows.length < BATCH) break;
    lastId = rows.at(-1)!.id;
  }
  ws.commit();
  await wb.commit();
  await ended;

  await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'customer.export', entityType: 'customer',
    after: { filters: filter, rowCount: count, unmasked } }));
  return { fileName: `customers-${stamp.format(at).slice(0, 10)}.xlsx`, content: Buffer.concat(chunks), rowCount: count };
}

// The warning list as .xlsx (PLAT-3): the rows the list's filters select within the reader's
// scope, red first — what a branch takes into its weekly crisis meeting. Watermarked like every
// export (PLAT-2) and audited with its filters and row count.
import ExcelJS from 'exceljs';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../common/http/errors.ts';
import type { Lang } from '../../common/i18n/i18n.ts';
import { guardCell } from '../../common/text.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { watermark } from '../customers/export/export.service.ts';
import { listWarnings } from './warning.service.ts';
import type { WarningListQuery } from './warning.schema.ts';

/** More than this is a filter to narrow, not a file to read. */
export const MAX_EXPORT_WARNINGS = 50_000;
const PAGE = 200;

const HEAD = {
  'zh-CN': ['预警级别', '客户号', '客户名称', '流失评分', '危机程度', '状态', '客户经理', '机构', '预警日期', '本级别起', '联系日期', '上报日期', '结果'],
  'en-US': ['Level', 'Customer no.', 'Customer', 'Churn score', 'Crisis', 'Status', 'Manager', 'Institution', 'Raised on', 'Level since', 'Contacted', 'Escalated', 'Result'],
};
const WORDS = {
  'zh-CN': { sheet: '危机预警', yellow: '黄色', orange: '橙色', red: '红色', mild: '轻度', severe: '重度', open: '处理中', resolved: '待确认', closed: '已关闭', withdrawn: '已撤销',
    retained: '挽留成功', lost: '已流失', false_alarm: '误报' },
  'en-US': { sheet: 'Crisis warnings', yellow: 'Yellow', orange: 'Orange', red: 'Red', mild: 'Mild', severe: 'Severe', open: 'Being handled', resolved: 'Awaiting head',
    closed: 'Closed', withdrawn: 'Withdrawn', retained: 'Retained', lost: 'Lost', false_alarm: 'False alarm' },
} as const;

export async function exportWarnings(db: Database, actor: Actor, q: Omit<WarningListQuery, 'page' | 'pageSize'>, lang: Lang) {
  const first = await listWarnings(db, actor, { ...q, page: 1, pageSize: PAGE });
  if (first.total > MAX_EXPORT_WARNINGS) throw new AppError('warnings.export_too_many', 422, { max: MAX_EXPORT_WARNINGS });
  const mark = watermark(actor, new Date());
  const W = WORDS[lang];
  const word = (k: string | null) => (k ? (W as Record<string, string>)[k] ?? k : '');
  const wb = new ExcelJS.Workbook();
  wb.creator = actor.name;
  const ws = wb.addWorksheet(W.sheet, { views: [{ state: 'frozen', ySplit: 2 }], headerFooter: { oddHeader: `&L${mark}`, oddFooter: `&L${mark}&R&P / &N` } });
  ws.columns = [10, 14, 30, 10, 8, 12, 12, 16, 12, 12, 12, 12, 12].map((width) => ({ width }));
  ws.addRow([mark]);
  ws.addRow(HEAD[lang]).font = { bold: true };
  let count = 0;
  for (let page = 1, r = first; ; r = await listWarnings(db, actor, { ...q, page: ++page, pageSize: PAGE })) {
    for (const w of r.items) {
      ws.addRow([word(w.level), w.customer.customerNo, w.customer.name, w.score, word(w.crisis), word(w.status), w.managerName, w.institutionName, w.raisedOn,
        w.levelSince, w.contactOn, w.escalatedOn, word(w.result)].map((v) => guardCell(v ?? null)));
    }
    count += r.items.length;
    if (r.items.length < PAGE) break;
  }
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'warning_alert.export', entityType: 'warning_alert', after: { filters: q, rowCount: count } }));
  return { fileName: `危机预警-${q.status}.xlsx`, content, rowCount: count };
}

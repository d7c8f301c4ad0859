// REL-4: the guarantee circles of a scan as .xlsx — what a risk department takes into its credit
// committee: one row per circle touching customers in the reader's charge (members outside it
// masked as on screen), with its loans, guarantees, longest chain and institutions. Watermarked
// like every export (PLAT-2) and audited with its filters and row count.
import ExcelJS from 'exceljs';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../common/http/errors.ts';
import type { Lang } from '../../common/i18n/i18n.ts';
import { guardCell } from '../../common/text.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { watermark } from '../customers/export/export.service.ts';
import { listGuaranteeCircles, type CircleQuery } from './guarantee-scan.service.ts';

/** More circles than this is a filter to narrow, not a file to read. */
export const MAX_EXPORT_CIRCLES = 20_000;
const PAGE = 200;

const HEAD = {
  'zh-CN': ['扫描日期', '担保圈编号', '成员数', '互保', '回路数', '成员', '贷款余额合计（元）', '担保金额合计（元）', '最长担保链', '涉及机构'],
  'en-US': ['Scan date', 'Circle no.', 'Members', 'Mutual', 'Cycles', 'Members', 'Loan balance (CNY)', 'Guaranteed (CNY)', 'Longest chain', 'Institutions'],
};
const WORDS = { 'zh-CN': { yes: '是', no: '否', sheet: '担保圈', sep: '、' }, 'en-US': { yes: 'Yes', no: 'No', sheet: 'Guarantee circles', sep: ', ' } };

export async function exportGuaranteeCircles(db: Database, actor: Actor, q: Omit<CircleQuery, 'page' | 'pageSize' | 'allMembers'>, lang: Lang) {
  const first = await listGuaranteeCircles(db, actor, { ...q, page: 1, pageSize: PAGE, allMembers: true });
  if (first.total > MAX_EXPORT_CIRCLES) throw new AppError('network.circles.export_too_many', 422, { max: MAX_EXPORT_CIRCLES });
  const at = new Date();
  const mark = watermark(actor, at);
  const W = WORDS[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = actor.name;
  const ws = wb.addWorksheet(W.sheet, { views: [{ state: 'frozen', ySplit: 2 }], headerFooter: { oddHeader: `&L${mark}`, oddFooter: `&L${mark}&R&P / &N` } });
  ws.columns = [12, 10, 8, 6, 8, 60, 18, 18, 10, 30].map((width) => ({ width }));
  ws.addRow([mark]);
  ws.addRow(HEAD[lang]).font = { bold: true };
  let count = 0;
  for (let page = 1, r = first; ; r = await listGuaranteeCircles(db, actor, { ...q, page: ++page, pageSize: PAGE, allMembers: true })) {
    for (const c of r.items) {
      const members = (c.members as { name?: unknown }[]).map((m) => String(m.name ?? '*')).join(W.sep);
      ws.addRow([r.scanDate, c.circleNo, c.memberCount, c.mutual ? W.yes : W.no, c.cycleCount, members, Number(c.loanBalance), Number(c.guaranteedAmount),
        c.longestChain, c.institutions.join(W.sep)].map((v) => guardCell(v ?? null)));
    }
    count += r.items.length;
    if (r.items.length < PAGE) break;
  }
  for (const col of [7, 8]) ws.getColumn(col).numFmt = '#,##0.00';
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'guarantee_circle.export', entityType: 'guarantee_circle',
    after: { scanDate: first.scanDate, filters: q, rowCount: count } }));
  return { fileName: `担保圈-${first.scanDate ?? 'none'}.xlsx`, content, rowCount: count };
}

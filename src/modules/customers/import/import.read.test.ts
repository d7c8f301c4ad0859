// The two .xlsx readers of an upload: the streaming one every upload uses, and the whole-file one
// that decides when the streaming reader fails (an intermittent exceljs race). They must read the
// same rows from the same file, or a retried upload would import something else.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadXlsx, readSheet } from './import.read.ts';

async function book(sheets: [string, unknown[][]][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of sheets) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading an uploaded .xlsx', () => {
  it('reads the same rows with both readers: the first data sheet, blank rows skipped, row numbers kept', async () => {
    const file = await book([
      ['填写说明', [['请按模板填写']]],
      ['客户', [['*客户名称', '证件1类型', '证件1号码', '开立日期'], ['张三', '10', '110101199003071234', new Date(Date.UTC(2020, 0, 31))], [], ['李四', 10, null, 42.5]]],
      ['代码表', [['10', '居民身份证']]],
    ]);
    const streamed = await readSheet('a.xlsx', file);
    expect(streamed.rows.map((r) => r.row)).toEqual([1, 2, 4]);
    expect(streamed.rows[2]!.cells).toEqual(['李四', 10, undefined, 42.5]);
    expect(await loadXlsx(file, 50_000)).toEqual(streamed);
  });

  it('refuses too many rows and a broken file the same way with the whole-file reader', async () => {
    const file = await book([['客户', [['*客户名称'], ...Array.from({ length: 12 }, (_, i) => [`客户${i}`])]]]);
    await expect(readSheet('a.xlsx', file, 5)).rejects.toMatchObject({ code: 'customers.import.too_many_rows', status: 413 });
    await expect(loadXlsx(file, 5)).rejects.toMatchObject({ code: 'customers.import.too_many_rows', status: 413 });
    // A zip signature followed by garbage: no reader can make a workbook of it.
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not really a workbook')]);
    await expect(readSheet('a.xlsx', broken)).rejects.toMatchObject({ code: 'customers.import.unreadable', status: 422 });
    await expect(loadXlsx(broken, 50_000)).rejects.toMatchObject({ code: 'customers.import.unreadable', status: 422 });
  });
});

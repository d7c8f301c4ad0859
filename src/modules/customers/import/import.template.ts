// The import templates (PLAT-3): a data sheet with one column per field, labelled in Chinese with
// the API key in a second header row and a cell note (so the importer maps columns even when
// staff reorder them), mandatory columns marked, drop-downs for code columns fed from a code
// sheet, date, money and text formats, and a sheet of instructions.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { ImportColumn } from './import.columns.ts';
import { columnLetter, MAX_ROWS } from './import.read.ts';

export const DATA_SHEET = '数据';
export const VALIDATED_ROWS = 5000;
const CODE_SHEET = '代码表';
const HELP_SHEET = '填写说明';

const FORMAT: Partial<Record<ImportColumn['type'], string>> = { date: 'yyyy-mm-dd', money: '#,##0.00', int: '0' };
const HINT: Record<ImportColumn['type'], string> = {
  text: '文本', code: '代码：下拉选择或只填代码', date: '日期 YYYY-MM-DD', money: '金额（元），最多两位小数', int: '整数',
  bool: '是 / 否', mobile: '11 位手机号码', phone: '电话，例如 0532-88886666', postcode: '6 位邮政编码', email: '电子邮件',
  hours: 'hh-hh，例如 09-11', scale: '大型 / 中型 / 小型 / 微型',
};

async function codeLists(db: Database, tables: string[]) {
  if (!tables.length) return new Map<string, { name: string; items: string[] }>();
  // Same leaf rule as validation: registration types and industries only at their lowest level.
  const rows = await sql<{ table_code: string; table_name: string; code: string; name_zh: string }>`
    select i.table_code, t.name_zh as table_name, i.code, i.name_zh from code_item i join code_table t on t.code = i.table_code
    where i.table_code = any(${tables}::text[]) and i.active
      and not exists (select 1 from code_item c where c.table_code = i.table_code and c.parent_code = i.code and i.table_code in ('registration_type', 'industry'))
    order by i.table_code, i.sort_order, i.code`.execute(db);
  const lists = new Map<string, { name: string; items: string[] }>();
  for (const r of rows.rows) {
    if (!lists.has(r.table_code)) lists.set(r.table_code, { name: r.table_name, items: [] });
    lists.get(r.table_code)!.items.push(`${r.code} ${r.name_zh}`);
  }
  return lists;
}

export interface TemplateSpec { title: string; columns: readonly ImportColumn[]; notes: string[] }

export async function buildTemplate(db: Database, spec: TemplateSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'bank-crm';
  const data = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  const codesSheet = wb.addWorksheet(CODE_SHEET);
  const help = wb.addWorksheet(HELP_SHEET);

  const tables = [...new Set(spec.columns.flatMap((c) => (c.table ? [c.table] : [])))];
  const lists = await codeLists(db, tables);
  const rangeOf = new Map<string, string>();
  tables.forEach((table, i) => {
    const list = lists.get(table);
    if (!list) return;
    const col = codesSheet.getColumn(i + 1);
    col.width = 36;
    codesSheet.getCell(1, i + 1).value = `${list.name}（${table}）`;
    codesSheet.getCell(1, i + 1).font = { bold: true };
    list.items.forEach((item, j) => { codesSheet.getCell(j + 2, i + 1).value = item; });
    const letter = columnLetter(i);
    rangeOf.set(table, `'${CODE_SHEET}'!$${letter}$2:$${letter}$${list.items.length + 1}`);
  });

  // Drop-downs and format checks cover the rows people type by hand; pasted or generated files
  // go further, and the importer checks every row anyway. Each validated cell costs memory in
  // tools that expand ranges on reading (exceljs holds 60 × 50,000 rules as 3 million objects).
  const last = VALIDATED_ROWS + 2;
  // exceljs keeps range validations in worksheet.dataValidations; its typings only declare the per-cell form.
  const validations = (data as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  spec.columns.forEach((c, i) => {
    const n = i + 1;
    const letter = columnLetter(i);
    const label = data.getCell(1, n);
    label.value = c.required ? `*${c.zh}` : c.zh;
    label.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
    label.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFDE9E7' : 'FFEFF3F8' } };
    label.note = [`字段 key: ${c.key}`, c.en, c.required ? '必填' : '选填', HINT[c.type], c.max ? `最多 ${c.max} 字` : '', c.table ? `代码表：${c.table}` : '']
      .filter(Boolean).join('\n');
    const key = data.getCell(2, n);
    key.value = c.key;
    key.font = { italic: true, size: 9, color: { argb: 'FF808080' } };
    const column = data.getColumn(n);
    column.width = Math.min(40, Math.max(12, c.zh.length * 2 + 4));
    // Text format keeps leading zeros of codes and the digits of 18-digit ID numbers.
    column.numFmt = FORMAT[c.type] ?? '@';
    const range = `${letter}3:${letter}${last}`;
    const list = c.table ? rangeOf.get(c.table) : c.options ? `"${c.options.join(',')}"` : undefined;
    if (list) {
      // A warning, not a stop: typing the bare code is as good as picking "code name".
      validations.add(range, { type: 'list', allowBlank: true, formulae: [list], showErrorMessage: true, errorStyle: 'warning',
        errorTitle: c.zh, error: '请从下拉列表中选择，或只填写代码' });
    } else if (c.type === 'date') {
      validations.add(range, { type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date(Date.UTC(1900, 0, 1))],
        showErrorMessage: true, errorStyle: 'warning', errorTitle: c.zh, error: '请填写日期，格式 YYYY-MM-DD' });
    } else if (c.max && c.type === 'text') {
      validations.add(range, { type: 'textLength', operator: 'lessThanOrEqual', allowBlank: true, formulae: [c.max],
        showErrorMessage: true, errorStyle: 'stop', errorTitle: c.zh, error: `最多 ${c.max} 个字` });
    }
  });

  help.getColumn(1).width = 28;
  help.getColumn(2).width = 24;
  help.getColumn(3).width = 10;
  help.getColumn(4).width = 60;
  help.addRow([spec.title]).font = { bold: true, size: 14 };
  for (const line of spec.notes) help.addRow([line]);
  help.addRow([]);
  const head = help.addRow(['列名', '字段 key', '必填', '格式与说明']);
  head.font = { bold: true };
  for (const c of spec.columns) {
    help.addRow([c.zh, c.key, c.required ? '是' : '', [HINT[c.type], c.max ? `最多 ${c.max} 字` : '', c.table ? `代码见“${CODE_SHEET}”工作表（${c.table}）` : ''].filter(Boolean).join('；')]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const COMMON_NOTES = [
  `1. 在“${DATA_SHEET}”工作表第 3 行起每行填写一条记录；第 1 行为列名（带 * 为必填），第 2 行为系统字段名，请勿修改或删除。`,
  '2. 列可以调整顺序，选填列可以删除；不要添加其他列。',
  `3. 代码列可从下拉列表选择（“代码 名称”），也可只填代码；代码见“代码表”工作表。下拉列表覆盖前 ${VALIDATED_ROWS.toLocaleString('en-US')} 行，导入时每一行都会校验。`,
  '4. 日期写成 YYYY-MM-DD；金额单位为元，最多两位小数；证件号码等长数字列已设为文本格式，请勿改为数值。',
  `5. 每个文件最多 ${MAX_ROWS.toLocaleString('en-US')} 行、20 MB；也可另存为 CSV（UTF-8 或 GBK 编码）后导入。`,
  '6. 导入前可先“预检”（不保存）；只要有一行有错，整个文件都不会导入，系统会按行号、列号列出全部错误并提供错误报告下载。',
];

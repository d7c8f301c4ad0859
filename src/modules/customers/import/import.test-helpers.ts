// Shared by the import, export and industry tests: valid document numbers, multipart bodies,
// workbooks written and read with exceljs as a clerk's Excel would, and a GB18030 encoder built
// from the platform's decoder (Node can decode GB18030 but not encode it).
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { creditCodeCheckCharacter } from '../../../common/validators/credit-code.ts';
import { organizationCodeCheckCharacter } from '../../../common/validators/organization-code.ts';
import { residentIdCheckDigit } from '../../../common/validators/resident-id.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A valid resident ID (GB 11643) of Qingdao Shinan for a birth date YYYYMMDD and a 3-digit sequence. */
export const residentId = (birth: string, seq: string) => {
  const body = `370202${birth}${seq}`;
  return body + residentIdCheckDigit(body);
};

/** A valid unified social credit code (GB 32100) whose organisation code is built from `seq`. */
export function creditCode(seq: number): string {
  const body = String(seq).padStart(8, '0');
  const first17 = `91370200${body}${organizationCodeCheckCharacter(body)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** A multipart/form-data body with one file field, as a browser sends it. */
export function multipart(fileName: string, content: Buffer, contentType = XLSX_TYPE) {
  const boundary = `----crm${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A workbook with one data sheet: the header rows, then the data rows. */
export async function workbook(rows: unknown[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readWorkbook(content: Buffer | string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((typeof content === 'string' ? Buffer.from(content, 'binary') : content) as never);
  return wb;
}

let gbTable: Map<string, number[]> | null = null;

/** Encodes text as GB18030 (two-byte GBK range, enough for common Chinese); ASCII stays as is. */
export function encodeGb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const b = gbTable.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}

// The files of a core-banking daily feed as docs/feed-format.md specifies them: layouts, the
// product catalogue the generated bank sells, and a streaming writer for delimited or fixed-width
// files in UTF-8 or GB18030. Used by the feed generator (feed.ts).
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import { pad } from './random.ts';

export type FeedLayout = 'delimited' | 'fixed';
export type FeedEncoding = 'UTF-8' | 'GB18030';
export type FeedKind = 'customers' | 'accounts' | 'balances' | 'transactions' | 'opening' | 'guarantees';


// ---------------------------------------------------------------------------------------------
// Layouts (docs/feed-format.md): field widths in bytes. `text` marks fields that may hold Chinese.
// Written from the document, not imported from src/modules/feed/layouts.ts, so that a loader
// which strays from the contract fails the bench instead of agreeing with itself.

export interface Field { name: string; bytes: number; text?: boolean }
const f = (name: string, bytes: number, text = false): Field => ({ name, bytes, text });

export const LAYOUTS: Record<FeedKind, Field[]> = {
  customers: [f('customer_no', 11), f('kind', 1), f('name', 120, true), f('id_type', 2), f('id_no', 32), f('id_expires_on', 8), f('gender', 1),
    f('birth_date', 8), f('nationality', 3), f('mobile', 11), f('address', 120, true), f('postcode', 6), f('institution_code', 4)],
  accounts: [f('account_no', 32), f('customer_no', 11), f('product_id', 10), f('kind', 2), f('currency', 3), f('institution_code', 4),
    f('opened_on', 8), f('closed_on', 8), f('status', 1), f('balance', 20), f('rate', 10), f('maturity_on', 8), f('term_months', 3),
    f('contract_no', 40), f('contract_amount', 20), f('guarantee_type', 2)],
  balances: [f('account_no', 32), f('balance', 20)],
  transactions: [f('txn_no', 32), f('account_no', 32), f('txn_time', 6), f('direction', 1), f('amount', 20), f('balance_after', 20),
    f('channel', 2), f('counterparty_account', 32), f('counterparty_name', 120, true), f('summary', 60, true)],
  guarantees: [f('contract_no', 40), f('customer_no', 11), f('role', 2), f('guarantor_customer_no', 11), f('guarantor_category', 1),
    f('guarantor_name', 120, true), f('guarantor_id_type', 3), f('guarantor_id_no', 40), f('amount', 20), f('starts_on', 8)],
  opening: [f('account_no', 32), f('month_sum', 24), f('month_days', 3), f('quarter_sum', 24), f('quarter_days', 3), f('year_sum', 24), f('year_days', 3)],
};

// ---------------------------------------------------------------------------------------------
// Product catalogue the demo and the benchmarks create before the first load (10-digit core product codes).

export type AccountKindCode = 'DD' | 'TD' | 'LN' | 'WM' | 'CD';
export interface CatalogueProduct { id: string; nameZh: string; nameEn: string; category: 'deposit' | 'loan' | 'wealth' | 'card'; subType: string; kind: AccountKindCode }

export const PRODUCT_CATALOGUE: readonly CatalogueProduct[] = [
  { id: '1010000001', nameZh: '单位活期存款', nameEn: 'Corporate demand deposit', category: 'deposit', subType: 'demand', kind: 'DD' },
  { id: '1010000002', nameZh: '个人活期储蓄', nameEn: 'Personal demand savings', category: 'deposit', subType: 'demand', kind: 'DD' },
  { id: '1020000001', nameZh: '单位定期存款', nameEn: 'Corporate time deposit', category: 'deposit', subType: 'time', kind: 'TD' },
  { id: '1020000002', nameZh: '整存整取定期储蓄', nameEn: 'Lump-sum time savings', category: 'deposit', subType: 'time', kind: 'TD' },
  { id: '1020000003', nameZh: '个人大额存单', nameEn: 'Personal large-denomination CD', category: 'deposit', subType: 'time', kind: 'TD' },
  { id: '2010000001', nameZh: '个人住房按揭贷款', nameEn: 'Residential mortgage', category: 'loan', subType: 'mortgage', kind: 'LN' },
  { id: '2010000002', nameZh: '个人消费贷款', nameEn: 'Personal consumer loan', category: 'loan', subType: 'consumer', kind: 'LN' },
  { id: '2010000003', nameZh: '个人经营性贷款', nameEn: 'Personal business loan', category: 'loan', subType: 'business', kind: 'LN' },
  { id: '2020000001', nameZh: '流动资金贷款', nameEn: 'Working-capital loan', category: 'loan', subType: 'working_capital', kind: 'LN' },
  { id: '3010000001', nameZh: '稳健增利理财', nameEn: 'Steady-income wealth product', category: 'wealth', subType: 'fixed_income', kind: 'WM' },
  { id: '3010000002', nameZh: '天天利现金管理', nameEn: 'Daily cash-management product', category: 'wealth', subType: 'cash_management', kind: 'WM' },
  { id: '4010000001', nameZh: '借记卡', nameEn: 'Debit card', category: 'card', subType: 'debit', kind: 'CD' },
];
export const P = Object.fromEntries(PRODUCT_CATALOGUE.map((p, i) => [p.id, i])) as Record<string, number>;


// ---------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01, UTC: calendar arithmetic without time zones).

export const MS_DAY = 86_400_000;
export const toDayNo = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / MS_DAY;
export const isoOf = (day: number) => new Date(day * MS_DAY).toISOString().slice(0, 10);
const compactCache = new Map<number, string>();
export function ymd(day: number): string {
  let s = compactCache.get(day);
  if (s === undefined) { s = isoOf(day).replaceAll('-', ''); compactCache.set(day, s); }
  return s;
}
/** Same day of month `months` later, clamped to the month's end (as loan schedules do). */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * MS_DAY);
  const y = d.getUTCFullYear(); const m = d.getUTCMonth() + months; const dom = d.getUTCDate();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(dom, last)) / MS_DAY;
}

// ---------------------------------------------------------------------------------------------
// Formatting: whole fen → yuan text; rates in ten-thousandths of a percent → '1.3500'.

export function yuan(fen: number): string {
  const a = Math.abs(fen); const y = Math.floor(a / 100); const c = a - y * 100;
  return `${fen < 0 ? '-' : ''}${y}.${c < 10 ? '0' : ''}${c}`;
}
export const rateText = (r: number) => `${Math.floor(r / 10000)}.${String(r % 10000).padStart(4, '0')}`;

// ---------------------------------------------------------------------------------------------
// Streaming file writer: delimited or fixed width, UTF-8 or GB18030, with backpressure.

export class FeedFileWriter {
  private chunk: string[] = [];
  private size = 0;
  records = 0;
  private readonly out: WriteStream;
  private readonly ascii: boolean;
  constructor(path: string, private readonly fields: Field[], private readonly layout: FeedLayout, private readonly encoding: FeedEncoding) {
    this.out = createWriteStream(path);
    // A file of ASCII-only fields is the same bytes in both encodings: skip the GB18030 encoder.
    this.ascii = !fields.some((x) => x.text);
  }

  private byteLength(v: string): number {
    return this.encoding === 'UTF-8' ? Buffer.byteLength(v, 'utf8') : iconv.encode(v, 'gb18030').length;
  }

  async row(values: readonly (string | null)[]): Promise<void> {
    if (values.length !== this.fields.length) throw new Error(`feed generator: ${values.length} values for ${this.fields.length} fields`);
    let line: string;
    if (this.layout === 'delimited') {
      line = values.map((v) => v ?? '').join('|');
    } else {
      line = '';
      for (let i = 0; i < values.length; i++) {
        const v = values[i] ?? '';
        const spec = this.fields[i]!;
        const bytes = spec.text ? this.byteLength(v) : v.length;
        if (bytes > spec.bytes) throw new Error(`feed generator: ${spec.name} '${v}' is ${bytes} bytes, the field has ${spec.bytes}`);
        line += v + ' '.repeat(spec.bytes - bytes);
      }
    }
    this.chunk.push(line, '\n');
    this.size += line.length + 1;
    this.records++;
    if (this.size >= 1 << 18) await this.flush();
  }

  private async flush() {
    if (!this.size) return;
    const text = this.chunk.join('');
    this.chunk = []; this.size = 0;
    const buf = this.encoding === 'UTF-8' ? Buffer.from(text, 'utf8') : this.ascii ? Buffer.from(text, 'latin1') : iconv.encode(text, 'gb18030');
    if (!this.out.write(buf)) await once(this.out, 'drain');
  }

  async close(): Promise<number> {
    await this.flush();
    await new Promise<void>((resolve, reject) => { this.out.once('error', reject); this.out.end(resolve); });
    return this.records;
  }
}

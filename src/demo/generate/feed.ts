// A core-banking daily feed for the demo book and the benchmarks, in the formats of
// docs/feed-format.md: day 1 is the bank's full book (every customer, about three accounts each, every balance, the day's
// transactions); each later day is what a core system sends after its end-of-day batch — new and
// changed customers, new and closed accounts, the full balance file and the day's transactions.
//
// Deterministic for a seed. Files are streamed with backpressure; the only per-account state kept
// is a set of typed arrays (about 50 bytes an account), never a row object per account.
// Balances are whole fen: integers in Float64Array are exact below 2^53 fen (90 trillion yuan),
// so no amount is ever rounded by floating point.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { residentIdCheckDigit } from '../../common/validators/resident-id.ts';
import { creditCodeCheckCharacter } from '../../common/validators/credit-code.ts';
import { organizationCodeCheckCharacter } from '../../common/validators/organization-code.ts';
import { luhnCheckDigit } from '../../modules/customers/customer-number.ts';
import { codeTableSeeds } from '../../modules/codes/seed/index.ts';
import { mix, pad, rng, scramble } from './random.ts';
import { BRANDS, COMPANY_FORMS, DISTRICTS, GIVEN, MERCHANTS, MOBILE_PREFIXES, PAYMENT_FIRMS, ROADS, SURNAMES, SURNAME_WEIGHTS, TRADES, UTILITIES } from './reference.ts';
import { addMonths, FeedFileWriter, isoOf, LAYOUTS, MS_DAY, P, PRODUCT_CATALOGUE, rateText, toDayNo, ymd, yuan, type AccountKindCode, type FeedEncoding, type FeedKind, type FeedLayout } from './feed-files.ts';

export * from './feed-files.ts';

export interface FeedOptions {
  outDir: string;
  customers: number;
  days: number;
  /** First business date, YYYY-MM-DD; the days follow on consecutive calendar days, as core batches run. */
  startDate: string;
  seed?: number;
  layout?: FeedLayout;
  encoding?: FeedEncoding;
  /** Opening institutions' 4-character codes; default: the outlets bench/customers.ts's bankTree creates. */
  institutions?: string[];
  /**
   * Customers the CRM already holds (the demo book's, imported before the first load): the first
   * day opens their accounts but sends no customer record for them, and later days change only
   * the core's own customers. `customers` then counts the core's own customers, and may be 0.
   */
  book?: BookCustomer[];
  /**
   * The first day carries the opening position (期初积数): each open account's month-, quarter- and
   * year-to-date 积数 and days, as if its balance had stood at the first day's since the period
   * began or it opened — a bank going live mid-year (the demo book). The bench leaves it out.
   */
  opening?: boolean;
}

/**
 * A customer of the CRM's book. A watched one's manager gets something to act on near the last
 * day: a time deposit maturing within the alert windows and a large balance change.
 */
export interface BookCustomer {
  customerNo: string; corporate: boolean; institution: string; watched?: boolean;
  /**
   * A customer sliding towards leaving (WARN-1, docs/early-warning.md): from some weeks before the
   * last day his transactions stop and part of his money leaves; 'red' closes every account on the
   * last day. Deterministic (no draws of the generator), so every other customer's data is as before.
   */
  sliding?: 'yellow' | 'orange' | 'red';
}

export interface GeneratedDay { date: string; dir: string; files: { kind: FeedKind; file: string; records: number }[]; ms: number }

/** The outlets bench/customers.ts's bankTree creates (10 branches of 10 sub-branches). */
export function benchOutletCodes(): string[] {
  const codes: string[] = [];
  for (let b = 1; b <= 10; b++) for (let s = 1; s <= 10; s++) codes.push(`S${String(b).padStart(2, '0')}${s % 10}`);
  return codes;
}

// ---------------------------------------------------------------------------------------------
// Reference data of the feed itself.

const ALPHABET31 = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// Intraday activity by hour (relative), for monotone transaction times.
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 6, 8, 9, 9, 8, 8, 8, 8, 8, 8, 9, 9, 8, 6, 4, 2];
const HOUR_CDF = (() => { const t = HOUR_WEIGHTS.reduce((a, b) => a + b, 0); let c = 0; return HOUR_WEIGHTS.map((w) => (c += w / t)); })();

// Account kinds as stored in the typed arrays.
const KINDS: AccountKindCode[] = ['DD', 'TD', 'LN', 'WM', 'CD'];
const DD = 0, TD = 1, LN = 2, WM = 3, CD = 4;
// Account status codes of the feed, by index.
const STATUS = ['A', 'D', 'C', 'F'] as const;
const ACTIVE = 0, DORMANT = 1, CLOSED = 2, FROZEN = 3;

/** Every account's state: struct of arrays, grown by doubling. */
class AccountBook {
  count = 0;
  customer = new Int32Array(0); kind = new Uint8Array(0); status = new Uint8Array(0); product = new Uint8Array(0);
  institution = new Uint16Array(0); opened = new Int32Array(0); closed = new Int32Array(0); maturity = new Int32Array(0);
  term = new Uint16Array(0); rate = new Int32Array(0); guarantee = new Uint8Array(0);
  balance = new Float64Array(0); contract = new Float64Array(0);
  constructor(capacity: number) { this.grow(capacity); }
  private grow(capacity: number) {
    for (const key of ['customer', 'kind', 'status', 'product', 'institution', 'opened', 'closed', 'maturity', 'term', 'rate', 'guarantee', 'balance', 'contract'] as const) {
      const old = this[key];
      const next = new (old.constructor as new (n: number) => typeof old)(capacity);
      next.set(old as never);
      (this as Record<string, unknown>)[key] = next;
    }
  }
  add(): number {
    if (this.count === this.customer.length) this.grow(Math.max(1024, this.count * 2));
    return this.count++;
  }
}

// ---------------------------------------------------------------------------------------------

/** Generates the days one at a time: each is complete (control file written last) when yielded. */
export async function* feedDays(opts: FeedOptions): AsyncGenerator<GeneratedDay> {
  const seed = opts.seed ?? 20261125;
  const layout = opts.layout ?? 'delimited';
  const encoding = opts.encoding ?? 'UTF-8';
  const held = opts.book ?? [];
  const B = held.length;
  const outlets = [...new Set([...(opts.institutions ?? benchOutletCodes()), ...held.map((c) => c.institution)])];
  const outletIndex = new Map(outlets.map((code, i) => [code, i]));
  const N = B + opts.customers;
  if (!Number.isInteger(opts.customers) || opts.customers < 0 || N < 1) throw new Error('customers must be a positive integer');
  if (!Number.isInteger(opts.days) || opts.days < 1) throw new Error('days must be a positive integer');
  const start = toDayNo(opts.startDate);
  if (!Number.isFinite(start)) throw new Error(`startDate must be YYYY-MM-DD: ${opts.startDate}`);

  // Day-to-day volumes, proportional to the bank's size.
  const perDay = (share: number) => Math.max(1, Math.round(N * share));
  const NEW_CUSTOMERS = perDay(0.0002), CHANGED_CUSTOMERS = perDay(0.0003), NEW_ACCOUNTS = perDay(0.0025);
  const CLOSED_ACCOUNTS = perDay(0.0003), TRANSACTIONS = perDay(0.3);
  const customerCapacity = N + opts.days * NEW_CUSTOMERS;

  const r = rng(seed);
  const uniform = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[], rand = r) => xs[Math.floor(rand() * xs.length)]!;
  const normal = (rand = r) => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  /** Log-normal amount in whole fen: most small, a few very large. */
  const amountFen = (medianYuan: number, sigma: number, rand = r) => Math.max(1, Math.min(9e13, Math.round(medianYuan * Math.exp(sigma * normal(rand)) * 100)));

  const seeds = codeTableSeeds();
  const counties = seeds.find((t) => t.code === 'division')!.items.filter((i) => i.level === 3).map((i) => i.code);
  const homeCounties = counties.filter((c) => c.startsWith('37'));
  const surnameTotal = SURNAME_WEIGHTS.reduce((a, b) => a + b, 0);

  // Identity numbers and mobiles are unique by construction: an affine permutation maps a slot to
  // (birth day, sequence code) and to a mobile number, so no set of issued numbers is kept.
  const birthFirst = start - Math.round(85 * 365.25), birthDays = Math.round(67 * 365.25);
  const ID_SLOTS = birthDays * 1000;
  if (customerCapacity > ID_SLOTS) throw new Error('too many customers for distinct identity numbers');
  const idSlot = scramble(ID_SLOTS, seed);
  const MOBILE_SLOTS = MOBILE_PREFIXES.length * 1e8;
  const mobileSlotOf = scramble(MOBILE_SLOTS, seed);
  const mobileOf = (slot: number) => { const p = mobileSlotOf(slot); return MOBILE_PREFIXES[Math.floor(p / 1e8)]! + pad(p % 1e8, 8); };
  const companySlot = scramble(31 ** 6, seed);
  const mobileSlot = new Int32Array(customerCapacity).fill(-1);
  const addressVersion = new Uint16Array(customerCapacity);
  let nextMobileSlot = customerCapacity;
  let customerCount = 0;

  /** Core customer numbers: prefix 1 (the CRM's own start with 9), 9-digit sequence, Luhn digit. */
  const customerNo = (i: number) => { if (i < B) return held[i]!.customerNo; const body = `1${pad(i + 1, 9)}`; return body + luhnCheckDigit(body); };
  const accountNo = (a: number, kind: number) => {
    const body = kind === CD ? `62218800${pad(a, 10)}` : `8${kind + 1}${pad(a, 15)}`;
    return body + luhnCheckDigit(body);
  };
  const outletOf = (i: number) => (i < B ? outletIndex.get(held[i]!.institution)! : mix(seed, 7, i) % outlets.length);

  function address(i: number, corporate: boolean, version = addressVersion[i]!) {
    const a = rng(mix(seed, 3, i, version));
    const [city, district, division, postcode] = pick(DISTRICTS, a);
    const street = `山东省${city}${district}${pick(ROADS, a)}${1 + Math.floor(a() * 300)}号`;
    return { division, postcode, text: corporate ? `${street}${pick(['', '写字楼', '大厦'], a)}${a() < 0.5 ? `${1 + Math.floor(a() * 30)}层` : ''}`
      : `${street}${1 + Math.floor(a() * 20)}号楼${1 + Math.floor(a() * 4)}单元${1 + Math.floor(a() * 30)}0${1 + Math.floor(a() * 4)}室` };
  }

  // 90 % personal, 10 % corporate, as in a county bank's customer base: the first draw of the customer's stream.
  const isCorporate = (i: number) => (i < B ? held[i]!.corporate : rng(mix(seed, 1, i))() < 0.1);

  /** Customer i as the core system holds it today: derived from its own stream, plus its changes. */
  function customerAt(i: number) {
    const c = rng(mix(seed, 1, i));
    const corporate = c() < 0.1;
    const home = address(i, corporate);
    if (corporate) {
      // GB 11714 subject codes issued since 2015 start with MA; the rest is unique per customer.
      let body = '';
      for (let n = companySlot(i), k = 0; k < 6; k++, n = Math.floor(n / 31)) body = ALPHABET31[n % 31] + body;
      body = `MA${body}`;
      // The code carries the division where the company was registered: a later move does not change it.
      const registered = address(i, corporate, 0);
      const first17 = `91${registered.division}${body}${organizationCodeCheckCharacter(body)}`;
      const name = `${DISTRICTS.find((d) => d[2] === registered.division)![0].slice(0, 2)}${pick(BRANDS, c)}${pick(BRANDS, c)}${pick(TRADES, c)[0]}${pick(COMPANY_FORMS, c)}`;
      return { corporate, row: [customerNo(i), '2', name, null, first17 + creditCodeCheckCharacter(first17), null, null, null, null, null, home.text, home.postcode, outlets[outletOf(i)]!] };
    }
    let x = c() * surnameTotal; let s = 0;
    while (s < SURNAMES.length - 1 && (x -= SURNAME_WEIGHTS[s]!) > 0) s++;
    const name = SURNAMES[s]! + pick(GIVEN, c) + (c() < 0.7 ? pick(GIVEN, c) : '');
    const slot = idSlot(i);
    const birth = ymd(birthFirst + Math.floor(slot / 1000));
    const seq = slot % 1000;
    const body = `${c() < 0.7 ? pick(homeCounties, c) : pick(counties, c)}${birth}${pad(seq, 3)}`;
    const expires = ymd(start + 30 + Math.floor(c() * 20 * 365));
    const mobile = mobileOf(mobileSlot[i]! >= 0 ? mobileSlot[i]! : i);
    return { corporate, row: [customerNo(i), '1', name, '10', body + residentIdCheckDigit(body), expires, seq % 2 === 1 ? '1' : '2', birth, 'CHN', mobile, home.text, home.postcode, outlets[outletOf(i)]!] };
  }

  const book = new AccountBook(Math.ceil(N * 3.2) + opts.days * (NEW_ACCOUNTS + NEW_CUSTOMERS * 3));
  const TD_TERMS = [3, 6, 12, 24, 36, 60];
  const TD_RATES = [8000, 10000, 12000, 13000, 16000, 16500];
  const LOAN_RATES: Record<string, [number, number]> = { '2010000001': [30500, 35000], '2010000002': [34500, 60000], '2010000003': [34500, 48000], '2020000001': [32000, 55000] };

  /** Opens an account of `kind` for customer `cust`, on `day` (today) or, for the first book, some day before. */
  function openAccount(cust: number, corporate: boolean, kind: number, today: number, backdated: boolean): number {
    const a = book.add();
    book.customer[a] = cust; book.kind[a] = kind; book.status[a] = ACTIVE; book.closed[a] = 0; book.maturity[a] = 0;
    book.term[a] = 0; book.rate[a] = 0; book.guarantee[a] = 0; book.contract[a] = 0;
    book.institution[a] = r() < 0.9 ? outletOf(cust) : Math.floor(r() * outlets.length);
    const scale = corporate ? 40 : 1;
    let opened = backdated ? today - uniform(30, 15 * 365) : today;
    switch (kind) {
      case DD: case CD:
        book.product[a] = kind === CD ? P['4010000001']! : corporate ? P['1010000001']! : P['1010000002']!;
        book.rate[a] = 1000;
        book.balance[a] = backdated ? amountFen(corporate ? 200_000 : 2_500, corporate ? 2.2 : 1.9) : 0;
        if (backdated) {
          const u = r();
          if (u < 0.06) { book.status[a] = DORMANT; book.balance[a] = Math.floor(r() * 1000); } else if (u < 0.07) book.status[a] = FROZEN;
          else if (u < 0.10) { book.status[a] = CLOSED; book.balance[a] = 0; book.closed[a] = today - uniform(1, 300); opened = book.closed[a]! - uniform(30, 3000); }
        }
        break;
      case TD: {
        const t = Math.floor(r() * TD_TERMS.length);
        const large = !corporate && r() < 0.1;
        book.product[a] = corporate ? P['1020000001']! : large ? P['1020000003']! : P['1020000002']!;
        book.term[a] = TD_TERMS[t]!;
        book.rate[a] = TD_RATES[t]! + (large ? 2000 : 0);
        // The first book's deposits mature over the coming year (at most one term ahead).
        book.maturity[a] = backdated ? today + uniform(1, Math.min(365, addMonths(today, TD_TERMS[t]!) - today)) : addMonths(today, TD_TERMS[t]!);
        if (backdated) opened = addMonths(book.maturity[a]!, -TD_TERMS[t]!);
        book.balance[a] = Math.max(large ? 20_000_000 : 5_000, amountFen(50_000 * scale, 1.0));
        break;
      }
      case LN: {
        const product = corporate ? '2020000001' : pick(['2010000001', '2010000001', '2010000002', '2010000002', '2010000003']);
        book.product[a] = P[product]!;
        const term = product === '2010000001' ? 12 * uniform(10, 30) : product === '2010000002' ? pick([12, 24, 36]) : product === '2010000003' ? pick([12, 24, 36, 60]) : pick([6, 12, 12, 24, 36]);
        book.term[a] = term;
        const [lo, hi] = LOAN_RATES[product]!;
        book.rate[a] = lo + 5 * Math.floor(r() * ((hi - lo) / 5 + 1));
        const median = { '2010000001': 800_000, '2010000002': 50_000, '2010000003': 300_000, '2020000001': 3_000_000 }[product]!;
        book.contract[a] = Math.round(amountFen(median, 0.8) / 100_000) * 100_000 || 100_000;
        book.guarantee[a] = product === '2010000001' ? 3 : product === '2010000002' ? 1 : uniform(1, 4);
        if (backdated) {
          // Drawn some months ago, not yet due: the outstanding principal is what is left of it.
          const elapsed = uniform(1, Math.max(1, Math.min(term - 1, 120)));
          opened = addMonths(today, -elapsed) - uniform(0, 27);
          book.balance[a] = Math.max(100, Math.round(book.contract[a]! * (1 - elapsed / term)));
        } else book.balance[a] = book.contract[a]!;
        book.maturity[a] = addMonths(opened, term);
        break;
      }
      case WM:
        book.product[a] = r() < 0.6 ? P['3010000001']! : P['3010000002']!;
        book.balance[a] = Math.max(1_000_000, Math.round(amountFen(100_000 * (corporate ? 20 : 1), 1.0) / 100_000) * 100_000);
        if (backdated) opened = today - uniform(7, 3 * 365);
        break;
    }
    book.opened[a] = opened;
    return a;
  }

  /** The kinds of accounts a customer holds in the first book: about three each. */
  function firstBookKinds(corporate: boolean): number[] {
    const k: number[] = [];
    if (corporate) {
      k.push(DD);
      if (r() < 0.4) k.push(DD);
      if (r() < 0.4) k.push(TD);
      if (r() < 0.35) k.push(LN);
      if (r() < 0.1) k.push(WM);
      return k;
    }
    if (r() < 0.97) k.push(CD);
    if (r() < 0.25) k.push(CD);
    if (r() < 0.45) k.push(DD);
    if (r() < 0.6) { k.push(TD); if (r() < 0.5) { k.push(TD); if (r() < 0.33) k.push(TD); } }
    if (r() < 0.12) k.push(LN);
    if (r() < 0.25) k.push(WM);
    return k;
  }

  // Watched customers (BookCustomer): a one-year deposit maturing within 30 days of the last day
  // (a third within 7), and one large credit to a current account in the last five days.
  const lastDay = start + opts.days - 1;
  const largeCredits = new Map<number, number[]>();
  function watch(i: number, corporate: boolean, today: number) {
    const td = openAccount(i, corporate, TD, today, true);
    book.term[td] = 12; book.rate[td] = TD_RATES[2]!;
    book.maturity[td] = lastDay + (r() < 0.35 ? uniform(1, 7) : uniform(8, 30));
    // Opened a year before it matures, or on the first day for a feed longer than that year.
    book.opened[td] = Math.min(today, addMonths(book.maturity[td]!, -12));
    let current = -1;
    for (let a = td - 1; a >= 0 && book.customer[a] === i; a--) if (book.status[a] === ACTIVE && (book.kind[a] === DD || book.kind[a] === CD)) current = a;
    if (current < 0) { current = openAccount(i, corporate, DD, today, true); book.status[current] = ACTIVE; }
    const day = Math.max(1, opts.days - 1 - uniform(0, 4));
    largeCredits.set(day, [...(largeCredits.get(day) ?? []), current]);
  }

  function accountRow(a: number): (string | null)[] {
    const kind = book.kind[a]!;
    const loan = kind === LN;
    return [accountNo(a, kind), customerNo(book.customer[a]!), PRODUCT_CATALOGUE[book.product[a]!]!.id, KINDS[kind]!, 'CNY', outlets[book.institution[a]!]!,
      ymd(book.opened[a]!), book.closed[a] ? ymd(book.closed[a]!) : null, STATUS[book.status[a]!]!, yuan(book.balance[a]!),
      book.rate[a] ? rateText(book.rate[a]!) : null, book.maturity[a] ? ymd(book.maturity[a]!) : null, book.term[a] ? String(book.term[a]) : null,
      loan ? `JK${ymd(book.opened[a]!).slice(0, 4)}${pad(a, 10)}` : null, loan ? yuan(book.contract[a]!) : null, loan ? pad(book.guarantee[a]!, 2) : null];
  }

  // Sliding customers (BookCustomer.sliding): days before the last day their decline starts, and
  // the share of the current accounts' money that leaves then.
  const SLIDE = { yellow: { from: 20, out: 0.45 }, orange: { from: 40, out: 0.45 }, red: { from: 75, out: 0.9 } } as const;
  const slideOf = (a: number) => { const c = book.customer[a]!; return c < B ? held[c]!.sliding : undefined; };
  const muted = (a: number, today: number) => { const sl = slideOf(a); return !!sl && today >= lastDay - SLIDE[sl].from; };

  // ------------------------------------------------------------------ one business day
  for (let d = 0; d < opts.days; d++) {
    const t0 = performance.now();
    const today = start + d;
    const date = ymd(today);
    const dir = join(opts.outDir, date);
    await mkdir(dir, { recursive: true });
    const open = (kind: FeedKind) => new FeedFileWriter(join(dir, `${kind.toUpperCase()}_${date}.txt`), LAYOUTS[kind], layout, encoding);
    const changed = new Set<number>();

    // Customers: the whole base on day 1, then new and changed ones.
    const customersOut = open('customers');
    if (d === 0) {
      for (; customerCount < N; customerCount++) {
        const i = customerCount;
        const corporate = isCorporate(i);
        // The CRM's own customers are already there: the core sends only their accounts.
        if (i >= B) await customersOut.row(customerAt(i).row);
        for (const kind of firstBookKinds(corporate)) openAccount(i, corporate, kind, today, true);
        if (i < B && held[i]!.watched) watch(i, corporate, today);
      }
    } else {
      const touched = new Set<number>();
      for (let k = 0; k < CHANGED_CUSTOMERS; k++) {
        if (customerCount === B) break;
        const i = B + Math.floor(r() * (customerCount - B));
        const u = r();
        if (u < 0.6 || u >= 0.85) mobileSlot[i] = nextMobileSlot++;
        if (u >= 0.6) addressVersion[i]!++;
        touched.add(i);
      }
      for (const i of touched) await customersOut.row(customerAt(i).row);
      for (let k = 0; k < NEW_CUSTOMERS; k++, customerCount++) {
        const c = customerAt(customerCount);
        await customersOut.row(c.row);
        const kinds = c.corporate ? [DD] : [CD, ...(r() < 0.4 ? [TD] : []), ...(r() < 0.1 ? [WM] : [])];
        for (const kind of kinds) changed.add(openAccount(customerCount, c.corporate, kind, today, false));
      }
      for (let k = 0; k < NEW_ACCOUNTS; k++) {
        const cust = Math.floor(r() * customerCount);
        const corporate = isCorporate(cust);
        const u = r();
        const kind = u < 0.35 ? (corporate ? DD : CD) : u < 0.7 ? TD : u < 0.8 ? DD : u < 0.95 ? WM : LN;
        changed.add(openAccount(cust, corporate, kind, today, false));
      }
    }

    // Transactions: maturities, closures and loan instalments in the night batch and at the
    // counter, then the day's card and current-account activity in time order.
    const txnsOut = open('transactions');
    let txnSeq = 0;
    let mute = -1; // a sliding customer's account whose random transaction is drawn (same draws) but not made
    const txn = async (a: number, time: string, direction: 'D' | 'C', fen: number, channel: string, cpAccount: string | null, cpName: string | null, summary: string) => {
      if (a === mute) return;
      await txnsOut.row([`${date}${pad(++txnSeq, 12)}`, accountNo(a, book.kind[a]!), time, direction, yuan(fen), yuan(book.balance[a]!), channel, cpAccount, cpName, summary]);
    };
    const close = (a: number) => { book.status[a] = CLOSED; book.closed[a] = today; book.balance[a] = 0; changed.add(a); };
    const dom = new Date(today * MS_DAY).getUTCDate();
    const lastDom = dom + 1 === new Date((today + 1) * MS_DAY).getUTCDate() ? 0 : dom; // today's day of month when it is the month's last day
    for (let a = 0; a < book.count; a++) {
      if (book.status[a] === CLOSED || book.opened[a] === today) continue;
      const kind = book.kind[a]!;
      if (kind === TD && book.maturity[a] === today) {
        const fen = book.balance[a]!;
        close(a);
        await txn(a, '001500', 'D', fen, '99', null, null, '定期到期支取');
      } else if (kind === LN) {
        const openedDom = new Date(book.opened[a]! * MS_DAY).getUTCDate();
        // Instalments fall on the drawing day of each month (the month's last day for a 31st).
        if (openedDom === dom || (lastDom && openedDom > lastDom) || book.maturity[a]! <= today) {
          const due = book.maturity[a]! <= today ? book.balance[a]! : Math.min(book.balance[a]!, Math.round(book.contract[a]! / book.term[a]!));
          book.balance[a] = book.balance[a]! - due;
          await txn(a, '003000', 'C', due, '99', null, null, '贷款还款');
          if (book.balance[a] === 0) close(a);
        }
      } else if (kind === WM) {
        // Net asset value drifts a little every day.
        book.balance[a] = Math.max(0, book.balance[a]! + Math.round(book.balance[a]! * (0.00008 + 0.0004 * normal())));
      }
    }
    const activeCurrent = (a: number) => book.status[a] === ACTIVE && (book.kind[a] === DD || book.kind[a] === CD);
    const randomCurrent = () => { for (;;) { const a = Math.floor(r() * book.count); if (activeCurrent(a)) return a; } };
    let currentAccounts = 0;
    for (let a = 0; a < book.count; a++) if (activeCurrent(a)) currentAccounts++;
    if (d > 0) {
      // Closures stay a small share of the current accounts, however small the bank.
      for (let k = 0; k < Math.min(CLOSED_ACCOUNTS, Math.floor(currentAccounts / 10)); k++) {
        const a = randomCurrent();
        const fen = book.balance[a]!;
        close(a);
        if (fen > 0) await txn(a, `09${pad(uniform(0, 59), 2)}${pad(uniform(0, 59), 2)}`, 'D', fen, '01', null, null, '销户');
      }
    }
    for (const a of largeCredits.get(d) ?? []) {
      if (book.status[a] === CLOSED) continue;
      const fen = isCorporate(book.customer[a]!) ? uniform(60, 500) * 1_000_000 : uniform(55, 150) * 1_000_000;
      book.balance[a] = book.balance[a]! + fen;
      await txn(a, `10${pad(uniform(0, 59), 2)}${pad(uniform(0, 59), 2)}`, 'C', fen, '01', accountNo(uniform(0, book.count - 1), DD),
        `${pick(BRANDS)}${pick(BRANDS)}${pick(TRADES)[0]}有限公司`, isCorporate(book.customer[a]!) ? '货款' : '转账存入');
    }
    for (let k = 0; k < (currentAccounts ? TRANSACTIONS : 0); k++) {
      const a = randomCurrent();
      const corporate = isCorporate(book.customer[a]!);
      const u = (k + r()) / TRANSACTIONS;
      let h = 0; while (h < 23 && HOUR_CDF[h]! < u) h++;
      const within = (u - (h ? HOUR_CDF[h - 1]! : 0)) / (HOUR_CDF[h]! - (h ? HOUR_CDF[h - 1]! : 0));
      const secs = Math.min(3599, Math.floor(within * 3600));
      const time = `${pad(h, 2)}${pad(Math.floor(secs / 60), 2)}${pad(secs % 60, 2)}`;
      const scale = corporate ? 20 : 1;
      const large = r() < 0.005;
      let credit = r() < 0.4;
      let fen = large ? amountFen(200_000 * scale, 1.2) : credit ? amountFen(3_000 * scale, 1.0) : amountFen(150 * scale, 1.5);
      if (!credit && fen > book.balance[a]!) credit = true;
      if (book.status[a] === FROZEN) credit = true;
      const balanceBefore = book.balance[a]!;
      mute = muted(a, today) ? a : -1;
      book.balance[a] = book.balance[a]! + (credit ? fen : -fen);
      const peer = () => accountNo(Math.floor(r() * book.count), CD);
      const person = () => pick(SURNAMES) + pick(GIVEN) + (r() < 0.7 ? pick(GIVEN) : '');
      const v = r();
      if (credit) {
        if (large) await txn(a, time, 'C', fen, '01', peer(), person(), '转账存入');
        else if (v < 0.4) await txn(a, time, 'C', fen, '04', accountNo(Math.floor(r() * book.count), DD), `${pick(BRANDS)}${pick(BRANDS)}${pick(TRADES)[0]}有限公司`, '代发工资');
        else if (v < 0.8) await txn(a, time, 'C', fen, '05', peer(), person(), '手机银行转账');
        else await txn(a, time, 'C', fen, v < 0.9 ? '01' : '02', null, null, '现金存入');
      } else {
        if (large) await txn(a, time, 'D', fen, '01', peer(), person(), '转账支出');
        else if (v < 0.35) await txn(a, time, 'D', fen, '03', null, pick(MERCHANTS), '消费');
        else if (v < 0.6) await txn(a, time, 'D', fen, '07', null, pick(PAYMENT_FIRMS), '快捷支付');
        else if (v < 0.75) await txn(a, time, 'D', fen, '05', peer(), person(), '手机银行转账');
        else if (v < 0.85) await txn(a, time, 'D', fen, '02', null, null, 'ATM取款');
        else await txn(a, time, 'D', fen, '04', null, pick(UTILITIES), '代缴费');
      }
      if (mute === a) book.balance[a] = balanceBefore;
    }
    mute = -1;
    // Sliding customers: the money leaves on the first day of the decline; a red one closes every account on the last day.
    for (let a = 0; a < book.count; a++) {
      const sl = slideOf(a);
      if (!sl || book.status[a] === CLOSED) continue;
      if (today === lastDay - SLIDE[sl].from && (book.kind[a] === DD || book.kind[a] === CD)) {
        const fen = Math.floor(book.balance[a]! * SLIDE[sl].out);
        book.balance[a] = book.balance[a]! - fen;
        if (fen > 0) await txn(a, '101500', 'D', fen, '01', null, null, '转账支出');
      }
      if (sl === 'red' && today === lastDay) {
        const fen = book.balance[a]!;
        close(a);
        if (fen > 0) await txn(a, '093000', 'D', fen, '01', null, null, '销户');
      }
    }

    // Accounts: the whole book on day 1, then the ones opened or closed today.
    const accountsOut = open('accounts');
    if (d === 0) { for (let a = 0; a < book.count; a++) await accountsOut.row(accountRow(a)); }
    else for (const a of [...changed].sort((x, y) => x - y)) await accountsOut.row(accountRow(a));

    // Balances: every open account.
    const balancesOut = open('balances');
    for (let a = 0; a < book.count; a++) if (book.status[a] !== CLOSED) await balancesOut.row([accountNo(a, book.kind[a]!), yuan(book.balance[a]!)]);

    // Guarantees (保证): every open loan secured by a guarantee, the core's whole list each day — a
    // guarantor among the first book's customers (never the borrower), or one in five a person who
    // does not bank with us, named by his identity document. Drawn from the loan's own stream, so
    // a loan has the same guarantor every day.
    const guaranteesOut = open('guarantees');
    for (let a = 0; a < book.count; a++) {
      if (book.kind[a] !== LN || book.guarantee[a] !== 2 || book.status[a] === CLOSED) continue;
      const g = rng(mix(seed, 11, a));
      const borrower = book.customer[a]!;
      const head = [`JK${ymd(book.opened[a]!).slice(0, 4)}${pad(a, 10)}`, customerNo(borrower), '01'];
      const tail = [yuan(book.contract[a]!), ymd(book.opened[a]!)];
      const stranger = customerCapacity + a; // an identity slot no customer uses
      if ((g() < 0.8 || stranger >= ID_SLOTS) && N > 1) {
        let guarantor = Math.floor(g() * (N - 1));
        if (guarantor >= borrower) guarantor++;
        await guaranteesOut.row([...head, customerNo(guarantor), null, null, null, null, ...tail]);
      } else if (stranger < ID_SLOTS) {
        const slot = idSlot(stranger);
        const body = `${pick(homeCounties, g)}${ymd(birthFirst + Math.floor(slot / 1000))}${pad(slot % 1000, 3)}`;
        const name = SURNAMES[Math.floor(g() * SURNAMES.length)]! + pick(GIVEN, g) + pick(GIVEN, g);
        await guaranteesOut.row([...head, null, '2', name, '10', body + residentIdCheckDigit(body), ...tail]);
      }
    }

    const written: [FeedKind, FeedFileWriter][] = [['customers', customersOut], ['accounts', accountsOut], ['balances', balancesOut], ['transactions', txnsOut], ['guarantees', guaranteesOut]];
    if (d === 0 && opts.opening) {
      const openingOut = open('opening');
      const iso = isoOf(today);
      const [y, m] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))];
      const starts = [Date.UTC(y, m - 1, 1), Date.UTC(y, 3 * Math.floor((m - 1) / 3), 1), Date.UTC(y, 0, 1)].map((ms) => ms / MS_DAY);
      for (let a = 0; a < book.count; a++) {
        if (book.status[a] === CLOSED) continue;
        const cells = starts.flatMap((from) => { const days = today - Math.max(from, book.opened[a]!) + 1; return [yuan(book.balance[a]! * days), String(days)]; });
        await openingOut.row([accountNo(a, book.kind[a]!), ...cells]);
      }
      written.push(['opening', openingOut]);
    }
    const files: GeneratedDay['files'] = [];
    for (const [kind, w] of written) files.push({ kind, file: `${kind.toUpperCase()}_${date}.txt`, records: await w.close() });
    // The control file last: its presence tells the loader the folder is complete.
    await writeFile(join(dir, `CRM_FEED_${date}.ctl`),
      ['# file|kind|layout|encoding|records', ...files.map((x) => `${x.file}|${x.kind}|${layout}|${encoding}|${x.records}`)].join('\n') + '\n', 'ascii');
    yield { date: isoOf(today), dir, files, ms: performance.now() - t0 };
  }
}

/** Writes all the days into outDir/YYYYMMDD/ folders. */
export async function generateFeed(opts: FeedOptions): Promise<GeneratedDay[]> {
  const days: GeneratedDay[] = [];
  for await (const day of feedDays(opts)) days.push(day);
  return days;
}

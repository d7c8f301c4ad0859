// WARN-1 backtest: replays a generated history day by day through the daily run's own scoring
// (scoreDay: the same indicators, baselines and scorecard as the feed's run) and measures each
// level against the customers that really left — precision, recall and lead time — so a bank can
// tune bins and thresholds on evidence. The history is generated here: a book of ordinary
// customers (balances that wander, transactions at their own pace, a seasonal swing), "dippers"
// whose balance and activity drop for a few weeks and come back (the false alarms a scorecard
// must live with), and injected churners whose balances and transactions decline and stop, who
// let a time deposit mature unrenewed and close a card on the way, and who close their last
// account on their leaving day (the truth the levels are scored against).
//
// A bank runs the same measurement on its own history by replaying its feed days into a copy of
// its database (docs/early-warning.md); this generator exists so the measurement ships with the code.
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { applyBusinessDay } from '../accounts/balances/balance.service.ts';
import { addWorkingDays } from '../calendar/calendar.service.ts';
import { getSetting } from '../settings/settings.service.ts';
import { monthStart } from './indicators.ts';
import { scoreDay } from './warning.run.ts';
import { LEVEL_RANK, LEVELS, type Level, type Scorecard } from './scorecard.ts';

export interface BacktestOptions { customers: number; months: number; warmupMonths: number; churnShare: number; dipShare: number; seed: number; start: string; horizonDays: number }
export const DEFAULT_BACKTEST: BacktestOptions = { customers: 2000, months: 15, warmupMonths: 6, churnShare: 0.06, dipShare: 0.08, seed: 17, start: '2025-01-01', horizonDays: 120 };

interface Person {
  id: number; base: number; rate: number; phase: number; demand: number; time: number | null; card: number | null;
  churn: { from: string; left: string; maturity: string; cardClosed: string } | null; dip: { from: string; to: string } | null;
}
export interface LevelFigures { level: Level; flagged: number; truePositives: number; precision: number | null; churnersCaught: number; recall: number | null; medianLeadDays: number | null; p25LeadDays: number | null }
export interface BacktestReport { customers: number; churners: number; replayDays: number; evaluatedFrom: string; through: string; levels: LevelFigures[]; ms: number }

const DAY = 86_400_000;
const dayNo = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
function rng(seed: number) {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const quantile = (xs: number[], q: number) => { if (!xs.length) return null; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]!; };

/** The days replayed: each Friday and each month's last working day (the baseline day), from start for `months`. */
async function replayDays(db: Database, start: string, months: number): Promise<string[]> {
  const end = dayNo(monthStart(isoOf(dayNo(start) + months * 31))) ;
  const days: string[] = [];
  for (let n = dayNo(start); n < end; n++) {
    const d = isoOf(n);
    const dow = new Date(n * DAY).getUTCDay();
    if (dow === 0 || dow === 6) continue;
    if (dow === 5 || monthStart(await addWorkingDays(db, d, 1)) !== monthStart(d)) days.push(d);
  }
  return days;
}

/** Generates the book (a fresh database: institution, products, customers, accounts). */
async function generateBook(db: Database, o: BacktestOptions, days: string[]): Promise<Person[]> {
  const rand = rng(o.seed);
  const root = await db.insertInto('institution').values({ code: '0001', name: '回测银行', parent_id: null, level: 1, kind: 'statistical', path: '' }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('institution').set({ path: `/${root.id}/` }).where('id', '=', root.id).execute();
  for (const [id, nameZh, nameEn, category, subType] of [['1010000001', '活期存款', 'Demand deposit', 'deposit', 'demand'], ['1020000001', '定期存款', 'Time deposit', 'deposit', 'time'],
    ['5010000001', '借记卡', 'Debit card', 'card', 'debit']] as const) {
    await db.insertInto('product').values({ id, name_zh: nameZh, name_en: nameEn, category, sub_type: subType, currency: 'CNY' }).execute();
  }
  await sql`insert into customer (customer_no, kind, name, institution_id)
    select '9' || lpad(g::text, 10, '0'), 'personal', '回测客户' || g, ${root.id} from generate_series(1, ${o.customers}) g`.execute(db);
  const ids = (await db.selectFrom('customer').select('id').orderBy('id').execute()).map((c) => Number(c.id));
  const evalFrom = dayNo(days.find((d) => d >= isoOf(dayNo(o.start) + o.warmupMonths * 30.4))!);
  const last = dayNo(days.at(-1)!);
  const people: Person[] = [];
  let accountSeq = 0;
  const account = async (customerId: number, kind: string, productId: string, maturity: string | null) => {
    const r = await db.insertInto('account').values({ account_no: `62229${String(++accountSeq).padStart(12, '0')}`, customer_id: customerId, product_id: productId, kind, currency: 'CNY',
      institution_id: root.id, opened_on: isoOf(dayNo(o.start) - 400), status: 'active', balance: '0', maturity_on: maturity, term_months: maturity ? 12 : null } as never).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  };
  for (const id of ids) {
    const base = Math.round(20000 * Math.exp(rand() * 4)); // 20,000 … 1,100,000 yuan
    const rate = 0.15 + rand() * 1.5; // transactions a day
    const churns = rand() < o.churnShare;
    const dips = !churns && rand() < o.dipShare;
    let churn: Person['churn'] = null;
    if (churns) {
      // Leaves between the end of the warm-up and the last day; declines over 45–150 days before.
      const left = Math.round(evalFrom + rand() * (last - evalFrom));
      const from = left - Math.round(45 + rand() * 105);
      churn = { from: isoOf(from), left: isoOf(left), maturity: isoOf(Math.round(from + (left - from) * 0.5)), cardClosed: isoOf(Math.round(from + (left - from) * 0.7)) };
    }
    let dip: Person['dip'] = null;
    if (dips) { const from = Math.round(dayNo(o.start) + rand() * (last - dayNo(o.start) - 60)); dip = { from: isoOf(from), to: isoOf(from + 30 + Math.round(rand() * 30)) }; }
    const hasTime = rand() < 0.5;
    const hasCard = rand() < 0.6;
    people.push({
      id, base, rate, phase: rand() * 6.28, churn, dip,
      demand: await account(id, 'deposit_demand', '1010000001', null),
      time: hasTime ? await account(id, 'deposit_time', '1020000001', churn ? churn.maturity : isoOf(last + 200)) : null,
      card: hasCard ? await account(id, 'card', '5010000001', null) : null,
    });
  }
  return people;
}

/** Replays the history and measures each level; the database must be fresh and migrated. */
export async function runBacktest(db: Database, options: Partial<BacktestOptions> = {}, log: (line: string) => void = () => {}): Promise<BacktestReport> {
  const t0 = performance.now();
  const o = { ...DEFAULT_BACKTEST, ...options };
  const days = await replayDays(db, o.start, o.months);
  const people = await generateBook(db, o, days);
  const card: Scorecard = await getSetting(db, 'warnings.scorecard');
  const rand = rng(o.seed + 1);
  let previous = dayNo(o.start) - 7;
  const finished = new Set<number>();
  for (const d of days) {
    const n = dayNo(d);
    const gap = n - previous;
    previous = n;
    const balances: { accountId: number; balance: string }[] = [];
    const txns: { account: number; customer: number; count: number; amount: number }[] = [];
    const closes: { account: number; on: string }[] = [];
    for (const p of people) {
      let level = 1 + 0.1 * Math.sin(p.phase + n / 30) + (rand() - 0.5) * 0.1;
      let activity = 0.7 + rand() * 0.6;
      if (p.dip && d >= p.dip.from && d <= p.dip.to) { level *= 0.45; activity *= 0.4; }
      if (p.churn) {
        if (finished.has(p.id)) continue;
        const progress = Math.min(1, Math.max(0, (n - dayNo(p.churn.from)) / (dayNo(p.churn.left) - dayNo(p.churn.from))));
        level *= 1 - 0.95 * progress;
        activity *= progress > 0.7 ? 0 : (1 - progress) ** 2;
        if (d >= p.churn.left) { for (const a of [p.demand, p.time, p.card]) if (a) closes.push({ account: a, on: p.churn.left }); finished.add(p.id); }
        if (p.time && d >= p.churn.maturity && d < p.churn.left) closes.push({ account: p.time, on: p.churn.maturity });
        if (p.card && d >= p.churn.cardClosed && d < p.churn.left) closes.push({ account: p.card, on: p.churn.cardClosed });
      }
      const closedOn = (a: number) => closes.find((c) => c.account === a)?.on;
      const dem = d >= (closedOn(p.demand) ?? '9999') ? 0 : p.base * level;
      balances.push({ accountId: p.demand, balance: dem.toFixed(2) });
      if (p.time && !closedOn(p.time)) balances.push({ accountId: p.time, balance: (p.base * 0.5).toFixed(2) });
      if (p.card && !closedOn(p.card)) balances.push({ accountId: p.card, balance: '0.00' });
      const count = Math.round(p.rate * gap * activity);
      if (count > 0) txns.push({ account: p.demand, customer: p.id, count, amount: p.base * 0.02 });
    }
    await db.transaction().execute(async (tx) => {
      for (const c of closes) {
        await tx.updateTable('account').set({ status: 'closed', closed_on: c.on }).where('id', '=', c.account).where('status', '<>', 'closed').execute();
      }
      await applyBusinessDay(tx, d, balances);
      if (txns.length) {
        await sql`select account_transaction_partition(${d}::date)`.execute(tx);
        await sql`insert into account_transaction (business_date, txn_no, account_id, customer_id, direction, amount, channel)
          select ${d}::date, 'B' || t.account || '-' || g, t.account, t.customer, 'D', t.amount, '01'
            from unnest(${txns.map((t) => t.account)}::int8[], ${txns.map((t) => t.customer)}::int8[], ${txns.map((t) => t.count)}::int[], ${txns.map((t) => t.amount.toFixed(2))}::numeric[]) t(account, customer, count, amount)
            cross join lateral generate_series(1, t.count) g`.execute(tx);
      }
      await scoreDay(tx, d, card, { keepOpen: false });
    });
    log(`  replayed ${d}`);
  }
  return { ...(await measure(db, o, days, people)), ms: Math.round(performance.now() - t0) };
}

/**
 * A customer is flagged at a level on the first replayed day (after the warm-up) his level reaches
 * it. Precision: flagged customers who left within the horizon after the flag. Recall: churners
 * flagged before the day they left. Lead time: days from the first flag to leaving.
 */
async function measure(db: Database, o: BacktestOptions, days: string[], people: Person[]) {
  const evaluatedFrom = days.find((d) => d >= isoOf(dayNo(o.start) + o.warmupMonths * 30.4))!;
  const through = days.at(-1)!;
  const rows = await sql<{ customer_id: string; level: Level; first_on: string }>`
    select customer_id, l.level, min(business_date)::text as first_on from warning_score s
      cross join (values ('yellow', 1), ('orange', 2), ('red', 3)) l(level, rank)
     where s.business_date >= ${evaluatedFrom}::date and (case s.level when 'red' then 3 when 'orange' then 2 when 'yellow' then 1 else 0 end) >= l.rank
     group by customer_id, l.level`.execute(db);
  const left = new Map(people.filter((p) => p.churn && p.churn.left >= evaluatedFrom).map((p) => [p.id, p.churn!.left]));
  // Customers who left before the evaluation starts are out of the measurement.
  const gone = new Set(people.filter((p) => p.churn && p.churn.left < evaluatedFrom).map((p) => p.id));
  const levels: LevelFigures[] = LEVELS.map((level) => {
    const flagged = rows.rows.filter((r) => r.level === level && !gone.has(Number(r.customer_id)));
    let tp = 0;
    const leads: number[] = [];
    for (const f of flagged) {
      const l = left.get(Number(f.customer_id));
      if (l && dayNo(l) - dayNo(f.first_on) <= o.horizonDays && f.first_on <= l) tp++;
      if (l && f.first_on < l) leads.push(dayNo(l) - dayNo(f.first_on));
    }
    return { level, flagged: flagged.length, truePositives: tp, precision: flagged.length ? tp / flagged.length : null, churnersCaught: leads.length,
      recall: left.size ? leads.length / left.size : null, medianLeadDays: quantile(leads, 0.5), p25LeadDays: quantile(leads, 0.25) };
  });
  void LEVEL_RANK;
  return { customers: people.length, churners: left.size, replayDays: days.length, evaluatedFrom, through, levels };
}

export function formatBacktest(r: BacktestReport): string[] {
  const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
  return [
    `Backtest: ${r.customers.toLocaleString('en-US')} customers, ${r.churners} churners leaving between ${r.evaluatedFrom} and ${r.through}, ${r.replayDays} days replayed in ${(r.ms / 1000).toFixed(1)} s`,
    'level    flagged  true+  precision  caught  recall    lead median / p25 (days)',
    ...r.levels.map((l) => `${l.level.padEnd(8)} ${String(l.flagged).padStart(7)}  ${String(l.truePositives).padStart(5)}  ${pct(l.precision).padStart(9)}  ${String(l.churnersCaught).padStart(6)}  ${pct(l.recall).padStart(7)}   ${l.medianLeadDays ?? '–'} / ${l.p25LeadDays ?? '–'}`),
  ];
}

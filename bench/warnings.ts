// Early-warning benchmark (WARN-1 at a million customers) on a fresh PostgreSQL database:
//  1. a book generated in SQL: --customers customers, three accounts each (demand, time deposit,
//     card), six months of month-end baselines (warning_customer_month), the day's balances
//     (one day partition of account_balance) and the month's transactions — what the feed would
//     have left after months of days;
//  2. beside it, in the same run, a plain aggregate over the same rows (the day's balances summed
//     per customer joined to account): the floor any per-customer pass over the book pays;
//  3. the daily run (runWarnings: indicators, baseline, scores, alerts, escalation, notifications),
//     timed per step, twice (the second is an ordinary day after the first raised the alerts);
//  4. the warning list's first page for a head with --open open alerts in his subtree, p50/p95.
import { sql } from 'kysely';
import { businessToday } from '../src/common/business-date.ts';
import { createProduct } from '../src/modules/accounts/products/product.service.ts';
import { runWarnings } from '../src/modules/warnings/warning.run.ts';
import { listWarnings } from '../src/modules/warnings/warning.service.ts';
import type { Actor } from '../src/modules/auth/actor.ts';
import { bankTree, freshDatabase } from './customers.ts';
import { fmt, sample } from './timing.ts';

export interface WarningBenchOptions { customers: number; open: number; samples: number }
const n = (x: number) => x.toLocaleString('en-US');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function benchWarnings(o: WarningBenchOptions) {
  const { handle, url } = await freshDatabase('crm_bench_warnings');
  const db = handle.db;
  const { actor, outlets } = await bankTree(handle);
  const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v;
  console.log(`Early-warning benchmark on ${new URL(url).host}, PostgreSQL ${version}: ${n(o.customers)} customers, ${n(o.customers * 3)} accounts`);
  for (const [id, nameZh, nameEn, category, subType] of [['1010000001', '活期存款', 'Demand deposit', 'deposit', 'demand'], ['1020000001', '定期存款', 'Time deposit', 'deposit', 'time'],
    ['5010000001', '借记卡', 'Debit card', 'card', 'debit']] as const) {
    await createProduct(db, actor, { id, nameZh, nameEn, category, subType, currency: 'CNY' });
  }
  const D = await lastWorkingDayBefore(businessToday());
  const month = `${D.slice(0, 7)}-01`;
  const outletArray = sql.raw(`array[${outlets.join(',')}]`);
  const step = async (label: string, fn: () => Promise<unknown>) => { const t = performance.now(); await fn(); const ms = performance.now() - t; console.log(`  ${label.padEnd(44)} ${s(ms)}`); return ms; };

  console.log('\nGenerating the book');
  await step(`${n(o.customers)} customers`, () => sql`insert into customer (customer_no, kind, name, institution_id)
    select '8' || lpad(g::text, 10, '0'), 'personal', '预警客户' || g, (${outletArray})[1 + g % ${outlets.length}] from generate_series(1, ${o.customers}) g`.execute(db));
  const lo = (await sql<{ lo: number }>`select min(id)::int as lo from customer`.execute(db)).rows[0]!.lo;
  await step(`${n(o.customers * 3)} accounts`, () => sql`insert into account (account_no, customer_id, product_id, kind, currency, institution_id, opened_on, status, closed_on, balance, maturity_on, term_months)
    select '6222' || lpad((c.id * 3 + k)::text, 14, '0'), c.id, p.product, p.kind, 'CNY', c.institution_id, date '2020-01-01',
           case when k = 2 and c.id % 50 = 0 then 'closed' else 'active' end, case when k = 2 and c.id % 50 = 0 then ${D}::date - 20 end,
           0, case when k = 1 then ${D}::date + 100 end, case when k = 1 then 12 end
      from customer c cross join generate_series(0, 2) k
      cross join lateral (select (array['1010000001', '1020000001', '5010000001'])[k + 1] as product, (array['deposit_demand', 'deposit_time', 'card'])[k + 1] as kind) p`.execute(db));
  await step('the day\'s balances (one day partition)', async () => {
    await sql`select account_balance_partition(${D}::date)`.execute(db);
    await sql`insert into account_balance (business_date, account_id, customer_id, balance)
      select ${D}::date, a.id, a.customer_id, case when a.kind = 'card' then 0 else (a.customer_id % 997) * 100 * (case when a.customer_id % 40 = 0 then 0.3 else 1 end) end
        from account a where a.status = 'active'`.execute(db);
  });
  await step('six month-end baselines', () => sql`insert into warning_customer_month (month, customer_id, through_date, balance, month_avg, kinds, open_accounts, txn_count, txn_amount, last_txn_on)
    select (${month}::date - make_interval(months => m))::date, c.id, (${month}::date - make_interval(months => m - 1))::date - 1, (c.id % 997) * 150, (c.id % 997) * 150,
           3, 3, 20, 20000, case when c.id % 40 = 0 then ${D}::date - 100 else ${D}::date - 3 end
      from customer c cross join generate_series(1, 6) m`.execute(db));
  await step('the month\'s transactions', async () => {
    await sql`select account_transaction_partition(${D}::date)`.execute(db);
    await sql`insert into account_transaction (business_date, txn_no, account_id, customer_id, direction, amount, channel)
      select ${D}::date, 'W' || a.id || '-' || g, a.id, a.customer_id, 'D', 100, '01'
        from account a cross join generate_series(1, 2) g where a.kind = 'deposit_demand' and a.customer_id % 40 <> 0 and a.customer_id % 3 = 0`.execute(db);
  });
  await step('analyze', () => sql`analyze customer, account, account_balance, warning_customer_month, account_transaction`.execute(db));

  console.log(`\nBusiness date ${D}`);
  const plain = await step('plain aggregate: day\'s balances per customer', () => sql`select count(*) from (select a.customer_id, sum(b.balance) from account a
    left join account_balance b on b.business_date = ${D}::date and b.account_id = a.id group by a.customer_id) x`.execute(db));
  for (const label of ['daily run (first: raises the alerts)', 'daily run again (an ordinary day)']) {
    let result: Awaited<ReturnType<typeof runWarnings>> | undefined;
    const ms = await step(label, () => db.transaction().execute(async (tx) => { await sql`set local work_mem = '256MB'`.execute(tx); result = await runWarnings(tx, D); }));
    console.log(`    steps  ${Object.entries(result!.timings).map(([k, v]) => `${k} ${s(v)}`).join(' · ')}`);
    console.log(`    counts customers ${n(result!.customers)} · yellow ${n(result!.yellow)} · orange ${n(result!.orange)} · red ${n(result!.red)} · raised ${n(result!.raised)} · notified ${n(result!.notified)}`);
    console.log(`    ${(ms / plain).toFixed(1)}× the plain aggregate`);
  }

  // The list: a branch head over his subtree, with --open open alerts in it.
  const branch = (await db.selectFrom('institution').select(['id', 'path']).where('code', '=', 'B001').executeTakeFirstOrThrow());
  const inBranch = await sql<{ n: string }>`select count(*) as n from warning_alert al join customer cu on cu.id = al.customer_id
    join institution i on i.id = cu.institution_id where i.path like ${branch.path + '%'} and al.status = 'open'`.execute(db);
  const need = o.open - Number(inBranch.rows[0]!.n);
  if (need > 0) {
    await sql`insert into warning_alert (customer_id, level, top_level, score, factors, raised_on, level_since, as_of, assignee_institution_id)
      select c.id, 'yellow', 'yellow', 30 + c.id % 70, '[]', ${D}::date, ${D}::date, ${D}::date, c.institution_id
        from customer c join institution i on i.id = c.institution_id
       where i.path like ${branch.path + '%'} and not exists (select 1 from warning_alert al where al.customer_id = c.id and al.status in ('open', 'resolved'))
       limit ${need}`.execute(db);
  }
  await sql`analyze warning_alert`.execute(db);
  const open = Number((await sql<{ n: string }>`select count(*) as n from warning_alert al join customer cu on cu.id = al.customer_id
    join institution i on i.id = cu.institution_id where i.path like ${branch.path + '%'} and al.status = 'open'`.execute(db)).rows[0]!.n);
  const head: Actor = { ...actor, kind: 'user', id: 0, dataScope: 'institution', scopePath: branch.path } as unknown as Actor;
  const baseline = await sample(o.samples, () => sql`select id from warning_alert where status = 'open' order by id desc limit 20`.execute(db));
  const first = await sample(o.samples, () => listWarnings(db, head, { status: 'open', page: 1, pageSize: 20 }));
  const red = await sample(o.samples, () => listWarnings(db, head, { status: 'open', level: 'red', page: 1, pageSize: 20 }));
  console.log(`\nWarning list for a branch head with ${n(open)} open alerts in his subtree (${o.samples} samples, ms)`);
  console.log(`  ${'query'.padEnd(44)}     p50      p95      max`);
  console.log(`  ${'baseline: 20 open alert ids by primary key'.padEnd(44)}${fmt(baseline.p50, 2)} ${fmt(baseline.p95, 2)} ${fmt(baseline.max, 2)}`);
  console.log(`  ${'first page (with total)'.padEnd(44)}${fmt(first.p50, 2)} ${fmt(first.p95, 2)} ${fmt(first.max, 2)}`);
  console.log(`  ${'first page, red only'.padEnd(44)}${fmt(red.p50, 2)} ${fmt(red.p95, 2)} ${fmt(red.max, 2)}`);
  void lo;
  await handle.close();
}

async function lastWorkingDayBefore(today: string): Promise<string> {
  const d = new Date(`${today}T00:00:00Z`);
  do d.setUTCDate(d.getUTCDate() - 1); while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}

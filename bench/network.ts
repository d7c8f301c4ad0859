// Relationship network benchmark (issue 15 targets), on a fresh PostgreSQL database:
//  1. --customers customers and --links links (a tenth of them guarantees, the rest family,
//     shareholder, executive and employer links), generated in SQL;
//  2. the two-hop network of random customers through the service, p50/p95, beside a single
//     index lookup of one customer's links (the baseline);
//  3. the whole-bank guarantee scan (circles and chains, stored), beside a plain aggregate over
//     the same guarantee links.
// The daily relationship-level computation (item 5) is not built yet, so it is not measured.
import { sql } from 'kysely';
import { businessToday } from '../src/common/business-date.ts';
import { customerNetwork } from '../src/modules/network/network.service.ts';
import { blacklistProximity } from '../src/modules/network/blacklist-proximity.ts';
import { runGuaranteeScan } from '../src/modules/network/guarantee-scan.service.ts';
import { bankTree, freshDatabase } from './customers.ts';
import { fmt, sample } from './timing.ts';

export interface NetworkBenchOptions { customers: number; links: number; samples: number }

export async function benchNetwork(o: NetworkBenchOptions) {
  const { handle, url } = await freshDatabase('crm_bench_network');
  const db = handle.db;
  const { actor, outlets } = await bankTree(handle);
  console.log(`Network benchmark on ${new URL(url).host}, PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v}`);
  const today = businessToday();

  let t = performance.now();
  await sql`
    insert into customer (customer_no, kind, name, institution_id)
    select '8' || lpad(g::text, 10, '0'), case when g % 5 = 0 then 'corporate' else 'personal' end, '基准客户' || g,
           (${sql.raw(`array[${outlets.join(',')}]`)})[1 + g % ${outlets.length}]
      from generate_series(1, ${o.customers}) g`.execute(db);
  const { lo } = (await sql<{ lo: number }>`select min(id)::int as lo from customer`.execute(db)).rows[0]!;
  console.log(`  ${o.customers.toLocaleString()} customers in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // Each link: a customer, a party a short hop away in id order for a tenth of them (families and
  // local guarantors cluster) and anywhere for the rest; roles as a bank's book has them.
  t = performance.now();
  await sql`
    insert into customer_link (customer_id, seq, party_customer_id, role, share_pct, amount, starts_on)
    select c, row_number() over (partition by c order by g), p, role,
           case when role = '12' then 10 end, case when role in ('01', '03') then 1000000 end, date '2025-01-01'
      from (select g, ${lo} + (hashint4(g) & 2147483647) % ${o.customers} as c,
                   ${lo} + case when g % 10 = 0 then ((hashint4(g) & 2147483647) % ${o.customers} + 1 + (hashint4(g + 7) & 2147483647) % 50) % ${o.customers}
                                else (hashint4(g * 31) & 2147483647) % ${o.customers} end as p,
                   (array['01','07','06','12','13','14','11','05','12','14'])[1 + g % 10] as role
              from generate_series(1, ${o.links}) g) x
     where c <> p
    on conflict do nothing`.execute(db);
  // Circles as a book has a few of them: one triangle of mutual guarantors per 2,000 customers.
  await sql`
    insert into customer_link (customer_id, seq, party_customer_id, role, amount, starts_on)
    select a + i, 1000 + i, a + (i + 1) % 3, '01', 2000000, date '2025-01-01'
      from (select ${lo} + k * 2000 as a from generate_series(0, ${Math.floor(o.customers / 2000) - 1}) k) t, generate_series(0, 2) i
    on conflict do nothing`.execute(db);
  await sql`analyze customer_link`.execute(db);
  const { n: links } = (await sql<{ n: number }>`select count(*)::int as n from customer_link`.execute(db)).rows[0]!;
  console.log(`  ${links.toLocaleString()} links in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const random = () => lo + Math.floor(Math.random() * o.customers);
  console.log(`\nOne customer's network, ${o.samples} random customers each (ms)`);
  console.log(`  ${'query'.padEnd(48)}     p50      p95      max`);
  const rows: [string, () => Promise<unknown>][] = [
    ['two-hop network through the service', () => customerNetwork(db, actor, random(), { hops: 2 })],
    ['one-hop network through the service', () => customerNetwork(db, actor, random(), { hops: 1 })],
    ['baseline: one customer\'s links by index', () => sql`select * from customer_link where customer_id = ${random()}`.execute(db)],
  ];
  for (const [name, fn] of rows) {
    await fn();
    const s = await sample(o.samples, fn);
    console.log(`  ${name.padEnd(48)}${fmt(s.p50, 2)} ${fmt(s.p95, 2)} ${fmt(s.max, 2)}`);
  }

  t = performance.now();
  await sql`select role, count(*), sum(amount) from customer_link where role in ('01','02','03','04') and starts_on <= ${today} and (ends_on is null or ends_on > ${today}) group by role`.execute(db);
  const baseline = (performance.now() - t) / 1000;
  t = performance.now();
  const scan = await runGuaranteeScan(db, today);
  const took = (performance.now() - t) / 1000;
  console.log(`\nWhole-bank guarantee scan: ${scan.guarantees.toLocaleString()} guarantees among ${scan.parties.toLocaleString()} parties → ${scan.circles.toLocaleString()} circles, ${scan.chains.toLocaleString()} chains`);
  console.log(`  scan (load, components, chains, store)        ${fmt(took, 2)} s   (graph work ${fmt(scan.ms / 1000, 2)} s)`);
  console.log(`  baseline: plain aggregate of the guarantees   ${fmt(baseline, 2)} s`);

  // Customers near the blacklist: one customer in a thousand listed, the whole bank's list (head office) — each page walks the graph.
  await sql`update customer set blacklisted = true where id % 1000 = 0`.execute(db);
  await sql`analyze customer`.execute(db);
  console.log(`\nCustomers near the blacklist (${Math.floor(o.customers / 1000).toLocaleString()} listed), first page for the whole bank (ms)`);
  // Three hops over this bench's dense web (30 links a customer) reaches nearly every customer from
  // each listed one: not timed here (see docs/relationships.md).
  for (const hops of [1, 2]) {
    let total = 0;
    const s = await sample(Math.min(o.samples, 5), async () => { total = (await blacklistProximity(db, actor, { hops, page: 1, pageSize: 20 })).total; });
    console.log(`  ${`${hops} hop(s): ${total.toLocaleString()} customers`.padEnd(48)}${fmt(s.p50, 2)} ${fmt(s.p95, 2)} ${fmt(s.max, 2)}`);
  }
  const b = await sample(Math.min(o.samples, 5), () => sql`select count(*) from customer_link l join customer c on c.id = l.customer_id where c.blacklisted`.execute(db));
  console.log(`  ${'baseline: links of the listed, one join'.padEnd(48)}${fmt(b.p50, 2)} ${fmt(b.p95, 2)} ${fmt(b.max, 2)}`);
  await handle.close();
}

// Customer benchmark (issue: CIF at a million customers). On a fresh PostgreSQL database:
//  1. import generated customers through the application's import path (validation with
//     normaliseCustomer + bulkInsertCustomers), timed, beside a raw COPY of the same rows into
//     identically indexed copies of the tables;
//  2. p50/p95 of search by each key and of the single customer view, at 10,000 customers and
//     again at --count customers;
//  3. p50/p95 of the customer list (keyset pages sorted by a daily average, balance, name, number)
//     for a head office, a branch and a sub-branch, beside the bare index walk of the same page and
//     an exact count beside the list's capped one. Figures in customer_position are generated
//     (the feed bench times how the feed writes them).
import { Writable, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { prepareDatabase } from '../src/server/bootstrap.ts';
import { systemActor, type Actor } from '../src/modules/auth/actor.ts';
import { createInstitution } from '../src/modules/org/institution.service.ts';
import { bulkInsertCustomers, type BulkCustomer } from '../src/modules/customers/import/bulk-insert.ts';
import { codeTablesOf, loadCodeSets, normaliseCustomer, type CodeSets } from '../src/modules/customers/validate.ts';
import { encodeCursor, listCustomers } from '../src/modules/customers/list/customer-list.ts';
import type { ListSort } from '../src/modules/customers/customer.schema.ts';
import { getCustomerView } from '../src/modules/customers/customer-view.ts';
import { searchTerms } from '../src/modules/customers/search/search-terms.ts';
import { formatCustomerNo } from '../src/modules/customers/customer-number.ts';
import { businessToday } from '../src/common/business-date.ts';
import { makeGenerator, type GeneratedCustomer } from '../src/demo/generate/customers.ts';
import { fmt, sample } from './timing.ts';

const CHUNK = 20_000;

export async function freshDatabase(name = 'crm_bench'): Promise<{ handle: DatabaseHandle; url: string }> {
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = await openDatabase({ kind: 'postgres', connectionString: server, poolSize: 1 });
  await admin.exclusive(async (s) => { await s.run(`drop database if exists ${name} with (force)`); await s.run(`create database ${name}`); });
  await admin.close();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', connectionString: url.toString(), poolSize: 4 });
  await prepareDatabase(handle);
  return { handle, url: url.toString() };
}

export async function bankTree(handle: DatabaseHandle): Promise<{ actor: Actor; outlets: number[] }> {
  const db = handle.db;
  const root = await db.insertInto('institution').values({ code: '0001', name: '基准银行', parent_id: null, level: 1, kind: 'statistical', path: '' }).returningAll().executeTakeFirstOrThrow();
  await db.updateTable('institution').set({ path: `/${root.id}/` }).where('id', '=', root.id).execute();
  const actor = systemActor(root.id, `/${root.id}/`);
  // Head-office scope: the widest search any user can make.
  const outlets: number[] = [];
  for (let b = 1; b <= 10; b++) {
    const { id: branch } = await createInstitution(db, actor, { code: `B${String(b).padStart(3, '0')}`, name: `第${b}分行`, parentId: root.id, kind: 'statistical' });
    for (let s = 1; s <= 10; s++) {
      const { id } = await createInstitution(db, actor, { code: `S${String(b).padStart(2, '0')}${s % 10}`, name: `第${b}-${s}支行`, parentId: branch, kind: 'statistical' });
      outlets.push(id);
    }
  }
  return { actor: { ...actor, kind: 'system', permissions: new Set(['customer.read', 'customer.sensitive.read']) }, outlets };
}

function toInput(g: GeneratedCustomer): Record<string, unknown> {
  if (g.kind === 'personal') {
    const { kind: _k, idNumber, name: _n, ...fields } = g;
    return { ...fields, identities: [{ idType: '10', idNumber }] };
  }
  const { kind: _k, name: _n, ...fields } = g;
  return fields;
}

function validated(rows: GeneratedCustomer[], codes: Record<'personal' | 'corporate', CodeSets>, outlets: number[], today: string): BulkCustomer[] {
  return rows.map((g, i) => {
    const n = normaliseCustomer(g.kind, toInput(g), codes[g.kind], today);
    if (n.errors.length) throw new Error(`generated row invalid: ${JSON.stringify(n.errors)}`);
    return { kind: g.kind, name: g.name, institutionId: outlets[i % outlets.length]!, values: n.values, identities: n.identities };
  });
}

/** The same rows as COPY text into bench_copy.* (tables LIKE the real ones, indexes included). */
async function copyRows(client: pg.PoolClient, rows: BulkCustomer[], firstSeq: number, firstId: number) {
  const esc = (v: unknown) => (v === null || v === undefined ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));
  const arr = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/"/g, '\\"')}"`).join(',')}}`;
  const customers = rows.map((r, i) => [firstId + i, formatCustomerNo(firstSeq + i), r.kind, r.name, r.institutionId, arr(searchTerms(r.name, r.kind))].map(esc).join('\t')).join('\n') + '\n';
  const personal = rows.map((r, i) => [r, i] as const).filter(([r]) => r.kind === 'personal')
    .map(([r, i]) => [firstId + i, r.values.gender, r.values.birthDate, r.values.mobile, r.values.householdDivision, r.values.education, r.values.occupation].map(esc).join('\t')).join('\n') + '\n';
  const identities = rows.map((r, i) => [r, i] as const).filter(([r]) => r.kind === 'personal')
    .map(([r, i]) => [firstId + i, 1, '10', r.identities![0]!.idNumber].map(esc).join('\t')).join('\n') + '\n';
  const corporate = rows.map((r, i) => [r, i] as const).filter(([r]) => r.kind === 'corporate')
    .map(([r, i]) => [firstId + i, r.values.creditCode, r.values.organizationCode, r.values.registrationType, r.values.enterpriseNature, r.values.industryCode, r.values.registeredCapital, r.values.establishedOn].map(esc).join('\t')).join('\n') + '\n';
  await client.query('begin');
  for (const [stmt, data] of [
    ['copy bench_copy.customer (id, customer_no, kind, name, institution_id, search_terms) from stdin', customers],
    ['copy bench_copy.personal_customer (customer_id, gender, birth_date, mobile, household_division, education, occupation) from stdin', personal],
    ['copy bench_copy.customer_identity (customer_id, seq, id_type, id_number) from stdin', identities],
    ['copy bench_copy.corporate_customer (customer_id, credit_code, organization_code, registration_type, enterprise_nature, industry_code, registered_capital, established_on) from stdin', corporate],
  ] as const) {
    if (data.trim()) await pipeline(Readable.from([data]), client.query(copyFrom(stmt)) as unknown as Writable);
  }
  await client.query('commit');
}

/**
 * --reuse: the database a previous run left (crm_bench), when it holds at least `count` customers —
 * to measure queries again without loading a million rows again. Samples are drawn from it.
 */
async function existingDatabase(count: number) {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/crm_bench';
  const handle = await openDatabase({ kind: 'postgres', connectionString: url.toString(), poolSize: 4 }).catch(() => null);
  if (!handle) return null;
  const db = handle.db;
  const n = Number((await sql<{ n: string }>`select count(*) as n from customer`.execute(db)).rows[0]!.n);
  if (n < count) { await handle.close(); return null; }
  const root = await db.selectFrom('institution').select(['id', 'path']).where('level', '=', 1).executeTakeFirstOrThrow();
  const actor: Actor = { ...systemActor(root.id, root.path), kind: 'system', permissions: new Set(['customer.read', 'customer.sensitive.read']) };
  const persons = (await sql<{ name: string; idNumber: string; mobile: string }>`select c.name, i.id_number as "idNumber", p.mobile from customer c
    join personal_customer p on p.customer_id = c.id join customer_identity i on i.customer_id = c.id and i.seq = 1 order by random() limit 500`.execute(db)).rows
    .map((r) => ({ kind: 'personal', ...r }));
  const companies = (await sql<{ name: string; creditCode: string }>`select c.name, k.credit_code as "creditCode" from customer c
    join corporate_customer k on k.customer_id = c.id order by random() limit 500`.execute(db)).rows.map((r) => ({ kind: 'corporate', ...r }));
  return { handle, url: url.toString(), actor, count: n, samples: [...persons, ...companies] as unknown as GeneratedCustomer[] };
}

export async function benchCustomers(opts: { count: number; samples: number; reuse?: boolean }) {
  const reused = opts.reuse ? await existingDatabase(opts.count) : null;
  const { handle, url } = reused ?? await freshDatabase();
  const db = handle.db;
  const { actor, outlets } = reused ? { actor: reused.actor, outlets: [] } : await bankTree(handle);
  const today = businessToday();
  const codes = { personal: await loadCodeSets(db, codeTablesOf('personal')), corporate: await loadCodeSets(db, codeTablesOf('corporate')) };
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const copyClient = await pool.connect();
  if (!reused) await copyClient.query(`create schema bench_copy;
    create table bench_copy.customer (like public.customer including defaults including indexes);
    create table bench_copy.personal_customer (like public.personal_customer including defaults including indexes);
    create table bench_copy.corporate_customer (like public.corporate_customer including defaults including indexes);
    create table bench_copy.customer_identity (like public.customer_identity including defaults including indexes);
    alter table bench_copy.customer alter column id drop identity if exists;`);

  const gen = makeGenerator();
  const samples: GeneratedCustomer[] = reused?.samples ?? [];
  let loaded = reused?.count ?? 0;
  let importMs = 0;
  let copyMs = 0;
  let copySeq = 1;
  const lines: string[] = [];
  const log = (s: string) => { console.log(s); lines.push(s); };

  async function loadUpTo(target: number) {
    while (loaded < target) {
      const n = Math.min(CHUNK, target - loaded);
      const rows: GeneratedCustomer[] = [];
      for (let i = 0; i < n; i++) rows.push(gen.next());
      for (let i = 0; i < rows.length; i += Math.max(1, Math.floor(rows.length / 20))) samples.push(rows[i]!);
      let t = performance.now();
      const valid = validated(rows, codes, outlets, today);
      await db.transaction().execute((tx) => bulkInsertCustomers(tx, actor, valid, { source: 'import', flagDuplicates: false }));
      importMs += performance.now() - t;
      t = performance.now();
      await copyRows(copyClient, valid, copySeq, copySeq);
      copyMs += performance.now() - t;
      copySeq += n;
      loaded += n;
      process.stdout.write(`\r  loaded ${loaded.toLocaleString()} / ${target.toLocaleString()}`);
    }
    process.stdout.write('\n');
    await copyClient.query('analyze');
    // What autovacuum does after a load: statistics, and the visibility map the list's count reads
    // its index alone by.
    await sql`vacuum analyze customer`.execute(db);
    await sql`analyze`.execute(db);
  }

  // The figures the feed would write, generated: about a third of customers hold no deposit, the
  // rest spread over six orders of magnitude, averages near the balance.
  async function fillPositions() {
    await sql`update customer_position set as_of = ${today}::date,
        deposit_balance = b, deposit_month_avg = round(b * (0.8 + random() * 0.4)::numeric, 2), deposit_quarter_avg = round(b * (0.7 + random() * 0.6)::numeric, 2),
        deposit_year_avg = round(b * (0.5 + random())::numeric, 2), loan_balance = 0, value_tier = case when b >= 1000000 then 3 when b >= 100000 then 2 else 1 end
      from (select customer_id as id, case when random() < 0.33 then 0 else round(exp(random() * 15)::numeric, 2) end as b from customer_position where as_of is null) g
      where customer_position.customer_id = g.id`.execute(db);
    await sql`vacuum analyze customer_position`.execute(db);
  }

  async function measureList(label: string) {
    const scopes: [string, Actor][] = [['head office', actor]];
    for (const [name, level] of [['branch', 2], ['sub-branch', 3]] as const) {
      const i = await db.selectFrom('institution').select(['id', 'path']).where('level', '=', level).orderBy('id').limit(1).executeTakeFirstOrThrow();
      scopes.push([name, { ...actor, managingInstitutionId: i.id, scopePath: i.path }]);
    }
    const list = (a: Actor, sort: ListSort, after?: string) => listCustomers(db, a, { status: 'active', sort, order: 'desc', pageSize: 20, after });
    // Cursors at random rows: a page anywhere in the list (keyset: page 5,000 costs what page 1 does).
    const deep = (await sql<{ v: string; id: string }>`select deposit_month_avg::text as v, customer_id::text as id from customer_position order by random() limit ${opts.samples}`.execute(db)).rows
      .map((r) => encodeCursor(r.v, Number(r.id)));
    const cases: [string, (i: number) => Promise<unknown>][] = [];
    for (const [name, a] of scopes) cases.push([`month avg, ${name}`, () => list(a, 'monthAvg')]);
    cases.push(['month avg, any page', (i) => list(actor, 'monthAvg', deep[i % deep.length])]);
    for (const sort of ['yearAvg', 'balance', 'name', 'customerNo', 'grade'] as const) cases.push([`${sort}, head office`, () => list(actor, sort)]);
    cases.push(['name, sub-branch', () => list(scopes[2]![1], 'name')]);
    // Baselines in the same run: the bare index walk a sorted page cannot beat, and what an exact
    // count of the whole scope would add to every page.
    cases.push(['baseline: index walk', () => sql`select customer_id from customer_position order by deposit_month_avg desc, customer_id desc limit 21`.execute(db)]);
    cases.push(['baseline: exact count', () => sql`select count(*) from customer where status = 'active'`.execute(db)]);
    log(`\n${label}: customer list, keyset pages of 20 (ms)`);
    log(`  ${'page'.padEnd(24)}     p50      p95      max`);
    for (const [name, fn] of cases) {
      await fn(0);
      const s = await sample(opts.samples, fn);
      log(`  ${name.padEnd(24)}${fmt(s.p50, 2)} ${fmt(s.p95, 2)} ${fmt(s.max, 2)}`);
    }
  }

  async function measure(label: string) {
    const persons = samples.filter((s) => s.kind === 'personal') as Extract<GeneratedCustomer, { kind: 'personal' }>[];
    const companies = samples.filter((s) => s.kind === 'corporate') as Extract<GeneratedCustomer, { kind: 'corporate' }>[];
    const ids = (await db.selectFrom('customer').select('id').orderBy(db.fn('random', [])).limit(opts.samples).execute()).map((r) => r.id);
    const nos = (await db.selectFrom('customer').select('customer_no').orderBy(db.fn('random', [])).limit(opts.samples).execute()).map((r) => r.customer_no);
    const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;
    const search = (q: string) => listCustomers(db, actor, { q, status: 'active', sort: 'newest', order: 'desc', pageSize: 20 });
    const keys: [string, (i: number) => Promise<unknown>][] = [
      ['customer number', (i) => search(pick(nos, i))],
      ['name, 1 character', (i) => search(pick(persons, i).name.slice(0, 1))],
      ['name, 2 characters', (i) => search(pick(persons, i).name.slice(0, 2))],
      ['name, 3+ characters', (i) => search(pick(companies, i).name.slice(2, 6))],
      ['pinyin initials', (i) => search(searchTerms(pick(persons, i).name, 'personal').filter((t) => t.startsWith('py:')).sort((a, b) => b.length - a.length)[0]!.slice(3))],
      ['identity number', (i) => search(pick(persons, i).idNumber)],
      ['credit code', (i) => search(pick(companies, i).creditCode)],
      ['mobile', (i) => search(pick(persons, i).mobile)],
      ['single customer view', (i) => getCustomerView(db, actor, pick(ids, i))],
    ];
    log(`\n${label}: ${loaded.toLocaleString()} customers, ${opts.samples} samples each (ms)`);
    log(`  ${'query'.padEnd(24)}     p50      p95      max`);
    const result: Record<string, { p50: number; p95: number }> = {};
    for (const [name, fn] of keys) {
      await fn(0); // warm the plan cache
      const s = await sample(opts.samples, fn);
      result[name] = s;
      log(`  ${name.padEnd(24)}${fmt(s.p50, 2)} ${fmt(s.p95, 2)} ${fmt(s.max, 2)}`);
    }
    return result;
  }

  log(`Customer benchmark on ${new URL(url).host}, PostgreSQL ${(await copyClient.query('show server_version')).rows[0].server_version}`);
  if (reused) {
    log(`reusing crm_bench with ${loaded.toLocaleString()} customers (import not measured)`);
    await measure(`At ${loaded.toLocaleString()}`);
    await fillPositions();
    await measureList(`At ${loaded.toLocaleString()}`);
    copyClient.release();
    await pool.end();
    await handle.close();
    return;
  }
  const small = Math.min(10_000, opts.count);
  await loadUpTo(small);
  log(`import ${small.toLocaleString()}: app path ${fmt(small / (importMs / 1000), 0)} rows/s, raw COPY ${fmt(small / (copyMs / 1000), 0)} rows/s`);
  const at10k = await measure('At 10,000');
  await fillPositions();
  await measureList('At 10,000');
  if (opts.count > small) {
    importMs = 0; copyMs = 0;
    const before = loaded;
    await loadUpTo(opts.count);
    const n = loaded - before;
    log(`import ${n.toLocaleString()} more: app path ${fmt(n / (importMs / 1000), 0)} rows/s, raw COPY ${fmt(n / (copyMs / 1000), 0)} rows/s (${((copyMs / importMs) * 100).toFixed(0)} % of COPY)`);
    await sql`analyze`.execute(db);
    const atN = await measure(`At ${opts.count.toLocaleString()}`);
    await fillPositions();
    await measureList(`At ${opts.count.toLocaleString()}`);
    log('\nRatio of p95 at full size to p95 at 10,000:');
    for (const k of Object.keys(atN)) log(`  ${k.padEnd(24)}${fmt(atN[k]!.p95 / at10k[k]!.p95, 2)}×`);
  }
  copyClient.release();
  await pool.end();
  await handle.close();
}

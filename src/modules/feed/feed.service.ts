// ACC-5 the daily feed: one business date's folder loaded whole or not at all (docs/feed-format.md).
// The run is recorded in feed_run outside the load's transaction, so a rejected or failed day
// leaves its record and report; the load itself is one transaction: customers → accounts →
// balances (snapshots, running daily averages, institution figures, workbench alerts) →
// transactions → guarantees (links of the network). Any rejected row, anywhere, rolls the whole day back; every file is still read to
// the end so the report lists every rejected row at once, not one file per attempt.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import type { Database, Tx } from '../../db/database.ts';
import { copyInOf } from '../../db/copy-in.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { isBusinessDate } from '../accounts/balances/balance.service.ts';
import { maskAccountNo } from '../accounts/account.service.ts';
import { maskAddress, maskIdNumber, maskPhone } from '../../common/mask.ts';
import { rootSystemActor } from '../auth/actor.queries.ts';
import { businessToday } from '../../common/business-date.ts';
import { updateInstitutionAverages } from '../accounts/balances/institution-average.service.ts';
import { raiseAccountAlerts } from '../accounts/alerts/alert.service.ts';
import { refreshCustomerPositions } from '../customers/position/position.service.ts';
import { runWarnings } from '../warnings/warning.run.ts';
import { refreshManagerPerformance } from '../managers/performance/performance.service.ts';
import { invalid } from '../../common/http/errors.ts';
import { FEED_KINDS } from './layouts.ts';
import { controlFileName, isRejection, readControlFile, readRecords, type ControlEntry, type Rejection } from './read-file.ts';
import { CustomerFeed } from './load-customers.ts';
import { AccountFeed } from './load-accounts.ts';
import { BalanceFeed } from './load-balances.ts';
import { OpeningFeed } from './load-opening.ts';
import { TransactionFeed } from './load-transactions.ts';
import { GuaranteeFeed } from './load-guarantees.ts';
import { endInterruptedRuns, FEED_LOCK } from './interrupted-runs.ts';

export type FeedTrigger = 'cli' | 'inbox' | 'screen';
export interface FeedRunResult {
  runId: number; status: 'loaded' | 'rejected' | 'failed'; businessDate: string;
  files: ControlEntry[]; counts: Record<string, number>; timings: Record<string, number>;
  rejected: Rejection[]; rejectedTotal: number; error: string | null;
}

/** Rows kept in full in the run's report; the rest are counted. */
const REPORT_LIMIT = 1000;

class RejectedDay extends Error {}

/** How the report shows a value of each personal field: masked as the customer screens mask it for those who may not see it. */
const MASKED: Record<string, (v: string) => string | null> = {
  account_no: maskAccountNo, counterparty_account: maskAccountNo, id_no: maskIdNumber, mobile: maskPhone, address: maskAddress,
};

/**
 * The report is read by operations staff who may not see personal data: each rejection names the
 * value it is about, identifiers masked (the file and line locate the row), values cut short —
 * enough to find the row, not a copy of the file.
 */
function forReport(r: Rejection): Rejection {
  if (!r.value) return r;
  const mask = r.field ? MASKED[r.field] : undefined;
  const value = mask ? mask(r.value) ?? '' : r.value;
  return { ...r, value: value.length > 64 ? `${value.slice(0, 64)}…` : value };
}
/** A database error's text may quote a key (an account number): long digit runs are masked. */
const maskDigits = (text: string) => text.replace(/\d{12,}/g, (d) => maskAccountNo(d));


/** The latest business date loaded, or null. */
export async function latestLoadedDate(db: Database | Tx): Promise<string | null> {
  const r = await db.selectFrom('feed_run').select((eb) => eb.fn.max('business_date').as('d')).where('status', '=', 'loaded').executeTakeFirst();
  return (r?.d as string | null | undefined) ?? null;
}

export async function loadFeed(db: Database, actor: Actor, dir: string, businessDate: string, trigger: FeedTrigger = 'cli'): Promise<FeedRunResult> {
  if (!isBusinessDate(businessDate)) throw invalid({ path: 'businessDate', code: 'feed.date' });
  // A typo (2062 for 2026) would make every real day "older than the latest loaded" for good.
  if (businessDate > businessToday()) throw invalid({ path: 'businessDate', code: 'feed.date_future' });
  const folder = resolve(dir);
  await endInterruptedRuns(db, actor);
  const run = await db.insertInto('feed_run').values({
    business_date: businessDate, source_dir: folder.slice(0, 500), trigger, started_by: actor.kind === 'user' ? actor.id : null,
  }).returning('id').executeTakeFirstOrThrow();
  const rejected: Rejection[] = [];
  let rejectedTotal = 0;
  const reject = (r: Rejection) => { rejectedTotal++; if (rejected.length < REPORT_LIMIT) rejected.push(forReport(r)); };
  const timings: Record<string, number> = {};
  const counts: Record<string, number> = {};
  let files: ControlEntry[] = [];
  const timed = async <T>(phase: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try { return await fn(); } finally { timings[phase] = Math.round(performance.now() - t0); }
  };

  // Staged files go in by COPY on a PostgreSQL server (null on PGlite: INSERTs).
  const copyIn = copyInOf(db);
  let status: FeedRunResult['status'] = 'loaded';
  let error: string | null = null;
  try {
    const ctlName = controlFileName(businessDate);
    const ctlPath = join(folder, ctlName);
    if (!existsSync(ctlPath)) { reject({ file: ctlName, line: 0, field: null, code: 'feed.control_missing' }); throw new RejectedDay(); }
    const control = await readControlFile(ctlPath, ctlName);
    control.problems.forEach(reject);
    files = control.entries;
    for (const e of files) if (!existsSync(join(folder, e.file))) reject({ file: e.file, line: 0, field: null, code: 'feed.file_missing' });
    if (rejectedTotal) throw new RejectedDay();

    await db.transaction().execute(async (tx) => {
      // One load at a time, bank-wide (the inbox job and the screen may start one together). The
      // lock is the transaction's, so it is released however the load ends.
      const lock = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${FEED_LOCK}) as ok`.execute(tx);
      if (!lock.rows[0]?.ok) { reject({ file: ctlName, line: 0, field: null, code: 'feed.busy' }); throw new RejectedDay(); }
      // The day joins and aggregates millions of rows while nothing else runs: with the default
      // 4 MB each hash join of 3,000,000 rows spills to disk in 64 batches (measured: twice as slow).
      await sql`set local work_mem = '256MB'`.execute(tx);
      const latest = await latestLoadedDate(tx);
      if (latest && businessDate < latest) { reject({ file: ctlName, line: 0, field: null, code: 'feed.day_superseded', value: latest }); throw new RejectedDay(); }
      const previousDate = await tx.selectFrom('feed_run').select((eb) => eb.fn.max('business_date').as('d'))
        .where('status', '=', 'loaded').where('business_date', '<', businessDate).executeTakeFirst();
      const entry = (kind: string) => files.find((f) => f.kind === kind);
      let balancesApplied = false;
      // A file whose rows are checked once staged takes the reader's rejections too, to report all in line order.
      const readAll = async (e: ControlEntry, add: (r: { line: number; values: string[] }) => Promise<void>, unreadable: (r: Rejection) => void = reject) => {
        let n = 0;
        for await (const r of readRecords(join(folder, e.file), e)) {
          n++;
          if (isRejection(r)) unreadable(r); else await add(r);
        }
        if (n !== e.records) reject({ file: e.file, line: 0, field: null, code: 'feed.record_count', value: `${n}/${e.records}` });
        counts[`${e.kind}Records`] = n;
      };
      for (const kind of FEED_KINDS) {
        const e = entry(kind);
        if (!e) continue;
        if (kind === 'customers') {
          await timed('customers', async () => {
            // Customers the feed opens are the core's, not the clicking user's: opened by the system,
            // so nobody becomes their manager by loading the day.
            const feed = new CustomerFeed(tx, await rootSystemActor(tx), e.file, reject, businessDate, copyIn);
            await feed.init();
            await timed('customers.read', () => readAll(e, (r) => feed.add(r), (r) => feed.unreadableLine(r)));
            const steps: Record<string, number> = {};
            await feed.finish(steps);
            for (const [step, ms] of Object.entries(steps)) timings[`customers.${step}`] = ms;
            Object.assign(counts, { customersOpened: feed.counts.opened, customersUpdated: feed.counts.updated, customerFieldsChanged: feed.counts.fieldsChanged, customersSkippedDeleted: feed.counts.skippedDeleted });
          });
        } else if (kind === 'accounts') {
          await timed('accounts', async () => {
            const feed = new AccountFeed(tx, e.file, reject, copyIn);
            await feed.init();
            await timed('accounts.read', () => readAll(e, (r) => feed.add(r), (r) => feed.unreadableLine(r)));
            const steps: Record<string, number> = {};
            const r = await feed.finish(steps);
            for (const [step, ms] of Object.entries(steps)) timings[`accounts.${step}`] = ms;
            Object.assign(counts, { accountsOpened: r.opened, accountsUpdated: r.updated });
          });
        } else if (kind === 'balances') {
          const feed = new BalanceFeed(tx, e.file, reject, copyIn);
          await timed('balancesRead', async () => { await feed.init(); await readAll(e, (r) => feed.add(r)); });
          const ok = await timed('balancesCheck', () => feed.check(businessDate));
          if (ok && !rejectedTotal) {
            const steps: Record<string, number> = {};
            counts.balances = (await timed('balancesApply', () => feed.apply(businessDate, steps))).accounts;
            for (const [step, ms] of Object.entries(steps)) timings[`balancesApply.${step}`] = ms;
            // The opening position replaces the day's running totals before anything sums them.
            const opening = entry('opening');
            if (opening) {
              const openingFeed = new OpeningFeed(tx, opening.file, reject, copyIn);
              await timed('opening', async () => {
                await openingFeed.init();
                await readAll(opening, (r) => openingFeed.add(r));
                if (await openingFeed.check(businessDate) && !rejectedTotal) counts.openingPositions = await openingFeed.apply(businessDate, run.id);
              });
              if (rejectedTotal) throw new RejectedDay();
            }
            counts.institutionRows = (await timed('institutionAverages', () => updateInstitutionAverages(tx, businessDate))).rows;
            const alerts = await timed('alerts', () => raiseAccountAlerts(tx, businessDate, (previousDate?.d as string | null | undefined) ?? null));
            Object.assign(counts, { maturityAlerts: alerts.maturity, largeChangeAlerts: alerts.largeChange, alertNotifications: alerts.notified });
            balancesApplied = true;
          }
        } else if (kind === 'opening') {
          continue; // loaded with the balances, above
        } else if (kind === 'guarantees') {
          await timed('guarantees', async () => {
            const feed = new GuaranteeFeed(tx, e.file, reject, copyIn);
            await feed.init();
            await readAll(e, (r) => feed.add(r));
            if (rejectedTotal) return; // the links are brought in line only on a day otherwise good
            const r = await feed.finish(businessDate);
            if (r) Object.assign(counts, r);
          });
        } else {
          await timed('transactions', async () => {
            const feed = new TransactionFeed(tx, e.file, reject, copyIn);
            await feed.init();
            await readAll(e, (r) => feed.add(r));
            const r = await feed.finish(businessDate);
            if (r) counts.transactions = r.transactions;
          });
        }
      }
      if (rejectedTotal) throw new RejectedDay();
      // WARN-1…3 before the positions' swap (below), which must be the last thing before the commit.
      if (balancesApplied) {
        const w = await timed('warnings', () => runWarnings(tx, businessDate));
        Object.assign(counts, { warningCustomers: w.customers, warningAlertsRaised: w.raised, warningAlertsUpgraded: w.upgraded, warningEscalated: w.escalated, warningNotified: w.notified });
        for (const [step, ms] of Object.entries(w.timings)) timings[`warnings.${step}`] = ms;
      }
      // Last: on a bank's book the positions are a fresh table swapped in, and readers of the
      // customer list wait from the swap to the commit — so nothing follows it but the commit.
      if (balancesApplied) counts.customerPositions = (await timed('customerPositions', () => refreshCustomerPositions(tx, businessDate))).customers;
      // Marked loaded in the same transaction: a crash after the commit cannot leave a loaded day
      // looking unloaded (the next day's comparisons and the order check read this status).
      await tx.updateTable('feed_run').set({ status: 'loaded', finished_at: new Date(), files: JSON.stringify(files), counts: JSON.stringify(counts),
        timings: JSON.stringify(timings) }).where('id', '=', run.id).execute();
      await writeAudit(tx, actor, { action: 'feed.load', entityType: 'feed_run', entityId: run.id, after: { businessDate, trigger, counts } });
    });
    // The managers' performance of the day from the positions just committed — outside the load's
    // transaction, so that readers of the customer list do not wait on it; the job
    // 'manager-performance' redoes it should this fail.
    await timed('managerPerformance', async () => { counts.managers = (await refreshManagerPerformance(db, businessDate)).managers; }).catch(() => undefined);
  } catch (err) {
    if (err instanceof RejectedDay || rejectedTotal) status = 'rejected';
    else { status = 'failed'; error = maskDigits((err instanceof Error ? err.message : String(err)).slice(0, 2000)); }
  }
  if (status !== 'loaded') await db.updateTable('feed_run').set({
    status, finished_at: new Date(), files: JSON.stringify(files), counts: JSON.stringify(counts), timings: JSON.stringify(timings),
    rejected_total: rejectedTotal, rejected: JSON.stringify(rejected), error,
  }).where('id', '=', run.id).execute();
  return { runId: run.id, status, businessDate, files, counts, timings, rejected, rejectedTotal, error };
}

/** Dates waiting in an inbox (YYYYMMDD/ folders with their control file), after the latest loaded day, oldest first. */
export async function pendingInboxDates(db: Database, inbox: string): Promise<string[]> {
  if (!existsSync(inbox)) return [];
  const latest = await latestLoadedDate(db);
  const names = (await readdir(inbox, { withFileTypes: true })).filter((d) => d.isDirectory() && /^\d{8}$/.test(d.name)).map((d) => d.name).sort();
  return names.map((n) => `${n.slice(0, 4)}-${n.slice(4, 6)}-${n.slice(6)}`)
    .filter((d) => isBusinessDate(d) && (!latest || d > latest) && existsSync(join(inbox, d.replaceAll('-', ''), controlFileName(d))));
}

/** The inbox the core system drops its folders into (CRM_FEED_INBOX), or null when none is set. */
export const feedInbox = () => process.env.CRM_FEED_INBOX?.trim() || null;
export const inboxFolder = (inbox: string, businessDate: string) => join(inbox, businessDate.replaceAll('-', ''));
